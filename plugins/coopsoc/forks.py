"""Work on many files shared between the processors the build may use.

each_shared calls a function for every item in forked processes (a pool of the standard
library's multiprocessing), or here, one item after the other, where forking is unsafe
(output.can_fork) or would cost more than it saves.
"""

import multiprocessing

from .output import can_fork, hold_heap, processes, release_heap

# Below this many items per process, forking costs more than it saves.
ITEMS_PER_PROCESS = 200
# The function the pool's processes call: they inherit it when forked.
_FUNCTION = None


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
