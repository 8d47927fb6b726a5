"""What the rulebook says that comes from the data: placeholders, components, debrief, session plan, fiches.

Everything here is pure data derived from GameData, so the printed rules can
never disagree with the cards: the renderer only lays these values out.
"""

from __future__ import annotations

from dataclasses import dataclass

from mallette_print.core.i18n import tr
from mallette_print.core.model import ActorCard, GameData
from mallette_print.core.phrasebook import text
from mallette_print.core.typography import typeset
from mallette_print.rulebook.rules_model import Span, Table
from mallette_print.rulebook.words import curly

# How the debrief time is shared between its four phases (emotions, story, notions, transfer),
# following the step-by-step debrief of the game brief; the total comes from the data.
DEBRIEF_SHARES = (0.2, 0.25, 0.25, 0.3)
DEBRIEF_PHASES = ("emotions", "story", "notions", "transfer")


def _t(data: GameData, text: object, lang: str) -> str:
    out = tr(text, lang, data.game.default_language)  # type: ignore[arg-type]
    return curly(typeset(out, lang))


def placeholder_values(data: GameData, lang: str) -> dict[str, str]:
    """Every `{{name}}` the rulebook text may use, with its value in `lang`."""
    g = data.game
    p = g.parameters
    values: dict[str, str] = {k: str(v) for k, v in p.model_dump().items()}
    sep = text("common.and", lang, g.default_language)

    def names(items: list[str]) -> str:
        return "" if not items else items[0] if len(items) < 2 else ", ".join(items[:-1]) + sep + items[-1]

    values.update(
        {
            "title": _t(data, g.title, lang),
            "subtitle": _t(data, g.subtitle, lang),
            "version": g.version,
            "year": str(g.year),
            "licensor": g.licensor,
            "authors": ", ".join(g.authors),
            "licence": g.licence.name,
            "licence_url": g.licence.url,
            "source_url": g.source_url,
            "players": f"{p.players_min}–{p.players_max}",
            "session_minutes": str(sum(m for _, m in session_plan(data))),
            "fiches": str(len(g.fiches.items)),
            "cards_total": str(sum(d.total for d in data.decks)),
            "zones": str(len(g.zones)),
            "zone_names": names([_t(data, z.label, lang) for z in g.zones]),
            "families": str(len(g.families)),
            "family_names": names([_t(data, f.label, lang) for f in g.families]),
            "kind_names": names([_t(data, k.label, lang) for k in g.resource_kinds]),
            "track_names": names([_t(data, t.label, lang) for t in g.tracks if t.id != g.fragility_track]),
        }
    )
    values.update(_challenge_values(data, lang))
    resource_values = sorted({v for _, card in data.cards() if isinstance(v := getattr(card, "value", None), int)})
    if resource_values:
        values["resource_value_min"] = str(resource_values[0])
        values["resource_value_max"] = str(resource_values[-1])
    values.update(_early_stop_values(data))
    for phase, minutes in zip(DEBRIEF_PHASES, debrief_phases(data)):
        values[f"debrief_{phase}_minutes"] = str(minutes)
    frag = next((t for t in g.tracks if t.id == g.fragility_track), None)
    if frag is not None and frag.danger is not None:
        values["fragility_danger"] = str(frag.danger)
    for d in data.decks:
        values[f"cards_{d.id}"] = str(d.total)
    return values


def _challenge_values(data: GameData, lang: str) -> dict[str, str]:
    """The challenges to win by actors on the board, as one phrase and per table size (for a rules table)."""
    p = data.game.parameters
    steps = sorted(p.challenges_to_win_by_actors.items())
    # No-break spaces (in the phrase) keep each number with its words at a line end.
    phrase = ", ".join(
        text("rulebook.challenges_step", lang, data.game.default_language, need=need, count=count)
        for count, need in steps
    )
    values = {"challenges_to_win_by_actors": phrase or "–"}
    for n in range(p.players_min, p.players_max + 1):
        actors = p.actors_on_board(n)
        values[f"actors_with_{n}_players"] = str(actors)
        values[f"challenges_with_{n}_players"] = str(p.challenges_needed(actors))
        values[f"families_with_{n}_players"] = setup_families(data, n, lang)
    return values


def setup_families(data: GameData, players: int, lang: str) -> str:
    """The families the setup rule (game.setup) puts at a table of this size, as the rulebook's setup table says
    them: every family once, or the required ones and how many others (all different)."""
    g = data.game
    default = g.default_language
    actors = g.parameters.actors_on_board(players)
    label = {f.id: _t(data, f.label, lang) for f in g.families}
    required = [label[f] for f in g.setup.required(players) if f in label]
    if actors >= len(g.families):
        return text("rulebook.setup_every_family", lang, default, count=len(g.families))
    free = actors - len(required)
    if not required:
        return text("rulebook.setup_distinct", lang, default, count=actors)
    joined = ", ".join(required)
    if free <= 0:
        return text("rulebook.setup_required", lang, default, families=joined)
    key = "rulebook.setup_required_and_one" if free == 1 else "rulebook.setup_required_and_free"
    return text(key, lang, default, families=joined, count=free)


def setup_set_tables(data: GameData, lang: str) -> list[Table]:
    """The recommended actor sets (game.setup.sets) as the rulebook prints them: a table per table size, a row
    per set (its number, or die face when there are 6, its name in bold, its actors' names in the build's
    language)."""
    g = data.game
    default = g.default_language
    title = {c.id: _t(data, c.title, lang) for _, c in data.cards() if isinstance(c, ActorCard)}
    out: list[Table] = []
    for n in range(g.parameters.players_min, g.parameters.players_max + 1):
        sets = g.setup.sets_for(n)
        if not sets:
            continue
        head = (
            text("rulebook.sets_die" if len(sets) == 6 else "rulebook.sets_number", lang, default),
            text("rulebook.sets_name", lang, default, players=n),
            text("rulebook.sets_actors", lang, default, count=g.parameters.actors_on_board(n)),
        )
        rows = tuple(
            (
                (Span(str(i)),),
                (Span(_t(data, s.name, lang), bold=True),),
                (Span(", ".join(title.get(a, a) for a in s.actors)),),
            )
            for i, s in enumerate(sets, start=1)
        )
        out.append(Table(tuple((Span(h),) for h in head), rows, ("center", "left", "left"), 0))
    return out


def scaled_target(need: int, played: int, rounds: int) -> int:
    """Challenges to win when a game stops after `played` of `rounds` rounds: the target in proportion, rounded up."""
    return -(-need * played // rounds)


def _early_stop_values(data: GameData) -> dict[str, str]:
    """A worked example of the early-stop target: the middle table size, stopped two rounds before the end."""
    p = data.game.parameters
    players = max(p.players_min, min(p.players_max, (p.players_min + p.players_max) // 2))
    need = p.challenges_needed(p.actors_on_board(players))
    played = max(1, p.rounds - 2)
    return {
        "early_stop_players": str(players),
        "early_stop_rounds": str(played),
        "early_stop_challenges": str(need),
        "early_stop_target": str(scaled_target(need, played, p.rounds)),
    }


@dataclass(frozen=True)
class ComponentRow:
    """One line of the components list."""

    deck_id: str
    label: str
    distinct: int
    copies: int


def components(data: GameData, lang: str) -> list[ComponentRow]:
    """Card count per deck (distinct cards and printed copies, quantities included)."""
    return [ComponentRow(d.id, _t(data, d.title, lang), len(d.cards), d.total) for d in data.decks]


@dataclass(frozen=True)
class Question:
    """A debrief question printed on a card."""

    deck_id: str
    card_id: str
    card_title: str
    text: str


def debrief_questions(data: GameData, lang: str) -> dict[str, list[Question]]:
    """The questions printed on the cards, grouped by deck id, in file order."""
    out: dict[str, list[Question]] = {}
    for deck, card in data.cards():
        q = getattr(card, "question", None)
        if q:
            out.setdefault(deck.id, []).append(
                Question(deck.id, card.id, _t(data, card.title, lang), _t(data, q, lang))
            )
    return out


def debrief_phases(data: GameData) -> list[int]:
    """Minutes of the four debrief phases, summing to debrief_minutes."""
    total = data.game.parameters.debrief_minutes
    first = [round(total * s) for s in DEBRIEF_SHARES[:-1]]
    return first + [total - sum(first)]


def session_plan(data: GameData) -> list[tuple[str, int]]:
    """(step id, minutes) for the session: welcome, rules, play, debrief."""
    p = data.game.parameters
    return [
        ("welcome", p.welcome_minutes),
        ("rules", p.rules_minutes),
        ("play", p.play_minutes),
        ("debrief", p.debrief_minutes),
    ]


@dataclass(frozen=True)
class FicheEntry:
    """A fiche of the kit, its URL, and the cards that point to it."""

    number: int
    title: str
    url: str
    cards: tuple[str, ...]


def fiche_index(data: GameData, lang: str) -> list[FicheEntry]:
    """The kit's fiches in number order, with the titles of the cards referencing each."""
    refs: dict[str, list[str]] = {}
    for _, card in data.cards():
        if card.fiche:
            refs.setdefault(card.fiche, []).append(_t(data, card.title, lang))
    return [
        FicheEntry(f.number, _t(data, f.title, lang), data.fiche_url(f.id), tuple(refs.get(f.id, ())))
        for f in sorted(data.game.fiches.items, key=lambda f: f.number)
    ]


@dataclass(frozen=True)
class PrintItem:
    """One file of the build for the print guide: how to print it, its pages and paper sheets."""

    name: str
    how: str
    pages: int
    sheets: int


def duplex_sheets(pages: int) -> int:
    """Sheets of paper for a double-sided print of `pages` pages."""
    return -(-pages // 2)
