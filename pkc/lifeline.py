"""Child processes that end with the build: a killed pkc leaves no render worker or Pagefind run behind."""
from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _load_prctl() -> Callable[..., int] | None:
    # looked up once in the parent: loading a library in a child forked from a threaded process can deadlock
    if sys.platform != "linux":
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - every Linux C library has prctl
        return None


_PRCTL = _load_prctl()


def die_with_parent(parent: int) -> None:
    """In a child of process `parent`: be killed by Linux when the parent ends, or exit now if it already has.

    SIGKILL, because a killed build cannot ask its children to stop. Elsewhere than on Linux this does nothing.
    """
    if _PRCTL is None:
        return
    _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made, so it will never fire
        os._exit(1)
