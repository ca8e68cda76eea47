"""What the real web servers of the host tests share: a free port, start, wait, stop."""

import shutil
import socket
import subprocess
import time


def free_port() -> int:
    """A port of 127.0.0.1 the OS says is free."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerProcess:
    """A web server in a child process, in its own temporary folder; a context manager.

    Subclasses set self.folder and self.port, and give the command line in command().
    """

    name = "le serveur"

    def command(self) -> tuple[list[str], dict | None]:
        """The server's command line and environment (None: this process's)."""
        raise NotImplementedError

    def __enter__(self):
        return self.start()

    def start(self):
        """Start the server and wait until it accepts connections (10 s at most)."""
        arguments, environment = self.command()
        self.process = subprocess.Popen(
            arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"{self.name} ne répond pas")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stderr.close()
        shutil.rmtree(self.folder, ignore_errors=True)
