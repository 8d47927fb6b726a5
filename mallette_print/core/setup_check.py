"""The checks of game.setup: the required families per table size and the recommended actor sets.

Each problem is (is_error, location key, context, message); core/coherence.py turns them into located problems
(the keys `setup` and `setup:sets:N:I` are recorded by core/validate.py).
"""

from __future__ import annotations

from mallette_print.core.diagnostics import closest
from mallette_print.core.model import ActorCard, GameData

SetupProblem = tuple[bool, str, str, str]


def setup_problems(data: GameData, actors: list[ActorCard]) -> list[SetupProblem]:
    """Every problem of the setup rule and of the recommended sets."""
    g, p = data.game, data.game.parameters
    out: list[SetupProblem] = []
    family_ids = [fam.id for fam in g.families]
    for n, fams in sorted(g.setup.required_families.items()):
        what = f"setup at {n} players"
        if not p.players_min <= n <= p.players_max:
            out.append((True, "setup", what, f"the game is for {p.players_min} to {p.players_max} players"))
        for fid in fams:
            if fid not in family_ids:
                out.append((True, "setup", what, f"unknown family '{fid}'"))
        if len(set(fams)) != len(fams) or len(fams) > min(len(family_ids), p.actors_on_board(n)):
            message = (
                f"{len(fams)} required families (each once) for {p.actors_on_board(n)} actors of "
                f"{len(family_ids)} families"
            )
            out.append((True, "setup", what, message))
    if g.setup.sets:
        out += _set_problems(data, actors)
    return out


def _set_problems(data: GameData, actors: list[ActorCard]) -> list[SetupProblem]:
    """Recommended actor sets: a list for every table size, each set of known actors, each once, as many as the
    table has actors, of different families (while families go round) with the required ones, named in every
    language. Warnings: an actor in no set is never dealt; a resource no actor of a size's sets lists is never
    mobilised at that size."""
    g, p = data.game, data.game.parameters
    family_of = {a.id: a.family for a in actors}
    listed = {a.id: a.resources for a in actors}
    resources = list(dict.fromkeys(r for a in actors for r in a.resources))
    families = len(set(family_of.values()))
    out: list[SetupProblem] = []
    used: set[str] = set()
    for n in range(p.players_min, p.players_max + 1):
        if not g.setup.sets_for(n):
            out.append(
                (True, "setup", f"setup sets at {n} players", f"no actor set for {n} players (give one or more)")
            )
    for n, sets in sorted(g.setup.sets.items()):
        if not p.players_min <= n <= p.players_max:
            message = f"the game is for {p.players_min} to {p.players_max} players"
            out.append((True, "setup", f"setup sets at {n} players", message))
            continue
        seats = p.actors_on_board(n)
        for i, s in enumerate(sets):
            key, what = f"setup:sets:{n}:{i}", f"set {i + 1} at {n} players"

            def err(message: str, key: str = key, what: str = what) -> None:
                out.append((True, key, what, message))

            used.update(s.actors)
            unknown = [a for a in s.actors if a not in family_of]
            for a in unknown:
                near = closest(a, family_of)
                err(f"unknown actor '{a}'" + (f" (did you mean {', '.join(near)}?)" if near else ""))
            twice = sorted({a for a in s.actors if s.actors.count(a) > 1})
            if twice:
                err(f"{', '.join(twice)} more than once in the set")
            if len(s.actors) != seats:
                err(f"{len(s.actors)} actors, but a table of {n} players seats {seats}")
            fams = [family_of[a] for a in dict.fromkeys(s.actors) if a in family_of]
            if len(set(fams)) < min(len(fams), families):
                err("two actors of one family while another family is left out")
            missing = [fam for fam in g.setup.required(n) if fam not in fams]
            if missing and not unknown:
                err(f"no actor of the required families {', '.join(missing)}")
            for lang in g.languages:
                if not (s.name.get(lang) or "").strip():
                    err(f"the set has no '{lang}' name")
        brought = {r for s in sets for a in s.actors for r in listed.get(a, [])}
        idle = [r for r in resources if r not in brought]
        if idle:
            message = f"no actor of its sets lists {', '.join(idle)}: never mobilised at this table size"
            out.append((False, "setup", f"setup sets at {n} players", message))
    never = [a for a in family_of if a not in used]
    if never:
        out.append((False, "setup", "setup sets", f"in no set, never dealt: {', '.join(never)}"))
    return out
