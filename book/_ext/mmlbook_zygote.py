"""Kernels forked from a warm interpreter, so that each chapter does not pay for its imports.

A kernel started cold spends about a second of CPU importing ipykernel, NumPy, SciPy,
Matplotlib and ``mmlbook`` before its first cell runs: with twenty chapters, a sixth of the
build. Each execution worker therefore starts one *zygote*: a fresh interpreter, with the
worker's environment, that imports those modules once and then forks a kernel for each
chapter. A forked kernel is the kernel ``python -m ipykernel_launcher -f <file>`` would have
been, with the same arguments, environment and working folder, but its imports are done.

What a cold kernel sets up at start-up is set up the same way here: the zygote imports no
module that configures itself for a running IPython (``matplotlib_inline``) and creates no
IPython shell, ZeroMQ context or thread before forking; each kernel reseeds the random
generators it inherits, and ``JPY_PARENT_PID`` names the zygote, so a kernel whose zygote
is gone stops. Matplotlib reads ``MPLBACKEND`` when it is imported, so the zygote sets it
first, as ipykernel would (``IPKernelApp.init_gui_pylab``).

This file runs as the zygote (``python mmlbook_zygote.py FD``, FD the worker's end of a
socket pair) and holds the worker's side, :class:`Zygote` and :class:`ForkedKernel`; it
imports only the standard library at the top, so the zygote starts clean.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

# What every chapter's kernel imports, or most of them do. A module missing here is only
# imported later, by the kernel that needs it.
PRELOADED = (
    "ipykernel.kernelapp",
    "numpy",
    "scipy.linalg",
    "scipy.optimize",
    "matplotlib.pyplot",
    "myst_nb",
    "mmlbook.linalg",
    "mmlbook.calculus",
    "mmlbook.pca",
    "mmlbook.plotting",
    "mmlbook.datasets",
)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
KERNEL_MODULE = "ipykernel_launcher"


class Zygote:
    """The worker's handle on its zygote: ``fork`` starts one kernel."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, __file__, str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self._channel = ours
        self._replies = ours.makefile("rb")

    @staticmethod
    def can_start(kernel_cmd: list[str]) -> bool:
        """Whether ``kernel_cmd`` starts the kernel a zygote can fork (this Python's ipykernel)."""
        return kernel_cmd[:3] == [sys.executable, "-m", KERNEL_MODULE]

    def fork(self, kernel_cmd: list[str], env: dict[str, str], cwd: str | None) -> ForkedKernel:
        """A kernel as ``kernel_cmd`` would start it, in ``env`` and ``cwd``."""
        request = {"args": kernel_cmd[3:], "env": env, "cwd": cwd or os.getcwd()}
        self._channel.sendall(json.dumps(request).encode() + b"\n")
        reply = self._replies.readline()
        if not reply:
            raise RuntimeError(f"the kernel zygote exited (status {self.process.wait()})")
        return ForkedKernel(int(reply))


class ForkedKernel:
    """What jupyter-client uses of a kernel's ``Popen``, for a kernel the zygote forked.

    The zygote, not this process, is the kernel's parent and reaps it, so whether it is
    still running is asked of the system. Its exit status is not known here: a kernel
    that has exited reports 0.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        try:
            os.kill(self.pid, signum)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _become_kernel(request: dict[str, Any]) -> None:
    """In a forked child: run the kernel of ``request`` and exit when it stops."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()  # a process group of its own, as a kernel started by jupyter-client has
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ["JPY_PARENT_PID"] = str(os.getppid())
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    import random

    import numpy

    random.seed()
    numpy.random.seed()
    from ipykernel.kernelapp import IPKernelApp

    # IPKernelApp read JPY_PARENT_PID when the zygote imported it, before there was one; a
    # kernel without it does not stop when its parent does, and prints a banner for a
    # terminal.
    args = [*request["args"], f"--IPKernelApp.parent_handle={os.getppid()}"]
    status = 1
    try:
        sys.argv = [KERNEL_MODULE, *args]
        IPKernelApp.launch_instance(argv=args)
        status = 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def serve(channel_fd: int) -> None:
    """The zygote: import, then fork a kernel for each request until the worker is gone."""
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    # The kernels are reaped by the system as they exit: no zombies, no waiting here.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    channel = socket.socket(fileno=channel_fd)
    requests = channel.makefile("rb")
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            requests.close()
            channel.close()
            _become_kernel(request)
        channel.sendall(f"{pid}\n".encode())


if __name__ == "__main__":
    # Started as a script, sys.path[0] is this folder; a kernel's path does not have it.
    del sys.path[0]
    serve(int(sys.argv[1]))
