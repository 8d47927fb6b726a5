"""The safe loader: locations, YAML 1.2 booleans, and refusals of hostile documents."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mallette_print.core.yamlio import YamlError, load_file, load_text

P = Path("x.yaml")


def test_locations_of_keys_and_values() -> None:
    doc = load_text(P, "a: 1\nb:\n  - c: true\n    d: 'x'\n")
    assert doc.where(("b", 0, "d")) == (4, 8)
    assert doc.where(("b", 0, "d"), key=True) == (4, 5)
    assert doc.where(("b", 0, "missing")) == (3, 5)  # closest located parent


def test_yaml_12_booleans_and_no_dates() -> None:
    doc = load_text(P, "a: no\nb: Non\nc: true\nd: 2026-01-01\ne: on\n")
    assert doc.data == {"a": "no", "b": "Non", "c": True, "d": "2026-01-01", "e": "on"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("a: 1\na: 2\n", "x.yaml:2:1: duplicate key 'a' (first defined on line 1)"),
        ("a: !!python/name:os.system x\n", "tag 'tag:yaml.org,2002:python/name:os.system' is not allowed"),
        ("? [1, 2]\n: x\n", "x.yaml:1:3: a key must be plain text, got a list"),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "merge keys ('<<') are not supported"),
        ("[" * 200 + "]" * 200, "nesting deeper than 64 levels"),
    ],
)
def test_refusals(text: str, message: str) -> None:
    with pytest.raises(YamlError) as exc:
        load_text(P, text)
    assert message in str(exc.value)


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    start = time.process_time()  # CPU time: a loaded machine must not fail it
    with pytest.raises(YamlError) as exc:
        load_text(P, "\n".join(lines))
    assert time.process_time() - start < 2.0
    assert "expands to more than" in str(exc.value)


def test_oversized_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: '" + "x" * (10 * 1024 * 1024) + "'\n")
    with pytest.raises(YamlError) as exc:
        load_file(big)
    assert "file too large (10240 KiB; at most 2048 KiB)" in str(exc.value)
    with pytest.raises(YamlError) as exc:
        load_file(tmp_path / "nope.yaml")
    assert "file not found" in str(exc.value)
    with pytest.raises(YamlError) as exc:
        load_file(tmp_path)
    assert "not a regular file" in str(exc.value)


def test_unreadable_file(tmp_path: Path) -> None:
    import os

    path = tmp_path / "locked.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read anything (root)")
        with pytest.raises(YamlError) as exc:
            load_file(path)
        assert "permission denied" in str(exc.value)
    finally:
        path.chmod(0o644)


def test_fast_loader_gives_the_same_values_and_locations_as_the_reference_loader() -> None:
    import glob

    import yaml

    from mallette_print.core import yamlio

    if yamlio._CLoader is None:
        pytest.skip("PyYAML was built without libyaml here")
    repo = Path(__file__).resolve().parent.parent
    files = sorted(
        glob.glob(str(repo / "cards" / "*.yaml"))
        + glob.glob(str(repo / "tests" / "data" / "**" / "*.yaml"), recursive=True)
    )
    assert len(files) > 10
    for f in files:
        text = Path(f).read_text(encoding="utf-8", errors="replace")
        got = []
        for loader in (yamlio._Loader, yamlio._CLoader):
            try:
                node = yaml.compose(text, Loader=loader)
                b = yamlio._Builder(Path(f))
                data = b.build(node, (), 0) if node is not None else None
                got.append((data, b.doc.value_at, b.doc.key_at))
            except Exception as exc:  # the same failure either way
                got.append(type(exc).__name__)
        assert got[0] == got[1], f


def _true_depth(text: str) -> int:
    import yaml
    from yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = most = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            most = max(most, depth)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return most


def _nested(shape: str, levels: int) -> str:
    """A document nesting `levels` collections in one of the ways YAML allows, the tightest indentation first."""
    if shape == "flow":
        return "a: " + "[" * levels + "x" + "]" * levels + "\n"
    if shape == "compact-seq":
        return "- " * levels + "x\n"
    if shape == "map":
        return "".join(" " * i + "k:\n" for i in range(levels)) + " " * levels + "v\n"
    if shape == "seq-in-map":  # each block sequence at its key's indentation: two levels per column of indent
        n = max(1, levels // 2)
        return "k:\n" + "".join("  " * i + "- k:\n" for i in range(n)) + "  " * n + "- x\n"
    if shape == "map-in-seq":
        return "".join("  " * i + "- k:\n" for i in range(levels // 2)) + "  " * (levels // 2) + "  v\n"
    if shape == "mixed":
        return "k:\n- - a: [{b: [" + "[" * levels + "x" + "]" * levels + "]}]\n"
    raise AssertionError(shape)


@pytest.mark.parametrize("shape", ["flow", "compact-seq", "map", "seq-in-map", "map-in-seq", "mixed"])
@pytest.mark.parametrize("levels", [1, 2, 7, 40, 120])
def test_depth_bound_never_underestimates(shape: str, levels: int) -> None:
    from mallette_print.core.yamlio import _depth_bound

    text = _nested(shape, levels)
    assert _true_depth(text) <= _depth_bound(text), text


def test_nesting_past_the_limit_is_refused_with_its_line_whichever_parser_runs() -> None:
    # 70 levels of mappings: shallow enough for libyaml at once, too deep for a game file.
    text = "".join(" " * i + "k:\n" for i in range(70)) + " " * 70 + "v\n"
    with pytest.raises(YamlError) as exc:
        load_text(P, text)
    assert "x.yaml:66:" in str(exc.value) and "nesting deeper than 64 levels" in str(exc.value)
