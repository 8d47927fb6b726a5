"""`mallette export`: every deck as a spreadsheet (core/export.py), to edit in a spreadsheet and build from."""

from __future__ import annotations

from pathlib import Path

import click

from mallette_print.cli.main import game_option, game_root, main


@main.command()
@game_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "ods", "csv"]),
    default="xlsx",
    show_default=True,
    help="Spreadsheet format: Excel (xlsx), LibreOffice (ods) or CSV (one file a deck).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("decks"),
    show_default=True,
    help="Folder for the deck files.",
)
def export(game_dir: Path | None, fmt: str, out_dir: Path) -> None:
    """Write every deck as a spreadsheet (one row per card) into --out.

    List the files in cards/game.yaml's `decks:` (copied into cards/) instead of the YAML files, and the game
    builds the same cards.
    """
    from mallette_print.core.errors import BuildError
    from mallette_print.core.export import export_decks
    from mallette_print.core.validate import load_game
    from mallette_print.pipeline.files import write_all
    from mallette_print.pipeline.options import Output

    data = load_game(game_root(game_dir))
    files = export_decks(data, fmt)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_all(out_dir, [Output(name, content) for name, content in files], sweep=False)
    except OSError as exc:
        raise BuildError(f"cannot write into {out_dir}: {exc.strerror or exc}") from None
    for name, _ in files:
        click.echo(str(out_dir / name))
