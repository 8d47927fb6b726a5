"""QR codes phones can read: modules of at least 0.4 mm at the printed size, for every code the kit prints
(cards, board, the rulebook's fiches and credits), reported by `mallette check` and `mallette build` alike."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_M

from mallette_print.cli import main
from mallette_print.core.qrfit import BYTES_M, largest_version, modules, qr_size_problem, version_needed
from mallette_print.draw.qr import qr_code

LONG = "https://le-mes.org/mallette/" + "une-adresse-bien-trop-longue-pour-un-code-qr-imprime-sur-une-carte-" * 2


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_the_version_needed_is_the_one_drawn() -> None:
    rng = random.Random(14)
    for n in range(1, 600, 7):
        url = "https://le-mes.org/" + "".join(rng.choice(string.ascii_lowercase + "-/_.") for _ in range(n))
        q = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
        q.add_data(url)
        q.make(fit=True)
        assert version_needed(url) == q.version, url
        assert modules(q.version) == qr_code(url).total_modules


@pytest.mark.parametrize(("size_mm", "longest"), [(20, 106), (24, 152), (26, 213), (40, 560)])
def test_the_longest_url_that_fits_a_printed_size(size_mm: float, longest: int) -> None:
    v = largest_version(size_mm)
    assert size_mm / modules(v) >= 0.4 > size_mm / modules(v + 1)
    assert BYTES_M[v - 1] == longest
    assert qr_size_problem("https://x.org/" + "a" * (longest - 14), size_mm, "here") is None
    message = qr_size_problem("https://x.org/" + "a" * (longest - 13), size_mm, "here")
    assert message and f"the longest URL that fits is {longest} characters" in message
    assert "phones need 0.4 mm" in message


def test_accented_letters_count_as_their_utf8_bytes() -> None:
    assert version_needed("https://x.org/" + "é" * 46) == 6  # 14 + 92 = 106 bytes
    assert version_needed("https://x.org/" + "é" * 47) == 7


def test_check_reports_every_card_and_fiche_with_a_long_base_url(sample_game: Path, runner) -> None:
    game = sample_game / "cards" / "game.yaml"
    edit(game, "base_url: https://le-mes.org/mallette/", f"base_url: {LONG}")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [x for x in result.output.splitlines() if "QR code" in x]
    cards = [x for x in lines if x.startswith("cards/") and ": card '" in x]
    fiches = [x for x in lines if x.startswith("cards/game.yaml:") and ": fiche '" in x]
    assert cards and fiches
    for x in cards:
        assert "': 'fiche': the QR code of 'https://le-mes.org/mallette/" in x
        assert "would print with 0.3" in x and "mm modules at 20 mm on the card" in x
        assert "the longest URL that fits is 106 characters" in x
        assert "checked at check's sizes, --size poker and --board-size a3" in x
    assert all("in the rulebook's list of fiches" in x for x in fiches)


def test_build_checks_at_its_own_size_and_writes_nothing(sample_game: Path, runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "cards.pdf").write_bytes(b"earlier")
    edit(sample_game / "cards" / "game.yaml", "base_url: https://le-mes.org/mallette/", f"base_url: {LONG}")
    result = runner.invoke(main, ["build", "--out", str(out), "--size", "mini"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "checked at this build's sizes, --size mini" in result.output
    assert [p.name for p in out.iterdir()] == ["cards.pdf"] and (out / "cards.pdf").read_bytes() == b"earlier"


def test_a_long_licence_url_is_located_in_the_manifest(sample_game: Path, runner) -> None:
    game = sample_game / "cards" / "game.yaml"
    edit(game, "  url: https://creativecommons.org/licenses/by-sa/4.0/", f"  url: {LONG}/")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    line = line_of(game, f"  url: {LONG}/")
    assert f"cards/game.yaml:{line}:8: licence: the QR code of" in result.output
    assert "in the rulebook's credits" in result.output and "longest URL that fits is 152 characters" in result.output


def test_the_board_code_is_checked_at_the_board_size(project: Path, runner, tmp_path: Path) -> None:
    board = project / "cards" / "board.yaml"
    url = "https://le-mes.org/" + "x" * 281  # 300 characters: version 14 (81 modules), 0.37 mm at 30 mm
    edit(
        board,
        "  target: fiches\n  box: [370mm, 198mm, 40mm, 93mm]",
        f"  target: url\n  url: {url}\n  box: [370mm, 198mm, 30mm, 93mm]",
    )
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    assert f"cards/board.yaml:{line_of(board, 'box: [370mm, 198mm, 30mm')}:" in result.output
    assert "on the board" in result.output and "checked at check's sizes" in result.output
    ok = runner.invoke(main, ["build", "--out", str(tmp_path / "a2"), "--board-size", "a2"])
    assert ok.exit_code == 0, ok.output
    assert "on the board" not in ok.output  # A2 scales the board up: 42 mm, 0.52 mm
