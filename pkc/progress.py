"""How a build tells what it is doing: stages with counts; the command line decides how to show them."""
from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Receives the stages of a build as they happen."""

    def start(self, stage: str, total: int | None = None) -> None:
        """A stage begins; `total` is the number of steps, when known."""

    def advance(self, steps: int = 1) -> None:
        """Some steps of the current stage are done."""

    def finish(self, summary: str) -> None:
        """The current stage is done; `summary` says what it did ('rendered 863 pages')."""


class Silent:
    """Progress that shows nothing (the library's default, and tests')."""

    def start(self, stage: str, total: int | None = None) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def finish(self, summary: str) -> None:
        pass
