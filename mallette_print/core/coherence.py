"""Game-level coherence of valid data: can the game actually be played as written?

`validate.py` checks that every name exists; this module checks that the pieces
fit together: every cooperation can be formed by actors of the deck, every
resource kind a cooperation needs is brought by some actor, every challenge can
be solved, both languages are complete, every fiche is named by enough cards,
and the parameters suit the decks. It is pure: it reads a GameData and returns
located problems, split into errors (the game cannot work) and warnings (it
works, but something is missing or odd; errors under `mallette check --strict`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from mallette_print.core.errors import Problem
from mallette_print.core.model import (
    ActorCard,
    CardBase,
    ChallengeCard,
    CooperationCard,
    EventCard,
    GameData,
    ResourceCard,
)
from mallette_print.core.setup_check import setup_problems

MIN_CARDS_PER_FICHE = 2
# Card fields holding translatable text, in the order they are reported.
TEXT_FIELDS = ("title", "description", "ability", "example", "issue", "question", "effect", "definition", "flavour")


@dataclass(frozen=True)
class Report:
    """What the coherence checks found."""

    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


@dataclass
class _Found:
    data: GameData
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def _at(self, key: str, context: str, message: str) -> Problem:
        path, line, col = self.data.where(key)
        return Problem(path, line, col, context, message, self.data.sheets.get(key, ""))

    def error(self, key: str, context: str, message: str) -> None:
        self.errors.append(self._at(key, context, message))

    def warn(self, key: str, context: str, message: str) -> None:
        self.warnings.append(self._at(key, context, message))


C = TypeVar("C", bound=CardBase)


def _of(data: GameData, kind: type[C]) -> list[C]:
    return [c for _, c in data.cards() if isinstance(c, kind)]


def _fills(actor: ActorCard) -> set[str]:
    """The family slots an actor may fill in a cooperation (its own, plus an extra-family power)."""
    slots = {actor.family}
    if actor.power is not None and actor.power.type == "extra-family" and actor.power.family:
        slots.add(actor.power.family)
    return slots


def partners(families: list[str], actors: list[ActorCard]) -> list[ActorCard] | None:
    """Distinct actors filling every family slot (bipartite matching), or None if impossible."""
    match: dict[int, int] = {}  # actor index -> slot index

    def place(slot: int, seen: set[int]) -> bool:
        for a, actor in enumerate(actors):
            if families[slot] in _fills(actor) and a not in seen:
                seen.add(a)
                if a not in match or place(match[a], seen):
                    match[a] = slot
                    return True
        return False

    for slot in range(len(families)):
        if not place(slot, set()):
            return None
    by_slot = {s: a for a, s in match.items()}
    return [actors[by_slot[s]] for s in range(len(families))]


def _kinds_brought(actors: list[ActorCard], resources: Mapping[str, ResourceCard]) -> dict[str, list[str]]:
    """Resource kind -> ids of the actors that can mobilise a resource of that kind."""
    out: dict[str, list[str]] = {}
    for actor in actors:
        for rid in actor.resources:
            res = resources.get(rid)
            if res is not None and actor.id not in out.setdefault(res.kind, []):
                out[res.kind].append(actor.id)
    return out


def _names(ids: Iterable[str], limit: int = 8) -> str:
    ids = list(ids)
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _check_cooperations(f: _Found, actors: list[ActorCard], resources: dict[str, ResourceCard]) -> set[str]:
    """Errors for cooperations no set of actors can form; returns the ids of those that can be formed."""
    formable: set[str] = set()
    supply: dict[str, int] = {}
    for r in resources.values():
        supply[r.kind] = supply.get(r.kind, 0) + r.value * r.quantity
    brought = _kinds_brought(actors, resources)
    for coop in _of(f.data, CooperationCard):
        ctx = f"cooperation '{coop.id}'"
        key = f"card:{coop.id}"
        ok = True
        if partners(coop.families, actors) is None:
            ok = False
            lacking = [fam for fam in dict.fromkeys(coop.families) if not any(fam in _fills(a) for a in actors)]
            if lacking:
                f.error(
                    key,
                    ctx,
                    f"cannot be formed: no actor of the deck can fill the family {_names(repr(x) for x in lacking)}",
                )
            else:
                f.error(
                    key,
                    ctx,
                    f"cannot be formed: the deck has no {len(coop.families)} distinct actors "
                    f"for the families {', '.join(coop.families)}",
                )
        for kind, need in coop.resources.items():
            if kind not in brought:
                ok = False  # reported once per kind by _check_kinds
            elif supply.get(kind, 0) < need:
                ok = False
                f.error(
                    key,
                    ctx,
                    f"needs {need} of resource kind '{kind}' but all the resource cards of that kind "
                    f"add up to {supply.get(kind, 0)}",
                )
        if ok:
            formable.add(coop.id)
    return formable


def _check_kinds(f: _Found, actors: list[ActorCard], resources: dict[str, ResourceCard]) -> None:
    brought = _kinds_brought(actors, resources)
    needed: dict[str, list[str]] = {}
    for coop in _of(f.data, CooperationCard):
        for kind in coop.resources:
            needed.setdefault(kind, []).append(coop.id)
    for kind, coops in needed.items():
        if kind not in brought:
            f.error(
                f"card:{coops[0]}",
                f"cooperation '{coops[0]}'",
                f"resource kind '{kind}' is required by {_names(coops)} but no actor brings a resource of that kind",
            )


def _check_challenges(f: _Found, formable: set[str]) -> None:
    for ch in _of(f.data, ChallengeCard):
        if not any(c in formable for c in ch.solved_by):
            f.error(
                f"card:{ch.id}",
                f"challenge '{ch.id}'",
                f"cannot be solved: none of its cooperations ({', '.join(ch.solved_by)}) can be formed",
            )


def _check_solving(f: _Found) -> None:
    """A cooperation no challenge names in `solved_by` can be laid but never solves anything: a dead card."""
    solving = {c for ch in _of(f.data, ChallengeCard) for c in ch.solved_by}
    for coop in _of(f.data, CooperationCard):
        if coop.id not in solving:
            f.error(
                f"card:{coop.id}",
                f"cooperation '{coop.id}'",
                "solves no challenge: add it to the `solved_by` of at least one challenge",
            )


def _check_titles(f: _Found) -> None:
    """No two cards (of any deck) share a title in any language: a table names cards by their titles."""
    for lang in f.data.game.languages:
        seen: dict[str, str] = {}
        for _, card in f.data.cards():
            title = card.title.get(lang) if card.title else None
            if not title:
                continue
            key = " ".join(title.casefold().split())
            if key in seen and seen[key] != card.id:
                f.error(
                    f"card:{card.id}",
                    f"card '{card.id}'",
                    f"has the same {lang} title as card '{seen[key]}': \"{title}\"",
                )
            else:
                seen.setdefault(key, card.id)


def _missing(texts: Mapping[str, Mapping[str, str] | None], lang: str) -> bool:
    return any(t is not None and not t.get(lang) for t in texts.values())


def _text_fields(card: CardBase) -> tuple[str, ...]:
    """The translated texts of a card: the built-in types' text fields, or a game's own type's text and rich ones."""
    own = getattr(card, "type_def", None)
    if own is None:  # a built-in type, with the text fields the game adds to it
        return (*TEXT_FIELDS, *(n for n, d in card.added.items() if d.kind in ("text", "rich")))
    return ("title", "flavour", *(n for n, d in own.fields.items() if d.kind in ("text", "rich") and n != "title"))


def _check_translations(f: _Found) -> None:
    g = f.data.game
    for lang in g.languages:
        if lang == g.default_language:
            continue  # the model already requires it
        for deck in f.data.decks:
            missing: list[str] = []
            header = {"title": deck.title, "back": deck.back.title, "subtitle": deck.back.subtitle}
            if _missing(header, lang):
                missing.append(f"(deck '{deck.id}' title or back)")
            first: str | None = None
            for card in deck.cards:
                if _missing({n: getattr(card, n, None) for n in _text_fields(card)}, lang):
                    missing.append(card.id)
                    first = first or card.id
            if missing:
                n = len(missing)
                f.warn(
                    f"card:{first}" if first else f"deck:{deck.id}",
                    f"deck '{deck.id}'",
                    f"missing the '{lang}' text for {n} item{'s' if n != 1 else ''}: {_names(missing, 50)}",
                )
        manifest: list[tuple[str, str]] = []  # (location key, name)
        if _missing({"title": g.title, "subtitle": g.subtitle}, lang):
            manifest.append(("game", "title"))
        for what, items in (
            ("fiche", g.fiches.items),
            ("family", g.families),
            ("kind", g.resource_kinds),
            ("zone", g.zones),
            ("track", g.tracks),
        ):
            for item in items:
                texts = {n: getattr(item, n, None) for n in ("title", "short", "label", "description")}
                if _missing(texts, lang):
                    label = "resource kind" if what == "kind" else what
                    manifest.append((f"{what}:{item.id}", f"{label} '{item.id}'"))
        if manifest:
            f.warn(manifest[0][0], "", f"missing the '{lang}' text for: {_names((n for _, n in manifest), 50)}")


def _check_fiches(f: _Found) -> None:
    uses: dict[str, list[str]] = {fi.id: [] for fi in f.data.game.fiches.items}
    for _, card in f.data.cards():
        if card.fiche in uses:
            uses[card.fiche].append(card.id)
    for fiche_id, cards in uses.items():
        if len(cards) < MIN_CARDS_PER_FICHE:
            named = f" ({', '.join(cards)})" if cards else ""
            f.warn(
                f"fiche:{fiche_id}",
                f"fiche '{fiche_id}'",
                f"named by {len(cards)} card{'s' if len(cards) != 1 else ''}{named}; each fiche should be named "
                f"by at least {MIN_CARDS_PER_FICHE} cards",
            )


def _check_events(f: _Found) -> None:
    for ev in _of(f.data, EventCard):
        ctx, key = f"event '{ev.id}'", f"card:{ev.id}"
        if ev.zones and not (ev.discard_fragile or ev.mobilise):
            f.warn(key, ctx, "lists zones but has no discard_fragile or mobilise, so its zones have no effect")
        losses = any(v < 0 for v in ev.tracks.values()) or ev.fragility > 0 or ev.discard_fragile > 0
        if ev.positive and losses:
            f.warn(key, ctx, "is marked positive but lowers a track, raises Fragility or discards resources")
        if not ev.positive and not losses:
            f.warn(key, ctx, "is not marked positive but does no harm (add 'positive: true'?)")
        if not (ev.tracks or ev.fragility or ev.discard_fragile or ev.mobilise):
            f.warn(key, ctx, "has no machine-readable effect (tracks, fragility, discard_fragile or mobilise)")
        # The card prints its effect once, as text: the text must name every track the event moves.
        moved = [*ev.tracks, *([f.data.game.fragility_track] if ev.fragility else [])]
        labels = {t.id: t.label for t in f.data.game.tracks}
        for lang, text in ev.effect.items():
            for tid in moved:
                label = labels.get(tid, {}).get(lang)
                if label and label.casefold() not in text.casefold():
                    f.warn(key, ctx, f"moves the track '{tid}' but its {lang} effect text does not name it")


def _check_parameters(f: _Found) -> None:
    p = f.data.game.parameters
    counts = {d.type: d.total for d in f.data.decks}
    actors, challenges, coops = counts.get("actor", 0), counts.get("challenge", 0), counts.get("cooperation", 0)
    # The largest number of challenges any table size must solve (it needs that many cards in the deck).
    sizes = range(p.players_min, p.players_max + 1)
    most, most_at = max(
        ((p.challenges_needed(p.actors_on_board(n)), n) for n in sizes), default=(p.challenges_to_win, p.players_min)
    )
    rules = [
        (
            actors >= p.players_max * p.actors_per_player,
            f"{p.players_max} players with {p.actors_per_player} actor each need {p.players_max * p.actors_per_player} "
            f"actor cards, the deck has {actors}",
        ),
        (
            actors >= p.players_min * p.small_table_actors,
            f"{p.players_min} players with {p.small_table_actors} actors each need "
            f"{p.players_min * p.small_table_actors} actor cards, the deck has {actors}",
        ),
        (
            challenges >= max(p.open_challenges, most),
            f"open_challenges {p.open_challenges} and the {most} challenges to win at {most_at} players "
            f"(challenges_to_win, challenges_to_win_by_actors) need that many challenge cards, the deck has {challenges}",
        ),
        (
            coops >= p.players_max * p.hand_size,
            f"{p.players_max} hands of {p.hand_size} cooperations need {p.players_max * p.hand_size} cooperation cards, "
            f"the deck has {coops}",
        ),
        (
            p.fragility_start < p.fragility_alert <= p.fragility_max,
            f"expected fragility_start {p.fragility_start} < fragility_alert {p.fragility_alert} <= fragility_max "
            f"{p.fragility_max}",
        ),
    ]
    # Warnings, not errors: a deck being written can be too small for the largest table and still be printed.
    for ok, message in rules:
        if not ok:
            f.warn("parameters", "parameters", message)
    track = next((t for t in f.data.game.tracks if t.id == f.data.game.fragility_track), None)
    if track is not None:
        if track.max != p.fragility_max:
            f.warn(
                f"track:{track.id}",
                f"track '{track.id}'",
                f"max {track.max} differs from parameters.fragility_max {p.fragility_max}",
            )
        if track.danger is not None and track.danger != p.fragility_alert:
            f.warn(
                f"track:{track.id}",
                f"track '{track.id}'",
                f"danger {track.danger} differs from parameters.fragility_alert {p.fragility_alert}",
            )
        if track.start != p.fragility_start:
            f.warn(
                f"track:{track.id}",
                f"track '{track.id}'",
                f"start {track.start} differs from parameters.fragility_start {p.fragility_start}",
            )


def _check_setup(f: _Found) -> None:
    """The setup rule and the recommended actor sets (core/setup_check.py)."""
    for is_error, key, what, message in setup_problems(f.data, _of(f.data, ActorCard)):
        (f.error if is_error else f.warn)(key, what, message)


def _check_unlisted(f: _Found) -> None:
    """A deck file in cards/ that game.yaml's `decks:` does not list is never printed: say so, at that file."""
    from mallette_print.core.errors import SHEET_SUFFIXES, problem

    cards = Path(f.data.root) / "cards"
    known = {
        (cards / name).resolve() for name in [*f.data.game.decks, f.data.game.templates, "game.yaml", "board.yaml"]
    }
    for path in sorted(cards.iterdir()) if cards.is_dir() else []:
        if path.suffix.lower() in {".yaml", ".yml", *SHEET_SUFFIXES} and path.is_file() and path.resolve() not in known:
            message = (
                f"'{path.name}' is not listed in game.yaml `decks:`, so its cards are never checked or printed "
                f"(add '- {path.name}' to `decks:`, or move the file out of cards/)"
            )
            f.warnings.append(problem(path, 1, 1, "", message))


def check_coherence(data: GameData) -> Report:
    """Every coherence problem of a valid game, as located errors and warnings."""
    f = _Found(data)
    actors = _of(data, ActorCard)
    resources = {c.id: c for c in _of(data, ResourceCard)}
    _check_kinds(f, actors, resources)
    formable = _check_cooperations(f, actors, resources)
    _check_challenges(f, formable)
    _check_solving(f)
    _check_titles(f)
    _check_events(f)
    _check_parameters(f)
    _check_setup(f)
    _check_fiches(f)
    _check_translations(f)
    _check_unlisted(f)
    return Report(errors=tuple(f.errors), warnings=tuple(f.warnings))
