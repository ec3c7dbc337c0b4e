"""Real-browser helpers: serve a built site on localhost and drive Debian's Chromium with Playwright."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import http.server
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a root user in a sandbox with no network beyond localhost (see the machine notes in the README).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free localhost port; yields the base URL ('http://127.0.0.1:PORT/')."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_in_own_thread(work: Coroutine[object, object, T]) -> T:
    """Run a coroutine (an async Playwright scan of many pages) to its end in a thread of its own, outside the
    event loop that pytest's sync Playwright fixtures keep running in this one; its exception is raised here."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = asyncio.run(work)
        except BaseException as exc:  # re-raised in the calling thread
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
