"""A game written in a regional language (fr-CA) prints French fixed words everywhere, cards and rulebook alike."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from mallette_print.cli import main

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def fr_ca_game(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample game with its French texts declared as fr-CA, its default language."""
    game = tmp_path / "game"
    shutil.copytree(DATA / "sample", game)
    shutil.copytree(REPO / "assets", game / "assets")
    for path in [*(game / "cards").glob("*.yaml"), *(game / "cards" / "fiches").glob("*.yaml")]:
        text = re.sub(r"(?m)(^\s*|[{,]\s*)fr:", r"\1fr-CA:", path.read_text(encoding="utf-8"))
        text = text.replace("languages: [fr, en]", "languages: [fr-CA, en]")
        text = text.replace("default_language: fr\n", "default_language: fr-CA\n")
        path.write_text(text, encoding="utf-8")
    assert "fr-CA:" in (game / "cards" / "actors.yaml").read_text(encoding="utf-8")
    monkeypatch.chdir(game)
    return game


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_fr_ca_cards_and_rulebook_are_french(fr_ca_game: Path, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["build", "--out", "out"])
    assert result.exit_code == 0, result.output
    out = fr_ca_game / "out"
    cards = pdf_text(out / "cards.pdf")
    assert "Cartes à imprimer" in cards and "Apporte" in cards  # the instruction page and the card labels
    assert "Print-and-play cards" not in cards and "Brings" not in cards
    rulebook = pdf_text(out / "rulebook.pdf").replace("\u2019", "'")  # typographic apostrophes
    for heading in ("Sommaire", "Matériel", "Guide d'animation", "Guide d'impression", "Crédits et licence"):
        assert heading in rulebook, heading
    for english in ("Contents", "Components", "Facilitator guide", "Printing guide", "Credits and licence"):
        assert english not in rulebook, english
    assert re.search(r"by-sa/4\.0/\s*deed\.fr", rulebook)  # the licence deed in French (the URL wraps)
    # The print plan speaks French too, and each PDF says it is in Canadian French.
    assert "Plan d'impression" in result.output
    for name in ("cards.pdf", "rulebook.pdf"):
        with pikepdf.open(out / name) as pdf:
            assert str(pdf.Root.Lang) == "fr-CA"


def test_the_same_game_in_english_is_english(fr_ca_game: Path, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["build", "--out", "out", "--lang", "en", "--only", "actors"])
    assert result.exit_code == 0, result.output
    cards = pdf_text(fr_ca_game / "out" / "cards-partial.pdf")
    assert "Print-and-play cards" in cards and "Brings" in cards and "Apporte" not in cards
