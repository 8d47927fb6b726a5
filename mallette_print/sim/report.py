"""The balance report of a simulation run, as plain text lines, and the dead-card findings."""

from __future__ import annotations

from dataclasses import dataclass

from mallette_print.sim.runner import Run


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
    """Per card: cooperations laid, challenges solved, resources mobilised, events drawn, actor powers used."""
    t, st, n = run.tables, run.stats, run.games
    out = [Usage("cooperation", c, st.formed[i], n) for i, c in enumerate(t.coops)]
    out += [Usage("challenge", c, st.solved[i], n) for i, c in enumerate(t.challenges)]
    out += [Usage("resource", c, st.mobilised[i], n) for i, c in enumerate(t.resources)]
    out += [Usage("event", c, st.drawn[i], n) for i, c in enumerate(t.events)]
    out += [Usage("actor", c, st.powered[i], st.in_play[i]) for i, c in enumerate(t.actors)]
    return out


def dead_cards(run: Run) -> list[Usage]:
    """Cards never used in the games where they could be (actors never dealt are not judged)."""
    return [u for u in usages(run) if u.eligible and u.used == 0]


def always_used(run: Run) -> list[Usage]:
    """Cards used in every game where they could be."""
    return [u for u in usages(run) if u.eligible and u.used == u.eligible]


WHAT = {
    "cooperation": "never laid",
    "challenge": "never solved",
    "resource": "never mobilised",
    "event": "never drawn",
    "actor": "power never used",
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
    lines.append("Cooperations laid (share of games):")
    for i, c in sorted(enumerate(t.coops), key=lambda ic: -run.stats.formed[ic[0]]):
        lines.append(f"  {c:<{width}}  {_pct(st.formed[i] / max(1, st.games)):>6}")
    lines.append("")
    dead = dead_cards(run)
    always = always_used(run)
    lines.append("Cards never used: " + (", ".join(f"{u.deck} {u.card} ({WHAT[u.deck]})" for u in dead) or "none"))
    lines.append("Cards always used: " + (", ".join(f"{u.deck} {u.card}" for u in always) or "none"))
    lines.append("")
    lost = st.games - st.wins
    if lost:
        cause, count = st.causes.most_common(1)[0]
        lines.append(f"Most frequent cause of defeat: {cause} ({_pct(count / lost)} of defeats)")
        for cause, count in st.causes.most_common()[1:]:
            lines.append(f"  then: {cause} ({_pct(count / lost)})")
    else:
        lines.append("Most frequent cause of defeat: none (every game won)")
    return lines
