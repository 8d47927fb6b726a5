"""Benchmark: a synthetic deck of N cards through the real pipeline, against the bare-reportlab floor.

    python -m benchmarks.cards --cards 540 [--repeat 3] [--out DIR] [--game DIR] [--no-floor]

The deck is written as YAML into a temporary game folder (the manifest,
templates and icons of the real game, one deck of N resource cards), then
loaded, validated, laid out, rendered and written by the real code: each card
has a title, about 40 words of rich text (bold, italic, an inline icon) fitted
by the text fitter, a kind icon and colour band, a value badge, the QR code of
one of the 13 fiches, the licence notice and its back; A4, poker size,
long-edge duplex, cut marks.

The floor draws the same primitives straight with reportlab in the same
process, with the caching a careful hand-written script would do (one form per
icon, per QR code, per fiche caption and per back; every text at its known
final size, parsed and wrapped once; QR codes computed afresh, not taken from
the cache the pipeline filled). The ratio seconds/floor says what the pipeline costs on top.

Both are measured warm and alike: before any timing, a small deck (WARMUP
cards) goes once through the pipeline and once through the floor, so neither
pays one-time work in its timed runs (imports such as svglib and qrcode, the
hyphenation patterns, reportlab's first use of the fonts) that the other
would get for free from running second. What that first build costs is
printed on its own line. Then they take turns `--repeat` times and the best
run of each counts (the usual practice on a shared machine: noise only ever
adds time, and taking turns gives both the same moments of the machine).

Output: `cards=N seconds=S peak_rss_mb=M pdf_kib=K`, then the stages of that
run, the floor and the first (cold) build. peak_rss_mb is the process's peak
as the pipeline runs end (the floor runs between them but needs less memory:
--no-floor gives the same figure).
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.floor import floor

WARMUP = 18  # cards: two sheets, every code path of the deck once

WORDS = [
    "coopérative",
    "habitants",
    "quartier",
    "voisins",
    "logements",
    "espaces",
    "services",
    "projets",
    "solidaires",
    "associations",
    "territoire",
    "commune",
    "acteurs",
    "économie",
    "sociale",
    "emploi",
    "insertion",
    "bénévoles",
    "réseau",
    "monnaie",
    "locale",
    "circuit",
    "court",
    "ferme",
    "marché",
    "public",
    "clause",
    "prêt",
    "subvention",
    "local",
    "partagé",
    "savoir-faire",
    "atelier",
    "réparation",
    "mobilité",
    "énergie",
    "citoyenne",
    "épargne",
    "solidaire",
    "tiers-lieu",
    "jardin",
    "cantine",
    "école",
    "santé",
    "culture",
]


def _text(i: int, n_words: int) -> str:
    """About n_words of French rich text, different for every card, with bold, italic and an inline icon."""
    words = [WORDS[(i * 7 + k * 3 + k * k) % len(WORDS)] for k in range(n_words)]
    words[2] = f"**{words[2]}**"
    words[9] = f"*{words[9]} {words[10]}*"
    del words[10]
    words[14] = f":marchande: {words[14]}"
    return " ".join(words).capitalize() + "."


def write_game(src: Path, dest: Path, n: int) -> None:
    """A game folder in dest: the manifest, templates and icons of src, and one deck of n resource cards."""
    import yaml

    (dest / "cards").mkdir(parents=True)
    shutil.copytree(src / "assets" / "icons", dest / "assets" / "icons")
    game = yaml.safe_load((src / "cards" / "game.yaml").read_text(encoding="utf-8"))
    game["decks"] = ["bench.yaml"]
    game.pop("rules_url", None)
    (dest / "cards" / "game.yaml").write_text(
        yaml.safe_dump(game, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    shutil.copy(src / "cards" / "templates.yaml", dest / "cards" / "templates.yaml")
    fiches = [f["id"] for f in game["fiches"]["items"]]
    kinds = [k["id"] for k in game["resource_kinds"]]
    cards = []
    for i in range(n):
        cards.append(
            {
                "id": f"r{i:05d}",
                "title": {"fr": f"Ressource partagée n° {i + 1}", "en": f"Shared resource no. {i + 1}"},
                "kind": kinds[i % len(kinds)],
                "value": 1 + i % 3,
                "fiche": fiches[i % len(fiches)],
                "description": {"fr": _text(i, 38 + i % 5)},
            }
        )
    deck = {
        "id": "bench",
        "type": "resource",
        "title": {"fr": "Banc d'essai", "en": "Benchmark"},
        "template": "resource",
        "back": {
            "title": {"fr": "Ressource", "en": "Resource"},
            "colour": "#5A5A5A",
            "icon": "assets/icons/deck-resource.svg",
            "pattern": "grid",
        },
        "cards": cards,
    }
    (dest / "cards" / "bench.yaml").write_text(
        yaml.safe_dump(deck, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


@dataclass
class Result:
    """What one pipeline run measured (seconds per stage)."""

    stages: dict[str, float]
    pdf: bytes
    pages: int
    peak_rss_mb: float

    @property
    def seconds(self) -> float:
        """Load to write, all stages."""
        return sum(self.stages.values())


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def run_pipeline(game: Path, out: Path) -> Result:
    """Load, validate, lay out, render and write the cards of a game; time each stage."""
    from mallette_print.cards.layouts import deck_layouts
    from mallette_print.cards.outputs import produce_cards
    from mallette_print.core import checks, validate, yamlio
    from mallette_print.core.cardsize import PRESETS
    from mallette_print.draw.fonts import register_family
    from mallette_print.pipeline.context import BuildContext
    from mallette_print.pipeline.options import BuildOptions
    from mallette_print.pipeline.registry import Registry
    from mallette_print.pipeline.run import run_build

    # Time spent reading and parsing YAML (inside load_game) is "load", the rest of load_game is "validate".
    spent = [0.0]
    real_load = yamlio.load_file

    def timed_load(path: Path) -> Any:
        t = time.perf_counter()
        try:
            return real_load(path)
        finally:
            spent[0] += time.perf_counter() - t

    checks.load_file = timed_load
    try:
        t0 = time.perf_counter()
        data = validate.load_game(game)
        t_loaded = time.perf_counter() - t0
    finally:
        checks.load_file = real_load
    stages = {"load": spent[0], "validate": t_loaded - spent[0]}
    opts = BuildOptions(out=out, lang=data.game.default_language, paper="a4", card_size="poker", duplex="long")
    # A new context: nothing fitted by an earlier run is reused; the layouts made here are the build's.
    ctx = BuildContext()
    t0 = time.perf_counter()
    fam = register_family()
    for deck in data.decks:
        deck_layouts(ctx, data, deck, opts.lang, PRESETS["poker"], fam)
    stages["layout"] = time.perf_counter() - t0
    reg = Registry()
    reg.add("cards", produce_cards, cards=True)
    t0 = time.perf_counter()
    report = run_build(data, opts, registry=reg, ctx=ctx)
    total = time.perf_counter() - t0
    stages["render"] = dict(report.timings)["cards"]
    stages["write"] = total - stages["render"]
    cards_pdf = next(o for o in report.outputs if o.name == "cards.pdf")
    return Result(stages, cards_pdf.content, cards_pdf.pages, _peak_rss_mb())


def clear_process_caches() -> None:
    """Forget what the process keeps between builds, so each timed run starts cold.

    A build keeps its parsed SVGs, QR codes and layouts on its own BuildContext (each run has a new one); only the
    SVG cache of outputs drawn without a context (none in this bench) is process-wide.
    """
    from mallette_print.draw.svg import DEFAULT_CACHE

    DEFAULT_CACHE.clear()


def _collected(run: Any, *args: Any) -> Any:
    """run(*args) after a full garbage collection, as every pipeline run gets."""
    gc.collect()
    return run(*args)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the synthetic deck, print the figures."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.cards", description=__doc__.split("\n\n")[0])
    ap.add_argument("--cards", type=int, default=540, help="cards in the synthetic deck (default 540)")
    ap.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for cards.pdf and the floor's floor.pdf (default: a temporary folder)",
    )
    ap.add_argument(
        "--game",
        type=Path,
        default=Path(__file__).resolve().parents[1],
        help="game whose manifest, templates and icons the deck uses (default: this project)",
    )
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each; the best counts (default 3)")
    ap.add_argument("--no-floor", action="store_true", help="skip the bare-reportlab floor")
    args = ap.parse_args(argv)
    if args.cards < 1:
        ap.error("--cards must be at least 1")
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if not (args.game / "cards" / "game.yaml").is_file():
        ap.error(f"--game: no cards/game.yaml in {args.game}")
    # Imports and font registration are paid before timing, by the pipeline and the floor alike.
    from mallette_print.cards import outputs as card_outputs  # noqa: F401
    from mallette_print.core import validate  # noqa: F401
    from mallette_print.draw.fonts import register_family

    register_family()
    with tempfile.TemporaryDirectory(prefix="mallette-bench-") as tmp:
        warm = Path(tmp) / "warmup"
        write_game(args.game, warm, WARMUP)
        first = run_pipeline(warm, Path(tmp) / "warmup-out")
        if not args.no_floor:
            floor(warm)
        game = Path(tmp) / "game"
        write_game(args.game, game, args.cards)
        out = args.out or Path(tmp) / "out"
        runs: list[Result] = []
        floors: list[float] = []
        # Pipeline and floor take turns, so that both see the same moments of a shared machine.
        for k in range(args.repeat):
            # Every run starts as a build process would: no QR code computed, no SVG parsed and no layouts of an
            # earlier run kept (each run has a new BuildContext; the floor computes its own QR codes).
            clear_process_caches()
            gc.collect()
            runs.append(run_pipeline(game, out))
            if not args.no_floor:
                floors.append(_collected(floor, game, args.out if k == 0 else None))
        res = min(runs, key=lambda r: r.seconds)
        peak = max(r.peak_rss_mb for r in runs)
        kib = len(res.pdf) / 1024
        print(f"cards={args.cards} seconds={res.seconds:.3f} peak_rss_mb={peak:.1f} pdf_kib={kib:.0f}")
        print("stages " + " ".join(f"{k}={v:.3f}" for k, v in res.stages.items()))
        print(f"pages={res.pages} kib_per_page={kib / res.pages:.1f}")
        if floors:
            print(f"floor seconds={min(floors):.3f} ratio={res.seconds / min(floors):.2f}")
        print(
            f"first_build cards={WARMUP} seconds={first.seconds:.3f} "
            f"(a fresh process's one-time work: imports, hyphenation patterns, icons)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
