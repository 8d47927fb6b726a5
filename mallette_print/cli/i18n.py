"""`mallette i18n export|import|pseudo`: gettext PO files for translators (core/po.py, docs/translators.md)."""

from __future__ import annotations

from pathlib import Path

import click

from mallette_print.cli.main import game_option, game_root, main


@main.group()
def i18n() -> None:
    """Translate the game with gettext PO files (Poedit, Weblate): export, import, pseudo."""


def _write(files: dict[str, bytes], out_dir: Path) -> None:
    from mallette_print.pipeline.files import write_all
    from mallette_print.pipeline.options import Output

    write_all(out_dir, [Output(name, body) for name, body in sorted(files.items())])
    for name in sorted(files):
        click.echo(f"wrote {out_dir / name}")


def _export(game_dir: Path | None, lang: str) -> dict[str, bytes]:
    from mallette_print.core.po import export_po
    from mallette_print.core.translations import tr_title
    from mallette_print.core.validate import load_game

    data = load_game(game_root(game_dir))
    g = data.game
    if lang == g.default_language:
        raise click.BadParameter(f"'{lang}' is the source language: choose the language to translate into")
    root = Path(data.root)
    return export_po(root, list(g.languages), g.default_language, lang, list(g.decks), g.templates, tr_title(data))


@i18n.command("export")
@game_option
@click.option("--lang", required=True, help="The language to translate into (es, de...).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder.")
def export_cmd(game_dir: Path | None, lang: str, out_dir: Path) -> None:
    """Write one PO file per data file and one for the phrasebook into --out."""
    _write(_export(game_dir, lang), out_dir)


@i18n.command("pseudo")
@game_option
@click.option("--lang", default="qps", show_default=True, help="The pseudo-language's code (in game.yaml).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder.")
def pseudo_cmd(game_dir: Path | None, lang: str, out_dir: Path) -> None:
    """Write PO files whose translations are the source texts 40 % longer, with accents (import them to test
    the layout with a long language)."""
    from mallette_print.core.po import pseudo_po

    _write(pseudo_po(_export(game_dir, lang)), out_dir)


@i18n.command("import")
@game_option
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def import_cmd(game_dir: Path | None, folder: Path) -> None:
    """Write the translations of FOLDER's PO files into the YAML files, keeping their comments and layout."""
    from mallette_print.core.po import import_po
    from mallette_print.core.validate import find_game, load_game

    root = find_game(game_root(game_dir))
    data = load_game(root)
    g = data.game
    report = import_po(root, folder, list(g.languages), g.default_language, list(g.decks), g.templates)
    for reason in report.skipped:
        click.echo(f"warning: {reason}", err=True)
    for path in report.written:
        click.echo(f"wrote {path}")
    click.echo(f"{report.strings} translation{'s' if report.strings != 1 else ''} written.")
