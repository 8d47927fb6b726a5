"""`mallette site`: the kit's static website (downloads of every variant, fiches, rules, card gallery)."""

from __future__ import annotations

from pathlib import Path

import click

from mallette_print.cli.main import game_option, game_root, main


@main.command()
@game_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder for the website (publish it at fiches.base_url).",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Cores to use (default: every core); 1 builds one variant after the other in this process.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def site(game_dir: Path | None, out_dir: Path, jobs: int | None, quiet: bool) -> None:
    """Build the kit's website into --out: every variant (language x paper) with its zip, fiches, rules, gallery."""
    from mallette_print.core.validate import load_game
    from mallette_print.pipeline.progress import BuildProgress
    from mallette_print.site.build import build_site, units, workers

    data = load_game(game_root(game_dir))
    with BuildProgress(len(units(list(data.game.languages), workers(jobs))) + 1) as bar:
        lines = build_site(data, out_dir, None if quiet else bar.step, jobs)
    if not quiet:
        for line in lines:
            click.echo(line)
