"""`mallette check` and `mallette schema`: validate the data, describe its files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from mallette_print.cli.build import _size
from mallette_print.cli.main import game_option, game_root, main

if TYPE_CHECKING:
    from mallette_print.core.errors import Problem


@main.command()
@game_option
@click.option(
    "--size",
    "card_size",
    default="poker",
    show_default=True,
    callback=_size,
    help="Card size to lay the cards out at, as `mallette build --size`.",
)
@click.option("--lang", default=None, help="Language to lay out (default: every language of the game).")
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Paper (sets the default board size, as in build).",
)
@click.option(
    "--board-size",
    type=click.Choice(["a3", "a2", "a1", "tabloid", "ledger"]),
    default=None,
    help="Board size to check the deck spaces at.  [default: a3, tabloid with --paper letter]",
)
@click.option("--strict", is_flag=True, help="Treat coherence warnings (e.g. a missing translation) as errors.")
@click.option(
    "--simulate",
    "simulate_games",
    is_flag=False,
    flag_value=200,
    default=None,
    type=click.IntRange(1),
    metavar="[N]",
    help="Also play N simulated games (200 if no N) and warn about dead cards.",
)
def check(
    game_dir: Path | None,
    strict: bool,
    simulate_games: int | None,
    card_size: str,
    lang: str | None,
    paper: str,
    board_size: str | None,
) -> None:
    """Validate the game data and its coherence, and lay out every card and the board as `mallette build` would
    (at --size, for --lang or every language), without drawing; print a summary; exit 1 listing every problem."""
    from dataclasses import replace

    from mallette_print.cards.layouts import layout_notes
    from mallette_print.cards.placing import shape_warnings
    from mallette_print.core.cardsize import parse_card_size
    from mallette_print.core.coherence import check_coherence
    from mallette_print.core.errors import DataError
    from mallette_print.core.fiches import missing_fiche_texts
    from mallette_print.core.remix import remix_problems
    from mallette_print.core.summary import summary_lines
    from mallette_print.core.translations import language_problems
    from mallette_print.core.validate import load_game
    from mallette_print.pipeline.context import BuildContext
    from mallette_print.pipeline.options import BuildOptions
    from mallette_print.pipeline.rehearse import rehearse
    from mallette_print.pipeline.verify import verify

    data = load_game(game_root(game_dir))
    langs = [data.language(lang)] if lang else list(data.game.languages)
    verify(data, list(data.game.languages))
    for line in summary_lines(data):
        click.echo(line)
    report = check_coherence(data)
    ctx = BuildContext()
    laid: list[Problem] = []
    notes: list[Problem] = []
    for code in langs:
        opts = BuildOptions(out=Path("."), lang=code, paper=paper, card_size=card_size, board_size=board_size or "")
        found = rehearse(data, opts, ctx)
        laid.extend(p for p in found if p not in laid)
        if not found:
            notes.extend(layout_notes(data, opts, ctx))
    report = replace(report, errors=(*report.errors, *laid))
    warnings = [*report.warnings, *remix_problems(data)]
    warnings.extend(shape_warnings(data, parse_card_size(card_size)))
    untranslated = {code: language_problems(data, code) for code in langs}
    if simulate_games is not None and not report.errors:
        from mallette_print.sim.check import simulation_warnings

        lines, found = simulation_warnings(data, simulate_games)
        for line in lines:
            click.echo(line)
        warnings.extend(found)
    if strict:
        warnings.extend(missing_fiche_texts(data))
        listed = [p for found in untranslated.values() for p in found]
        if report.errors or warnings or listed:
            raise DataError([*report.errors, *warnings, *listed])
    else:
        for code, found in untranslated.items():
            if found:
                n = len(found)
                click.echo(
                    f"warning: {n} string{'s' if n != 1 else ''} not translated into '{code}' "
                    f"(`mallette check --strict --lang {code}` lists them)",
                    err=True,
                )
        for w in warnings:
            click.echo(str(replace(w, message=f"warning: {w.message}")), err=True)
        if report.errors:
            raise DataError(list(report.errors))
    for note in notes:
        click.echo(str(note))
    n = len(warnings)
    click.echo(f"Coherence: no errors, {n} warning{'s' if n != 1 else ''}." if n else "Coherence: no problems found.")
    board = f", {opts.board_size} board" if data.board is not None else ""
    click.echo(f"Laid out without drawing: {', '.join(langs)}, {card_size} cards{board}.")


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write every schema file into this folder instead of printing one.",
)
@click.option(
    "--kind",
    type=click.Choice(["game", "deck", "templates", "board", "fiche"]),
    default="deck",
    show_default=True,
    help="Which file's schema to print.",
)
@game_option
def schema(out_dir: Path | None, kind: str, game_dir: Path | None) -> None:
    """Print the JSON Schema of a YAML file kind (or write them all with --out); in a game folder, the deck schema
    also checks the decks of the game's own card types."""
    from mallette_print.core.schema import dumps, game_card_types, schemas

    all_schemas = schemas(game_card_types(game_root(game_dir)))
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, body in all_schemas.items():
            (out_dir / name).write_text(dumps(body), encoding="utf-8")
            click.echo(f"wrote {out_dir / name}")
        return
    name = f"{kind}.schema.json"
    if name not in all_schemas:
        raise click.BadParameter(f"no schema for '{kind}' in this version", param_hint="--kind")
    click.echo(dumps(all_schemas[name]), nl=False)
