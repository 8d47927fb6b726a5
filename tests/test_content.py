"""The real game content: deck sizes, rules placeholders, and card texts that say what their data does."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from mallette_print.cli import main
from mallette_print.core.i18n import tr
from mallette_print.core.model import ActorCard, EventCard, GameData
from mallette_print.core.validate import load_game
from mallette_print.sim.tables import compile_tables

REPO = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")


@pytest.fixture(scope="module")
def game() -> GameData:
    return load_game(REPO)


def _rules(lang: str) -> str:
    return (REPO / "rules" / f"{lang}.md").read_text(encoding="utf-8")


def test_decks_reach_the_design_counts(game: GameData) -> None:
    totals = {d.type: len(d.cards) for d in game.decks}
    assert totals["actor"] >= 24
    assert totals["resource"] >= 30
    assert totals["cooperation"] >= 20
    assert totals["challenge"] >= 12
    assert totals["event"] >= 18
    assert totals["notion"] == len(game.game.fiches.items) == 13
    events = [c for _, c in game.cards() if isinstance(c, EventCard)]
    share = sum(e.positive for e in events) / len(events)
    assert 0.28 <= share <= 0.4, f"{share:.0%} of events are positive, aim for about a third"


def test_every_family_kind_and_zone_is_used(game: GameData) -> None:
    actors = [c for _, c in game.cards() if isinstance(c, ActorCard)]
    assert {a.family for a in actors} == {f.id for f in game.game.families}
    assert {a.zone for a in actors} == {z.id for z in game.game.zones}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rules_use_only_known_placeholders_and_every_parameter(game: GameData, lang: str) -> None:
    text = _rules(lang)
    used = set(PLACEHOLDER.findall(text))
    params = set(type(game.game.parameters).model_fields)
    from mallette_print.rulebook.source import SECTIONS

    # Beyond the parameters, only the actors, challenges to win and families at the table per table size (for the
    # tables in Setup and Goal).
    derived = {
        f"{what}_with_{n}_players"
        for what in ("actors", "challenges", "families")
        for n in range(game.game.parameters.players_min, game.game.parameters.players_max + 1)
    }
    # The resource values of the deck, the debrief steps' minutes and the worked example of stopping early.
    derived |= {"resource_value_min", "resource_value_max"}
    derived |= {f"debrief_{step}_minutes" for step in ("emotions", "story", "notions", "transfer")}
    derived |= {f"early_stop_{what}" for what in ("players", "rounds", "challenges", "target")}

    assert used - params - {"title", "version"} - set(SECTIONS) - derived == set()
    assert params - used == set(), "every game parameter should be explained in the rules"
    assert "{{" not in PLACEHOLDER.sub("", text)


def test_rules_have_the_same_outline_in_both_languages() -> None:
    def outline(text: str) -> list[int]:
        return [len(m.group(1)) for m in re.finditer(r"^(#+) ", text, re.M)]

    assert outline(_rules("fr")) == outline(_rules("en"))
    assert len(outline(_rules("fr"))) >= 15


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_example_turn_names_real_cards(game: GameData, lang: str) -> None:
    text = _rules(lang)
    start = text.index("## Exemple de tour" if lang == "fr" else "## An example turn")
    example = text[start : text.index("\n## ", start + 5)]
    titles = {tr(c.title, lang) for _, c in game.cards()}
    for named in re.findall(r"\*\*?([^*]+)\*\*?", example):
        if named[0].isupper() and named not in titles and named.rstrip(".") not in titles:
            # bold words of the text itself (phases, actions) are not card names
            assert named.rstrip(".").split()[0] in {
                "Événements",
                "Actions",
                "Bilan",
                "Se",
                "Proposer",
                "Mobiliser",
                "Events",
                "Review",
                "Move",
                "Propose",
                "Mobilise",
            }, f"'{named}' in the example is not a card title"
    for title in (
        ("Commune", "Accorderie", "SCIC multi-sociétariat", "Canicule")
        if lang == "fr"
        else ("Municipality", "Time bank (Accorderie)", "Multi-stakeholder co-op (SCIC)", "Heatwave")
    ):
        assert title in titles


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_event_texts_say_what_their_data_does(game: GameData, lang: str) -> None:
    labels = {t.id: tr(t.label, lang) for t in game.game.tracks}
    verbs = {"fr": ("défausse", "prend"), "en": ("discards", "takes")}[lang]
    for _, card in game.cards():
        if not isinstance(card, EventCard):
            continue
        text = tr(card.effect, lang)
        moves = dict(card.tracks)
        if card.fragility:
            moves[game.game.fragility_track] = card.fragility
        for track, delta in moves.items():
            sign = "+" if delta > 0 else "−"
            assert f"*{labels[track]}* {sign}{abs(delta)}" in text, (card.id, lang, text)
        assert (verbs[0] in text) == bool(card.discard_fragile), (card.id, text)
        assert (verbs[1] in text) == bool(card.mobilise), (card.id, text)
        if card.discard_kind:
            assert f":{card.discard_kind}:" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_actor_abilities_say_what_their_power_does(game: GameData, lang: str) -> None:
    tracks = {t.id: tr(t.label, lang) for t in game.game.tracks}
    families = {f.id: tr(f.label, lang) for f in game.game.families}
    for _, card in game.cards():
        if not isinstance(card, ActorCard):
            continue
        assert card.power is not None, card.id
        text, pw = tr(card.ability, lang), card.power
        if pw.kind:
            assert f":{pw.kind}:" in text, (card.id, text)
        if pw.to:
            assert f":{pw.to}:" in text, (card.id, text)
        if pw.track:
            assert f"*{tracks[pw.track]}*" in text, (card.id, text)
        if pw.family:
            assert f"*{families[pw.family]}*" in text, (card.id, text)
        once = {
            "fr": {"round": "Une fois par tour", "game": "Une fois par partie"},
            "en": {"round": "Once per round", "game": "Once per game"},
        }[lang]
        if pw.per in once:
            assert text.startswith(once[pw.per]), (card.id, text)
        if pw.amount > 1:
            assert str(pw.amount) in text, (card.id, text)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_rulebook_table_gives_the_challenges_of_each_table_size(tmp_path: Path, runner, lang: str) -> None:
    game = tmp_path / "game"
    for sub in ("cards", "assets", "rules"):
        shutil.copytree(REPO / sub, game / sub)
    # Change the table first, so the printed numbers cannot be right by accident.
    manifest = game / "cards" / "game.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert "challenges_to_win_by_actors: {5: 6, 6: 8}" in text
    manifest.write_text(
        text.replace("challenges_to_win_by_actors: {5: 6, 6: 8}", "challenges_to_win_by_actors: {5: 7, 6: 9}")
        .replace("    4: [public, citoyen, association]\n", "    4: [citoyen]\n")
        .replace('"Le marché de la vallée"', '"Le bourg des essais"')
        .replace('"The valley market"', '"The trial town"'),
        encoding="utf-8",
    )
    result = runner.invoke(main, ["build", "--game", str(game), "--out", str(tmp_path / "out"), "--lang", lang, "-q"])
    assert result.exit_code == 0, result.output
    pages = [p.extract_text() for p in PdfReader(tmp_path / "out" / "rulebook.pdf").pages]
    header = "Challenges to win" if lang == "en" else "Défis à relever"
    page = next(t for t in pages[2:] if header in t)
    # The table's cells, one per line after its header: players, actors on the board, challenges to win.
    cells = page[page.index(header) + len(header) :].split("\n")[1:13]
    rows = {int(cells[i]): (int(cells[i + 1].split()[0]), int(cells[i + 2])) for i in range(0, 12, 3)}
    tables = compile_tables(load_game(game))
    # Actors on the board and challenges to win, as the simulator plays them.
    assert rows == {
        n: (tables.table(n).players * tables.table(n).actors_per_player, tables.table(n).challenges_to_win)
        for n in (3, 4, 5, 6)
    }
    assert rows == {3: (6, 9), 4: (4, 4), 5: (5, 7), 6: (6, 9)}
    end = "7 from 5 actors, 9 from 6 actors" if lang == "en" else "7 dès 5 acteurs, 9 dès 6 acteurs"
    assert end in " ".join(" ".join(pages).split())
    # The setup tables: the recommended sets of each size, from game.setup.sets (one renamed above).
    words = " ".join(" ".join(pages).split())
    assert ("The trial town" if lang == "en" else "Le bourg des essais") in words
    assert "The valley market" not in words and "Le marché de la vallée" not in words
    for n in (3, 4, 5, 6):
        for s in load_game(game).game.setup.sets_for(n):
            # A long name wraps in its cell, and the extracted lines interleave the table's columns: its words.
            assert all(w in words for w in s.name[lang].replace("'", "’").split()), s.name[lang]
