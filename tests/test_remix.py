"""`mallette new`: a remix folder that builds at once and credits the original."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mallette_print.cli import main


def test_new_remix_checks_and_credits_the_original(sample_game: Path, tmp_path: Path, runner) -> None:
    dest = tmp_path / "breizh"
    result = runner.invoke(
        main,
        [
            "new",
            str(dest),
            "--title",
            "Coopérer en Bretagne",
            "--author",
            "Collectif Breizh",
            "--author",
            "Ti ar Boblo",
        ],
    )
    assert result.exit_code == 0, result.output
    manifest = yaml.safe_load((dest / "cards" / "game.yaml").read_text(encoding="utf-8"))
    assert manifest["title"] == {"fr": "Coopérer en Bretagne", "en": "Coopérer en Bretagne"}
    assert manifest["authors"] == ["Collectif Breizh", "Ti ar Boblo"]
    assert manifest["licence"]["name"] == "CC BY-SA 4.0"
    original = manifest["adapted_from"][0]
    assert original["title"]["fr"] == "Territoires en coopération"
    assert original["authors"] == ["Mouvement pour l'Économie Solidaire (MES)"]
    assert original["source_url"] == "https://le-mes.org/"
    check = runner.invoke(main, ["check", "--game", str(dest)])
    assert check.exit_code == 0, check.output
    assert "Coopérer en Bretagne v0.1: the data is valid." in check.output


def test_remix_of_a_remix_keeps_the_chain(sample_game: Path, tmp_path: Path, runner) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert runner.invoke(main, ["new", str(first), "--title", "A", "--author", "X"]).exit_code == 0
    assert (
        runner.invoke(main, ["new", str(second), "--game", str(first), "--title", "B", "--author", "Y"]).exit_code == 0
    )
    chain = yaml.safe_load((second / "cards" / "game.yaml").read_text(encoding="utf-8"))["adapted_from"]
    assert [c["title"]["fr"] for c in chain] == ["A", "Territoires en coopération"]


def test_new_refuses_a_folder_in_use(sample_game: Path, tmp_path: Path, runner) -> None:
    dest = tmp_path / "used"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine")
    result = runner.invoke(main, ["new", str(dest), "--title", "T", "--author", "A"])
    assert result.exit_code == 1
    assert "already exists and is not empty" in result.output
    assert (dest / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("inside", ["remix", "cards/remix", "."])
def test_new_refuses_a_folder_inside_the_game(inside: str, sample_game: Path, runner) -> None:
    before = sorted(p.relative_to(sample_game) for p in sample_game.rglob("*"))
    result = runner.invoke(main, ["new", str(sample_game / inside), "--title", "T", "--author", "A"])
    assert result.exit_code == 1
    assert "is inside the game folder" in result.output and "choose a folder outside it" in result.output
    assert sorted(p.relative_to(sample_game) for p in sample_game.rglob("*")) == before


def test_a_title_or_author_with_a_line_break_is_refused(sample_game: Path, tmp_path: Path, runner) -> None:
    for extra in (["--title", "x\nlicensor: evil", "--author", "a"], ["--title", "x", "--author", "a\r\nyear: 1"]):
        dest = tmp_path / "remix"
        result = runner.invoke(main, ["new", str(dest), *extra])
        assert result.exit_code == 2, result.output
        assert "control character" in result.output and "one line" in result.output
        assert not dest.exists()


def test_a_line_break_in_the_original_title_cannot_inject_lines(sample_game: Path, tmp_path: Path, runner) -> None:
    game = sample_game / "cards" / "game.yaml"
    text = game.read_text(encoding="utf-8")
    game.write_text(
        text.replace("  fr: Territoires en coopération", '  fr: "x\\nlicensor: evil\\u2028year: 1999"', 1),
        encoding="utf-8",
    )
    dest = tmp_path / "remix"
    result = runner.invoke(main, ["new", str(dest), "--title", "Mine", "--author", "Me"])
    assert result.exit_code == 0, result.output
    written = (dest / "cards" / "game.yaml").read_text(encoding="utf-8")
    assert not [line for line in written.splitlines() if line.startswith(("licensor: evil", "year: 1999"))]
    manifest = yaml.safe_load(written)
    assert manifest["licensor"] == "Me" and manifest["year"] == 2026
    assert manifest["adapted_from"][0]["title"]["fr"] == "x\nlicensor: evil\u2028year: 1999"


def test_the_year_is_checked_as_the_schema_does(sample_game: Path, tmp_path: Path, runner) -> None:
    for year in ("1899", "2201", "-1"):
        result = runner.invoke(main, ["new", str(tmp_path / year), "--title", "t", "--author", "a", "--year", year])
        assert result.exit_code == 2, result.output
        assert "the year must be between 1900 and 2200" in result.output
        assert not (tmp_path / year).exists()
    result = runner.invoke(main, ["new", str(tmp_path / "ok"), "--title", "t", "--author", "a", "--year", "2200"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((tmp_path / "ok" / "cards" / "game.yaml").read_text(encoding="utf-8"))["year"] == 2200
