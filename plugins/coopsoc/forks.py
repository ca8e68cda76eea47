"""Work on many files shared between the processors the build may use.

each_shared calls a function for every item in forked processes (a pool of the standard
library's multiprocessing), or here, one item after the other, where forking is unsafe
(can_fork) or would cost more than it saves. It also says how many processes the build
may use, and sets the heap aside from the garbage collector while forked ones run. Warm
is a process forked early, which gets ready for one call that the build makes later.
"""

import contextlib
import gc
import multiprocessing
import os
import pickle
import threading

# How many processes write pages: every processor the build may use, unless the
# environment says otherwise (COOPSOC_PROCESSES=1 writes everything in this process).
PROCESSES_VARIABLE = "COOPSOC_PROCESSES"
# How many forked processes still rely on the heap being frozen (hold_heap).
_HELD = 0
# Below this many items per process, forking costs more than it saves.
ITEMS_PER_PROCESS = 200
# The function the pool's processes call: they inherit it when forked.
_FUNCTION = None


def hold_heap() -> None:
    """Before forking: set what the heap holds aside from the garbage collector (gc.freeze),
    until release_heap. A collection writes in every object it visits, so without this
    the parent and its forked processes would copy each other's memory page by page."""
    global _HELD
    _HELD += 1
    gc.freeze()


def release_heap() -> None:
    """The forked process that needed it is done: once none is left, unfreeze."""
    global _HELD
    _HELD -= 1
    if not _HELD:
        gc.unfreeze()


def processes() -> int:
    """Return how many processes may write pages (COOPSOC_PROCESSES, else the processors)."""
    wanted = os.environ.get(PROCESSES_VARIABLE, "").strip()
    if wanted:
        return max(1, int(wanted))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def can_fork() -> bool:
    # Forking a process that runs other threads (a preview server, a test server) can
    # deadlock the child on a lock another thread held: write in this process instead.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _call(item) -> None:
    _FUNCTION(item)


def each_shared(function, items: list, per_process: int = ITEMS_PER_PROCESS) -> None:
    """Call function(item) for every item, in no set order, and raise its first error.

    In a forked process, what function changes in memory is lost: only what it writes
    (files) remains. It must not depend on another item's call. per_process: the fewest
    items worth a process (fewer for longer calls).
    """
    global _FUNCTION
    count = min(processes(), len(items) // per_process)
    if count < 2 or not can_fork():
        for item in items:
            function(item)
        return
    _FUNCTION = function
    hold_heap()
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            # Small batches, so that a process done early takes the next one.
            pool.map(_call, items, chunksize=max(1, len(items) // (count * 16)))
    finally:
        release_heap()
        _FUNCTION = None


# The build's ends of the pipes of the warm processes alive in this process: a process
# forked later closes its copies, so that each warm process is told when the build ends.
_WARM_ENDS: set = set()


class Warm:
    """A process forked now to get ready for one call (imports, tables) beside the build,
    which hands it the call's arguments later (call) and collects its result later still
    (result), while doing other work.

    The call's function is a module's (it is sent by name), its arguments and result are
    pickled. Where the process is gone, the call is made here, with the same result. A
    failure of prepare is not raised there: the call meets it again and raises it here.
    """

    def __init__(self, prepare):
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_end, prepare), daemon=True)
        _WARM_ENDS.add(self.connection)  # the process closes its copy of this end too
        try:
            self.process.start()
        except BaseException:
            self.close()
            raise
        child_end.close()
        self.pending = None

    def call(self, function, *args) -> None:
        """Hand the process function(*args); result() gives what it returns."""
        self.pending = (function, args)
        with contextlib.suppress(OSError):  # the process is gone: result() makes the call
            self.connection.send(self.pending)

    def result(self):
        """Return what the call returned, or raise its error (its own, message included)."""
        function, args = self.pending
        try:
            status, value = self.connection.recv()
        except (EOFError, OSError):
            status, value = "gone", None
        self.close()
        if status == "ok":
            return value
        if status == "gone":
            return function(*args)
        raise value

    def close(self) -> None:
        """Let the process go (one still waiting for its call ends) and wait for its end."""
        _WARM_ENDS.discard(self.connection)
        self.connection.close()
        if self.process.pid is not None:
            self.process.join()


def _serve(connection, prepare) -> None:
    for end in _WARM_ENDS:  # the build's ends, inherited: only the build holds them
        end.close()
    with contextlib.suppress(Exception):  # the call meets the same failure, and raises it
        prepare()
    try:
        function, args = connection.recv()
    except EOFError:  # the build ended before the call (an error in its data)
        return
    try:
        outcome = ("ok", function(*args))
    except BaseException as error:  # the build raises it
        outcome = ("error", picklable(error))
    # A build that stopped before collecting the result has closed its end: nobody to tell.
    with contextlib.suppress(OSError):
        connection.send(outcome)
    connection.close()


def picklable(error: BaseException) -> BaseException:
    """The error itself if it can be sent to another process, else its type and message."""
    try:
        pickle.dumps(error)
        return error
    except Exception:
        return RuntimeError(f"{type(error).__name__} : {error}")
