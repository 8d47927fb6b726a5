"""The designer's commands of the `mallette` CLI: watch and preview (registered on the main group)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from mallette_print.cli.build import build_options, prepare_build
from mallette_print.cli.main import game_option, game_root, main


@main.command()
@build_options
@click.option("--no-rulebook", is_flag=True, help="Never rebuild the rulebook while watching (it takes seconds).")
def watch(game_dir: Path | None, no_rulebook: bool, **kw: Any) -> None:
    """Build, then rebuild what changes as you save files in cards/, rules/ or assets/ (Ctrl-C to stop)."""
    from mallette_print.pipeline.registry import default_registry
    from mallette_print.pipeline.watch import Watcher, run

    data, opts, selection = prepare_build(game_dir, kw)
    quiet = kw["quiet"]

    def echo(text: str, err: bool) -> None:
        if err or not quiet:
            click.echo(text, err=err)

    watcher = Watcher(
        Path(data.root),
        opts,
        selection,
        rulebook=not no_rulebook,
        echo=echo,
        registry=default_registry(opts),
        verbose=kw["verbose"] and not quiet,
    )
    run(watcher)


@main.command()
@game_option
@click.argument("ids", nargs=-1)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/preview"),
    show_default=True,
    help="Folder for the PNGs and the gallery.",
)
@click.option("--lang", default=None, help="Language of the texts (default: the game's default language).")
@click.option(
    "--size", "card_size", default="poker", show_default=True, help="Card size, as for `mallette build --size`."
)
@click.option("--dpi", type=click.IntRange(36, 600), default=150, show_default=True, help="Resolution of the PNGs.")
def preview(
    game_dir: Path | None, ids: tuple[str, ...], out_dir: Path, lang: str | None, card_size: str, dpi: int
) -> None:
    """Write PNGs of the given cards (all by default), front and back, and a gallery at OUT/gallery/index.html."""
    from mallette_print.cards.preview import build_preview
    from mallette_print.core.cardsize import parse_card_size
    from mallette_print.core.validate import load_game
    from mallette_print.pipeline.verify import activate_fonts

    try:
        parse_card_size(card_size)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--size") from None
    data = load_game(game_root(game_dir))
    lang = data.language(lang)
    activate_fonts(data, [lang])
    for line in build_preview(data, out_dir, ids, lang, card_size, dpi):
        click.echo(line)
