"""Benchmark: a synthetic deck of N cards through the real pipeline, against the bare-reportlab floor.

    python -m mallette_print.bench --cards 540 [--repeat 3] [--out DIR] [--game DIR] [--no-floor]

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
import io
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WARMUP = 18  # cards: two sheets, every code path of the deck once

WORDS = ("coopérative habitants quartier voisins logements espaces services projets solidaires associations "
         "territoire commune acteurs économie sociale emploi insertion bénévoles réseau monnaie locale circuit "
         "court ferme marché public clause prêt subvention local partagé savoir-faire atelier réparation mobilité "
         "énergie citoyenne épargne solidaire tiers-lieu jardin cantine école santé culture").split()


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
    (dest / "cards" / "game.yaml").write_text(yaml.safe_dump(game, allow_unicode=True, sort_keys=False),
                                              encoding="utf-8")
    shutil.copy(src / "cards" / "templates.yaml", dest / "cards" / "templates.yaml")
    fiches = [f["id"] for f in game["fiches"]["items"]]
    kinds = [k["id"] for k in game["resource_kinds"]]
    cards = []
    for i in range(n):
        cards.append({
            "id": f"r{i:05d}",
            "title": {"fr": f"Ressource partagée n° {i + 1}", "en": f"Shared resource no. {i + 1}"},
            "kind": kinds[i % len(kinds)],
            "value": 1 + i % 3,
            "fiche": fiches[i % len(fiches)],
            "description": {"fr": _text(i, 38 + i % 5)},
        })
    deck = {"id": "bench", "type": "resource", "title": {"fr": "Banc d'essai", "en": "Benchmark"},
            "template": "resource",
            "back": {"title": {"fr": "Ressource", "en": "Resource"}, "colour": "#5A5A5A",
                     "icon": "assets/icons/deck-resource.svg", "pattern": "grid"},
            "cards": cards}
    (dest / "cards" / "bench.yaml").write_text(yaml.safe_dump(deck, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")


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
    from . import validate, yamlio
    from .cardsize import PRESETS
    from .fonts import register_family
    from .pipeline import BuildOptions, Registry, run_build
    from .render.card_outputs import produce_cards
    from .render.layouts import deck_layouts

    # Time spent reading and parsing YAML (inside load_game) is "load", the rest of load_game is "validate".
    spent = [0.0]
    real_load = yamlio.load_file

    def timed_load(path: Path) -> Any:
        t = time.perf_counter()
        try:
            return real_load(path)
        finally:
            spent[0] += time.perf_counter() - t

    validate.load_file = timed_load  # type: ignore[attr-defined]
    try:
        t0 = time.perf_counter()
        data = validate.load_game(game)
        t_loaded = time.perf_counter() - t0
    finally:
        validate.load_file = real_load  # type: ignore[attr-defined]
    stages = {"load": spent[0], "validate": t_loaded - spent[0]}
    opts = BuildOptions(out=out, lang=data.game.default_language, paper="a4", card_size="poker", duplex="long")
    t0 = time.perf_counter()
    fam = register_family()
    for deck in data.decks:
        deck_layouts(data, deck, opts.lang, PRESETS["poker"], fam)
    stages["layout"] = time.perf_counter() - t0
    reg = Registry()
    reg.add("cards", produce_cards, cards=True)
    t0 = time.perf_counter()
    report = run_build(data, opts, registry=reg)
    total = time.perf_counter() - t0
    stages["render"] = dict(report.timings)["cards"]
    stages["write"] = total - stages["render"]
    cards_pdf = next(o for o in report.outputs if o.name == "cards.pdf")
    return Result(stages, cards_pdf.content, cards_pdf.pages, _peak_rss_mb())


def floor(game: Path, out: Path | None = None) -> float:
    """Seconds bare reportlab needs to draw the same sheets with sensible caching (see the module docstring).

    Every primitive the pipeline draws on a bench card is drawn here too, in the same order: background, band,
    two ringed discs, kind icon, type and kind labels, value and its label, title, the rule under it, the body
    with its inline icon (an onDraw callback, as reportlab offers), QR code, fiche caption, notice and card id,
    each card clipped to its cell; cut marks and a label per sheet; backs clipped. Not drawn: the instruction
    page and the calibration back (two pages of 122). `out` keeps the PDF, to compare it with the pipeline's.
    """
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from .cardsize import PRESETS
    from .fonts import register_family
    from .imposition import plan_sheet
    from .qr import qr_code
    from .render.colours import ink_on
    from .render.patterns import draw_pattern
    from .textfit import to_markup
    from .units import mm

    import yaml

    fam = register_family()
    # The pipeline ran first in this process: start from no QR code, as a script of its own would.
    qr_code.cache_clear()
    deck = yaml.safe_load((game / "cards" / "bench.yaml").read_text(encoding="utf-8"))
    manifest = yaml.safe_load((game / "cards" / "game.yaml").read_text(encoding="utf-8"))
    kinds = {k["id"]: k for k in manifest["resource_kinds"]}
    fiches = {f["id"]: f for f in manifest["fiches"]["items"]}
    base = manifest["fiches"]["base_url"]
    t0 = time.perf_counter()
    size = PRESETS["poker"]
    plan = plan_sheet("a4", size, "long", (0.0, 0.0))
    W, H, S, B = size.w, size.h, size.safe, size.bleed
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(plan.page_w, plan.page_h), invariant=1, initialFontName=fam.regular,
               pageCompression=1)
    forms: dict[str, str] = {}
    white, ink, grey = HexColor("#FFFFFF"), HexColor("#1A1A1A"), HexColor("#333333")

    def dark(hex_colour: str) -> Any:
        col = HexColor(hex_colour)
        return HexColor("#" + "".join(f"{round(255 * v * 0.65):02X}" for v in (col.red, col.green, col.blue)))

    looks = {k: (HexColor(v["colour"]), dark(v["colour"]), v["label"]["fr"], v["icon"], HexColor(ink_on(v["colour"])))
             for k, v in kinds.items()}

    def icon_form(rel: str) -> str:
        if rel not in forms:
            from reportlab.graphics import renderPDF
            from svglib.svglib import svg2rlg

            d: Any = svg2rlg(str(game / rel))
            forms[rel] = f"i{len(forms)}"
            c.beginForm(forms[rel], 0, 0, d.width, d.height)
            renderPDF.draw(d, c, 0, 0)
            c.endForm()
        return forms[rel]

    def place_icon(rel: str, x: float, y: float, side: float) -> None:
        c.saveState()
        c.translate(x, y)
        c.scale(side / 18, side / 18)
        c.doForm(icon_form(rel))
        c.restoreState()

    def inline_icon(canvas: Any, kind: str, label: str) -> None:
        info = canvas._curr_tx_info
        size_pt = info["tx"]._fontsize
        rel = kinds[label]["icon"] if label in kinds else f"assets/icons/{label}.svg"
        place_icon(rel, info["cur_x"], info["cur_y"] - 0.2 * size_pt, size_pt * 1.1)

    c.setNamedCB("icon", inline_icon)

    def disc_form(ring: Any) -> str:
        key = f"disc-{ring.hexval()}"
        if key not in forms:
            forms[key] = f"d{len(forms)}"
            c.beginForm(forms[key], -mm(6), -mm(6), mm(6), mm(6))
            c.setFillColor(white)
            c.setStrokeColor(ring)
            c.setLineWidth(1.0)
            c.circle(0, 0, mm(5), stroke=1, fill=1)
            c.endForm()
        return forms[key]

    def place(name: str, x: float, y: float) -> None:
        c.saveState()
        c.translate(x, y)
        c.doForm(name)
        c.restoreState()

    def qr_form(url: str) -> tuple[str, int]:
        code = qr_code(url)
        n = code.total_modules
        if url not in forms:
            forms[url] = f"q{len(forms)}"
            c.beginForm(forms[url], 0, 0, n, n)
            p = c.beginPath()
            for row, col, length in code.runs:
                p.rect(4 + col, n - 4 - row - 1, length, 1)
            c.drawPath(p, stroke=0, fill=1)
            c.endForm()
        return forms[url], n

    def caption_form(f: dict[str, Any]) -> str:
        # The same caption on every card of a fiche: one form each.
        key = f"caption-{f['id']}"
        if key not in forms:
            forms[key] = f"c{len(forms)}"
            c.beginForm(forms[key], -B, -B, W + B, H + B)
            fiche = Paragraph(f"<b>Fiche {f['number']}</b><br/>{f['short']['fr']}", small_style)
            _, fh = fiche.wrap(W - 2 * S - qr_side - mm(2), 1e6)
            fiche.drawOn(c, S, S + qr_side - fh)
            c.endForm()
        return forms[key]

    def clip(box: tuple[float, float, float, float]) -> None:
        p = c.beginPath()
        p.rect(box[0], box[1], box[2] - box[0], box[3] - box[1])
        c.clipPath(p, stroke=0, fill=0)

    back = "back"
    c.beginForm(back, -B, -B, W + B, H + B)
    c.setFillColor(HexColor("#5A5A5A"))
    c.rect(-B, -B, W + 2 * B, H + 2 * B, stroke=0, fill=1)
    draw_pattern(c, "grid", -B, -B, W + 2 * B, H + 2 * B, HexColor("#737373"), step=mm(4), weight=0.8)
    c.setFillColor(white)
    c.circle(W / 2, H / 2, W * 0.27, stroke=0, fill=1)
    place_icon(deck["back"]["icon"], W / 2 - mm(8), H / 2 - mm(8), mm(16))
    c.setFont(fam.bold, 14)
    c.drawCentredString(W / 2, H / 2 - W * 0.27 - mm(7), deck["back"]["title"]["fr"])
    c.endForm()
    title_style = ParagraphStyle("t", fontName=fam.bold, fontSize=12, leading=13.2, textColor=ink)
    # The body at the size the pipeline's fit finds for this deck (a script would choose one that fits).
    body_style = ParagraphStyle("b", fontName=fam.regular, fontSize=8.25, leading=9.9, hyphenationLang="fr_FR",
                                embeddedHyphenation=1, textColor=ink)
    small_style = ParagraphStyle("s", fontName=fam.regular, fontSize=7.5, leading=9, textColor=ink)
    qr_side = mm(20)
    disc_y = H - S - mm(5)
    cards = deck["cards"]
    per = plan.per_sheet
    for k in range(0, len(cards), per):
        chunk = cards[k:k + per]
        for slot, card in zip(plan.fronts, chunk):
            band, ring, label, icon, label_ink = looks[card["kind"]]
            c.saveState()
            clip(slot.box)
            c.transform(*slot.matrix)
            c.setFillColor(white)
            c.rect(-B, -B, W + 2 * B, H + 2 * B, stroke=0, fill=1)
            c.setFillColor(band)
            c.rect(-B, H - mm(13), W + 2 * B, mm(13) + B, stroke=0, fill=1)
            place(disc_form(ring), S + mm(5), disc_y)
            place_icon(icon, S + mm(1.8), disc_y - mm(3.2), mm(6.4))
            c.setFillColor(label_ink)
            c.setFont(fam.bold, 6)
            c.drawString(S + mm(12), H - S - mm(1.5), "RESSOURCE", charSpace=0.6)
            c.setFont(fam.bold, 9.5)
            c.drawString(S + mm(12), H - S - mm(6), label)
            place(disc_form(ring), W - S - mm(5), disc_y)
            c.setFillColor(ink)
            c.setFont(fam.bold, 13)
            c.drawCentredString(W - S - mm(5), disc_y - mm(1), str(card["value"]))
            c.setFont(fam.regular, 5.2)
            c.drawCentredString(W - S - mm(5), disc_y - mm(3.7), "Valeur")
            title = Paragraph(card["title"]["fr"], title_style)
            _, th = title.wrap(W - 2 * S, 1e6)
            top = H - mm(15) - th
            title.drawOn(c, S, top)
            c.setStrokeColor(band)
            c.setLineWidth(1.4)
            c.line(S, top - mm(1.3), S + mm(12), top - mm(1.3))
            body = Paragraph(to_markup(card["description"]["fr"], "fr").replace("mallette_icon", "icon"), body_style)
            _, bh = body.wrap(W - 2 * S, 1e6)
            body.drawOn(c, S, top - mm(3) - bh)
            f = fiches[card["fiche"]]
            name, n = qr_form(base + f["slug"])
            c.saveState()
            c.translate(W - S - qr_side, S)
            c.scale(qr_side / n, qr_side / n)
            c.doForm(name)
            c.restoreState()
            c.doForm(caption_form(f))
            c.setFillColor(grey)
            c.setFont(fam.regular, 5.5)
            c.drawString(S, S + 8, manifest["notice"])
            c.drawString(S, S + 1.4, f"{card['id']} · v{manifest['version']}")
            c.restoreState()
        c.saveState()
        c.setLineWidth(0.25)
        marks = c.beginPath()
        for m in plan.cut_marks:
            marks.moveTo(m.x0, m.y0)
            marks.lineTo(m.x1, m.y1)
        c.drawPath(marks, stroke=1, fill=0)
        c.restoreState()
        c.setFont(fam.regular, 6.5)
        c.drawCentredString(plan.page_w / 4, mm(5), f"Banc d'essai · recto feuille {k // per + 1}")
        c.showPage()
        for slot, _ in zip(plan.backs, chunk):
            c.saveState()
            clip(slot.box)
            c.transform(*slot.matrix)
            c.doForm(back)
            c.restoreState()
        c.showPage()
    c.save()
    seconds = time.perf_counter() - t0
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "floor.pdf").write_bytes(buf.getvalue())
    return seconds


def _collected(run: Any, *args: Any) -> Any:
    """run(*args) after a full garbage collection, as every pipeline run gets."""
    gc.collect()
    return run(*args)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the synthetic deck, print the figures."""
    ap = argparse.ArgumentParser(prog="python -m mallette_print.bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--cards", type=int, default=540, help="cards in the synthetic deck (default 540)")
    ap.add_argument("--out", type=Path, default=None,
                    help="folder for cards.pdf and the floor's floor.pdf (default: a temporary folder)")
    ap.add_argument("--game", type=Path, default=Path(__file__).resolve().parents[1],
                    help="game whose manifest, templates and icons the deck uses (default: this project)")
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
    from .fonts import register_family
    from . import pipeline, validate  # noqa: F401
    from . import memo
    from .qr import qr_code
    from .render import card_outputs  # noqa: F401

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
            # Every run starts as a build process would: no QR code computed (the floor computes its own) and
            # no layouts of an earlier run kept (they would only add to the peak RSS).
            qr_code.cache_clear()
            memo.clear()
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
        print(f"first_build cards={WARMUP} seconds={first.seconds:.3f} "
              f"(a fresh process's one-time work: imports, hyphenation patterns, icons)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
