"""The `mallette` group, the options every command shares, and the one place library errors become exit codes.

Heavy libraries (pydantic, reportlab) are imported inside the commands so that `mallette --help` stays instant.
Exit codes: 0 success, 1 bad data or a failed build, 2 bad usage.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import IO, Any

import click

from mallette_print import __version__
from mallette_print.core.errors import DataError, MalletteError, RequestError

GAME_HELP = "Game folder (holding cards/game.yaml); defaults to the current project."

# How the command line names what the library's RequestError.option names.
OPTION_NAMES = {
    "cards": "--cards",
    "only": "--only",
    "changed_since": "--changed-since",
    "ids": "IDS",
    "title": "--title",
    "author": "--author",
    "year": "--year",
    "lang": "--lang",
}


def game_option(f: Any) -> Any:
    """The --game option shared by every command."""
    return click.option(
        "--game", "game_dir", type=click.Path(file_okay=False, path_type=Path), default=None, help=GAME_HELP
    )(f)


def game_root(game_dir: Path | None) -> Path:
    """The game folder a command works on: --game, else the current folder."""
    return game_dir if game_dir is not None else Path.cwd()


class Failed(click.ClickException):
    """A library error on its way out: exit 1 with its message (data problems are printed bare, one per line)."""

    exit_code = 1

    def __init__(self, error: MalletteError) -> None:
        super().__init__(error.message)
        self.bare = isinstance(error, DataError)

    def show(self, file: IO[Any] | None = None) -> None:
        if self.bare:
            click.echo(self.message, err=True, file=file)
        else:
            super().show(file)


class Group(click.Group):
    """The `mallette` group: turns the library's errors into click's, so users never see a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RequestError as exc:
            hint = OPTION_NAMES.get(exc.option or "")
            if hint:
                raise click.BadParameter(exc.message, param_hint=hint) from None
            raise click.UsageError(exc.message) from None
        except MalletteError as exc:
            raise Failed(exc) from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mallette")
def main() -> None:
    """mallette-print: the MES cooperation game, from YAML data to printable PDFs."""


def run(args: list[str] | None = None, prog_name: str | None = None) -> None:
    """The `mallette` command and build.py: `main`, then leave without a last garbage collection.

    The process ends right after: a final collection over every object a build made (layouts, fonts, PDFs)
    only delays the prompt (0.07 s of a 1.5 s build). Tests call `main` through click's runner, never this.
    """
    try:
        main(args, prog_name=prog_name)
    finally:
        gc.freeze()
