"""The card outputs of a build: cards.pdf, duplex-calibration.pdf, cards-printshop.pdf and png/ previews."""

from __future__ import annotations

import io

from mallette_print.core.cardsize import CardSize, parse_card_size
from mallette_print.core.errors import BuildError
from mallette_print.core.licensing import pdf_meta
from mallette_print.core.phrasebook import text
from mallette_print.core.model import GameData
from mallette_print.build.options import BuildOptions, Output, paper_label
from mallette_print.cards.painter import CardLook, painter_for
from mallette_print.draw.pdf import new_canvas
from mallette_print.cards.sheets import calibration_pdf, expand, render_sheets

DUPLEX_HOW = ("long", "short", "fold", "none", "shop")  # the phrasebook's print.cards_<mode>


def _look(opts: BuildOptions, size: CardSize, cmyk: bool = False) -> CardLook:
    return CardLook(size=size, ink_saver=opts.ink_saver, guides=opts.guides and not cmyk, cmyk=cmyk)


def print_shop_pdf(data: GameData, lang: str, look: CardLook, selection: tuple[str, ...] = ()) -> tuple[bytes, int]:
    """One card side per page, front then back; page = trim + bleed; TrimBox and BleedBox set; CMYK."""
    s = look.size
    pw, ph = s.w + 2 * s.bleed, s.h + 2 * s.bleed
    buf = io.BytesIO()
    meta = pdf_meta(data, lang, text("pdf.print_shop", lang, data.game.default_language))
    c, _ = new_canvas(buf, (pw, ph), meta, cmyk=look.cmyk)
    c.setTrimBox((s.bleed, s.bleed, s.bleed + s.w, s.bleed + s.h))
    c.setBleedBox((0, 0, pw, ph))
    p = painter_for(c, data, lang, look)
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


def face_pngs(data: GameData, lang: str, look: CardLook, dpi: int, selection: tuple[str, ...] = ()) -> list[Output]:
    """One PNG per card face (each distinct card once), rendered from the same drawing as the PDF."""
    import pypdfium2 as pdfium

    s = look.size
    buf = io.BytesIO()
    c, _ = new_canvas(buf, (s.w, s.h), pdf_meta(data, lang, text("pdf.previews", lang, data.game.default_language)))
    p = painter_for(c, data, lang, look)
    decks = [(d, tuple({card.id: card for card in cards}.values())) for d, cards in expand(data, selection)]
    p.layout_all([(d, card) for d, cards in decks for card in cards])
    names = []
    for deck, cards in decks:
        for card in cards:
            p.place(p.face_form(deck, card), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), (0.0, 0.0, s.w, s.h))
            c.showPage()
            names.append(f"png/{deck.id}-{card.id}.png")
    c.save()
    doc = pdfium.PdfDocument(buf.getvalue())
    out = []
    try:
        for i, name in enumerate(names):
            img = doc[i].render(scale=dpi / 72).to_pil()
            png = io.BytesIO()
            img.save(png, format="PNG", dpi=(dpi, dpi))
            out.append(Output(name, png.getvalue()))
    finally:
        doc.close()
    return out


def produce_cards(data: GameData, opts: BuildOptions) -> list[Output]:
    """Every card output the options ask for."""
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
        pdf, pages = render_sheets(data, lang, opts.paper, size, opts.duplex, opts.offset, look, opts.cards)
    except ValueError as exc:  # a card size that does not fit the paper
        raise BuildError(str(exc)) from None
    two_sided = opts.duplex in ("long", "short")
    outputs = [Output("cards.pdf", pdf, pages, how[opts.duplex], sheets=(pages + 1) // 2 if two_sided else pages)]
    if two_sided:
        cal = calibration_pdf(data, lang, opts.paper, opts.duplex, opts.offset, size)
        # Not counted in the total: the same two pages open cards.pdf.
        outputs.append(Output("duplex-calibration.pdf", cal, 2, how[opts.duplex]))
    if opts.print_shop:
        shop, shop_pages = print_shop_pdf(data, lang, _look(opts, size, cmyk=True), opts.cards)
        outputs.append(Output("cards-printshop.pdf", shop, shop_pages, how["shop"]))
    if opts.png_dpi:
        outputs.extend(face_pngs(data, lang, look, opts.png_dpi, opts.cards))
    return outputs
