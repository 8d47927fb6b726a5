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

GALLERY_DPI = 72


def write_gallery(data: GameData, lang: str, out: Path, ctx: BuildContext, dpi: int = GALLERY_DPI) -> int:
    """Write out/png/*.png (faces and backs) and out/gallery/index.html; return the number of images."""
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
    made.append(Output("gallery/index.html", gallery_html(data, lang).encode("utf-8")))
    write_all(out, made, sweep=False)
    return len(names)
