"""Raw located YAML -> validated GameData, collecting every problem before stopping.

Order: manifest (cards/game.yaml), templates (with `extends`), decks card by
card, then cross-references between all of them (ids, families, kinds, zones,
tracks, fiches, templates), asset paths that must stay inside the game folder,
and URLs that must be http(s). All problems are raised together as one
DataError.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mallette_print.core.board import load_board
from mallette_print.core.cardrules import Refs, check_fields, check_type_defs, game_lists, rules
from mallette_print.core.checks import (
    ASSET_SUFFIXES,
    FONT_SUFFIXES,
    Collector,
    check_url,
    data_path,
    icon_folder_problems,
    load_located,
    unique,
    validate_model,
)
from mallette_print.core.custom import card_models, showable, type_defs
from mallette_print.core.diagnostics import suggest
from mallette_print.core.errors import SHEET_SUFFIXES, DataError, problem
from mallette_print.core.fiches import load_fiche_texts
from mallette_print.core.model import Card, Deck, DeckHeader, Game, GameData, Template
from mallette_print.core.sheets import sheet_locations
from mallette_print.core.templates import load_templates
from mallette_print.core.yamlio import Located

GAME_FILE = Path("cards") / "game.yaml"
_NAMED_LISTS = (("families", "family"), ("resource_kinds", "kind"), ("zones", "zone"), ("tracks", "track"))


def find_game(start: Path) -> Path:
    """The game folder: `start` itself if it holds cards/game.yaml, else the nearest parent that does."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / GAME_FILE).is_file():
            return candidate
    raise DataError(
        [problem(start / GAME_FILE, 0, 0, "", "no game found here: expected cards/game.yaml (use --game DIR)")]
    )


def _check_game(game: Game, doc: Located, root: Path, col: Collector) -> None:
    cards_dir = root / "cards"
    for lang, via in game.fallback.items():
        for x in [lang, *via]:
            if x not in game.languages:
                col.add(doc, ("fallback", lang), "fallback", f"'{x}' is not one of the game's languages")
    unique(game.fiches.items, "fiche", doc, ("fiches", "items"), col)
    numbers: dict[int, str] = {}
    for i, f in enumerate(game.fiches.items):
        if f.number in numbers:
            col.add(
                doc,
                ("fiches", "items", i, "number"),
                f"fiche '{f.id}'",
                f"number {f.number} already used by fiche '{numbers[f.number]}'",
            )
        numbers[f.number] = f.id
        check_url(f.url, doc, ("fiches", "items", i, "url"), f"fiche '{f.id}'", col)
    before = len(col.problems)
    check_url(game.fiches.base_url, doc, ("fiches", "base_url"), "", col)
    if len(col.problems) == before:
        for i, f in enumerate(game.fiches.items):
            if f.url is None:
                check_url(
                    game.fiches.base_url + (f.slug or f.id), doc, ("fiches", "items", i, "slug"), f"fiche '{f.id}'", col
                )
    check_url(game.source_url, doc, ("source_url",), "", col)
    check_url(game.rules_url, doc, ("rules_url",), "", col)
    check_url(game.licence.url, doc, ("licence", "url"), "", col)
    for i, a in enumerate(game.adapted_from):
        check_url(a.source_url, doc, ("adapted_from", i, "source_url"), "", col)
        check_url(a.licence.url, doc, ("adapted_from", i, "licence", "url"), "", col)
    for list_name, what in (
        ("families", "family"),
        ("resource_kinds", "resource kind"),
        ("zones", "zone"),
        ("tracks", "track"),
    ):
        items = getattr(game, list_name)
        unique(items, what, doc, (list_name,), col)
        for i, item in enumerate(items):
            if getattr(item, "icon", None):
                data_path(
                    root, item.icon, root, doc, (list_name, i, "icon"), f"{what} '{item.id}'", col, ASSET_SUFFIXES
                )
    track_ids = [t.id for t in game.tracks]
    if game.fragility_track not in track_ids:
        col.add(
            doc,
            ("fragility_track",),
            "",
            f"unknown track '{game.fragility_track}'{suggest(game.fragility_track, track_ids)}",
        )
    for i, t in enumerate(game.tracks):
        if not (t.min <= t.start <= t.max):
            col.add(doc, ("tracks", i), f"track '{t.id}'", f"start {t.start} is outside {t.min}..{t.max}")
    if game.default_language not in game.languages:
        col.add(doc, ("default_language",), "", f"'{game.default_language}' is not in languages {game.languages}")
    p = game.parameters
    if p.players_min > p.players_max:
        col.add(doc, ("parameters", "players_min"), "", f"players_min {p.players_min} > players_max {p.players_max}")
    if game.font:
        data_path(root, game.font, root, doc, ("font",), "", col, FONT_SUFFIXES)
    for loc, font in game.fonts.paths():
        data_path(root, font, root, doc, loc, "", col, {".ttf", ".otf"})
    for i, deck in enumerate(game.decks):
        data_path(root, deck, cards_dir, doc, ("decks", i), "", col, {".yaml", ".yml", *SHEET_SUFFIXES})
    data_path(root, game.templates, cards_dir, doc, ("templates",), "", col, {".yaml", ".yml"})
    check_type_defs(game, doc, col)


def _load_deck(
    path: Path, col: Collector, context: dict[str, Any], broken: list[Located], game: Game
) -> tuple[Located, DeckHeader, list[Card]] | None:
    models = card_models(game)
    doc = load_located(path, col, models)
    if doc is None:
        return None
    header = validate_model(DeckHeader, doc.data, doc, col, context)
    if header is not None and header.type not in models:
        known = list(models)
        col.add(
            doc,
            ("type",),
            "",
            f"unknown card type '{header.type}'{suggest(header.type, known)} "
            f"(known: {', '.join(known)}; a game defines its own in game.yaml `card_types:`)",
        )
        header = None
    if header is None:
        broken.append(doc)  # its deck and card ids still count as written, so nothing else cascades
        return None
    model = models[header.type]
    cards: list[Card] = []
    for i, raw in enumerate(header.cards):
        card = validate_model(model, raw, doc, col, context, ("cards", i))
        if card is not None:
            cards.append(card)
    return doc, header, cards


def _check_cards(
    game: Game,
    templates: set[str],
    decks: list[tuple[Located, DeckHeader, list[Card]]],
    root: Path,
    col: Collector,
    resolved: dict[str, Template] | None = None,
    unchecked: list[str] | None = None,
) -> None:
    """Cross-references between cards. `unchecked`: card ids of deck files too broken to know their type."""
    refs = Refs(col)
    lists = game_lists(game)
    defs = type_defs(game.card_types)
    by_type: dict[str, list[str]] = {t: list(unchecked or []) for t in card_models(game)}
    seen: dict[str, tuple[Located, int]] = {}
    deck_ids: dict[str, Located] = {}
    for doc, header, cards in decks:
        if header.id in deck_ids:
            col.add(doc, ("id",), "", f"deck id '{header.id}' is already used by {deck_ids[header.id].path.name}")
        deck_ids[header.id] = doc
        refs.check(header.template, templates, "template", doc, ("template",), f"deck '{header.id}'")
        _check_fields_shown(game, header, cards, resolved or {}, doc, col)
        if header.back.icon:
            data_path(root, header.back.icon, root, doc, ("back", "icon"), f"deck '{header.id}'", col, ASSET_SUFFIXES)
        copies: dict[str, int] = {}  # how many cards with this id this file has had so far
        for card in cards:
            nth = copies[card.id] = copies.get(card.id, -1) + 1
            if card.id in seen:
                other, line = seen[card.id]
                # A second copy of an id in the same file is located at that copy, not at the first.
                col.add(
                    doc,
                    ("cards", doc.card_position(card.id, nth), "id"),
                    f"card '{card.id}'",
                    f"duplicate card id (first defined at {other.path.name}:{line})",
                )
            else:
                seen[card.id] = (doc, doc.where(("cards", _index(doc, card.id)))[0])
        # Ids of every card written, valid or not, so one broken card does not cascade into
        # "unknown card" errors wherever it is referenced.
        by_type[header.type].extend(str(raw.get("id")) for raw in header.cards if isinstance(raw, dict))
    for doc, header, cards in decks:
        for card in cards:
            base = ("cards", _index(doc, card.id))
            ctx = f"card '{card.id}'"
            if card.fiche is not None:
                refs.check(card.fiche, lists["fiches"], "fiche", doc, base + ("fiche",), ctx)
            if card.template is not None:
                refs.check(card.template, templates, "template", doc, base + ("template",), ctx)
            if card.image:
                data_path(root, card.image, root, doc, base + ("image",), ctx, col, ASSET_SUFFIXES)
            check_fields(card, defs[header.type], by_type, lists, (doc, base, ctx), root, refs)
            rules(game, card, (doc, base, ctx), col)


def _check_fields_shown(
    game: Game, header: DeckHeader, cards: list[Card], resolved: dict[str, Template], doc: Located, col: Collector
) -> None:
    """The fields the deck's templates (its own, and those its cards name) show or place: its card type's fields."""
    can = showable(game, header.type)
    for name in sorted({header.template, *(c.template for c in cards if c.template)}):
        tpl, ctx = resolved.get(name), f"deck '{header.id}'"
        for shown in tpl.show if tpl else []:
            if shown not in can:
                col.add(
                    doc,
                    ("template",),
                    ctx,
                    f"template '{name}' shows '{shown}', which a {header.type} card does not have"
                    f"{suggest(shown, can)} (it can show: {', '.join(can)})",
                )
        for k, el in enumerate(tpl.elements if tpl else []):
            if el.field is not None and el.field not in (*can, "title", "image"):
                col.add(
                    doc,
                    ("template",),
                    ctx,
                    f"template '{name}' places the field '{el.field}' (element {k + 1}), which a {header.type} "
                    f"card does not have{suggest(el.field, can)}",
                )


def _written_ids(doc: Located) -> tuple[str | None, list[str]]:
    """The deck id and card ids a deck file writes, read without validating it."""
    data = doc.data if isinstance(doc.data, dict) else {}
    raw = data.get("cards")
    cards: list[Any] = raw if isinstance(raw, list) else []
    deck_id = data.get("id") if isinstance(data.get("id"), str) else None
    return deck_id, [str(c["id"]) for c in cards if isinstance(c, dict) and "id" in c]


def _index(doc: Located, card_id: str) -> int:
    """Position of a card in its file's list (ids are unique within a validated deck)."""
    return doc.card_position(card_id)


def load_game(start: Path) -> GameData:
    """Load and validate the whole game found at or above `start`; raise DataError with every problem."""
    root = find_game(start)
    col = Collector(root)
    doc = load_located(root / GAME_FILE, col)
    if doc is None:
        raise DataError(col.problems)
    pre = doc.data if isinstance(doc.data, dict) else {}
    langs = pre.get("languages")
    context = {
        "default_language": pre.get("default_language", "fr") if isinstance(pre.get("default_language"), str) else "fr",
        "languages": langs if isinstance(langs, list) and all(isinstance(x, str) for x in langs) else None,
        "fallback": pre.get("fallback") if isinstance(pre.get("fallback"), dict) else None,
    }
    game = validate_model(Game, doc.data, doc, col, context)
    if game is None:
        raise DataError(col.problems)
    _check_game(game, doc, root, col)
    templates, template_names = load_templates(root, game, col, context)
    decks: list[tuple[Located, DeckHeader, list[Card]]] = []
    broken: list[Located] = []  # deck files whose header is wrong (its problems are already reported)
    for deck_file in game.decks:
        path = root / "cards" / deck_file
        if not path.resolve().is_relative_to(root) or not path.is_file():
            continue  # already reported by _check_game
        loaded = _load_deck(path, col, context, broken, game)
        if loaded is not None:
            decks.append(loaded)
    written = [_written_ids(d) for d in broken]
    _check_cards(game, template_names, decks, root, col, templates, [i for _, ids in written for i in ids])
    deck_ids = [h.id for _, h, _ in decks] + [deck_id for deck_id, _ in written if deck_id]
    board, board_problems = load_board(root, game, deck_ids, context)
    col.problems.extend(board_problems + icon_folder_problems(root))
    fiche_texts = load_fiche_texts(root, game, context, col)
    if col.problems:
        raise DataError(col.problems)
    built = tuple(
        Deck.model_validate(  # with the context: the title's check needs the game's default language
            {
                "id": h.id,
                "type": h.type,
                "title": h.title,
                "template": h.template,
                "back": h.back,
                "cards": tuple(cards),
                "source": str(d.path),
            },
            context=context,
        )
        for d, h, cards in decks
    )
    where: dict[str, dict[str, Any]] = {"locations": _locations(game, doc, decks), "sheets": sheet_locations(decks)}
    data = GameData(root=str(root), game=game, templates=templates, decks=built, board=board, **where)
    return data.model_copy(update={"fiche_texts": fiche_texts})


def _locations(
    game: Game, doc: Located, decks: list[tuple[Located, DeckHeader, list[Card]]]
) -> dict[str, tuple[str, int, int]]:
    """Where the manifest items, decks and cards are defined, for messages after validation."""
    shown: dict[Path, str] = {}  # the display path of each file, worked out once (not once per card)

    def at(d: Located, loc: tuple[Any, ...]) -> tuple[str, int, int]:
        line, col = d.where(loc)
        if d.path not in shown:
            shown[d.path] = problem(d.path, 0, 0, "", "").path
        return (shown[d.path], line, col)

    out = {"game": at(doc, ()), "parameters": at(doc, ("parameters",)), "licence": at(doc, ("licence", "url"))}
    if "setup" in doc.data:
        out["setup"] = at(doc, ("setup",))
        out |= {key: at(doc, loc) for key, loc in game.setup.set_paths()}
    for i, f in enumerate(game.fiches.items):
        out[f"fiche:{f.id}"] = at(doc, ("fiches", "items", i))
    for list_name, prefix in _NAMED_LISTS:
        for i, item in enumerate(getattr(game, list_name)):
            out[f"{prefix}:{item.id}"] = at(doc, (list_name, i))
    for d, h, cards in decks:
        out[f"deck:{h.id}"] = at(d, ("id",))
        for card in cards:
            out[f"card:{card.id}"] = at(d, ("cards", _index(d, card.id)))
    return out
