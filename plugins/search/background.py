"""Build the search index on the second processor while Pelican writes the pages.

Indexing and page writing are both CPU-bound and independent once every context is
final: on a machine with two cores, forking the indexing saves most of its time. The
result (the index files, as bytes) comes back through a pipe, so the output is the same
as when indexing in-process, which is what happens where forking is unsafe or missing.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading

from plugins.coopsoc.forks import hold_heap, release_heap


def _child(connection, build):
    try:
        connection.send(("ok", build()))
    except BaseException as error:  # every failure goes back to the parent, which raises
        try:
            pickle.dumps(error)
            connection.send(("error", error))
        except Exception:
            connection.send(("error", RuntimeError(f"{type(error).__name__} : {error}")))
    finally:
        connection.close()


class Background:
    """A computation started now in a forked process, its result collected later."""

    def __init__(self, build):
        self.build = build
        self.process = None
        # Forking a process that runs other threads (a preview server, a test server) can
        # deadlock the child on a lock another thread held: compute in-process instead.
        if (
            "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1
            and (os.cpu_count() or 1) > 1
        ):
            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            self.process = context.Process(target=_child, args=(sender, build), daemon=True)
            hold_heap()  # until the result is in (release_heap in result)
            try:
                self.process.start()
            except BaseException:
                release_heap()
                raise
            sender.close()

    def result(self):
        """Return the computation's result, or raise its error."""
        if self.process is None:
            return self.build()
        try:
            status, value = self.receiver.recv()  # before join: a full pipe blocks the child
        except EOFError:
            status, value = "error", RuntimeError("l’indexation de la recherche a échoué")
        finally:
            release_heap()
        self.process.join()
        if status == "error":
            raise value
        return value
