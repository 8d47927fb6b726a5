"""The balance report of a simulation run, as plain text lines, and the dead-card findings."""

from __future__ import annotations

from dataclasses import dataclass

from mallette_print.sim.runner import Run
from mallette_print.sim.tables import AUTOMATIC


@dataclass(frozen=True)
class Usage:
    """How often one card was used, over the games where it could be."""

    deck: str  # actor, resource, cooperation, challenge, event
    card: str
    used: int  # games where it was used
    eligible: int  # games where it could have been

    @property
    def rate(self) -> float:
        """Share of eligible games where the card was used."""
        return self.used / self.eligible if self.eligible else 0.0


def usages(run: Run) -> list[Usage]:
    """Per card, how often it helped solve a challenge: cooperations laid solving one, challenges solved,
    resources paid into such a cooperation, actors among its partners; events drawn."""
    t, st, n = run.tables, run.stats, run.games
    out = [Usage("cooperation", c, st.solving[i], n) for i, c in enumerate(t.coops)]
    out += [Usage("challenge", c, st.solved[i], n) for i, c in enumerate(t.challenges)]
    out += [Usage("resource", c, st.solving_paid[i], n) for i, c in enumerate(t.resources)]
    out += [Usage("event", c, st.drawn[i], n) for i, c in enumerate(t.events)]
    out += [Usage("actor", c, st.solving_partners[i], st.in_play[i]) for i, c in enumerate(t.actors)]
    return out


def dead_cards(run: Run) -> list[Usage]:
    """Cards that never contributed to solving a challenge in the games where they could (events: never drawn;
    actors never dealt are not judged)."""
    return [u for u in usages(run) if u.eligible and u.used == 0]


def always_used(run: Run) -> list[Usage]:
    """Actors whose ability the table chose to use in every game where they were in play (an ability that
    triggers by itself, such as a bonus, is not a choice and is not reported)."""
    t, st = run.tables, run.stats
    return [
        Usage("actor", c, st.powered[i], st.in_play[i])
        for i, c in enumerate(t.actors)
        if st.in_play[i] and st.powered[i] == st.in_play[i] and t.power[i] not in AUTOMATIC
    ]


WHAT = {
    "cooperation": "never solved a challenge",
    "challenge": "never solved",
    "resource": "never paid for a solved challenge",
    "event": "never drawn",
    "actor": "never a partner in a solved challenge",
}


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def report_lines(run: Run) -> list[str]:
    """The text report: win rate with its 95% interval, rounds, challenges, card usage, causes of defeat."""
    t, st = run.tables, run.stats
    lo, hi = st.interval
    lines = [
        f"Simulated {run.games} games, {run.players} players, policy {run.policy}, seed {run.seed}",
        f"Win rate: {_pct(st.win_rate)} (95% CI {_pct(lo)}-{_pct(hi)}), {st.wins} won",
        f"Mean rounds played: {st.mean_rounds:.2f} of {t.rounds}",
        f"Mean challenges solved: {st.solved_total / max(1, st.games):.2f} "
        f"(to win: {t.table(run.players).challenges_to_win})",
        "",
        "Challenges solved (share of games; share of the games where it was revealed):",
    ]
    width = max(len(c) for c in (*t.challenges, *t.coops))
    for i, c in sorted(enumerate(t.challenges), key=lambda ic: -run.stats.solved[ic[0]]):
        seen = st.revealed[i]
        lines.append(
            f"  {c:<{width}}  {_pct(st.solved[i] / max(1, st.games)):>6}"
            f"  ({_pct(st.solved[i] / seen) if seen else 'never revealed'})"
        )
    lines.append("")
    lines.append("Cooperations laid (share of games; laid solving a challenge):")
    for i, c in sorted(enumerate(t.coops), key=lambda ic: -run.stats.formed[ic[0]]):
        n = max(1, st.games)
        lines.append(f"  {c:<{width}}  {_pct(st.formed[i] / n):>6}  ({_pct(st.solving[i] / n)})")
    lines.append("")
    dead = dead_cards(run)
    always = always_used(run)
    lines.append(
        "Dead cards (never helped solve a challenge): "
        + (", ".join(f"{u.deck} {u.card} ({WHAT[u.deck]})" for u in dead) or "none")
    )
    lines.append("Abilities used in every game: " + (", ".join(f"{u.deck} {u.card}" for u in always) or "none"))
    lines.append("")
    lost = st.games - st.wins
    if lost:
        lines.append(
            f"Defeats brought by a shared track at 0: {_pct(st.track_defeats / lost)}; "
            f"defeats with a shared track at 0 on the way: {_pct(st.track_losses / lost)}"
        )
        cause, count = st.causes.most_common(1)[0]
        lines.append(f"Most frequent cause of defeat: {cause} ({_pct(count / lost)} of defeats)")
        for cause, count in st.causes.most_common()[1:]:
            lines.append(f"  then: {cause} ({_pct(count / lost)})")
    else:
        lines.append("Most frequent cause of defeat: none (every game won)")
    return lines
