"""Property: whatever a designer does to a valid deck, the outcome is success or a located data error.

Mutations are structural (delete, retype, rename or add keys, shuffle lists) and
textual (insert, delete or replace characters in the YAML). Any exception other
than DataError, or a problem without a location, is a bug.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mallette_print.core.errors import DataError
from mallette_print.core.validate import load_game

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parent.parent
DECKS = [
    "actors.yaml",
    "resources.yaml",
    "cooperations.yaml",
    "challenges.yaml",
    "events.yaml",
    "notions.yaml",
    "game.yaml",
    "templates.yaml",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["association", "marchande", "vitalite", "../x", "http://a", "63mm", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, prefix + (i,))
    return out


def _mutate(data: Any, path: tuple[Any, ...], op: str, new: Any, key: str) -> Any:
    if not path:
        return new if op == "replace" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if op == "replace":
        parent[last] = new
    elif op == "delete":
        del parent[last]
    elif op == "add" and isinstance(parent, dict):
        parent[key] = new
    elif op == "rename" and isinstance(parent, dict):
        parent[key + str(last)] = parent.pop(last)
    elif op == "duplicate" and isinstance(parent, list):
        parent.append(parent[last])
    return data


def _check(game: Path) -> None:
    try:
        load_game(game)
    except DataError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.path and p.message
            assert p.line >= 0 and p.col >= 0


@settings(
    max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    deck=st.sampled_from(DECKS),
    seed=st.integers(0, 10**6),
    op=st.sampled_from(["replace", "delete", "add", "rename", "duplicate"]),
    new=values,
    key=st.text(min_size=1, max_size=8),
)
def test_structural_mutations(tmp_path_factory, deck: str, seed: int, op: str, new: Any, key: str) -> None:
    game = tmp_path_factory.mktemp("g")
    shutil.copytree(DATA / "sample", game, dirs_exist_ok=True)
    shutil.copytree(REPO / "assets", game / "assets")
    path = game / "cards" / deck
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    paths = _paths(data)
    target = paths[seed % len(paths)]
    data = _mutate(data, target, op, new, key)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _check(game)


@settings(
    max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    deck=st.sampled_from(DECKS),
    pos=st.integers(0, 10**6),
    cut=st.integers(0, 20),
    insert=st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#\t\n %@`,?") + ["é", "\x00", "\ufeff"]), max_size=5),
)
def test_textual_mutations(tmp_path_factory, deck: str, pos: int, cut: int, insert: str) -> None:
    game = tmp_path_factory.mktemp("g")
    shutil.copytree(DATA / "sample", game, dirs_exist_ok=True)
    shutil.copytree(REPO / "assets", game / "assets")
    path = game / "cards" / deck
    text = path.read_text(encoding="utf-8")
    at = pos % (len(text) + 1)
    path.write_text(text[:at] + insert + text[at + cut :], encoding="utf-8")
    _check(game)
