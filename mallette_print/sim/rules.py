"""The rules of the rulebook (rules/en.md), applied to a State.

Every number comes from the compiled Tables. The engine asks a policy (see policies.py)
for every choice the rules leave to the players, and refuses illegal actions with
IllegalAction, so a policy cannot cheat. See the package docstring for the readings
chosen where the rules text leaves room.
"""

from __future__ import annotations

from collections.abc import Sequence

from mallette_print.sim.cooperation import Lay, find_lay, lay
from mallette_print.sim.primitives import (
    ACTION_NAMES,
    CAUSE_DEADLINE,
    CAUSE_EMPTY,
    CAUSE_EVENT,
    CAUSE_FEW,
    CAUSE_TRACK,
    CONVERT,
    EXTEND,
    FREE_ACTIONS,
    FREE_MOVE,
    GIVE_CARD,
    GIVE_RES,
    LOWER,
    MOBILISE,
    MOVE,
    PROPOSE,
    PROSPECT,
    SWAP,
    Action,
    Chooser,
    IllegalAction,
    add_fragility,
    draw_coop,
    move_track,
    reachable,
    ready,
    spend,
    take_listed,
)
from mallette_print.sim.state import State, fill_challenges
from mallette_print.sim.tables import (
    P_CANCEL_EVENT,
    P_CONVERT,
    P_DRAW_COOPERATION,
    P_EXTEND_DEADLINE,
    P_EXTRA_MOBILISE,
    P_FREE_MOVE,
    P_LOWER_FRAGILITY,
    P_PROTECT_FRAGILE,
)

# The building blocks and the laying of cooperations live in primitives.py and cooperation.py; they are
# re-exported here so that `from .rules import ...` keeps naming the whole rulebook.
__all__ = [
    "ACTION_NAMES",
    "CAUSE_DEADLINE",
    "CAUSE_EMPTY",
    "CAUSE_EVENT",
    "CAUSE_FEW",
    "CAUSE_TRACK",
    "CONVERT",
    "EXTEND",
    "FREE_ACTIONS",
    "FREE_MOVE",
    "GIVE_CARD",
    "GIVE_RES",
    "LOWER",
    "MOBILISE",
    "MOVE",
    "PROPOSE",
    "PROSPECT",
    "SWAP",
    "Action",
    "Chooser",
    "IllegalAction",
    "Lay",
    "add_fragility",
    "apply_event",
    "do",
    "draw_coop",
    "end_turn",
    "events_phase",
    "find_lay",
    "finish",
    "lay",
    "legal_actions",
    "move_track",
    "open_in_zone",
    "play",
    "play_turn",
    "reachable",
    "ready",
    "review",
    "rounds_played",
    "spend",
    "take_listed",
]


# --- actions ------------------------------------------------------------------


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise IllegalAction(what)


def do(s: State, player: int, a: Action, pol: Chooser) -> bool:
    """Apply one action of this player's turn; returns whether it cost an action."""
    t = s.t
    code, slot = a[0], a[1]
    _need(0 <= slot < len(s.actor) and s.owner[slot] == player, f"slot {slot} is not played by player {player}")
    actor = s.actor[slot]
    if code == MOBILISE:
        r = a[2]
        _need(r in t.actor_res[actor] and s.supply[r] > 0, f"cannot mobilise resource {r}")
        s.supply[r] -= 1
        s.held[slot].append(r)
        s.log.mobilised.append(r)
        if ready(s, slot, P_EXTRA_MOBILISE):
            spend(s, slot)
            for _ in range(t.power_amount[actor]):
                take_listed(s, slot, pol)
    elif code in (MOVE, FREE_MOVE):
        _need(a[2] != s.zone[slot] and 0 <= a[2] < len(t.zones), "must move to another zone")
        if code == FREE_MOVE:
            _need(ready(s, slot, P_FREE_MOVE), "no free move left")
            spend(s, slot)
        s.zone[slot] = a[2]
    elif code in (GIVE_RES, GIVE_CARD, SWAP):
        b = a[2]
        _need(b in reachable(s, slot), f"actor {b} is out of reach")
        if s.zone[b] != s.zone[slot]:
            s.log.powers.append(actor)  # remote exchange
        if code == GIVE_CARD:
            hand = s.hands[player]
            _need(a[3] in hand and s.owner[b] != player, "cannot give this card")
            hand.remove(a[3])
            s.hands[s.owner[b]].append(a[3])
        else:
            _need(a[3] in s.held[slot], "cannot give this resource")
            s.held[slot].remove(a[3])
            if code == SWAP:
                _need(a[4] in s.held[b], "cannot take this resource")
                s.held[b].remove(a[4])
                s.held[slot].append(a[4])
            s.held[b].append(a[3])
    elif code == PROSPECT:
        hand = s.hands[player]
        _need(a[2] in hand and bool(s.coop_draw or s.coop_discard), "cannot prospect")
        hand.remove(a[2])
        s.coop_discard.append(a[2])
        c = draw_coop(s)
        if c >= 0:
            hand.append(c)
    elif code == PROPOSE:
        _need(a[2] in s.hands[player], "the cooperation is not in hand")
        how = find_lay(s, slot, a[2])
        if how is not None:
            lay(s, slot, a[2], how, pol)
        # otherwise the card goes back to the hand and the action is lost
    elif code == CONVERT:
        r_from, r_to = a[2], a[3]
        _need(
            ready(s, slot, P_CONVERT)
            and r_from in s.held[slot]
            and t.res_kind[r_from] == t.power_kind[actor]
            and t.res_kind[r_to] == t.power_to[actor]
            and s.supply[r_to] > 0,
            "cannot convert",
        )
        spend(s, slot)
        s.held[slot].remove(r_from)
        s.supply[r_from] += 1
        s.supply[r_to] -= 1
        s.held[slot].append(r_to)
    elif code == LOWER:
        _need(ready(s, slot, P_LOWER_FRAGILITY), "cannot lower Fragility")
        spend(s, slot)
        add_fragility(s, -t.power_amount[actor], "")
    elif code == EXTEND:
        _need(ready(s, slot, P_EXTEND_DEADLINE) and 0 <= a[2] < len(s.open), "cannot extend a deadline")
        spend(s, slot)
        s.open[a[2]][1] += t.power_amount[actor]
    else:
        raise IllegalAction(f"unknown action {code}")
    return code not in FREE_ACTIONS


def legal_actions(s: State, player: int) -> list[Action]:
    """Every action this player may take now (a proposal only when it would be laid)."""
    t = s.t
    out: list[Action] = []
    hand = list(dict.fromkeys(s.hands[player]))
    can_draw = bool(s.coop_draw or s.coop_discard)
    for slot in s.slots_of[player]:
        a = s.actor[slot]
        out.extend((MOBILISE, slot, r) for r in dict.fromkeys(t.actor_res[a]) if s.supply[r] > 0)
        free = ready(s, slot, P_FREE_MOVE)
        for z in range(len(t.zones)):
            if z != s.zone[slot]:
                out.append((MOVE, slot, z))
                if free:
                    out.append((FREE_MOVE, slot, z))
        mine = list(dict.fromkeys(s.held[slot]))
        for b in reachable(s, slot):
            out.extend((GIVE_RES, slot, b, r) for r in mine)
            if s.owner[b] != player:
                out.extend((GIVE_CARD, slot, b, c) for c in hand)
            out.extend((SWAP, slot, b, r1, r2) for r1 in mine for r2 in dict.fromkeys(s.held[b]) if r1 != r2)
        if can_draw:
            out.extend((PROSPECT, slot, c) for c in hand)
        out.extend((PROPOSE, slot, c) for c in hand if find_lay(s, slot, c) is not None)
        if ready(s, slot, P_CONVERT):
            out.extend(
                (CONVERT, slot, r1, r2)
                for r1 in mine
                if t.res_kind[r1] == t.power_kind[a]
                for r2 in t.res_of_kind[t.power_to[a]]
                if s.supply[r2] > 0
            )
        if ready(s, slot, P_LOWER_FRAGILITY):
            out.append((LOWER, slot))
        if ready(s, slot, P_EXTEND_DEADLINE):
            out.extend((EXTEND, slot, i) for i in range(len(s.open)))
    return out


# --- phases -------------------------------------------------------------------


def apply_event(s: State, e: int, pol: Chooser) -> None:
    """An event's effects in the rules' order: tracks, Fragility, discards, takes."""
    t = s.t
    for i, d in t.ev_tracks[e]:
        move_track(s, i, d)
    if t.ev_fragility[e]:
        add_fragility(s, t.ev_fragility[e], CAUSE_EVENT)
        if s.over:
            return
    zones = t.ev_zones[e]
    if t.ev_discard[e]:
        kind = t.ev_discard_kind[e]
        for slot in range(len(s.actor)):
            if s.zone[slot] not in zones or s.consolidated[s.zone[slot]]:
                continue
            for _ in range(t.ev_discard[e]):
                options = [
                    r for r in dict.fromkeys(s.held[slot]) if t.res_fragile[r] and (kind < 0 or t.res_kind[r] == kind)
                ]
                if not options:
                    break
                if t.power[s.actor[slot]] == P_PROTECT_FRAGILE:
                    s.log.powers.append(s.actor[slot])
                    break
                r = pol.discard(s, slot, options)
                if r not in options:
                    raise IllegalAction(f"cannot discard resource {r}")
                s.held[slot].remove(r)
                s.supply[r] += 1
    for slot in range(len(s.actor)):
        if s.zone[slot] in zones:
            for _ in range(t.ev_mobilise[e]):
                take_listed(s, slot, pol)


def events_phase(s: State, pol: Chooser) -> None:
    """Reveal the round's events (more once Fragility reaches the alert level) and apply them."""
    t = s.t
    n = t.events_when_alert if s.fragility >= t.fragility_alert else t.events_per_round
    for _ in range(n):
        if s.over:
            return
        if not s.ev_draw:
            s.ev_draw, s.ev_played = s.ev_played, []
            s.rng.shuffle(s.ev_draw)
            if not s.ev_draw:
                return
        e = s.ev_draw.pop()
        s.ev_played.append(e)
        s.log.drawn.append(e)
        if not t.ev_positive[e]:
            slot = pol.cancel(s, e)
            if slot >= 0:
                _need(ready(s, slot, P_CANCEL_EVENT), "cannot cancel an event")
                spend(s, slot)
                continue
        apply_event(s, e, pol)


def end_turn(s: State, player: int, pol: Chooser) -> None:
    """Refill the hand (with draw-cooperation's extra card), then return resources over the limit."""
    t = s.t
    hand = s.hands[player]
    extra = sum(t.power_amount[s.actor[p]] for p in s.slots_of[player] if t.power[s.actor[p]] == P_DRAW_COOPERATION)
    drawn = 0
    while len(hand) < t.hand_size + extra:
        c = draw_coop(s)
        if c < 0:
            break
        hand.append(c)
        drawn += 1
    if extra and drawn:
        for p in s.slots_of[player]:
            if t.power[s.actor[p]] == P_DRAW_COOPERATION:
                s.log.powers.append(s.actor[p])
        while len(hand) > t.hand_size and drawn:
            c = pol.discard_card(s, player)
            _need(c in hand, "cannot discard this card")
            hand.remove(c)
            s.coop_discard.append(c)
            drawn -= 1
    for slot in range(len(s.actor)):
        while len(s.held[slot]) > t.resource_limit:
            r = pol.drop(s, slot)
            _need(r in s.held[slot], "cannot return this resource")
            s.held[slot].remove(r)
            s.supply[r] += 1


def play_turn(s: State, player: int, pol: Chooser) -> None:
    """One player's turn: their actions (abilities free), then the end of turn."""
    left = s.table.actions_per_turn
    steps = 0
    while left > 0 and steps < 4 * s.table.actions_per_turn + 8:  # bounds a policy that only uses free abilities
        a = pol.act(s, player, left)
        if a is None:
            break
        steps += 1
        if do(s, player, a, pol):
            left -= 1
    end_turn(s, player, pol)


def review(s: State) -> None:
    """Deadlines, tracks at 0, new challenges, next round."""
    t = s.t
    for entry in list(s.open):
        entry[1] -= 1
        if entry[1] <= 0:
            s.open.remove(entry)
            s.lost.append(entry[0])
            add_fragility(s, t.fragility_per_unsolved, CAUSE_DEADLINE)
            if s.over:
                return
    empty = sum(1 for i, v in enumerate(s.tracks) if v <= t.track_min[i])
    if empty:
        s.log.empty_reviews += 1
        add_fragility(s, t.fragility_per_empty_track * empty, CAUSE_EMPTY)
        if s.over:
            return
    fill_challenges(s)
    s.round += 1
    s.first = (s.first + 1) % s.table.players
    for i in range(len(s.used_round)):
        s.used_round[i] = False


def finish(s: State) -> None:
    """After the last round: win with enough challenges solved and no shared track at 0."""
    s.over = True
    few = len(s.solved) < s.table.challenges_to_win
    empty = any(v <= s.t.track_min[i] for i, v in enumerate(s.tracks))
    s.won = not few and not empty
    s.log.cause = CAUSE_FEW if few else CAUSE_TRACK if empty else ""


def play(s: State, pol: Chooser) -> State:
    """Play a set-up game to its end."""
    while not s.over:
        events_phase(s, pol)
        if s.over:
            break
        for i in range(s.table.players):
            play_turn(s, (s.first + i) % s.table.players, pol)
        review(s)
        if not s.over and s.round > s.t.rounds:
            s.round = s.t.rounds
            finish(s)
    return s


def rounds_played(s: State) -> int:
    """The round in which the game ended."""
    return min(s.round, s.t.rounds)


def open_in_zone(s: State, zone: int) -> Sequence[list[int]]:
    """The open challenges of a zone."""
    return [e for e in s.open if s.t.ch_zone[e[0]] == zone]
