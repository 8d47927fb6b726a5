"""Reliability: hostile input through the real CLI, atomic outputs, reproducible builds, file permissions.

Each hostile input runs `mallette build` in a child process over an output folder that holds the files of an
earlier good build: the child must answer with a clear error (exit 1, no traceback), leave every earlier file
byte-identical, and cost no more than a good build: CPU and peak memory are read from the child's own rusage and
compared with a good build of the same game measured in the same way in the same session (so a loaded machine,
which slows both, never makes the budget flake), with fixed floors of 2 s and 300 MB.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from mallette_print.cli import main
from mallette_print.core.validate import load_game
from mallette_print.pipeline import files, registry
from mallette_print.pipeline.options import BuildOptions, Output
from mallette_print.pipeline.registry import Registry
from mallette_print.pipeline.run import run_build

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parent.parent
BAD = DATA / "bad"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample game and the outputs of a good build of it (built once for the module)."""
    root = tmp_path_factory.mktemp("good")
    game = root / "game"
    shutil.copytree(DATA / "sample", game)
    shutil.copytree(REPO / "assets", game / "assets")
    out = root / "out"
    result = CliRunner().invoke(main, ["build", "--game", str(game), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return game, out


@pytest.fixture(scope="module")
def budget(good: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[float, float]:
    """CPU seconds and peak MB a hostile input may cost: 2.5 times a good build's, measured here, or the floors."""
    game, _ = good
    code, stderr, cpu, _, rss = _build(game, tmp_path_factory.mktemp("baseline") / "out")
    assert code == 0, stderr
    return max(2.0, 2.5 * cpu), max(300.0, 2.0 * rss)


@pytest.fixture
def case(good: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A fresh copy of the good game and of its outputs, to spoil."""
    game, out = good
    shutil.copytree(game, tmp_path / "game", symlinks=True)
    shutil.copytree(out, tmp_path / "out")
    return tmp_path / "game", tmp_path / "out"


# Runs the build and reports its rusage. It runs in a small interpreter of its own: a child forked straight from
# pytest would count pytest's own memory (shared at fork time) in its peak RSS.
_MEASURE = """
import json, os, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = proc.stderr.read()
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "stderr": err.decode("utf-8", "replace"),
                  "cpu": usage.ru_utime + usage.ru_stime, "wall": time.perf_counter() - t0,
                  "rss_mb": usage.ru_maxrss / 1024}))
"""


def _build(game: Path, out: Path, *extra: str) -> tuple[int, str, float, float, float]:
    """Run `mallette build` in a child: exit code, stderr, CPU seconds, wall seconds, peak RSS in MB."""
    import json

    cmd = [sys.executable, "-m", "mallette_print.cli", "build", "--game", str(game), "--out", str(out), "-q", *extra]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    r = json.loads(done.stdout)
    return r["code"], r["stderr"], r["cpu"], r["wall"], r["rss_mb"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )


def _png(width: int, height: int, cut: int = 0) -> bytes:
    """A real grey PNG of that size (its last `cut` bytes removed: a truncated file)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = zlib.compress((b"\x00" + b"\x80" * width) * height, 1)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", rows)
        + chunk(b"IEND", b"")
    )
    return data[: len(data) - cut] if cut else data


_SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">\n'

# Hostile SVG files, each given as the first family's icon (or, for the unnamed one, only put in assets/icons).
SVGS = {
    "svg-use-outside": _SVG + '<use xlink:href="../../../secret.svg#s"/>\n</svg>',
    "svg-href-absolute": _SVG + '<use href="/etc/secret.svg#s"/>\n</svg>',
    "svg-css-import": _SVG + "<style>@import url(../secret.css);</style>\n</svg>",
    "svg-css-url": _SVG + '<rect width="5" height="5" style="fill:url(file:///etc/secret.svg#g)"/>\n</svg>',
    "svg-raster-data-uri": _SVG
    + '<image width="5" height="5" xlink:href="data:image/png;base64,iVBORw0KGgo="/>\n</svg>',
    "svg-doctype-utf16": '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "/etc/passwd">]>\n'
    + _SVG
    + "<text>&x;</text></svg>",
    "svg-stylesheet": '<?xml-stylesheet href="../../../secret.css"?>\n' + _SVG + "</svg>",
    "svg-5001-elements": _SVG + '<circle r="1"/>' * 5001 + "</svg>",
    "svg-1-mib": _SVG + "<!--" + "x" * (1024 * 1024) + "--></svg>",
    "svg-deep-groups": _SVG + "<g>" * 101 + "</g>" * 101 + "</svg>",
}
SVG_MESSAGES = {
    "svg-use-outside": "line 2: <use> refers to '../../../secret.svg#s', outside the game folder",
    "svg-href-absolute": "line 2: <use> refers to '/etc/secret.svg#s', outside the game folder",
    "svg-css-import": "line 2: <style>: CSS @import is refused",
    "svg-css-url": "line 2: <rect>: CSS url(file:///etc/secret.svg#g) is refused",
    "svg-raster-data-uri": "line 2: <image> (a bitmap inside an SVG) is refused",
    "svg-doctype-utf16": "line 2: DOCTYPE declarations are refused",
    "svg-stylesheet": "line 1: processing instruction '<?xml-stylesheet' is refused",
    "svg-5001-elements": "line 2: more than 5000 elements",
    "svg-1-mib": "SVG file too large (1.0 MiB; at most 1 MiB)",
    "svg-deep-groups": "line 2: elements nested more than 100 deep",
}
# Hostile images of the rulebook, each the only image of rules/fr.md (line 3).
RULE_IMAGES = {
    "rules-truncated-png": ("plan.png", _png(40, 40)[:-30], "this image is damaged or truncated"),
    "rules-text-as-png": ("plan.png", b"# not an image\n", "this is not a readable PNG or JPEG image"),
    "rules-30000px-png": ("plan.png", _png_header(30000, 30000), "image too large (30000×30000 px"),
    "rules-svg-doctype": (
        "plan.svg",
        b'<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
        "line 1: DOCTYPE declarations",
    ),
    "rules-svg-outside": (
        "plan.svg",
        SVGS["svg-use-outside"].encode(),
        "line 2: <use> refers to '../../../secret.svg#s', outside",
    ),
}


def _use_image(game: Path, name: str) -> None:
    # The first actor card gets an image.
    _edit(game / "cards" / "actors.yaml", "  - id: regie-quartier\n", f"  - id: regie-quartier\n    image: {name}\n")


def _spoil(game: Path, how: str) -> None:
    actors = game / "cards" / "actors.yaml"
    if how in ("billion-laughs", "binary", "not-utf8", "tab-indent", "path-traversal"):
        shutil.copy(BAD / f"{how}.yaml", actors)
    elif how == "10-mb-string":
        actors.write_text('id: actors\ndescription: "' + "x" * (10 * 1024 * 1024) + '"\n', encoding="utf-8")
    elif how == "1.9-mb-card-text":
        _edit(actors, 'fr: "Habitant·es, élu·es', 'fr: "' + "mot " * 480_000 + "Habitant·es, élu·es")
    elif how == "deep-nesting":
        actors.write_text("id: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    elif how == "deep-block-nesting":
        actors.write_text("id:\n" + "".join(" " * i + "- \n" for i in range(1, 1500)), encoding="utf-8")
    elif how == "missing-file":
        actors.unlink()
    elif how == "directory-instead-of-file":
        actors.unlink()
        actors.mkdir()
    elif how == "symlink-out":
        (game / "assets" / "leak.svg").symlink_to("/etc/passwd")
        _use_image(game, "assets/leak.svg")
    elif how == "javascript-url":
        _edit(game / "cards" / "game.yaml", "source_url: https://", "source_url: javascript:alert(1)//")
    elif how == "file-url":
        _edit(game / "cards" / "game.yaml", "source_url: https://", "source_url: file:///etc/")
    elif how == "absurd-quantity":
        _edit(game / "cards" / "resources.yaml", "quantity: 4", "quantity: 1000000000")
    elif how == "not-an-image":
        (game / "assets" / "fake.png").write_bytes(b"GIF89a not really")
        _use_image(game, "assets/fake.png")
    elif how == "30000px-image":
        (game / "assets" / "huge.png").write_bytes(_png_header(30000, 30000))
        _use_image(game, "assets/huge.png")
    elif how == "unreadable":
        actors.chmod(0)
    elif how in _ROUND2:
        _spoil_round2(game, how)
    elif how in SVGS:
        (game.parent / "secret.svg").write_text(_SVG + '<rect id="s" width="10" height="10"/></svg>')
        icon = game / "assets" / "icons" / "family-association.svg"
        icon.write_bytes(SVGS[how].encode("utf-16" if "utf16" in how else "utf-8"))
    elif how == "icon-folder-only":  # drawn by `:name:` in a card text, named in no YAML file
        (game / "assets" / "icons" / "stray.svg").write_text(SVGS["svg-use-outside"], encoding="utf-8")
    elif how == "5001px-image":  # 25.01 Mpx, a real PNG
        (game / "assets" / "big.png").write_bytes(_png(5001, 5001))
        _use_image(game, "assets/big.png")
    elif how == "truncated-image":
        (game / "assets" / "cut.png").write_bytes(_png(40, 40)[:-30])
        _use_image(game, "assets/cut.png")
    elif how in RULE_IMAGES:
        name, content, _ = RULE_IMAGES[how]
        (game / "assets" / name).write_bytes(content)
        (game / "rules").mkdir()
        (game / "rules" / "fr.md").write_text(f"# Règles\n\n![Le plan](assets/{name})\n", encoding="utf-8")
    elif how == "rules-257-kib":
        (game / "rules").mkdir()
        (game / "rules" / "fr.md").write_text("# Règles\n\n" + "Un mot de plus. " * 16_500, encoding="utf-8")
    else:  # pragma: no cover
        raise AssertionError(how)


def _rules(game: Path, extra: str) -> None:
    for lang in ("fr", "en"):
        (game / "rules").mkdir(exist_ok=True)
        (game / "rules" / f"{lang}.md").write_text(f"# Règles\n\nDu texte.\n\n{extra}", encoding="utf-8")


def _svg(game: Path, old: str, new: str) -> None:
    svg = game / "assets" / "icons" / "deck-actor.svg"
    svg.unlink()  # a copy of the project's assets: replace the file, do not write through to a shared one
    svg.write_text(_SVG.replace(old, new), encoding="utf-8")


_SVG = (REPO / "assets" / "icons" / "deck-actor.svg").read_text(encoding="utf-8")
_ACTOR_TEXT = 'fr: "Habitant·es'
# Issue 14, round 2: markup injection, links, characters the font lacks, tracebacks.
_ROUND2: dict[str, tuple[str, str, str]] = {
    # how: (file, old, new) edits of the game, or a special case below
    "quote-in-url": (
        "cards/game.yaml",
        "source_url: https://le-mes.org/",
        "source_url: 'https://le-mes.org/\" bogus=\"1'",
    ),
    "surrogate": ("cards/actors.yaml", _ACTOR_TEXT, 'fr: "\\uD800Habitant·es'),
    "nul-next-to-icon": ("cards/actors.yaml", _ACTOR_TEXT, 'fr: "\\0:marchande:\\0 Habitant·es'),
    "bidi-override": ("cards/actors.yaml", _ACTOR_TEXT, 'fr: "\\u202EHabitant·es'),
    "emoji": ("cards/actors.yaml", _ACTOR_TEXT, 'fr: "😀 Habitant·es'),
    "cjk": ("cards/actors.yaml", _ACTOR_TEXT, 'fr: "漢字 Habitant·es'),
    "crossed-stars": ("cards/actors.yaml", _ACTOR_TEXT, 'fr: "**a *b ** c* Habitant·es'),
    "5000-digit-integer": ("cards/game.yaml", "year: ", "year: " + "9" * 5000 + "\nx: "),
    "1500-e-in-qr-url": (
        "cards/game.yaml",
        "base_url: https://le-mes.org/",
        "base_url: https://le-mes.org/" + "é" * 1500,
    ),
    "5000-char-slug": ("cards/game.yaml", "slug: f01", "slug: " + "a" * 5000),
    "smb-link": ("", "", "Voir [le partage](smb://serveur/partage)."),
    "relative-link": ("", "", "Voir [le fichier](../../etc/passwd)."),
    "200-nested-lists": ("", "", "".join("  " * i + "- x\n" for i in range(200))),
    "5000-quotes": ("", "", ">" * 5000 + " x\n"),
    "3000-line-code": ("", "", "```\n" + "ligne\n" * 3000 + "```\n"),
    "cjk-in-rules": ("", "", "漢字\n"),
    "huge-table-cell": ("", "", "| a | b |\n|---|---|\n| " + "mot " * 20000 + " | x |\n"),
    "huge-heading": ("", "", "## " + "mot " * 8000 + "\n"),
    "svg-width-0": ("svg", 'width="24"', 'width="0"'),
    "svg-viewbox-1e30": ("svg", 'viewBox="0 0 24 24" width="24" height="24"', 'viewBox="0 0 1e30 1e30"'),
}


def _spoil_round2(game: Path, how: str) -> None:
    where, old, new = _ROUND2[how]
    if where == "svg":
        _svg(game, old, new)
    elif where:
        _edit(game / where, old, new)
    else:
        _rules(game, new)


HOSTILE = {
    "quote-in-url": "game.yaml:20:13: character U+0022 (QUOTATION MARK) is not allowed in a URL",
    "surrogate": "card 'regie-quartier', field description.fr: character U+D800 (surrogate) cannot be printed",
    "nul-next-to-icon": "card 'regie-quartier', field description.fr: character U+0000 (control character)",
    "bidi-override": "character U+202E (RIGHT-TO-LEFT OVERRIDE) cannot be printed",
    "emoji": "field description.fr: character U+1F600 (GRINNING FACE) is not in the font",
    "cjk": "character U+6F22 (CJK UNIFIED IDEOGRAPH-6F22) is not in the font",
    "5000-digit-integer": "number too large (5000 digits",
    "1500-e-in-qr-url": "URL too long (3028 bytes; at most 1000",
    "5000-char-slug": "fiche 'economie-plurielle': URL too long",
    "smb-link": "fr.md:5:1: rulebook: link to 'smb://serveur/partage': only http://, https:// and mailto:",
    "relative-link": "fr.md:5:1: rulebook: link to '../../etc/passwd'",
    "200-nested-lists": "rulebook: lists and quotes nested more than 6 levels",
    "5000-quotes": "fr.md:5:1: rulebook: lists and quotes nested more than 6 levels",
    "3000-line-code": "fr.md:5:1: rulebook: code block of 3000 lines",
    "cjk-in-rules": "fr.md:5:1: rulebook: character U+6F22",
    "huge-table-cell": "fr.md:5:1: rulebook: table cell of 79999 characters",
    "huge-heading": "fr.md:5:1: rulebook: heading of 31999 characters",
    "svg-width-0": "deck-actor.svg: cannot draw this SVG: width and height must be more than 0",
    "svg-viewbox-1e30": "deck-actor.svg: cannot draw this SVG",
    "billion-laughs": "document expands to more than 200000 values",
    "10-mb-string": "file too large",
    "1.9-mb-card-text": "does not fit",
    "deep-nesting": "nesting deeper than 64 levels",
    "deep-block-nesting": "nesting deeper than 64 levels",
    "binary": "this is a binary file, not YAML text",
    "not-utf8": "the file is not UTF-8 text",
    "tab-indent": "tab character in indentation",
    "missing-file": "file not found",
    "directory-instead-of-file": "not a regular file",
    "unreadable": "permission denied",
    "symlink-out": "leaves the game folder",
    "path-traversal": "leaves the game folder",
    "javascript-url": "javascript",
    "file-url": "file:",
    "absurd-quantity": "expected a number ≤ 200",
    "not-an-image": "this is not a readable PNG or JPEG image",
    "30000px-image": "image too large (30000×30000 px",
    **{how: f"assets/icons/family-association.svg': {msg}" for how, msg in SVG_MESSAGES.items()},
    "icon-folder-only": "assets/icons/stray.svg:2:1: icon: <use> refers to '../../../secret.svg#s', outside",
    "5001px-image": "image too large (5001×5001 px; at most 12000 px a side and 25 Mpx)",
    "truncated-image": "'assets/cut.png': this image is damaged or truncated",
    **{how: f"rules/fr.md:3:1: rulebook: image 'assets/{n}': {msg}" for how, (n, _, msg) in RULE_IMAGES.items()},
    "rules-257-kib": "rules/fr.md: rulebook: rulebook text too large (257 KiB; at most 256 KiB)",
}


@pytest.mark.parametrize("how", sorted(HOSTILE))
def test_hostile_input_gets_a_clear_error_and_writes_nothing(
    how: str, case: tuple[Path, Path], budget: tuple[float, float]
) -> None:
    game, out = case
    before = _snapshot(out)
    _spoil(game, how)
    if how == "unreadable" and os.access(game / "cards" / "actors.yaml", os.R_OK):
        pytest.skip("running as a user who can read anything (root)")
    code, stderr, cpu, wall, rss = _build(game, out)
    assert code == 1, stderr
    assert HOSTILE[how] in stderr
    assert "Traceback" not in stderr
    max_cpu, max_rss = budget
    assert cpu < max_cpu, f"{how}: {cpu:.2f} s of CPU (wall {wall:.2f} s), budget {max_cpu:.2f} s"
    assert rss < max_rss, f"{how}: {rss:.0f} MB, budget {max_rss:.0f} MB"
    assert _snapshot(out) == before


@pytest.mark.parametrize(
    "how", sorted(h for h in HOSTILE if h.startswith(("svg-", "rules-", "icon-", "5001", "trunc")))
)
def test_mallette_check_reports_hostile_assets_too(how: str, case: tuple[Path, Path]) -> None:
    game, _ = case
    _spoil(game, how)
    result = CliRunner().invoke(main, ["check", "--game", str(game)])
    assert result.exit_code == 1, result.output
    assert HOSTILE[how] in result.output
    assert "Traceback" not in result.output


def test_bom_crlf_and_tabs_inside_text_are_accepted(case: tuple[Path, Path]) -> None:
    game, out = case
    actors = game / "cards" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    _edit(game / "cards" / "resources.yaml", 'fr: "Du temps', 'fr: "\\tDu\ttemps')
    code, stderr, *_ = _build(game, out)
    assert code == 0, stderr


def _registry(*producers: tuple[str, registry.Producer]) -> Registry:
    reg = Registry()
    for name, producer in producers:
        reg.add(name, producer)
    return reg


def _make(name: str, content: bytes) -> registry.Producer:
    return lambda data, opts, ctx: [Output(name, content)]


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_failing_producer_leaves_earlier_outputs_and_no_temp_file(
    error: BaseException, good: tuple[Path, Path], tmp_path: Path
) -> None:
    game, _ = good
    data = load_game(game)
    out = tmp_path / "out"
    run_build(
        data,
        BuildOptions(out=out, lang="fr"),
        _registry(("a", _make("a.txt", b"old a")), ("b", _make("b.txt", b"old b"))),
    )
    before = _snapshot(out)

    def broken(data: object, opts: object, ctx: object) -> list[Output]:
        raise error

    with pytest.raises(type(error)):
        run_build(
            data,
            BuildOptions(out=out, lang="fr"),
            _registry(("a", _make("a.txt", b"new a")), ("broken", broken), ("b", _make("b.txt", b"new b"))),
        )
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt", "build-manifest.json"]


def test_ctrl_c_while_writing_leaves_the_old_set(
    good: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    game, _ = good
    data = load_game(game)
    out = tmp_path / "out"
    reg = _registry(("a", _make("a.txt", b"old a")), ("b", _make("b.txt", b"old b")))
    run_build(data, BuildOptions(out=out, lang="fr"), reg)
    before = _snapshot(out)
    real = files._write_temp
    calls = []

    def interrupted(path: Path, content: bytes, made: list[str] | None = None) -> str:
        calls.append(path)
        if len(calls) == 2:  # the second file: a.txt is already written
            raise KeyboardInterrupt
        return real(path, content, made)

    monkeypatch.setattr(files, "_write_temp", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_build(
            data,
            BuildOptions(out=out, lang="fr"),
            _registry(("a", _make("a.txt", b"new a")), ("b", _make("b.txt", b"new b"))),
        )
    assert _snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_ctrl_c_during_the_moves_is_held_until_the_set_is_complete(
    good: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal

    game, _ = good
    data = load_game(game)
    out = tmp_path / "out"
    real = os.replace
    moved = []

    def replace(src: str, dst: object) -> None:
        if not moved:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C right as the first file moves
        moved.append(dst)
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        run_build(
            data,
            BuildOptions(out=out, lang="fr"),
            _registry(("a", _make("a.txt", b"new a")), ("b", _make("b.txt", b"new b"))),
        )
    assert (out / "a.txt").read_bytes() == b"new a" and (out / "b.txt").read_bytes() == b"new b"
    assert len(moved) == 3
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_outputs_get_normal_permissions(good: tuple[Path, Path], tmp_path: Path) -> None:
    game, _ = good
    data = load_game(game)
    old = os.umask(0o022)
    try:
        run_build(data, BuildOptions(out=tmp_path / "a", lang="fr"), _registry(("a", _make("a.txt", b"x"))))
        os.umask(0o027)
        run_build(data, BuildOptions(out=tmp_path / "b", lang="fr"), _registry(("a", _make("a.txt", b"x"))))
    finally:
        os.umask(old)
    assert (tmp_path / "a" / "a.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b" / "a.txt").stat().st_mode & 0o777 == 0o640


def test_two_builds_in_separate_processes_are_byte_identical(good: tuple[Path, Path], tmp_path: Path) -> None:
    game, _ = good
    outs = []
    for name in ("one", "two"):
        code, stderr, *_ = _build(game, tmp_path / name, "--png", "72")
        assert code == 0, stderr
        outs.append(_snapshot(tmp_path / name))
    assert outs[0].keys() == outs[1].keys()
    assert any(k.endswith(".png") for k in outs[0]) and any(k.endswith(".pdf") for k in outs[0])
    for name in outs[0]:
        assert outs[0][name] == outs[1][name], name


def test_unreadable_file_even_as_root(case: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads anything, so the child-process case above skips there; the same refusal, in process.
    game, out = case
    before = _snapshot(out)
    real = Path.read_bytes

    def locked(self: Path) -> bytes:
        if self.name == "actors.yaml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", locked)
    result = CliRunner().invoke(main, ["build", "--game", str(game), "--out", str(out), "-q"])
    assert result.exit_code == 1
    assert "cards/actors.yaml: permission denied: cannot read the file" in result.output
    assert _snapshot(out) == before
