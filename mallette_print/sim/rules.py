"""The rules of the rulebook (rules/en.md), applied to a State.

Every number comes from the compiled Tables. The engine asks a policy (see policies.py)
for every choice the rules leave to the players, and refuses illegal actions with
IllegalAction, so a policy cannot cheat. See the package docstring for the readings
chosen where the rules text leaves room.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Protocol, Sequence

from .state import State, fill_challenges
from .tables import (
    P_CANCEL_EVENT, P_CONVERT, P_DRAW_COOPERATION, P_EXTEND_DEADLINE, P_EXTRA_MOBILISE, P_FREE_MOVE,
    P_LOWER_FRAGILITY, P_PROTECT_FRAGILE, P_REMOTE_EXCHANGE, P_TRACK_BONUS, P_VALUE_BONUS, PER_GAME, PER_ROUND,
)

# Actions are tuples (code, slot, ...). The last four are abilities that cost no action.
MOBILISE, MOVE, GIVE_RES, GIVE_CARD, SWAP, PROSPECT, PROPOSE, CONVERT, FREE_MOVE, LOWER, EXTEND = range(11)
ACTION_NAMES = ("mobilise", "move", "give-resource", "give-card", "swap", "prospect", "propose", "convert",
                "free-move", "lower-fragility", "extend-deadline")
FREE_ACTIONS = frozenset({CONVERT, FREE_MOVE, LOWER, EXTEND})
Action = tuple[int, ...]

CAUSE_EVENT = "Fragility reached its maximum after an event"
CAUSE_DEADLINE = "Fragility reached its maximum after a lost challenge"
CAUSE_EMPTY = "Fragility reached its maximum with a shared track at 0"
CAUSE_FEW = "too few challenges solved after the last round"
CAUSE_TRACK = "a shared track at 0 after the last round"


class IllegalAction(ValueError):
    """A policy asked for an action the rules do not allow."""


class Chooser(Protocol):
    """The choices the rules leave to the table."""

    def act(self, s: State, player: int, left: int) -> Action | None:
        """The next action of this player's turn, or None to end it."""

    def cancel(self, s: State, event: int) -> int:
        """The slot of an actor cancelling this negative event, or -1."""

    def discard(self, s: State, slot: int, options: list[int]) -> int:
        """Which fragile resource (among options) an event makes this actor return."""

    def take(self, s: State, slot: int, options: list[int]) -> int:
        """Which resource (among options) this actor takes from the supply."""

    def drop(self, s: State, slot: int) -> int:
        """Which held resource an actor over the resource limit returns."""

    def discard_card(self, s: State, player: int) -> int:
        """Which cooperation card a player discards after drawing too many."""

    def choose_challenge(self, s: State, options: list[int]) -> int:
        """Which open challenge (index into s.open) a cooperation solves when several qualify."""


@dataclass(frozen=True)
class Lay:
    """How a cooperation would be laid: its partners (one per family slot) and what they pay."""

    partners: tuple[int, ...]
    payment: tuple[tuple[int, int], ...]   # (slot, resource)
    waste: int                              # value paid beyond what the card asks


# --- small helpers ----------------------------------------------------------


def ready(s: State, slot: int, power: int) -> bool:
    """Whether this actor has this power and may use it now (once per round / game)."""
    a = s.actor[slot]
    if s.t.power[a] != power:
        return False
    per = s.t.power_per[a]
    return not (per == PER_ROUND and s.used_round[slot] or per == PER_GAME and s.used_game[slot])


def spend(s: State, slot: int) -> None:
    """Mark a limited power as used and count it."""
    per = s.t.power_per[s.actor[slot]]
    if per == PER_ROUND:
        s.used_round[slot] = True
    elif per == PER_GAME:
        s.used_game[slot] = True
    s.log.powers.append(s.actor[slot])


def move_track(s: State, i: int, delta: int) -> None:
    """Move a shared track, never below its minimum nor above its maximum."""
    s.tracks[i] = max(s.t.track_min[i], min(s.t.track_max[i], s.tracks[i] + delta))


def add_fragility(s: State, n: int, cause: str) -> None:
    """Move Fragility (never below its minimum); the table loses at once when it reaches its maximum."""
    s.fragility = max(s.t.fragility_min, min(s.t.fragility_max, s.fragility + n))
    if s.fragility >= s.t.fragility_max and not s.over:
        s.over, s.won, s.log.cause = True, False, cause


def take_listed(s: State, slot: int, pol: Chooser) -> bool:
    """The actor takes, free, one resource its card lists (another listed one if a pile is empty)."""
    options = [r for r in dict.fromkeys(s.t.actor_res[s.actor[slot]]) if s.supply[r] > 0]
    if not options:
        return False
    r = pol.take(s, slot, options)
    if r not in options:
        raise IllegalAction(f"cannot take resource {r}")
    s.supply[r] -= 1
    s.held[slot].append(r)
    s.log.mobilised.append(r)
    return True


def draw_coop(s: State) -> int:
    """Draw a cooperation card (reshuffling the discards into a new pile when it is empty), or -1."""
    if not s.coop_draw and s.coop_discard:
        s.coop_draw, s.coop_discard = s.coop_discard, []
        s.rng.shuffle(s.coop_draw)
    return s.coop_draw.pop() if s.coop_draw else -1


def reachable(s: State, slot: int) -> list[int]:
    """The other actors this actor may exchange with: those in its zone, or all with remote-exchange."""
    if s.t.power[s.actor[slot]] == P_REMOTE_EXCHANGE:
        return [b for b in range(len(s.actor)) if b != slot]
    z = s.zone[slot]
    return [b for b in range(len(s.actor)) if b != slot and s.zone[b] == z]


# --- laying a cooperation ---------------------------------------------------


def _assignments(s: State, slot: int, families: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Every way distinct actors in the proposer's zone fill the card's family slots, the proposer among them."""
    z = s.zone[slot]
    here = [b for b in range(len(s.actor)) if s.zone[b] == z]
    fills = s.t.actor_fills
    out: list[tuple[int, ...]] = []

    def go(i: int, chosen: tuple[int, ...]) -> None:
        if i == len(families):
            if slot in chosen:
                out.append(chosen)
            return
        for b in here:
            if b not in chosen and families[i] in fills[s.actor[b]]:
                go(i + 1, chosen + (b,))

    go(0, ())
    return out


def _bonus(s: State, slot: int, kind: int) -> int:
    a = s.actor[slot]
    return s.t.power_amount[a] if s.t.power[a] == P_VALUE_BONUS and s.t.power_kind[a] == kind else 0


def _pay_kind(s: State, partners: tuple[int, ...], kind: int, need: int) -> tuple[int, int, tuple[tuple[int, int], ...]] | None:
    """The cheapest payment of `need` value of one kind: (waste, cards, items), or None if impossible."""
    t = s.t
    items = [(t.res_value[r], p, r) for p in partners for r in dict.fromkeys(s.held[p]) if t.res_kind[r] == kind
             for _ in range(s.held[p].count(r))]
    total = sum(v for v, _, _ in items) + sum(_bonus(s, p, kind) for p in partners
                                              if any(q == p for _, q, _ in items))
    if total < need:
        return None
    best: tuple[int, int, int, tuple[tuple[int, int], ...]] | None = None
    # An optimal payment never holds more than `need` cards: dropping its smallest card would still pay.
    for size in range(1, min(need, len(items)) + 1):
        for combo in combinations(items, size):
            value = sum(v for v, _, _ in combo) + sum(_bonus(s, p, kind) for p in {q for _, q, _ in combo})
            if value < need:
                continue
            # Prefer the least waste, then fewer cards, then spending fragile cards (events may take them anyway).
            key = (value - need, size, -sum(t.res_fragile[r] for _, _, r in combo))
            if best is None or key < best[:3]:
                best = (*key, tuple((p, r) for _, p, r in combo))
        if best is not None and best[0] == 0:
            break
    return None if best is None else (best[0], best[1], best[3])


def payment(s: State, partners: tuple[int, ...], coop: int) -> tuple[int, tuple[tuple[int, int], ...]] | None:
    """The partners' cheapest payment for a cooperation, hybridisation included: (waste, items) or None."""
    t = s.t
    need = t.coop_need[coop]
    waste = 0
    items: list[tuple[int, int]] = []
    for k, n in enumerate(need):
        if n > 0:
            paid = _pay_kind(s, partners, k, n)
            if paid is None:
                return None
            waste += paid[0]
            items.extend(paid[2])
    kinds = sum(1 for n in need if n > 0)
    # Hybridisation: a card asking for fewer kinds than the minimum needs extra resources of other kinds.
    for k in range(len(need)):
        if kinds >= t.hybridisation_min_kinds:
            break
        if need[k] == 0:
            extra = [(t.res_value[r], p, r) for p in partners for r in s.held[p] if t.res_kind[r] == k]
            if extra:
                v, p, r = min(extra)
                items.append((p, r))
                waste += v
                kinds += 1
    if kinds < t.hybridisation_min_kinds:
        return None
    return waste, tuple(items)


def can_pay(s: State, partners: tuple[int, ...], coop: int) -> bool:
    """Quick check: do the partners hold enough value of every kind (value bonuses included)?"""
    t = s.t
    for k, n in enumerate(t.coop_need[coop]):
        if n:
            total = 0
            for p in partners:
                vals = [t.res_value[r] for r in s.held[p] if t.res_kind[r] == k]
                if vals:
                    total += sum(vals) + _bonus(s, p, k)
            if total < n:
                return False
    return True


def find_lay(s: State, slot: int, coop: int) -> Lay | None:
    """The best legal way for this actor to lay this cooperation now, or None."""
    best: Lay | None = None
    for partners in _assignments(s, slot, s.t.coop_families[coop]):
        if not can_pay(s, partners, coop):
            continue
        paid = payment(s, partners, coop)
        if paid is not None and (best is None or paid[0] < best.waste):
            best = Lay(partners, paid[1], paid[0])
    return best


def lay(s: State, slot: int, coop: int, how: Lay, pol: Chooser) -> None:
    """Lay a cooperation: pay, raise the tracks (with partners' bonuses), solve a challenge of this zone."""
    t = s.t
    s.hands[s.owner[slot]].remove(coop)
    for p, r in how.payment:
        s.held[p].remove(r)
        s.supply[r] += 1
        s.log.spent.append(r)
    z = s.zone[slot]
    s.laid.append((coop, z))
    s.consolidated[z] += 1
    s.log.formed.append(coop)
    fams = t.coop_families[coop]
    for p, fam in zip(how.partners, fams):
        a = s.actor[p]
        if t.actor_family[a] != fam:
            s.log.powers.append(a)  # extra-family: filled another family's place
        if t.power[a] == P_VALUE_BONUS and any(q == p and t.res_kind[r] == t.power_kind[a] for q, r in how.payment):
            s.log.powers.append(a)
    for i, d in t.coop_effects[coop]:
        bonus = 0
        if d > 0:
            for p in how.partners:
                a = s.actor[p]
                if t.power[a] == P_TRACK_BONUS and t.power_track[a] == i:
                    bonus += t.power_amount[a]
                    s.log.powers.append(a)
        move_track(s, i, d + bonus)
    options = [i for i, (ch, _) in enumerate(s.open) if t.ch_zone[ch] == z and coop in t.ch_solved_by[ch]]
    if options:
        i = pol.choose_challenge(s, options) if len(options) > 1 else options[0]
        if i not in options:
            raise IllegalAction(f"challenge {i} is not solved by this cooperation")
        ch = s.open.pop(i)[0]
        s.solved.append(ch)
        for k, d in t.ch_reward[ch]:
            move_track(s, k, d)


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
        _need(ready(s, slot, P_CONVERT) and r_from in s.held[slot] and t.res_kind[r_from] == t.power_kind[actor]
              and t.res_kind[r_to] == t.power_to[actor] and s.supply[r_to] > 0, "cannot convert")
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
            out.extend((CONVERT, slot, r1, r2) for r1 in mine if t.res_kind[r1] == t.power_kind[a]
                       for r2 in t.res_of_kind[t.power_to[a]] if s.supply[r2] > 0)
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
                options = [r for r in dict.fromkeys(s.held[slot]) if t.res_fragile[r] and (kind < 0 or
                                                                                         t.res_kind[r] == kind)]
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
