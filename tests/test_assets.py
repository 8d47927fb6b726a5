"""core/assets.py and core/svgcheck.py: what an image or SVG file may hold before a renderer sees it."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from mallette_print.cli import main
from mallette_print.core.assets import asset_problem
from mallette_print.core.svgcheck import MAX_SVG_ELEMENTS
from mallette_print.draw.svg import SvgCache

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="20">'
SHAPE = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect id="s" width="20" height="20"/></svg>'


@pytest.fixture
def game(tmp_path: Path) -> Path:
    root = tmp_path / "game"
    (root / "assets" / "icons").mkdir(parents=True)
    (root / "assets" / "shapes.svg").write_text(SHAPE, encoding="utf-8")
    (tmp_path / "secret.svg").write_text(SHAPE, encoding="utf-8")
    return root


def _icon(game: Path, body: str, name: str = "icon.svg") -> Path:
    path = game / "assets" / "icons" / name
    path.write_text(HEAD + body + "</svg>", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body",
    [
        '<use xlink:href="#a"/><g id="a"/>',
        '<use xlink:href="../shapes.svg#s"/>',
        '<use href="../shapes.svg"/>',
        '<rect width="2" height="2" style="fill:url(#g)"/>',
        "<style>rect { fill: url( '#g' ) }</style>",
        '<text font-family="DejaVu Sans, \'Noto Sans\', sans-serif" style="font-family:Arial">x</text>',
        '<circle r="1"/>' * (MAX_SVG_ELEMENTS - 1),
    ],
)
def test_references_inside_the_game_folder_are_accepted(game: Path, body: str) -> None:
    assert asset_problem(_icon(game, body), game) is None


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ('<use xlink:href="../../../secret.svg#s"/>', "outside the game folder"),
        ('<use xlink:href="..%2F..%2F..%2Fsecret.svg#s"/>', "outside the game folder"),
        ('<use xlink:href="sub/%2e%2e/../../../secret.svg#s"/>', "outside the game folder"),
        ('<use xlink:href="file:///etc/passwd"/>', "only files inside the game folder"),
        ('<use xlink:href="https://example.org/x.svg#s"/>', "only files inside the game folder"),
        ('<use xlink:href="../../../secret.txt"/>', "outside the game folder"),
        ('<use xlink:href="missing.svg#s"/>', "not a file in the game folder"),
        ('<a href="../../../secret.svg"><rect/></a>', "outside the game folder"),
        ('<rect style="fill:url(../shapes.svg#s)"/>', "only url(#id) within the same file"),
        ('<rect fill="url(&quot;http://x/y&quot;)"/>', "only url(#id) within the same file"),
        ("<style>@IMPORT 'x.css';</style>", "CSS @import is refused"),
        ('<image xlink:href="../p.png" width="2" height="2"/>', "<image> (a bitmap inside an SVG) is refused"),
        ("<g>" * 101 + "</g>" * 101, "nested more than 100 deep"),
        ('<text font-family="../../../secret">x</text>', "font-family '../../../secret' looks like a file path"),
        ('<text style="font-family:/usr/share/fonts/x">x</text>', "font-family '/usr/share/fonts/x' looks like"),
        ("<style>text { font-family: C:\\fonts\\x }</style>", "looks like a file path"),
    ],
)
def test_references_leaving_the_folder_or_unsafe_are_refused(game: Path, body: str, why: str) -> None:
    problem = asset_problem(_icon(game, body), game)
    assert problem is not None and why in problem, problem
    assert problem.startswith("line 1: ")


def test_a_symbolic_link_out_of_the_folder_is_refused(game: Path) -> None:
    os.symlink(game.parent, game / "assets" / "up")
    problem = asset_problem(_icon(game, '<use xlink:href="../up/secret.svg#s"/>'), game)
    assert problem is not None and "outside the game folder" in problem


def test_a_referenced_svg_is_checked_in_turn_and_cycles_end(game: Path) -> None:
    _icon(game, '<use xlink:href="../../../secret.svg#s"/>', "bad.svg")
    problem = asset_problem(_icon(game, '<use xlink:href="bad.svg#s"/>'), game)
    assert problem is not None and "bad.svg: line 1: <use> refers to '../../../secret.svg#s'" in problem
    _icon(game, '<use xlink:href="b.svg#x"/><g id="y"/>', "a.svg")
    _icon(game, '<use xlink:href="a.svg#y"/><g id="x"/>', "b.svg")
    assert asset_problem(game / "assets" / "icons" / "a.svg", game) is None


def test_without_a_game_folder_no_other_file_may_be_referred_to(game: Path) -> None:
    problem = asset_problem(_icon(game, '<use xlink:href="../shapes.svg#s"/>'), None)
    assert problem is not None and "only #id within this file" in problem


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n' + HEAD.encode() + b"&a;</svg>", "DOCTYPE"),
        (("<!DOCTYPE svg>" + HEAD + "</svg>").encode("utf-16"), "DOCTYPE"),  # no <!DOCTYPE bytes to grep for
        (b"<html><svg></svg></html>", "not an SVG file"),
        (HEAD.encode() + b"<rect>", "not a well-formed SVG file"),
        (b"", "not a well-formed SVG file"),
    ],
)
def test_dangerous_or_broken_svg_files_are_refused(game: Path, content: bytes, why: str) -> None:
    path = game / "assets" / "x.svg"
    path.write_bytes(content)
    problem = asset_problem(path, game)
    assert problem is not None and why in problem, problem


def test_svglib_is_fenced_to_the_game_folder_too(game: Path) -> None:
    # Drawn without validation (a script, a test): svglib itself refuses the outside file.
    (game / "cards").mkdir()
    (game / "cards" / "game.yaml").write_text("{}", encoding="utf-8")
    inside = SvgCache().drawing(_icon(game, '<use xlink:href="../shapes.svg#s"/>', "in.svg"))
    outside = SvgCache().drawing(_icon(game, '<use xlink:href="../../../secret.svg#s"/>', "out.svg"))
    assert _shapes(inside) == 1
    assert _shapes(outside) == 0


def _shapes(node: object) -> int:
    kids = getattr(node, "contents", None)
    return 1 if kids is None else sum(_shapes(k) for k in kids)


def _png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#0072B2").save(out, "PNG")
    return out.getvalue()


def test_truncated_and_fake_bitmaps_are_refused(game: Path) -> None:
    cut = game / "assets" / "cut.png"
    cut.write_bytes(_png((300, 300))[:-40])
    fake = game / "assets" / "fake.jpg"
    fake.write_bytes(_png((10, 10)).replace(b"PNG", b"GIF", 1))
    assert "damaged or truncated" in (asset_problem(cut) or "")
    assert "not a readable PNG or JPEG" in (asset_problem(fake) or "")


def _embedded_widths(pdf: bytes) -> list[int]:
    """The width in pixels of every image drawn on the pages, as embedded."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [int(im["srcsize"][0]) for page in doc.pages for im in page.images]


def test_a_large_card_image_is_downsampled_to_300_dpi_at_its_printed_size(game: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from mallette_print.draw.colours import Palette
    from mallette_print.draw.icons import IconSet

    (game / "assets" / "photo.png").write_bytes(_png((4000, 3000)))
    (game / "assets" / "small.png").write_bytes(_png((200, 150)))
    out = io.BytesIO()
    c = Canvas(out)
    icons = IconSet(game, Palette())
    icons.draw(c, "assets/photo.png", 10, 10, 72, None)  # one inch: 300 px
    icons.draw(c, "assets/small.png", 100, 10, 72, None)  # fewer pixels than that: embedded as it is
    c.showPage()
    c.save()
    assert sorted(_embedded_widths(out.getvalue())) == [200, 300]


def test_a_large_rulebook_image_is_downsampled_to_300_dpi_at_its_printed_size(
    sample_game: Path, runner: CliRunner
) -> None:
    (sample_game / "assets" / "photo.png").write_bytes(_png((4000, 3000)))
    (sample_game / "rules").mkdir()
    (sample_game / "rules" / "fr.md").write_text("# Règles\n\n![Photo](assets/photo.png)\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--out", "out", "-q"])
    assert result.exit_code == 0, result.output
    import pdfplumber

    with pdfplumber.open(sample_game / "out" / "rulebook.pdf") as doc:
        images = [im for page in doc.pages for im in page.images]
    assert len(images) == 1
    # Drawn at the text width: 300 dpi there, a quarter of the file's 4000 px.
    assert images[0]["srcsize"][0] == pytest.approx(images[0]["width"] / 72 * 300, abs=1)


def test_links_and_special_files_in_the_icons_folder_and_rules_are_refused(
    sample_game: Path, runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "outside.svg").write_text(SHAPE, encoding="utf-8")
    (sample_game / "assets" / "icons" / "linked.svg").symlink_to(tmp_path / "outside.svg")
    os.mkfifo(sample_game / "assets" / "icons" / "pipe.svg")
    (tmp_path / "rules.md").write_text("# Secret\n", encoding="utf-8")
    (sample_game / "rules").mkdir()
    (sample_game / "rules" / "fr.md").symlink_to(tmp_path / "rules.md")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "assets/icons/linked.svg: icon: this file leaves the game folder" in result.output
    assert "assets/icons/pipe.svg: icon: this is not a regular file" in result.output
    # The rules are read once the data loads (their placeholders need it).
    (sample_game / "assets" / "icons" / "linked.svg").unlink()
    (sample_game / "assets" / "icons" / "pipe.svg").unlink()
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "rules/fr.md: rulebook: this file leaves the game folder" in result.output
