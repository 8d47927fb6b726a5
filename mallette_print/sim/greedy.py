"""The greedy cooperative table: it plans with every hand in view (the table talks).

For each open challenge it looks for a cooperation card someone holds that would solve it, picks partners
(the holder's actor among them, else a courier carries the card) and counts the actions the plan still
needs. The cheapest plans get the actors; each player takes the next step of its actors' plans, or helps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from mallette_print.sim.cooperation import find_lay
from mallette_print.sim.primitives import (
    CONVERT,
    EXTEND,
    FREE_MOVE,
    GIVE_CARD,
    GIVE_RES,
    LOWER,
    MOBILISE,
    MOVE,
    PROPOSE,
    PROSPECT,
    Action,
    ready,
)
from mallette_print.sim.state import State
from mallette_print.sim.tables import (
    P_CANCEL_EVENT,
    P_CONVERT,
    P_EXTEND_DEADLINE,
    P_FREE_MOVE,
    P_LOWER_FRAGILITY,
    P_REMOTE_EXCHANGE,
    P_VALUE_BONUS,
)


class Project(NamedTuple):
    """A plan to solve an open challenge with a cooperation someone holds."""

    # A named tuple rather than a frozen dataclass: the planner builds about a thousand per game.
    challenge: int  # index into s.open
    coop: int
    zone: int
    holder: int  # player holding the card
    partners: tuple[int, ...]
    proposer: int  # partner slot of the holder, or -1 if the card must be carried
    short: tuple[int, ...]  # value still missing per kind
    cost: float


class _Seats:
    """What stays fixed during one game and the planner reads at every action (built once per game)."""

    def __init__(self, s: State) -> None:
        t = s.t
        self.state = s
        self.fills = [t.actor_fills[a] for a in s.actor]
        self.coop_kinds = [tuple(k for k, n in enumerate(need) if n) for need in t.coop_need]
        self.coop_needs = [tuple((k, n) for k, n in enumerate(need) if n) for need in t.coop_need]
        self.free_move = [t.power[a] == P_FREE_MOVE for a in s.actor]
        # fit[player][coop]: the player's actors that can fill one of the card's family places
        self.fit = [
            [frozenset(b for b in slots if any(f in self.fills[b] for f in fams)) for fams in t.coop_families]
            for slots in s.slots_of
        ]
        self.formable: list[bool] = []
        # (cooperation, holder or -1, actor order) -> _partners' answer with no actor taken: it depends on
        # nothing else, and the order changes only when actors move or their resources change.
        self.partners: dict[tuple[int, int, tuple[int, ...]], tuple[tuple[int, ...], int] | None] = {}


class _Ctx:
    """What one planning pass reads many times: value held and best value mobilisable, per actor and kind."""

    def __init__(self, s: State, seats: _Seats) -> None:
        t = s.t
        kinds = len(t.kinds)
        self.value = [[0] * kinds for _ in s.actor]
        self.prod = [[0] * kinds for _ in s.actor]
        for b, held in enumerate(s.held):
            row = self.value[b]
            for r in held:
                row[t.res_kind[r]] += t.res_value[r]
            a = s.actor[b]
            if t.power[a] == P_VALUE_BONUS and row[t.power_kind[a]]:
                row[t.power_kind[a]] += t.power_amount[a]
            prod = self.prod[b]
            for r in t.actor_res[a]:
                if s.supply[r] > 0 and t.res_value[r] > prod[t.res_kind[r]]:
                    prod[t.res_kind[r]] = t.res_value[r]
        self.zone = s.zone
        self.seats = seats
        self._by_value: dict[tuple[int, ...], list[int]] = {}
        self._orders: dict[tuple[tuple[int, ...], int], tuple[int, ...]] = {}

    def order(self, coop: int, zone: int) -> tuple[int, ...]:
        """Every actor, those in the zone first, then those holding the most of the value the card asks for."""
        # Cached per kinds asked (and zone): cards asking for the same kinds order the actors alike.
        ks = self.seats.coop_kinds[coop]
        key = (ks, zone)
        out = self._orders.get(key)
        if out is None:
            by_value = self._by_value.get(ks)
            if by_value is None:
                weight = [-sum([row[k] for k in ks]) for row in self.value]
                by_value = sorted(range(len(weight)), key=weight.__getitem__)
                self._by_value[ks] = by_value
            # Python's sort is stable: partitioning the value order by zone is sorting by (zone, value).
            here = self.zone
            out = tuple([b for b in by_value if here[b] == zone] + [b for b in by_value if here[b] != zone])
            self._orders[key] = out
        return out


def _fill(
    order: Sequence[int], fams: tuple[int, ...], fills: list[frozenset[int]], chosen: list[int], i: int
) -> list[int] | None:
    """Fill the card's empty family places from i on, actors taken in order (backtracking); None if impossible."""
    n = len(fams)
    while i < n and chosen[i] >= 0:
        i += 1
    if i == n:
        return chosen
    f = fams[i]
    for b in order:
        if f in fills[b] and b not in chosen:
            chosen[i] = b
            if _fill(order, fams, fills, chosen, i + 1) is not None:
                return chosen
            chosen[i] = -1
    return None


class GreedyPolicy:
    """A cooperative table that plans toward the cooperations solving open challenges."""

    name = "greedy"
    private = False  # whether plans differ by player (each sees only its own hand)

    # --- planning -------------------------------------------------------------

    def _partners(
        self, s: State, coop: int, zone: int, holder: int, taken: set[int], ctx: _Ctx
    ) -> tuple[tuple[int, ...], int] | None:
        """Partners for a cooperation in a zone, the holder's actor first; (partners, proposer or -1)."""
        seats = ctx.seats
        # Actors already in the zone first, then those holding the most of the value the card asks for
        # (filtering the stably sorted list keeps the order sorting the filtered actors would give).
        order = ctx.order(coop, zone)
        mine = seats.fit[holder][coop] if holder >= 0 else frozenset()
        if taken:
            return self._seat(s.t.coop_families[coop], seats.fills, [b for b in order if b not in taken], mine)
        key = (coop, holder if mine else -1, order)
        if key not in seats.partners:
            seats.partners[key] = self._seat(s.t.coop_families[coop], seats.fills, order, mine)
        return seats.partners[key]

    @staticmethod
    def _seat(
        fams: tuple[int, ...], fills: list[frozenset[int]], order: Sequence[int], mine: frozenset[int]
    ) -> tuple[tuple[int, ...], int] | None:
        """The first filling of the family places in this actor order, one of the holder's actors first."""
        if mine:
            for b in order:
                if b not in mine:
                    continue
                fb = fills[b]
                for i, f in enumerate(fams):
                    if f in fb:
                        chosen = [-1] * len(fams)
                        chosen[i] = b
                        if _fill(order, fams, fills, chosen, 0) is not None:
                            return tuple(chosen), b
        chosen = [-1] * len(fams)
        return (tuple(chosen), -1) if _fill(order, fams, fills, chosen, 0) is not None else None

    def _project(self, s: State, i: int, coop: int, holder: int, taken: set[int], ctx: _Ctx) -> Project | None:
        zone = s.t.ch_zone[s.open[i][0]]
        found = self._partners(s, coop, zone, holder, taken, ctx)
        if found is None:
            return None
        partners, proposer = found
        seats = ctx.seats
        value, prod = ctx.value, ctx.prod
        short = [0] * len(value[0])
        cost = 0.0
        for k, n in seats.coop_needs[coop]:
            miss = n
            for p in partners:
                miss -= value[p][k]
            if miss > 0:
                short[k] = miss
                best = max([prod[p][k] for p in partners])
                # what the partners cannot mobilise, someone else must bring: about three actions a card
                cost += -(-miss // best) if best else 3.0 * -(-miss // 2)
        here = ctx.zone
        for p in partners:
            if here[p] != zone:
                cost += 0.5 if seats.free_move[p] else 1.0
        if proposer < 0:
            cost += 2.0
        return Project(i, coop, zone, holder, partners, proposer, tuple(short), cost)

    def _seats(self, s: State) -> _Seats:
        """The fixed facts of this game, and which cooperations its actors can form at all (once per game)."""
        seats: _Seats | None = getattr(self, "_seats_of", None)
        if seats is not None and seats.state is s:
            return seats
        seats = _Seats(s)
        ctx = _Ctx(s, seats)
        seats.formable = [self._partners(s, c, 0, -1, set(), ctx) is not None for c in range(len(s.t.coops))]
        self._seats_of = seats
        return seats

    def visible(self, s: State, viewer: int) -> list[tuple[int, int]]:
        """The cards (holder, card) the viewer plans with: every hand, the table talks them all over."""
        return [(h, c) for h, hand in enumerate(s.hands) for c in dict.fromkeys(hand)]

    def plan(self, s: State, viewer: int = 0) -> list[Project]:
        """The projects `viewer` sees: the cheapest plan per open challenge, actors and cards used once."""
        t = s.t
        seats = self._seats(s)
        ctx = _Ctx(s, seats)
        cands: list[Project] = []
        formable = seats.formable
        held = [(h, c) for h, c in self.visible(s, viewer) if formable[c]]
        for i, (ch, _) in enumerate(s.open):
            solved_by = t.ch_solved_by[ch]
            for h, c in held:
                if c in solved_by:
                    pr = self._project(s, i, c, h, set(), ctx)
                    if pr is not None:
                        cands.append(pr)
        cands.sort(key=lambda p: (p.cost, s.open[p.challenge][1]))
        chosen: list[Project] = []
        taken: set[int] = set()
        done_ch: set[int] = set()
        used_cards: list[tuple[int, int]] = []
        for pr in cands:
            if pr.challenge in done_ch or used_cards.count((pr.holder, pr.coop)) >= s.hands[pr.holder].count(pr.coop):
                continue
            if taken.intersection(pr.partners):
                again = self._project(s, pr.challenge, pr.coop, pr.holder, taken, ctx)
                if again is None or again.cost > pr.cost + 2:
                    continue
                pr = again
            chosen.append(pr)
            taken.update(pr.partners)
            done_ch.add(pr.challenge)
            used_cards.append((pr.holder, pr.coop))
        return chosen

    # --- the turn -------------------------------------------------------------

    def _move(self, s: State, slot: int, zone: int) -> Action:
        return (FREE_MOVE if ready(s, slot, P_FREE_MOVE) else MOVE, slot, zone)

    def _mobilise(self, s: State, slot: int, kind: int) -> Action | None:
        t = s.t
        options = [r for r in t.actor_res[s.actor[slot]] if s.supply[r] > 0 and (kind < 0 or t.res_kind[r] == kind)]
        if not options or len(s.held[slot]) >= t.resource_limit:
            return None
        # the most valuable; between equals, a card events cannot take, then the fullest pile
        return (MOBILISE, slot, max(options, key=lambda r: (t.res_value[r], not t.res_fragile[r], s.supply[r])))

    def _free_abilities(self, s: State, player: int, projects: list[Project]) -> Action | None:
        t = s.t
        for slot in s.slots_of[player]:
            if ready(s, slot, P_LOWER_FRAGILITY) and (
                s.fragility >= t.fragility_alert - 1 or s.round == t.rounds and s.fragility > 0
            ):
                return (LOWER, slot)
            if ready(s, slot, P_CONVERT):
                # the swap is free: trade a low card for a more valuable one the plan does not hold against
                a = s.actor[slot]
                lacking = {k for pr in projects if slot in pr.partners for k, m in enumerate(pr.short) if m}
                given = [r for r in s.held[slot] if t.res_kind[r] == t.power_kind[a]]
                targets = [r for r in t.res_of_kind[t.power_to[a]] if s.supply[r] > 0]
                if given and targets and (t.power_kind[a] not in lacking or len(given) > 1):
                    r_from = min(given, key=lambda r: t.res_value[r])
                    r_to = max(targets, key=lambda r: t.res_value[r])
                    if t.res_value[r_to] > t.res_value[r_from]:
                        return (CONVERT, slot, r_from, r_to)
            if ready(s, slot, P_EXTEND_DEADLINE):
                urgent = [i for i, (_, tok) in enumerate(s.open) if tok == 1]
                if urgent:
                    return (EXTEND, slot, urgent[0])
        return None

    def _convert(self, s: State, slot: int, pr: Project) -> Action | None:
        t = s.t
        a = s.actor[slot]
        if not ready(s, slot, P_CONVERT) or not pr.short[t.power_to[a]]:
            return None
        # a card of the kind given up is spare if the plan lacks none of that kind, or the actor holds several
        given = [r for r in s.held[slot] if t.res_kind[r] == t.power_kind[a]]
        spare = given if not pr.short[t.power_kind[a]] or len(given) > 1 else []
        targets = [r for r in t.res_of_kind[t.power_to[a]] if s.supply[r] > 0]
        if not spare or not targets:
            return None
        return (CONVERT, slot, min(spare, key=lambda r: t.res_value[r]), max(targets, key=lambda r: t.res_value[r]))

    def _lay_now(self, s: State, player: int) -> Action | None:
        """A cooperation this player can lay now: one solving a challenge, or one lifting a low track."""
        t = s.t
        fallback: Action | None = None
        cards = list(dict.fromkeys(s.hands[player]))
        wanted = {(t.ch_zone[ch], c) for ch, _ in s.open for c in cards if c in t.ch_solved_by[ch]}
        lifts = [any(d > 0 and s.tracks[i] <= t.track_min[i] + 1 for i, d in t.coop_effects[c]) for c in cards]
        for slot in s.slots_of[player]:
            z = s.zone[slot]
            for c, low in zip(cards, lifts):
                solves = (z, c) in wanted
                if (solves or (low and fallback is None)) and find_lay(s, slot, c) is not None:
                    if solves:
                        return (PROPOSE, slot, c)
                    fallback = (PROPOSE, slot, c)
        return fallback

    def act(self, s: State, player: int, left: int) -> Action | None:
        """The next step of the table's plan for this player's actors."""
        t = s.t
        lay = self._lay_now(s, player)
        if lay is not None:
            return lay
        projects = self.plan(s, player)
        self._last = (s, player, projects)
        free = self._free_abilities(s, player, projects)
        if free is not None:
            return free
        mine = set(s.slots_of[player])
        for pr in projects:
            for slot in pr.partners:
                if slot not in mine:
                    continue
                if s.zone[slot] != pr.zone:
                    return self._move(s, slot, pr.zone)
                conv = self._convert(s, slot, pr)
                if conv is not None:
                    return conv
                for k, miss in enumerate(pr.short):
                    if miss:
                        step = self._mobilise(s, slot, k)
                        if step is not None:
                            return step
            if pr.proposer < 0 and pr.holder == player:
                # carry the card to a partner of another player, in the challenge's zone
                slot = s.slots_of[player][0]
                targets = [
                    b
                    for b in pr.partners
                    if s.owner[b] != player
                    and (s.zone[b] == s.zone[slot] or t.power[s.actor[slot]] == P_REMOTE_EXCHANGE)
                ]
                if targets:
                    return (GIVE_CARD, slot, targets[0], pr.coop)
                return self._move(s, slot, s.zone[pr.partners[0]])
        busy = {p for pr in projects for p in pr.partners}
        return self._help(s, player, projects, busy)

    def _help(self, s: State, player: int, projects: list[Project], busy: set[int]) -> Action | None:
        """An actor outside every plan: prospect for a useful card, bring a missing resource, or mobilise."""
        t = s.t
        wanted = {c for ch, _ in s.open for c in t.ch_solved_by[ch]}
        planned = {(pr.holder, pr.coop) for pr in projects}
        hand = s.hands[player]
        if s.coop_draw or s.coop_discard:
            for c in hand:
                if c not in wanted and (player, c) not in planned:
                    return (PROSPECT, s.slots_of[player][0], c)
        for slot in s.slots_of[player]:
            if slot in busy:
                continue
            for pr in projects:
                for k, miss in enumerate(pr.short):
                    if not miss:
                        continue
                    mine = [r for r in s.held[slot] if t.res_kind[r] == k]
                    if mine:
                        here = (
                            [b for b in pr.partners if s.zone[b] == s.zone[slot]]
                            if t.power[s.actor[slot]] != P_REMOTE_EXCHANGE
                            else list(pr.partners)
                        )
                        if here:
                            return (GIVE_RES, slot, here[0], max(mine, key=lambda r: t.res_value[r]))
                        if s.zone[slot] != pr.zone:
                            return self._move(s, slot, pr.zone)
                        continue
                    step = self._mobilise(s, slot, k)
                    if step is not None:
                        return step
        for slot in s.slots_of[player]:
            step = self._mobilise(s, slot, -1)
            if step is not None:
                return step
        return None

    # --- the other choices ------------------------------------------------------

    def cancel(self, s: State, event: int) -> int:
        """Cancel an event that would hurt badly (Fragility, a track near 0), if an actor can."""
        t = s.t
        able = [p for p in range(len(s.actor)) if ready(s, p, P_CANCEL_EVENT)]
        if not able:
            return -1
        harm = 2 * t.ev_fragility[event] + t.ev_discard[event]
        for i, d in t.ev_tracks[event]:
            if d < 0:
                harm += -d + (3 if s.tracks[i] + d <= t.track_min[i] else 0)
        lethal = s.fragility + t.ev_fragility[event] >= t.fragility_max
        return able[0] if lethal or harm >= 4 else -1

    def _needed_kinds(self, s: State, slot: int) -> set[int]:
        # The plan of the latest action (of the actor's player) is close enough for these choices, and cheaper.
        last = getattr(self, "_last", None)
        owner = s.owner[slot]
        projects = (
            last[2]
            if last is not None and last[0] is s and (last[1] == owner or not self.private)
            else self.plan(s, owner)
        )
        return {k for pr in projects if slot in pr.partners for k, m in enumerate(pr.short) if m}

    def discard(self, s: State, slot: int, options: list[int]) -> int:
        """The least valuable fragile resource."""
        return min(options, key=lambda r: s.t.res_value[r])

    def take(self, s: State, slot: int, options: list[int]) -> int:
        """The most valuable resource of a kind the actor's plan lacks, else the most valuable."""
        need = self._needed_kinds(s, slot)
        return max(options, key=lambda r: (s.t.res_kind[r] in need, s.t.res_value[r]))

    def drop(self, s: State, slot: int) -> int:
        """The least valuable resource of a kind the actor's plan does not lack."""
        need = self._needed_kinds(s, slot)
        return min(s.held[slot], key=lambda r: (s.t.res_kind[r] in need, s.t.res_value[r]))

    def discard_card(self, s: State, player: int) -> int:
        """A card that solves no open challenge, else the first."""
        wanted = {c for ch, _ in s.open for c in s.t.ch_solved_by[ch]}
        hand = s.hands[player]
        return next((c for c in hand if c not in wanted), hand[0])

    def choose_challenge(self, s: State, options: list[int]) -> int:
        """The most urgent challenge."""
        return min(options, key=lambda i: s.open[i][1])
