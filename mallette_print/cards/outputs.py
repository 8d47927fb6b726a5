"""The card outputs of a build: cards.pdf, duplex-calibration.pdf, cards-printshop.pdf and png/ previews."""

from __future__ import annotations

import io
from collections.abc import Sequence

from mallette_print.cards.painter import CardLook, painter_for
from mallette_print.cards.sheets import calibration_pdf, expand, render_sheets
from mallette_print.core.cardsize import CardSize, parse_card_size
from mallette_print.core.errors import BuildError
from mallette_print.core.licensing import pdf_meta
from mallette_print.core.model import Card, Deck, GameData
from mallette_print.core.phrasebook import text
from mallette_print.draw.pdf import new_canvas
from mallette_print.draw.raster import page_pngs
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions, Output, paper_label

DUPLEX_HOW = ("long", "short", "fold", "none", "shop")  # the phrasebook's print.cards_<mode>


def _look(opts: BuildOptions, size: CardSize, cmyk: bool = False) -> CardLook:
    return CardLook(size=size, ink_saver=opts.ink_saver, guides=opts.guides and not cmyk, cmyk=cmyk)


def print_shop_pdf(
    data: GameData, lang: str, look: CardLook, selection: tuple[str, ...] = (), ctx: BuildContext | None = None
) -> tuple[bytes, int]:
    """One card side per page, front then back; page = trim + bleed; TrimBox and BleedBox set; CMYK."""
    s = look.size
    pw, ph = s.w + 2 * s.bleed, s.h + 2 * s.bleed
    buf = io.BytesIO()
    meta = pdf_meta(data, lang, text("pdf.print_shop", lang, data.game.default_language))
    c, _ = new_canvas(buf, (pw, ph), meta, cmyk=look.cmyk)
    c.setTrimBox((s.bleed, s.bleed, s.bleed + s.w, s.bleed + s.h))
    c.setBleedBox((0, 0, pw, ph))
    p = painter_for(ctx or BuildContext(), c, data, lang, look)
    decks = expand(data, selection)
    p.layout_all([(d, card) for d, cards in decks for card in cards])
    pages = 0
    for deck, cards in decks:
        for card in cards:
            for form in (p.face_form(deck, card), p.back_form(deck)):
                p.place(form, (1.0, 0.0, 0.0, 1.0, s.bleed, s.bleed))
                c.showPage()
                pages += 1
    c.save()
    return buf.getvalue(), pages


def card_pages_pdf(
    data: GameData,
    lang: str,
    look: CardLook,
    jobs: Sequence[tuple[Deck, Card | None]],
    title: str,
    ctx: BuildContext | None = None,
) -> bytes:
    """A PDF of one card side per trim-size page (a face, or the deck's back when the card is None), to rasterise."""
    s = look.size
    buf = io.BytesIO()
    c, _ = new_canvas(buf, (s.w, s.h), pdf_meta(data, lang, title))
    p = painter_for(ctx or BuildContext(), c, data, lang, look)
    p.layout_all([(d, card) for d, card in jobs if card is not None])
    for deck, card in jobs:
        form = p.face_form(deck, card) if card is not None else p.back_form(deck)
        p.place(form, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), (0.0, 0.0, s.w, s.h))
        c.showPage()
    c.save()
    return buf.getvalue()


def face_pngs(
    data: GameData,
    lang: str,
    look: CardLook,
    dpi: int,
    selection: tuple[str, ...] = (),
    ctx: BuildContext | None = None,
) -> list[Output]:
    """One PNG per card face (each distinct card once), rendered from the same drawing as the PDF."""
    jobs: list[tuple[Deck, Card | None]] = [
        (deck, card) for deck, cards in expand(data, selection) for card in {card.id: card for card in cards}.values()
    ]
    pdf = card_pages_pdf(data, lang, look, jobs, text("pdf.previews", lang, data.game.default_language), ctx)
    names = [f"png/{deck.id}-{card.id}.png" for deck, card in jobs if card is not None]
    return [Output(name, png) for name, png in zip(names, page_pngs(pdf, len(names), dpi))]


def produce_cards(data: GameData, opts: BuildOptions, ctx: BuildContext | None = None) -> list[Output]:
    """Every card output the options ask for."""
    ctx = ctx or BuildContext()
    try:
        size = parse_card_size(opts.card_size)
    except ValueError as exc:
        raise BuildError(f"--size: {exc}") from None
    lang = opts.lang
    default = data.game.default_language
    paper = paper_label(opts.paper, lang, default)
    how = {k: text(f"print.cards_{k}", lang, default, paper=paper, w=size.w_mm, h=size.h_mm) for k in DUPLEX_HOW}
    look = _look(opts, size)
    try:
        pdf, pages = render_sheets(data, lang, opts.paper, size, opts.duplex, opts.offset, look, opts.cards, ctx)
    except ValueError as exc:  # a card size that does not fit the paper
        raise BuildError(str(exc)) from None
    two_sided = opts.duplex in ("long", "short")
    outputs = [Output("cards.pdf", pdf, pages, how[opts.duplex], sheets=(pages + 1) // 2 if two_sided else pages)]
    if two_sided:
        cal = calibration_pdf(data, lang, opts.paper, opts.duplex, opts.offset, size, ctx)
        # Not counted in the total: the same two pages open cards.pdf.
        outputs.append(Output("duplex-calibration.pdf", cal, 2, how[opts.duplex]))
    if opts.print_shop:
        shop, shop_pages = print_shop_pdf(data, lang, _look(opts, size, cmyk=True), opts.cards, ctx)
        outputs.append(Output("cards-printshop.pdf", shop, shop_pages, how["shop"]))
    if opts.png_dpi:
        outputs.extend(face_pngs(data, lang, look, opts.png_dpi, opts.cards, ctx))
    return outputs
