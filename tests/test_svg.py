"""draw/svg.py: one SVG loader, its cache keyed by the file as it is on disk and the colours asked for."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.colors import CMYKColor

from mallette_print.core.errors import DataError
from mallette_print.draw.colours import Palette
from mallette_print.draw.svg import DEFAULT_CACHE, SvgCache, svg_drawing

SQUARE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="20"><rect width="{w}" height="20" fill="{c}"/></svg>'
)


def _svg(path: Path, colour: str = "#0072B2", width: int = 20) -> Path:
    path.write_text(SQUARE.format(w=width, c=colour), encoding="utf-8")
    return path


def _fills(node: object) -> list[str]:
    """The fill colours (#RRGGBB) of every shape of a drawing."""
    return ["#" + f.hexval()[2:8].upper() for f in _shapes_fills(node) if hasattr(f, "hexval")]


def _shapes_fills(node: object) -> list[Any]:
    fill = getattr(node, "fillColor", None)
    out: list[Any] = [] if fill is None else [fill]
    for child in getattr(node, "contents", []) or []:
        out += _shapes_fills(child)
    return out


def test_the_key_is_the_path_the_file_stamp_the_colour_and_the_colour_space(tmp_path: Path) -> None:
    path = _svg(tmp_path / "a.svg")
    st = path.stat()
    assert SvgCache.key(path) == (str(path), st.st_mtime_ns, st.st_size, None, "rgb")
    assert SvgCache.key(path, "#FF0000", Palette(cmyk=True)) == (
        str(path),
        st.st_mtime_ns,
        st.st_size,
        "#FF0000",
        "cmyk",
    )


def test_a_file_is_read_once_per_colour(tmp_path: Path) -> None:
    cache = SvgCache()
    path = _svg(tmp_path / "a.svg")
    first = cache.drawing(path)
    assert cache.drawing(path) is first
    red = cache.drawing(path, "#FF0000")
    assert red is not first
    assert cache.parses == 2 and len(cache) == 2
    assert set(_fills(first)) == {"#0072B2"}
    assert set(_fills(red)) == {"#FF0000"}


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    cache = SvgCache()
    path = _svg(tmp_path / "a.svg", "#0072B2")
    first = cache.drawing(path)
    assert set(_fills(first)) == {"#0072B2"}
    stamp = path.stat().st_mtime_ns
    _svg(path, "#D55E00", width=30)
    os.utime(path, ns=(stamp + 1_000_000_000, stamp + 1_000_000_000))
    edited = cache.drawing(path)
    assert set(_fills(edited)) == {"#D55E00"}
    assert edited.width == first.width * 1.5
    assert cache.parses == 2


def test_cmyk_drawings_are_converted_to_cmyk(tmp_path: Path) -> None:
    cache = SvgCache()
    d = cache.drawing(_svg(tmp_path / "a.svg", "#FF0000"), None, Palette(cmyk=True))
    fills = _shapes_fills(d)
    assert fills and all(isinstance(f, CMYKColor) for f in fills)
    assert {(f.cyan, f.magenta, f.yellow, f.black) for f in fills} == {(0, 1, 1, 0)}


def test_the_least_recently_used_drawing_goes_first(tmp_path: Path) -> None:
    cache = SvgCache(maxsize=2)
    a, b, c = (_svg(tmp_path / f"{n}.svg") for n in "abc")
    cache.drawing(a)
    cache.drawing(b)
    cache.drawing(a)  # a is used again: b is now the oldest
    cache.drawing(c)
    assert len(cache) == 2
    assert SvgCache.key(a) in cache and SvgCache.key(c) in cache and SvgCache.key(b) not in cache


def test_an_unreadable_svg_is_a_data_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.svg"
    bad.write_text("not xml at all", encoding="utf-8")
    with pytest.raises(DataError) as err:
        SvgCache().drawing(bad)
    assert "bad.svg" in str(err.value) and "cannot read this SVG" in str(err.value)


def test_the_module_default_cache_serves_callers_without_one(tmp_path: Path) -> None:
    path = _svg(tmp_path / "a.svg")
    d = svg_drawing(path)
    assert SvgCache.key(path) in DEFAULT_CACHE
    assert svg_drawing(path) is d
    own = SvgCache()
    assert svg_drawing(path, cache=own) is not d and len(own) == 1
