"""Results of the build's expensive steps, kept from one preview build to the next.

`make serve` rebuilds the whole site after every change, in one long-lived process
(plugins/sitekit/serve.py, which sets the PREVIEW setting). There, a step whose inputs did
not change (the brochure's HTML, the search's vocabulary, a photo's bytes) costs a lookup
of the digest of its inputs instead of its computation. A build without PREVIEW
(`make html`, `make publish`, the tests' builds) computes every step, as it always did.

A step slow even when it must run (the PDF after an establishment's edit) may be deferred
in the preview (`remember_later`): the build goes on with the step's previous result while
a worker process computes the new one; once it is kept, the listeners are told, and the
preview builds again, complete. Every build is still written aside and swapped in whole
(plugins/sitekit/build.py): a preview never serves a half-written file.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

PREVIEW_SETTING = "PREVIEW"

_lock = threading.RLock()  # re-entered when a result comes back before its callback is set
_build = 0  # the preview's builds so far (begin_build)
_kept: dict[str, dict] = {}  # step → digest of its inputs → [last build used, result or _Failure]
_latest: dict[str, object] = {}  # step → its last result, shown while a new one is computed
_pending: dict[str, tuple[str, object]] = {}  # step → (digest, future) being computed
_stale: set[str] = set()  # steps given their previous result since begin_build
_listeners: list = []
_workers: ProcessPoolExecutor | None = None


class _Failure:
    """A deferred step's error, raised by the next build that asks for the same inputs."""

    def __init__(self, error: BaseException):
        self.error = error


def enabled(settings) -> bool:
    """Whether this build is a preview's, which keeps and reuses the steps' results."""
    return bool(settings.get(PREVIEW_SETTING))


def digest(*parts) -> str:
    """Return a digest of picklable values (text, bytes, numbers, tuples, dataclasses)."""
    return hashlib.sha256(pickle.dumps(parts, protocol=5)).hexdigest()


def file_digest(path) -> str:
    """Return a digest of a file's bytes; "" if it cannot be read (the step reading it then
    says, in French, what is wrong)."""
    try:
        return digest(Path(path).read_bytes())
    except OSError:
        return ""


def begin_build() -> None:
    """Count a new build; drop the results that neither of the last two builds used."""
    global _build
    with _lock:
        _build += 1
        _stale.clear()
        for kept in _kept.values():
            for key in [key for key, (used, _) in kept.items() if used < _build - 2]:
                del kept[key]


def _lookup(step: str, key: str):
    found = _kept.get(step, {}).get(key)
    if found is None:
        return False, None
    found[0] = _build
    if isinstance(found[1], _Failure):
        raise found[1].error
    return True, found[1]


def _keep(step: str, key: str, value) -> None:
    _kept.setdefault(step, {})[key] = [_build, value]
    if not isinstance(value, _Failure):
        _latest[step] = value


def remember(settings, step: str, key, compute):
    """Return compute(); in the preview, the result kept for the same step and key.

    key: the digest of the step's inputs, or a function returning it (only a preview's
    build calls it: the other builds do not pay for it).
    """
    if not enabled(settings):
        return compute()
    key = key() if callable(key) else key
    with _lock:
        found, value = _lookup(step, key)
    if found:
        return value
    value = compute()
    with _lock:
        _keep(step, key, value)
    return value


def remember_later(settings, step: str, key, function, *args):
    """Return function(*args); in the preview, the result kept for the same key, else the
    step's previous result while a worker process computes function(*args).

    key: as for remember. function and args must be picklable (a module's function, plain
    values). With no previous result (the preview's first build), function runs here.
    """
    if not enabled(settings):
        return function(*args)
    key = key() if callable(key) else key
    with _lock:
        found, value = _lookup(step, key)
        if found:
            return value
        if step in _latest:
            _defer(step, key, function, args)
            _stale.add(step)
            return _latest[step]
    return remember(settings, step, key, lambda: function(*args))


def _defer(step: str, key: str, function, args) -> None:
    global _workers
    pending = _pending.get(step)
    if pending and pending[0] == key:
        return
    if pending:
        pending[1].cancel()  # inputs changed again before it started: not needed any more
    if _workers is None:
        # Spawned, not forked: the preview process runs threads (server, watcher). At a lower
        # priority: the next build, which shows the change, goes first.
        _workers = ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn"), initializer=os.nice, initargs=(10,)
        )
    future = _workers.submit(function, *args)
    _pending[step] = (key, future)
    future.add_done_callback(lambda done: _finished(step, key, done))


def _finished(step: str, key: str, future) -> None:
    global _workers
    if future.cancelled():
        return
    error = future.exception()
    with _lock:
        if isinstance(error, BrokenProcessPool) and _workers is not None:
            _workers = None  # the worker died: the next deferred step starts another
        _keep(step, key, _Failure(error) if error else future.result())
        if _pending.get(step, (None,))[0] == key:
            del _pending[step]
    for listener in list(_listeners):
        listener(step)


def stale() -> tuple[str, ...]:
    """Return the steps that gave their previous result since begin_build: a later build
    will have their new one."""
    with _lock:
        return tuple(sorted(_stale))


def on_result(listener) -> None:
    """Call listener(step) each time a deferred step's result is kept (in another thread)."""
    _listeners.append(listener)


def forget() -> None:
    """Drop every kept result and stop the worker (the preview stops, or a test starts)."""
    global _workers
    with _lock:
        _kept.clear()
        _latest.clear()
        _pending.clear()
        _stale.clear()
        _listeners.clear()
        workers, _workers = _workers, None
    if workers is not None:
        workers.shutdown(wait=True, cancel_futures=True)
