"""User-facing errors: every problem with the data says where (file:line:col) and what.

These are the library's exceptions; they know nothing of the command line. Only `mallette_print.cli` turns them
into exit codes (1 for DataError and BuildError, 2 for RequestError); a traceback in front of a user is a bug.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located in a file."""

    path: str
    line: int
    col: int
    context: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        ctx = f" {self.context}:" if self.context else ""
        return f"{where}:{ctx} {self.message}"


def display_path(path: Path | str) -> str:
    """A path as the user should read it: relative to the working folder when inside it."""
    p = Path(path)
    try:
        return os.path.relpath(p) if p.is_absolute() and Path.cwd() in p.parents else str(p)
    except (OSError, ValueError):
        return str(p)


class MalletteError(Exception):
    """Something the user can fix, explained in `message`: the base of the library's user-facing errors."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DataError(MalletteError):
    """One or more located problems in the game data (every problem found, not only the first)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self._text())

    def _text(self) -> str:
        lines = [str(p) for p in self.problems]
        n = len(self.problems)
        lines.append(f"{n} error{'s' if n != 1 else ''} found{self._spread()}; nothing was written.")
        return "\n".join(lines)

    def _spread(self) -> str:
        """' in 98 cards of 3 files (most in cards/resources.yaml: 120)' when there are many, so a long list ends
        with what to look at first."""
        if len(self.problems) <= 10:
            return ""
        files: dict[str, int] = {}
        for p in self.problems:
            files[p.path] = files.get(p.path, 0) + 1
        cards = {(p.path, p.context) for p in self.problems if p.context.startswith("card ")}
        worst = max(files, key=lambda f: (files[f], f))
        in_cards = f" in {len(cards)} card{'s' if len(cards) != 1 else ''}" if cards else ""
        plural = "s" if len(files) != 1 else ""
        return f"{in_cards} of {len(files)} file{plural} (most in {worst}: {files[worst]})"


class BuildError(MalletteError):
    """A build step failed for a reason that is not the data (disk full, unwritable folder)."""


class RequestError(MalletteError):
    """What was asked cannot be done (an unknown card, a selection that matches nothing).

    `option` names what was asked in the API's words ("cards", "only", "changed_since", "ids"); the command line
    shows it as its option (--cards, IDS).
    """

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


def problem(path: Path | str, line: int, col: int, context: str, message: str) -> Problem:
    """Build a Problem with a display path."""
    return Problem(display_path(path), line, col, context, message)
