"""Work on many files shared between the processors the build may use.

each_shared calls a function for every item in forked processes (a pool of the standard
library's multiprocessing), or here, one item after the other, where forking is unsafe
(can_fork) or would cost more than it saves. It also says how many processes the build
may use, and sets the heap aside from the garbage collector while forked ones run.
"""

import gc
import multiprocessing
import os
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
