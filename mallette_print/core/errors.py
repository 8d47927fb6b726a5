"""User-facing errors: every problem with the data says where (file:line:col) and what.

The CLI prints these cleanly and exits 1; a traceback in front of a user is a bug.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import click


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


class DataError(click.ClickException):
    """One or more problems in the game data; exit code 1."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self._text())

    def _text(self) -> str:
        lines = [str(p) for p in self.problems]
        n = len(self.problems)
        lines.append(f"{n} error{'s' if n != 1 else ''} found; nothing was written.")
        return "\n".join(lines)

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(self.format_message(), err=True, file=file)


class BuildError(click.ClickException):
    """A build step failed for a reason that is not the data (disk full, unwritable folder)."""

    exit_code = 1


def problem(path: Path | str, line: int, col: int, context: str, message: str) -> Problem:
    """Build a Problem with a display path."""
    return Problem(display_path(path), line, col, context, message)
