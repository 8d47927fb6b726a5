"""Fitted card layouts, computed once per game, deck, language and card size for the whole process.

Fitting text is the costly part of drawing a card (every trial size wraps a
Paragraph), and several outputs of one build draw the same cards: the card
sheets, the print-shop file, the PNG previews, and the rulebook's anatomy
figure (whose document is laid out several times, each pass on a new canvas).
A layout depends only on the game data, the deck, the language, the card size
and the fonts, so it is kept here rather than on a canvas.

The layouts are kept on the build's BuildContext (pipeline/context.py), per game.
Long-running commands (watch) give their context a LayoutCache (cards/layoutcache.py)
that outlives a reload of the game: it is keyed by the content of the deck and game.
"""

from __future__ import annotations

from dataclasses import replace

from mallette_print.cards.body import body_blocks, known_icons
from mallette_print.cards.faces import FaceLayout, card_location, layout_face, loosen_body, refit_body
from mallette_print.core.cardsize import CardSize
from mallette_print.core.custom import default_show
from mallette_print.core.errors import BuildError, DataError, Problem, problem
from mallette_print.core.model import Card, Deck, GameData
from mallette_print.core.units import parse_length
from mallette_print.draw.fonts import FontFamily
from mallette_print.draw.textfit import _TAG, Block
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions

DeckLayouts = dict[str, FaceLayout] | list[Problem]
NOTE_GAIN_PT = 0.5  # a deck's text smaller by this much because of a few cards is worth a note


def _fit_deck(ctx: BuildContext, data: GameData, deck: Deck, lang: str, size: CardSize, fam: FontFamily) -> DeckLayouts:
    """Every card of a deck fitted, the body text at one size for the whole deck (the largest that fits all).

    Each card's search starts at the smallest body size found so far in the deck (one wrap per card instead of
    one per size from the template's down): the deck's size is the smallest of the cards' own largest sizes, so a
    card that fits at that running size cannot lower it. A card that does not fit there is searched from the
    template's size down, as if alone (wrapping is not strictly monotonic in size), so the deck's size is exactly
    the one a full search of every card gives.
    """
    failed: dict[str, list[Problem]] = {}
    got: dict[str, FaceLayout] = {}
    running: float | None = None

    # Each card's body paragraphs are made once, for the ordering below and for the fit.
    def show(card: Card) -> list[str]:  # a card may have its own template
        tpl = data.templates[card.template or deck.template].at(size.name, size.w, size.h)
        return tpl.show or default_show(data.game, deck.type)

    blocks = {card.id: body_blocks(ctx, data, deck, card, lang, show(card)) for card in deck.cards}
    # The longest texts first: the running size then reaches the deck's size early and few cards are fitted twice.
    for card in sorted(deck.cards, key=lambda c: -_text_width(blocks[c.id], fam)):
        whole = running is None  # searched from the template's size: its size is this card's own largest
        lay = layout_face(ctx, data, deck, card, lang, size, fam, body_start=running, blocks=blocks[card.id])
        if running is not None and (isinstance(lay, list) or (lay.body and lay.body.size < running - 1e-6)):
            lay, whole = layout_face(ctx, data, deck, card, lang, size, fam, blocks=blocks[card.id]), True
        if isinstance(lay, list):
            failed[card.id] = lay
            continue
        if whole and lay.body:
            lay = replace(lay, own_size=lay.body.size)
        got[card.id] = lay
        if lay.body:
            running = lay.body.size if running is None else min(running, lay.body.size)
    if failed:
        return [p for card in deck.cards for p in failed.get(card.id, [])]
    out: dict[str, FaceLayout] = {}
    for card in deck.cards:
        lay = got[card.id]
        if running is not None and lay.body and lay.body.size > running:
            again = refit_body(lay, fam, running)
            if again is None:  # never seen: a smaller size fits when a larger one did; this names what overflows
                return _problems(
                    layout_face(ctx, data, deck, card, lang, size, fam, body_start=running, blocks=blocks[card.id])
                )
            lay = again
        # Gaps between blocks shrink with the text only where the card needs it to fit at the deck's size
        # (usually the cards that set that size); the others keep the full gaps.
        out[card.id] = loosen_body(lay)
    return out


def _text_width(blocks: list[Block], fam: FontFamily) -> float:
    """The width of a card's body text set in one line at 1 pt: how hard it is to fit, for ordering only."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(_TAG.sub("", b.markup), fam.regular, 1.0) for b in blocks)


def _problems(got: FaceLayout | list[Problem]) -> list[Problem]:
    # refit_body and layout_face fit the same blocks in the same box, so the latter fails too.
    assert isinstance(got, list)
    return got


def deck_layouts(
    ctx: BuildContext, data: GameData, deck: Deck, lang: str, size: CardSize, fam: FontFamily
) -> DeckLayouts:
    """The fitted layouts of a deck's cards by card id, or the located problems of the texts that do not fit."""
    return ctx.per_game(
        data, ("layouts", deck.id, lang, size, fam), lambda: _kept_or_fit(ctx, data, deck, lang, size, fam)
    )


def _kept_or_fit(
    ctx: BuildContext, data: GameData, deck: Deck, lang: str, size: CardSize, fam: FontFamily
) -> DeckLayouts:
    # Across reloads of the game (watch mode), the context's LayoutCache gives back the layouts of decks whose
    # content did not change; one-shot builds have none.
    cache = ctx.layouts
    if cache is None:
        return _fit_deck(ctx, data, deck, lang, size, fam)
    slot, key = (deck.id, lang, repr(size)), cache.key(data, deck, known_icons(ctx, data), lang, size)
    kept = cache.get(slot, key)
    if kept is not None:
        return kept
    got = _fit_deck(ctx, data, deck, lang, size, fam)
    if not isinstance(got, list):
        cache.put(slot, key, got)
    return got


def layout_notes(data: GameData, opts: BuildOptions, ctx: BuildContext) -> list[Problem]:
    """A note for each deck whose body text is smaller than its template's because of one to three cards.

    Every card of a deck shares one body size (the largest at which all fit), so one long text silently made the
    whole deck's text smaller. The note is located at the card(s) that set the size and says what size the deck
    would have without them. It fits the other cards alone once more, so it is for `check` and `build -v`.
    """
    from mallette_print.core.cardsize import parse_card_size
    from mallette_print.draw.fonts import register_family

    size, fam = parse_card_size(opts.card_size), register_family()
    notes: list[Problem] = []
    for deck in _printed_decks(data, opts):
        got = deck_layouts(ctx, data, deck, opts.lang, size, fam)
        if isinstance(got, list) or len(got) < 2:
            continue
        asked = parse_length(data.templates[deck.template].at(size.name, size.w, size.h).body.size)
        sizes = [lay.body.size for lay in got.values() if lay.body is not None]
        if not sizes or min(sizes) >= asked - 1e-6:
            continue
        own = {card.id: _own_size(ctx, data, deck, card, opts.lang, size, fam, got[card.id]) for card in deck.cards}
        least = min(own.values())
        setters = sorted(cid for cid, s in own.items() if s <= least + 1e-6)
        rest = [s for s in own.values() if s > least + 1e-6]
        without = min(min(rest), asked) if rest else least
        if len(setters) > 3 or without < least + NOTE_GAIN_PT - 1e-6:
            continue  # many cards need that size, or a quarter point: the deck is dense, no card to blame
        cards = ", ".join(f"'{c}'" for c in setters)
        for cid in setters[:1]:
            path, line, col, sheet = card_location(deck, cid, "", opts.lang)
            notes.append(
                problem(
                    path,
                    line,
                    col,
                    f"card '{cid}'",
                    f"note: the {opts.lang} body text of all {len(got)} cards of deck '{deck.id}' is set at "
                    f"{least:g} pt (the template asks {asked:g} pt) because card{'s' if len(setters) > 1 else ''} "
                    f"{cards} need{'' if len(setters) > 1 else 's'} it; without {'them' if len(setters) > 1 else 'it'} "
                    f"the deck would be at {without:g} pt",
                    sheet,
                )
            )
    return notes


def _printed_decks(data: GameData, opts: BuildOptions) -> list[Deck]:
    """The decks a build prints: every deck, or with --cards those holding one of the cards."""
    chosen = set(opts.cards)
    return [d for d in data.decks if not chosen or any(card.id in chosen for card in d.cards)]


def _own_size(
    ctx: BuildContext,
    data: GameData,
    deck: Deck,
    card: Card,
    lang: str,
    size: CardSize,
    fam: FontFamily,
    lay: FaceLayout,
) -> float:
    """The largest body size at which a card alone fits (from its layout when fitting searched it whole)."""
    if lay.own_size is not None:
        return lay.own_size
    alone = layout_face(ctx, data, deck, card, lang, size, fam)
    return alone.body.size if not isinstance(alone, list) and alone.body is not None else 0.0


def lay_out_cards(data: GameData, opts: BuildOptions, ctx: BuildContext) -> None:
    """The build's layout stage: fit every deck the build prints, keeping the layouts on `ctx`.

    Raises one DataError listing every text that does not fit, before anything is drawn. The card outputs, the
    rulebook's anatomy figure and watch's PNGs then take these layouts from the context.
    """
    from mallette_print.core.cardsize import parse_card_size
    from mallette_print.draw.fonts import register_family

    try:
        size = parse_card_size(opts.card_size)
    except ValueError as exc:
        raise BuildError(f"--size: {exc}") from None
    fam = register_family()
    problems: list[Problem] = []
    for deck in _printed_decks(data, opts):
        got = deck_layouts(ctx, data, deck, opts.lang, size, fam)
        if isinstance(got, list):
            problems.extend(got)
    if problems:
        raise DataError(problems)
