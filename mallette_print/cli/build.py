"""`mallette build` and `mallette calibrate`, and the build options `mallette watch` shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from mallette_print.cli.main import game_option, game_root, main


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def _size(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from mallette_print.core.cardsize import parse_card_size

    try:
        parse_card_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def _offset(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, float]:
    from mallette_print.cards.imposition import parse_offset

    if value is None:
        return (0.0, 0.0)
    try:
        return parse_offset(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _fits(paper: str, size: str, duplex: str) -> None:
    from mallette_print.cards.imposition import plan_sheet
    from mallette_print.core.cardsize import parse_card_size

    try:
        plan_sheet(paper, parse_card_size(size), duplex)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--size") from None


BUILD_OPTIONS = [
    click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("out"),
        show_default=True,
        help="Folder for the outputs.",
    ),
    click.option("--lang", default=None, help="Language of the texts (default: the game's default language)."),
    click.option(
        "--paper",
        type=click.Choice(["a4", "letter"]),
        default="a4",
        show_default=True,
        help="Paper for the printed sheets (and the board tiles).",
    ),
    click.option(
        "--only", "only", default=None, metavar="DECK[,DECK]", help="Print only these decks (card sheets only)."
    ),
    click.option(
        "--cards", "card_ids", default=None, metavar="ID[,ID]", help="Print only these cards (card sheets only)."
    ),
    click.option(
        "--changed-since",
        default=None,
        metavar="REF",
        help="Print only cards changed since a git ref or a saved build (folder or build-manifest.json).",
    ),
    click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors."),
    click.option("--verbose", "-v", is_flag=True, help="Also print each step and its timing."),
    click.option(
        "--board-size",
        type=click.Choice(["a3", "a2", "a1", "tabloid", "ledger"]),
        default=None,
        help="Size of board.pdf, printed whole (board-tiles.pdf tiles it onto --paper); tabloid and ledger are "
        "the same 11x17 in sheet, the board landscape on it.  [default: a3, tabloid with --paper letter]",
    ),
    click.option(
        "--size",
        "card_size",
        default="poker",
        show_default=True,
        callback=_size,
        help="Card size: poker (63x88), bridge (57x89), tarot (70x120), mini (44x68), square (70x70), "
        "or WxH in millimetres.",
    ),
    click.option(
        "--duplex",
        type=click.Choice(["long", "short", "fold", "none"]),
        default="long",
        show_default=True,
        help="Backs: long/short = a back sheet after each front sheet for double-sided printing flipped on "
        "that edge; fold = each card beside its back, to fold and glue; none = no backs.",
    ),
    click.option(
        "--offset",
        callback=_offset,
        metavar="DX,DY",
        help="Move the backs by DX,DY millimetres to correct a printer's duplex misalignment "
        "(read it on the calibration sheet).",
    ),
    click.option(
        "--guides", is_flag=True, help="Draw trim (magenta) and safe-area (blue, dashed) lines on every card."
    ),
    click.option("--ink-saver", is_flag=True, help="White card backgrounds, thin colour bands, light backs."),
    click.option(
        "--print-shop",
        is_flag=True,
        help="Also write cards-printshop.pdf: one card side per page with 3 mm bleed, CMYK.",
    ),
    click.option(
        "--png",
        "png_dpi",
        type=click.IntRange(36, 1200),
        default=None,
        metavar="DPI",
        help="Also write one PNG per card face into OUT/png/ at this resolution.",
    ),
    click.option(
        "--tts", is_flag=True, help="Also write Tabletop Simulator deck sheets, backs and saved objects into OUT/tts/."
    ),
    click.option(
        "--tts-url",
        default="",
        metavar="BASE",
        help="Where Tabletop Simulator reads the tts/ images, e.g. https://example.org/kit/tts/ (default: the "
        "file:// address of OUT/tts/ on this computer).",
    ),
]


def build_options(f: Any) -> Any:
    """The options of `mallette build`, shared with `mallette watch`."""
    for option in reversed(BUILD_OPTIONS):
        f = option(f)
    return game_option(f)


def prepare_build(game_dir: Path | None, kw: dict[str, Any]) -> tuple[Any, Any, Any]:
    """Load the game and turn the build options into (game data, BuildOptions, Selection)."""
    from mallette_print.core.selection import Selection
    from mallette_print.core.validate import load_game
    from mallette_print.pipeline.options import BuildOptions

    _fits(kw["paper"], kw["card_size"], kw["duplex"])
    data = load_game(game_root(game_dir))
    lang = kw["lang"]
    lang = data.language(lang)
    opts = BuildOptions(
        out=kw["out_dir"],
        lang=lang,
        paper=kw["paper"],
        card_size=kw["card_size"],
        duplex=kw["duplex"],
        offset=kw["offset"],
        guides=kw["guides"],
        ink_saver=kw["ink_saver"],
        print_shop=kw["print_shop"],
        png_dpi=kw["png_dpi"],
        board_size=kw["board_size"] or "",
        tts=kw["tts"] or bool(kw["tts_url"]),
        tts_url=kw["tts_url"],
    )
    selection = Selection(_csv(kw["only"]), _csv(kw["card_ids"]), kw["changed_since"], lang, kw["card_size"])
    return data, opts, selection


def report_options(opts: Any, selection: Any, data: Any) -> Any:
    """The options the card layouts were fitted with: a partial build fits only the chosen cards' decks."""
    import dataclasses

    from mallette_print.core.selection import select

    if not selection.active:
        return opts
    return dataclasses.replace(opts, cards=tuple(c.id for _, c in select(data, selection).cards()))


@main.command()
@build_options
def build(game_dir: Path | None, **kw: Any) -> None:
    """Build every output (cards, board, rulebook) into --out, then print the print plan."""
    from dataclasses import replace

    from mallette_print.cards.layouts import layout_notes
    from mallette_print.core.remix import remix_problems
    from mallette_print.core.translations import language_problems
    from mallette_print.pipeline.context import BuildContext
    from mallette_print.pipeline.printplan import plan_lines
    from mallette_print.pipeline.progress import BuildProgress
    from mallette_print.pipeline.registry import default_registry
    from mallette_print.pipeline.run import run_build

    data, opts, selection = prepare_build(game_dir, kw)
    quiet, verbose = kw["quiet"], kw["verbose"]
    for fallen in [*language_problems(data, opts.lang), *remix_problems(data)]:  # stated, not hidden
        click.echo(str(replace(fallen, message=f"warning: {fallen.message}")), err=True)
    registry = default_registry(opts)
    ctx = BuildContext()
    if verbose and not quiet:
        report = run_build(
            data,
            opts,
            registry,
            selection,
            progress=lambda name: click.echo(f"building {name}...", err=True),
            ctx=ctx,
        )
    elif quiet:
        report = run_build(data, opts, registry, selection, ctx=ctx)
    else:
        with BuildProgress(len(registry.step_names(selection.active))) as bar:
            report = run_build(data, opts, registry, selection, progress=bar.step, ctx=ctx)
    if verbose and not quiet and any(s.cards for s in registry.steps):
        for note in layout_notes(data, report_options(opts, selection, data), ctx):
            click.echo(str(note), err=True)
    if not quiet:
        for line in plan_lines(report, verbose, opts.lang, data.game.default_language):
            click.echo(line)


@main.command()
@game_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for duplex-calibration.pdf.",
)
@click.option("--lang", default=None, help="Language of the instructions.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option(
    "--duplex",
    type=click.Choice(["long", "short"]),
    default="long",
    show_default=True,
    help="The double-sided setting you will print the cards with.",
)
@click.option("--offset", callback=_offset, metavar="DX,DY", help="The offset you use now, if any.")
def calibrate(
    game_dir: Path | None, out_dir: Path, lang: str | None, paper: str, duplex: str, offset: tuple[float, float]
) -> None:
    """Write duplex-calibration.pdf: print it double-sided, read DX,DY against the light, build with --offset."""
    from mallette_print.cards.sheets import calibration_pdf
    from mallette_print.core.cardsize import PRESETS
    from mallette_print.core.errors import BuildError
    from mallette_print.core.phrasebook import Phrases
    from mallette_print.core.validate import load_game
    from mallette_print.pipeline.files import write_atomic
    from mallette_print.pipeline.verify import activate_fonts

    data = load_game(game_root(game_dir))
    lang = data.language(lang)
    activate_fonts(data, [lang])
    pdf = calibration_pdf(data, lang, paper, duplex, offset, PRESETS["poker"])
    target = out_dir / "duplex-calibration.pdf"
    try:
        write_atomic(target, pdf)
    except OSError as exc:
        raise BuildError(f"cannot write to {out_dir}: {exc.strerror or exc}") from None
    words = Phrases(lang, data.game.default_language)
    click.echo(words("cli.calibrate_done", target=target, edge=words(f"cli.edge_{duplex}")))
