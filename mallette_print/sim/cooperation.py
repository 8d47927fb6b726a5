"""Laying a cooperation: who may fill its family slots, the cheapest payment (hybridisation included) and
what laying it does (tracks, partners' bonuses, the challenge it solves).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from mallette_print.sim.primitives import Chooser, IllegalAction, move_track
from mallette_print.sim.state import State
from mallette_print.sim.tables import P_TRACK_BONUS, P_VALUE_BONUS


@dataclass(frozen=True)
class Lay:
    """How a cooperation would be laid: its partners (one per family slot) and what they pay."""

    partners: tuple[int, ...]
    payment: tuple[tuple[int, int], ...]  # (slot, resource)
    waste: int  # value paid beyond what the card asks


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


def _pay_kind(
    s: State, partners: tuple[int, ...], kind: int, need: int
) -> tuple[int, int, tuple[tuple[int, int], ...]] | None:
    """The cheapest payment of `need` value of one kind: (waste, cards, items), or None if impossible."""
    t = s.t
    items = [
        (t.res_value[r], p, r)
        for p in partners
        for r in dict.fromkeys(s.held[p])
        if t.res_kind[r] == kind
        for _ in range(s.held[p].count(r))
    ]
    total = sum(v for v, _, _ in items) + sum(_bonus(s, p, kind) for p in partners if any(q == p for _, q, _ in items))
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
        s.log.solving.append(coop)
        s.log.solving_paid.extend(r for _, r in how.payment)
        s.log.solving_partners.extend(s.actor[p] for p in how.partners)
        for k, d in t.ch_reward[ch]:
            move_track(s, k, d)
