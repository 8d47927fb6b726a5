"""The site's card gallery: `mallette preview`'s gallery page, its images drawn with the build's card layouts.

The same page as `cards/gallery/index.html` of `mallette preview` (filters by type, family and fiche, a card
flips to its back), with every face and back drawn in one PDF by the card painter from the layouts the variant
builds already fitted, then rasterised small and saved with fast PNG compression (a gallery image is shown
190 px wide).
"""

from __future__ import annotations

import io
from pathlib import Path

from mallette_print.cards.outputs import card_pages_pdf
from mallette_print.cards.painter import CardLook
from mallette_print.cards.preview import gallery_html
from mallette_print.cards.sheets import expand
from mallette_print.core.cardsize import parse_card_size
from mallette_print.core.model import Card, Deck, GameData
from mallette_print.core.phrasebook import text
from mallette_print.draw.raster import POINTS_PER_INCH, page_images
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.files import write_all
from mallette_print.pipeline.options import Output
from mallette_print.site.shell import Page, rel, site_header

GALLERY_DPI = 72


# On the site, the gallery takes the site's style sheet and navigation; its filters fit a phone's width.
EXTRA_CSS = (
    "header:not(.site){position:static}select,form button{font-size:1rem;min-height:44px;max-width:100%}"
    "form{gap:.5em 1em}main{max-width:none}.grid{justify-content:center}"
)


def site_gallery_html(data: GameData, lang: str, path: str, other: tuple[tuple[str, str], ...]) -> str:
    """`mallette preview`'s gallery page with the site's style sheet and navigation bar."""
    html = gallery_html(data, lang)
    page = Page(path, lang, "", "", "gallery", other)
    css = f'<link rel="stylesheet" href="{rel(path, "assets/site.css")}"><style>{EXTRA_CSS}</style>'
    html = html.replace("</head><body>", f"{css}</head><body>{site_header(data, page)}", 1)
    return html


def write_gallery(
    data: GameData,
    lang: str,
    out: Path,
    ctx: BuildContext,
    path: str,
    other: tuple[tuple[str, str], ...],
    dpi: int = GALLERY_DPI,
) -> int:
    """Write out/png/*.png (faces and backs) and out/gallery/index.html (the site's `path`); return the images."""
    look = CardLook(size=parse_card_size("poker"))
    jobs: list[tuple[Deck, Card | None]] = [
        (deck, card) for deck, cards in expand(data) for card in {card.id: card for card in cards}.values()
    ]
    jobs += [(deck, None) for deck in data.decks]
    names = [f"png/{deck.id}-{card.id if card else 'back'}.png" for deck, card in jobs]
    pdf = card_pages_pdf(data, lang, look, jobs, text("pdf.previews", lang, data.game.default_language), ctx)
    made: list[Output] = []
    for name, image in zip(names, page_images(pdf, [dpi / POINTS_PER_INCH] * len(jobs))):
        buf = io.BytesIO()
        image.save(buf, format="PNG", compress_level=1)
        made.append(Output(name, buf.getvalue()))
    made.append(Output("gallery/index.html", site_gallery_html(data, lang, path, other).encode("utf-8")))
    write_all(out, made, sweep=False)
    return len(names)
