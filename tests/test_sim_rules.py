"""Rules of the simulator on tiny hand-made states built on the real game's tables."""

from __future__ import annotations

import dataclasses
import random
import shutil
from pathlib import Path

import pytest

from mallette_print.core.validate import load_game
from mallette_print.sim.greedy import GreedyPolicy
from mallette_print.sim.rules import (
    CAUSE_EVENT,
    CAUSE_FEW,
    CAUSE_TRACK,
    MOVE,
    PROPOSE,
    IllegalAction,
    apply_event,
    do,
    events_phase,
    find_lay,
    finish,
    review,
)
from mallette_print.sim.runner import simulate
from mallette_print.sim.state import State, add_actor, empty_state
from mallette_print.sim.tables import Tables, compile_tables

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def t() -> Tables:
    return compile_tables(load_game(REPO))


def _state(t: Tables, players: int = 4) -> State:
    return empty_state(t, t.table(players), random.Random(0))


def ix(names: tuple[str, ...], name: str) -> int:
    return names.index(name)


def _two_partners(t: Tables, same_zone: bool, resources: list[str]) -> tuple[State, int, int, int]:
    """An association and a co-operative; the first holds the given resources and the Employers' group card."""
    s = _state(t)
    ba = ix(t.zones, "zone-activites")
    a = add_actor(s, ix(t.actors, "ressourcerie"), 0, zone=ba, held=[ix(t.resources, r) for r in resources])
    b = add_actor(s, ix(t.actors, "scop-batiment"), 1, zone=ba if same_zone else ix(t.zones, "campagne"))
    coop = ix(t.coops, "groupement-employeurs")  # association + co-operative; 2 market, 1 non-monetary
    s.hands[0].append(coop)
    return s, a, b, coop


def test_cooperation_is_laid_with_its_families_and_resources_in_one_zone(t: Tables) -> None:
    s, a, b, coop = _two_partners(t, True, ["prestation-entreprise", "savoir-faire"])
    emploi = ix(t.tracks, "emploi")
    before = s.tracks[emploi]
    supply = s.supply[ix(t.resources, "prestation-entreprise")]
    assert do(s, 0, (PROPOSE, a, coop), GreedyPolicy()) is True
    assert (coop, s.zone[a]) in s.laid and coop not in s.hands[0]
    assert s.tracks[emploi] == before + dict(t.coop_effects[coop])[emploi]
    assert s.held[a] == [] and s.supply[ix(t.resources, "prestation-entreprise")] == supply + 1


def test_cooperation_is_refused_when_a_partner_is_in_another_zone(t: Tables) -> None:
    s, a, b, coop = _two_partners(t, False, ["prestation-entreprise", "savoir-faire"])
    assert find_lay(s, a, coop) is None
    assert do(s, 0, (PROPOSE, a, coop), GreedyPolicy()) is True  # the action is lost...
    assert coop in s.hands[0] and not s.laid  # ...and the card goes back to the hand
    do(s, 1, (MOVE, b, s.zone[a]), GreedyPolicy())
    assert find_lay(s, a, coop) is not None


def test_cooperation_is_refused_without_enough_value_of_each_kind(t: Tables) -> None:
    s, a, _, coop = _two_partners(t, True, ["vente-services", "savoir-faire"])  # 1 market of the 2 needed
    assert find_lay(s, a, coop) is None
    s, a, _, coop = _two_partners(t, True, ["prestation-entreprise", "subvention"])  # no non-monetary
    assert find_lay(s, a, coop) is None


def test_a_family_slot_is_filled_once(t: Tables) -> None:
    s = _state(t)
    z = ix(t.zones, "zone-activites")
    a = add_actor(
        s,
        ix(t.actors, "ressourcerie"),
        0,
        zone=z,
        held=[ix(t.resources, "prestation-entreprise"), ix(t.resources, "savoir-faire")],
    )
    add_actor(s, ix(t.actors, "chantier-insertion"), 1, zone=z)  # a second association, no co-operative
    coop = ix(t.coops, "groupement-employeurs")
    s.hands[0].append(coop)
    assert find_lay(s, a, coop) is None


def test_hybridisation_needs_the_minimum_number_of_kinds(t: Tables) -> None:
    coop = ix(t.coops, "groupement-employeurs")
    market = ix(t.kinds, "marchande")
    needs = list(t.coop_need)
    needs[coop] = tuple(2 if k == market else 0 for k in range(len(t.kinds)))  # a card asking for one kind only
    one_kind = dataclasses.replace(t, coop_need=tuple(needs))
    s, a, _, coop = _two_partners(one_kind, True, ["prestation-entreprise"])
    assert find_lay(s, a, coop) is None  # market alone is not hybrid
    s, a, _, coop = _two_partners(one_kind, True, ["prestation-entreprise", "savoir-faire"])
    how = find_lay(s, a, coop)
    assert how is not None and len(how.payment) == 2  # the non-monetary card is paid too


def test_solving_a_challenge_of_the_zone_applies_its_reward(t: Tables) -> None:
    s, a, _, coop = _two_partners(t, True, ["prestation-entreprise", "savoir-faire"])
    ch = ix(t.challenges, "chomage-longue-duree")  # in the business park, solved by the Employers' group
    s.open.append([ch, 2])
    emploi = ix(t.tracks, "emploi")
    before = s.tracks[emploi]
    do(s, 0, (PROPOSE, a, coop), GreedyPolicy())
    assert s.solved == [ch] and not s.open
    gain = dict(t.coop_effects[coop])[emploi] + dict(t.ch_reward[ch])[emploi]
    assert s.tracks[emploi] == min(t.track_max[emploi], before + gain)


def test_a_missed_deadline_adds_fragility_from_the_data(t: Tables) -> None:
    s = _state(t)
    late, early = ix(t.challenges, "friche"), ix(t.challenges, "dechets")
    s.open = [[late, 1], [early, 3]]
    s.ch_draw = []
    review(s)
    assert s.lost == [late] and s.open == [[early, 2]]
    assert s.fragility == t.fragility_start + t.fragility_per_unsolved


def test_each_track_at_zero_adds_fragility(t: Tables) -> None:
    s = _state(t)
    s.tracks[0] = s.tracks[1] = 0
    review(s)
    assert s.fragility == t.fragility_start + 2 * t.fragility_per_empty_track


def test_the_table_loses_when_fragility_reaches_its_maximum(t: Tables) -> None:
    s = _state(t)
    ev = ix(t.events, "gel-dotations")
    s.fragility = t.fragility_max - t.ev_fragility[ev]
    apply_event(s, ev, GreedyPolicy())
    assert s.over and not s.won and s.log.cause == CAUSE_EVENT and s.fragility == t.fragility_max


def test_escalation_reveals_more_events_from_the_alert_level(t: Tables) -> None:
    s = _state(t)
    s.fragility = t.fragility_alert
    s.ev_draw = [ix(t.events, "spaser-adopte")] * 5
    events_phase(s, GreedyPolicy())
    assert len(s.log.drawn) == t.events_when_alert


def test_victory_needs_enough_challenges_and_no_track_at_zero(t: Tables) -> None:
    s = _state(t)
    need = s.table.challenges_to_win
    s.solved = list(range(need))
    finish(s)
    assert s.won
    s = _state(t)
    s.solved = list(range(need - 1))
    finish(s)
    assert not s.won and s.log.cause == CAUSE_FEW
    s = _state(t)
    s.solved = list(range(need))
    s.tracks[2] = 0
    finish(s)
    assert not s.won and s.log.cause == CAUSE_TRACK


@pytest.mark.parametrize("players", [3, 4, 5, 6])
def test_each_table_size_needs_its_own_number_of_challenges(t: Tables, players: int) -> None:
    # Read from cards/game.yaml: actors on the board (two each at the smallest table), then the entry of
    # challenges_to_win_by_actors for the most actors not above that, or challenges_to_win.
    p = load_game(REPO).game.parameters
    actors = players * (p.small_table_actors if players == p.players_min else p.actors_per_player)
    entries = {count: n for count, n in p.challenges_to_win_by_actors.items() if count <= actors}
    need = entries[max(entries)] if entries else p.challenges_to_win
    assert t.table(players).challenges_to_win == need
    assert t.table(players).players * t.table(players).actors_per_player == actors
    s = _state(t, players)
    s.solved = list(range(need - 1))
    finish(s)
    assert not s.won and s.log.cause == CAUSE_FEW
    s = _state(t, players)
    s.solved = list(range(need))
    finish(s)
    assert s.won


def test_a_consolidated_zone_and_protect_fragile_keep_resources(t: Tables) -> None:
    s = _state(t)
    flood = ix(t.events, "inondation")  # countryside and neighbourhood discard 1 fragile resource
    vol = ix(t.resources, "benevolat")
    hit = add_actor(s, ix(t.actors, "amap"), 0, held=[vol])
    shielded = add_actor(s, ix(t.actors, "cooperative-habitants"), 1, held=[vol])
    safe = add_actor(s, ix(t.actors, "habitants-benevoles"), 2, zone=ix(t.zones, "centre-bourg"), held=[vol])
    apply_event(s, flood, GreedyPolicy())
    assert s.held[hit] == [] and s.held[shielded] == [vol] and s.held[safe] == [vol]
    s2 = _state(t)
    hit = add_actor(s2, ix(t.actors, "amap"), 0, held=[vol])
    s2.consolidated[s2.zone[hit]] = 1
    apply_event(s2, flood, GreedyPolicy())
    assert s2.held[hit] == [vol]


def test_illegal_actions_are_refused(t: Tables) -> None:
    s, a, b, coop = _two_partners(t, True, [])
    with pytest.raises(IllegalAction):
        do(s, 0, (MOVE, a, s.zone[a]), GreedyPolicy())  # must move elsewhere
    with pytest.raises(IllegalAction):
        do(s, 0, (MOVE, b, 0), GreedyPolicy())  # not this player's actor


def test_every_number_comes_from_the_game_data(tmp_path: Path) -> None:
    game = tmp_path / "game"
    shutil.copytree(REPO / "cards", game / "cards")
    shutil.copytree(REPO / "assets", game / "assets")
    manifest = game / "cards" / "game.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace("  rounds: 8\n", "  rounds: 3\n")
        .replace("  challenges_to_win: 4 ", "  challenges_to_win: 1 ")
        .replace("  challenges_to_win_by_actors: {5: 6, 6: 8} ", "  challenges_to_win_by_actors: {6: 5} "),
        encoding="utf-8",
    )
    tables = compile_tables(load_game(game))
    assert tables.rounds == 3 and tables.challenges_to_win == 1
    # 6 actors at 3 players (two each) and at 6; 5 actors have no entry of their own, so they need 1.
    assert [tables.table(n).challenges_to_win for n in (3, 4, 5, 6)] == [5, 1, 1, 5]
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "  challenges_to_win_by_actors: {6: 5} ", "  challenges_to_win_by_actors: {5: 2} "
        ),
        encoding="utf-8",
    )
    tables = compile_tables(load_game(game))
    # An entry counts from its number of actors on: 6 actors need what 5 need.
    assert [tables.table(n).challenges_to_win for n in (3, 4, 5, 6)] == [2, 1, 2, 2]
    run = simulate(tables, 30, 5, 4)
    assert run.stats.mean_rounds <= 3
    assert run.stats.wins > 0


def test_each_power_constant_names_its_power_type() -> None:
    # The P_* codes unpack range(len(POWER_TYPES)), which follows the model's PowerType: a reordered or added
    # power type must not silently give one power another's rules.
    from mallette_print.sim import tables

    for i, name in enumerate(tables.POWER_TYPES):
        assert getattr(tables, "P_" + name.upper().replace("-", "_")) == i, name
