"""What goes on a card face and where: blocks of text per card type, fitted into the card's regions.

The result is a frozen FaceLayout (sizes chosen, regions in points) or a list
of located overflow problems; cards/painter.py draws a FaceLayout. The body text itself is made in cards/body.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from mallette_print.cards.body import MINUS, body_blocks, known_icons, words_for
from mallette_print.cards.labels import label
from mallette_print.cards.located import card_location, overflow_problem
from mallette_print.cards.placing import Placed, glyph_problems, layout_elements, template_family
from mallette_print.cards.smallprint import SMALL_MIN, fit_notice, small_print_lines
from mallette_print.core.cardsize import CardSize
from mallette_print.core.custom import default_show, type_defs
from mallette_print.core.diagnostics import suggest
from mallette_print.core.errors import Problem, problem
from mallette_print.core.i18n import tr
from mallette_print.core.licensing import notice_forms
from mallette_print.core.model import (
    TEXT_FLOOR_PT,
    ActorCard,
    Card,
    ChallengeCard,
    Deck,
    EventCard,
    GameData,
    NotionCard,
    ResourceCard,
    Template,
)
from mallette_print.core.qrfit import CARD_QR_GAP_MM, card_qr_size
from mallette_print.core.units import mm, parse_length, to_mm
from mallette_print.draw.fonts import FontFamily
from mallette_print.draw.markup import escape
from mallette_print.draw.shapes import small_print_base
from mallette_print.draw.textfit import (
    Block,
    Fitted,
    Overflow,
    Style,
    fit_blocks,
    fit_lines,
    icon_markup,
    text_style,
    to_markup,
    with_full_gaps,
)
from mallette_print.pipeline.context import BuildContext

DISC = mm(10)  # the icon badge in the band
TITLE_LINES = 2
QR_GAP = mm(CARD_QR_GAP_MM)
FICHE_SIZE = 7.5
BODY_MIN = 7.0  # the licence notice is never smaller than 5 pt (SMALL_MIN)
IMAGE_ROOM = mm(16)  # a card's image: at least 14 mm high, 2 mm under the text (cards/painter.py draws it there)
FICHE_GAP = mm(1.0)  # between the fiche number and the small print below it, on a card without its QR code


@dataclass(frozen=True)
class Badge:
    """A big sign in the right badge of the band (a value, a deadline, + or −) and a word under it."""

    big: str
    small: str


@dataclass(frozen=True)
class FaceLayout:
    """One card face, fitted: texts with their sizes and the regions they go in (points, card coordinates)."""

    deck_id: str
    card_id: str
    lang: str
    template: Template
    band_colour: str
    band_pattern: str
    band_icon: str | None
    type_label: str
    group_label: str
    group_size: float
    badge: Badge | None
    title: Fitted | None
    title_top: float
    rule_y: float
    body: Fitted | None
    body_top: float
    body_bottom: float
    image: str | None
    fiche_text: Fitted | None
    qr_url: str | None
    qr_size: float
    notice: str
    card_ref: str
    small_size: float
    # The largest body size at which this card alone fits, when its fitting searched from the template's size
    # (None when it was only tried at a deck's running size): how the deck's size is traced to one card.
    own_size: float | None = None
    # Room kept free under the body for the card's image (IMAGE_ROOM when it has one): the text never takes it.
    image_room: float = 0.0
    # A template's elements at fixed places (cards/placing.py): when any, they make the face instead of the above.
    placed: tuple[Placed, ...] = ()
    small_base: float = 0.0  # placed faces: the small print's lowest line, from the bottom (shapes.small_print_base)
    # A flowing template's own font family (its `font:`), in which its title, band labels, body and fiche caption
    # were fitted and are drawn; None: the build's family (always the one of the badge, notice and card id).
    fam: FontFamily | None = None


def _type_label(data: GameData, deck: Deck) -> dict[str, str]:
    """The band's label of a card type, from its definition (built in or the game's), when the template gives none."""
    d = type_defs(data.game.card_types).get(deck.type)
    return d.label if d is not None else {}


def _band(
    ctx: BuildContext, data: GameData, deck: Deck, card: Card, tpl: Template, lang: str
) -> tuple[str, str, str | None, str, Badge | None]:
    """Band colour, pattern, icon, second label and badge of a card."""
    w = words_for(ctx, data, lang)
    colour, pattern, icon, group = tpl.band_colour, tpl.pattern, tpl.icon, ""
    badge: Badge | None = None
    show = tpl.show or default_show(data.game, deck.type)
    if tpl.band == "family" and isinstance(card, ActorCard):
        fam = w.things[card.family]
        colour, pattern, icon, group = fam.colour, fam.pattern, fam.icon, w.t(fam.label)
    elif tpl.band == "kind" and isinstance(card, ResourceCard):
        kind = w.things[card.kind]
        colour, icon, group = kind.colour, kind.icon, w.t(kind.label)
    if isinstance(card, ResourceCard) and "value" in show:
        badge = Badge(str(card.value), w.label("value"))
    elif isinstance(card, ChallengeCard):
        group = w.t(card.issue) if "issue" in show else group
        if "deadline" in show:
            badge = Badge(str(card.deadline), w.label("rounds" if card.deadline > 1 else "round"))
    elif isinstance(card, EventCard):
        group = w.label("positive" if card.positive else "negative")
        badge = Badge("+" if card.positive else MINUS, "")
    elif isinstance(card, NotionCard):
        group = f"{w.label('fiche')} {data.fiche(card.fiche).number}"
    if tpl.band == "none":
        colour = tpl.background
    if not tpl.band_label:
        group = ""  # a size variant leaves the second label out (a mini card's band has no room for it)
    return colour, pattern, icon, group, badge


def _placed_face(
    ctx: BuildContext,
    data: GameData,
    deck: Deck,
    card: Card,
    tpl: Template,
    lang: str,
    size: CardSize,
    fam: FontFamily,
) -> FaceLayout | list[Problem]:
    """A face made of the template's elements at fixed places, with the licence notice and card id at the bottom."""
    small = max(text_style(tpl.small).size, SMALL_MIN)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    forms = notice_forms(data, lang)  # one line where the elements leave room for one: shrunk or shorter if need be
    ref = f"{card.id} · v{data.game.version}"
    fitted_note = fit_notice(forms, fam.regular, small, size.w - 2 * size.safe, small_print_height("x", small), ref)
    # None fits (a 25 mm token): the shortest form as it always was on placed faces, which do not check its width.
    note, small, ref = fitted_note or (forms[-1], small, ref)
    # the notice and card id (centred and lifted on a circle or hexagon, whose bottom is narrow)
    lines = [*(line.replace("\t", " ") for line in note.split("\n")), ref]  # a tab: the ref shares the last line
    wide = max(stringWidth(line, fam.regular, small) for line in lines)
    base = small_print_base(tpl.shape, size.w, size.h, size.safe, wide)
    keep = base + small_print_height("x", small) + mm(0.5)
    placed = layout_elements(ctx, data, deck, card, tpl, lang, size, fam, keep)
    if isinstance(placed, list):
        return placed
    colour, pattern, icon, _group, _badge = _band(ctx, data, deck, card, tpl, lang)
    label = tr(tpl.type_label or _type_label(data, deck), lang, data.game.default_language)
    return FaceLayout(
        deck.id, card.id, lang, tpl, colour, pattern, icon, label, "", 0.0, None, None, 0.0, 0.0, None, 0.0, 0.0,
        None, None, None, 0.0, note, ref, small, placed=placed, small_base=base,
    )  # fmt: skip


def _image_problem(deck: Deck, card: Card, ov: Overflow | None, room: float) -> Problem:
    """A card's image that the text leaves no room for, located at its `image:` (never silently dropped)."""
    path, line, col, sheet = card_location(deck, card.id, "image", ov.lang if ov else "")
    left = (
        f"the {ov.lang} text at {ov.size:g} pt, its smallest size, leaves {max(0.0, to_mm(IMAGE_ROOM - ov.excess)):.1f} mm"
        if ov
        else f"the card has {to_mm(room):.1f} mm for its text and image"
    )
    message = (
        f"no room for the image: it needs {to_mm(IMAGE_ROOM):.0f} mm under the text and {left} (shorten the text, "
        "choose a larger card size, or remove the image)"
    )
    return problem(path, line, col, f"card '{card.id}'", message, sheet)


def refit_body(lay: FaceLayout, fam: FontFamily, start: float) -> FaceLayout | None:
    """The same face with its body fitted again from `start` down (None if it then does not fit)."""
    body = lay.body
    if body is None:
        return lay
    room = lay.body_top - lay.body_bottom - lay.image_room
    got = fit_blocks(lay.fam or fam, body.blocks, body.style, body.width, room, body.lang, start=start)
    return replace(lay, body=got) if isinstance(got, Fitted) else None


def loosen_body(lay: FaceLayout) -> FaceLayout:
    """The same face with full gaps between its body blocks when the text fits with them (see _fit_deck)."""
    if lay.body is None or len(lay.body.blocks) < 2:
        return lay
    body = with_full_gaps(lay.body, lay.body_top - lay.body_bottom - lay.image_room)
    return lay if body is lay.body else replace(lay, body=body)


def _fit_caption(
    number: int, short: str, lang: str, default: str, colour: str, width: float, fam: FontFamily
) -> Fitted | Overflow:
    """A fiche's caption beside its QR code: a phone icon, "Fiche N" in bold, its short title; at most 3 lines."""
    block = Block(
        "fiche",
        icon_markup("qr-phone")
        + f"<b>{escape(label('fiche', lang, default), quotes=False)} {number}</b><br/>"
        + escape(short, quotes=False),
    )
    return fit_lines(fam, block, Style(FICHE_SIZE, 6.0, 1.2, colour=colour), width, 3, lang)


def _fit_number(number: int, lang: str, default: str, colour: str, width: float, fam: FontFamily) -> Fitted | Overflow:
    """A fiche's number on a card without its QR code: "Fiche N" in bold, one line."""
    block = Block("fiche", f"<b>{escape(label('fiche', lang, default), quotes=False)} {number}</b>", hyphenate=False)
    return fit_lines(fam, block, Style(FICHE_SIZE, 6.0, 1.2, colour=colour), width, 1, lang)


def small_print_height(card_ref: str, small: float, notice: str = "") -> float:
    """The height of the small print at the bottom of a card: the notice's lines and the card reference's."""
    return small_print_lines(notice, card_ref) * small * 1.25


def layout_face(
    ctx: BuildContext,
    data: GameData,
    deck: Deck,
    card: Card,
    lang: str,
    size: CardSize,
    fam: FontFamily,
    body_start: float | None = None,
    blocks: list[Block] | None = None,
) -> FaceLayout | list[Problem]:
    """Fit every text of a card face; return the layout, or the located problems of what does not fit.

    body_start: the body size to try first (the template's size when None or larger); see cards/layouts.py.
    blocks: the card's body_blocks when the caller already made them.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    base = data.templates[card.template or deck.template]
    tpl = base.at(size.name, size.w, size.h)  # its size variants for this card size applied
    if tpl.elements:
        return _placed_face(ctx, data, deck, card, tpl, lang, size, fam)
    W, H, S = size.w, size.h, size.safe
    problems: list[Problem] = []
    own = template_family(data, tpl)  # the template's `font:`: its texts are set in it (the small print is not)
    small_fam, fam = fam, own[2] if own else fam
    colour, pattern, icon, group, badge = _band(ctx, data, deck, card, tpl, lang)
    # Second band line: one line between the badges, shrunk down to 7 pt if needed.
    group_w = W - 2 * S - (DISC + mm(2)) * (1 + (badge is not None))
    group_size = 9.5
    while group and stringWidth(group, fam.bold, group_size) > group_w and group_size > 7.0:
        group_size -= 0.25
    if group and stringWidth(group, fam.bold, group_size) > group_w:
        field = "issue" if isinstance(card, ChallengeCard) else "label"
        problems.append(
            overflow_problem(
                deck,
                card,
                Overflow(field, stringWidth(group, fam.bold, group_size) - group_w, group_size, lang),
                " in the band",
            )
        )
    title_style = replace(text_style(tpl.title, 9.0), leading=min(tpl.title.leading, 1.1))
    title = fit_lines(
        fam,
        Block("title", to_markup(tr(card.title, lang, data.game.default_language), lang), hyphenate=False),
        title_style,
        W - 2 * S,
        TITLE_LINES,
        lang,
    )
    band_h = parse_length(tpl.band_height) if tpl.band != "none" else S
    title_top = min(H - band_h - mm(1.8), H - S - DISC - mm(1.0))
    small_style = text_style(tpl.small)
    small = max(small_style.size, SMALL_MIN)
    fiche_text: Fitted | None = None
    qr_url: str | None = None
    # The printed size of the code, chosen in core/qrfit.py (which also checks that phones can read it).
    qr = card_qr_size(parse_length(tpl.qr_size), W, S, mm(1))
    if card.fiche and tpl.qr:
        qr_url = data.fiche_url(card.fiche)
        f = data.fiche(card.fiche)
        short = tr(f.short or f.title, lang, data.game.default_language)
        fiche_w = W - 2 * S - qr - QR_GAP
        # Every card of a fiche shows the same caption: fitted once per game (the key holds all it depends on).
        fitted = ctx.per_game(
            data,
            ("fiche", f.id, lang, tpl.body.colour, fiche_w, fam),
            lambda: _fit_caption(f.number, short, lang, data.game.default_language, tpl.body.colour, fiche_w, fam),
        )
        if isinstance(fitted, Overflow):
            problems.append(overflow_problem(deck, card, fitted, f" (fiche '{f.id}' short title)"))
        else:
            fiche_text = fitted
        footer_h = qr
    elif card.fiche:
        # No code (the template says qr: false): "Fiche N" above the small print, the whole width.
        number = data.fiche(card.fiche).number
        fitted = ctx.per_game(
            data,
            ("fiche-number", number, lang, tpl.body.colour, W - 2 * S, fam),
            lambda: _fit_number(number, lang, data.game.default_language, tpl.body.colour, W - 2 * S, fam),
        )
        if isinstance(fitted, Overflow):
            problems.append(overflow_problem(deck, card, fitted, " (the fiche number)"))
        else:
            fiche_text = fitted
    small_w = W - 2 * S - (qr + QR_GAP if qr_url else 0)
    card_ref = f"{card.id} · v{data.game.version}"
    if stringWidth(card_ref, small_fam.regular, small) > small_w:
        card_ref = f"{card.id}\nv{data.game.version}"  # a long id on a narrow card: the version goes below it
    forms = notice_forms(data, lang)
    room = qr - (fiche_text.total + mm(0.5) if fiche_text else 0.0) if qr_url else None
    fitted_note = fit_notice(forms, small_fam.regular, small, small_w, room, card_ref)
    note = forms[-1]  # none fits: the shortest form, reported below as overflowing
    if fitted_note is not None:
        note, small, card_ref = fitted_note
    if not qr_url:
        footer_h = small_print_height(card_ref, small, note) + (FICHE_GAP + fiche_text.total if fiche_text else 0)
    for text, field in (
        *((line.partition("\t")[0], "notice") for line in note.split("\n")),
        *((line, "id") for line in card_ref.split("\n") if line),
    ):
        if stringWidth(text, small_fam.regular, small) > small_w:
            problems.append(
                overflow_problem(
                    deck,
                    card,
                    Overflow(field, stringWidth(text, small_fam.regular, small) - small_w, small, lang),
                    " in the small print",
                )
            )
    if isinstance(title, Overflow):
        problems.append(overflow_problem(deck, card, title, f" (at most {TITLE_LINES} lines)"))
        return problems
    rule_y = title_top - title.total - mm(1.3)
    body_top = rule_y - mm(1.7)
    body_bottom = S + footer_h + mm(1.5)
    if blocks is None:
        blocks = body_blocks(ctx, data, deck, card, lang, tpl.show or default_show(data.game, deck.type))
    known = known_icons(ctx, data)
    for b in blocks:
        for name in re.findall(r'label="([^"]*)"', b.markup):
            if name not in known:
                path, line, col, sheet = card_location(deck, card.id, b.field, lang)
                problems.append(
                    problem(
                        path,
                        line,
                        col,
                        f"card '{card.id}'",
                        f"unknown inline icon ':{name}:' in '{b.field}'{suggest(name, known)} "
                        "(a family, resource kind, zone or track id, or an icon in assets/icons/)",
                        sheet,
                    )
                )
    body: Fitted | None = None
    image_room = IMAGE_ROOM if card.image else 0.0
    if image_room and body_top - body_bottom < image_room:
        problems.append(_image_problem(deck, card, None, body_top - body_bottom))
    elif blocks:
        body_style = text_style(tpl.body, BODY_MIN)
        # 7 pt is the floor for body text whatever a template says; a size variant's body may go down to 5.5 pt.
        floor = BODY_MIN if tpl.body is base.body else TEXT_FLOOR_PT
        body_style = replace(body_style, min_size=max(body_style.min_size, floor))
        room = body_top - body_bottom - image_room
        fitted_body = fit_blocks(fam, blocks, body_style, W - 2 * S, room, lang, start=body_start)
        if isinstance(fitted_body, Overflow) and image_room:
            problems.append(_image_problem(deck, card, fitted_body, room + image_room))
        elif isinstance(fitted_body, Overflow):
            problems.append(overflow_problem(deck, card, fitted_body))
        else:
            body = fitted_body
    if own and not problems:
        kind = tr(tpl.type_label or _type_label(data, deck), lang, data.game.default_language)
        texts = [("label", escape(kind + " " + group)), ("title", title.blocks[0].markup)]
        texts += [(b.field, b.markup) for b in blocks] + (
            [("fiche", fiche_text.blocks[0].markup)] if fiche_text else []
        )
        problems = glyph_problems(data, deck, card, lang, own[0], own[1], texts)
    if problems:
        return problems
    return FaceLayout(
        deck.id,
        card.id,
        lang,
        tpl,
        colour,
        pattern,
        icon,
        tr(tpl.type_label or _type_label(data, deck), lang, data.game.default_language),
        group,
        group_size,
        badge,
        title,
        title_top,
        rule_y,
        body,
        body_top,
        body_bottom,
        card.image,
        fiche_text,
        qr_url,
        qr,
        note,
        card_ref,
        small,
        image_room=image_room,
        fam=fam if own else None,
    )
