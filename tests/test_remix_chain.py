"""A remix credits its whole CC BY-SA chain: the card notice in the build's language, its own source_url, what it
changed, its own PDF keywords, and the comments of game.yaml kept by `mallette new`."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
import yaml

from mallette_print.cli import main

REPO = Path(__file__).resolve().parent.parent
AUTHORS = ("Collectif Breizh pour une économie solidaire", "Ti ar Boblo")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def remix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A remix of the real game, by two authors (one with a long name), and its whole kit built in French."""
    from click.testing import CliRunner

    runner = CliRunner()
    tmp = tmp_path_factory.mktemp("remix")
    dest = tmp / "bzh"
    args = ["new", str(dest), "--game", str(REPO), "--title", "Coopérer en Bretagne"]
    result = runner.invoke(main, [*args, "--author", AUTHORS[0], "--author", AUTHORS[1]])
    assert result.exit_code == 0, result.output
    built = runner.invoke(main, ["build", "--game", str(dest), "--out", str(tmp / "all")])
    assert built.exit_code == 0, built.output
    # Building says what the remix still owes the licence, located in game.yaml.
    assert re.search(r"game\.yaml:\d+:\d+: source_url: warning: source_url is still", built.output)
    assert "warning: say what you changed" in built.output
    return dest, tmp / "all"


def test_the_card_notice_credits_the_original_in_french(remix: tuple[Path, Path]) -> None:
    _, out = remix
    # The first sheet of fronts of the actors and of the notions, from the contents on the cover ("Acteurs : 29
    # cartes, pages 3–10"). pypdf reads the cards turned on the sheet in their reading order (pdfplumber reverses them).
    pdf = pypdf.PdfReader(out / "cards.pdf")
    firsts = [int(n) - 1 for n in re.findall(r"pages (\d+)–\d+", pdf.pages[0].extract_text())]
    assert len(firsts) == 6
    pages = [_flat(pdf.pages[i].extract_text()) for i in (firsts[0], firsts[-1])]
    faces = [t for t in pages if "CC BY-SA" in t]
    assert len(faces) == 2
    for text in faces:
        assert "d'après Territoires en coopération" in text
        assert f"© {AUTHORS[0]}" in text
    # Beside a notion card's QR code, the full chain: the original's authors too.
    notions = [t for t in faces if "notion-" in t]
    assert len(notions) == 1 and all("(Mouvement pour l'Économie Solidaire (MES)) · CC BY-SA 4.0" in t for t in notions)
    assert not any("© MES" in t for t in pages)
    # The board's small licence box credits the original by its title.
    board = _flat(pypdf.PdfReader(out / "board.pdf").pages[0].extract_text())
    assert "d'après « Territoires en coopération »" in board


@pytest.mark.parametrize("size", ["poker", "mini"])
def test_the_notice_fits_every_card_type_in_english(remix: tuple[Path, Path], size: str) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from mallette_print.cards.faces import QR_GAP, FaceLayout, layout_face
    from mallette_print.core.cardsize import parse_card_size
    from mallette_print.core.licensing import notice_forms
    from mallette_print.core.validate import load_game
    from mallette_print.draw.fonts import register_family
    from mallette_print.pipeline.context import BuildContext

    data = load_game(remix[0])
    if size == "mini":  # with the long name, on mini cards some bodies have no room left for the chain (an error)
        authors = ["Collectif Breizh", "Ti ar Boblo"]
        data = data.model_copy(update={"game": data.game.model_copy(update={"authors": authors})})
    card_size = parse_card_size(size)
    fam = register_family()
    forms = notice_forms(data, "en")
    assert forms[0] == (
        f"© {', '.join(data.game.authors)}, after Territories in Cooperation (Mouvement pour l'Économie Solidaire (MES))"
        " · CC BY-SA 4.0"
    )
    ctx = BuildContext()
    for deck in data.decks:
        for card in deck.cards[:3]:
            lay = layout_face(ctx, data, deck, card, "en", card_size, fam)
            assert isinstance(lay, FaceLayout), (deck.id, card.id, lay)
            assert lay.small_size >= 5.0
            lines = [line.partition("\t")[0] for line in lay.notice.split("\n")]
            assert " ".join(lines) in forms  # a stated form, whole: never just the licence name
            room = card_size.w - 2 * card_size.safe - (lay.qr_size + QR_GAP if lay.qr_url else 0)
            assert all(stringWidth(line, fam.regular, lay.small_size) <= room for line in lines)


def test_the_remix_pdfs_have_keywords_of_their_own(remix: tuple[Path, Path]) -> None:
    _, out = remix
    for name in ("cards.pdf", "board.pdf", "rulebook.pdf"):
        meta = pypdf.PdfReader(out / name).metadata
        assert meta is not None
        keywords, subject = str(meta.get("/Keywords", "")), str(meta.get("/Subject", ""))
        assert "Coopérer en Bretagne" in keywords and "CC BY-SA 4.0" in keywords
        assert "MES" not in keywords and "économie sociale" not in keywords
        assert "MES" not in subject and "Coopérer en Bretagne" in subject


def test_new_keeps_the_comments_and_order_of_game_yaml(remix: tuple[Path, Path]) -> None:
    dest, _ = remix
    before = (REPO / "cards" / "game.yaml").read_text(encoding="utf-8")
    after = (dest / "cards" / "game.yaml").read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in after.splitlines() for line in comments)
    keys = [k for k in yaml.safe_load(before) if k not in ("subtitle", "notice")]
    written = list(yaml.safe_load(after))
    assert [k for k in written if k != "adapted_from"] == keys
    assert written.index("adapted_from") == written.index("source_url") + 1
    assert "notice" not in written  # generated from adapted_from in each build's language


def test_a_remix_says_what_it_owes_until_it_is_done(sample_game: Path, tmp_path: Path, runner) -> None:
    dest = tmp_path / "mine"
    assert runner.invoke(main, ["new", str(dest), "--title", "Mine", "--author", "Me"]).exit_code == 0
    game = dest / "cards" / "game.yaml"
    lines = game.read_text(encoding="utf-8").splitlines()
    url_line = next(i for i, line in enumerate(lines, 1) if line.startswith("source_url:"))
    changes_line = next(i for i, line in enumerate(lines, 1) if line.strip() == "changes:") + 1  # its first text
    check = runner.invoke(main, ["check", "--game", str(dest), "--lang", "fr"])
    assert check.exit_code == 0, check.output
    assert f"game.yaml:{url_line}:13: source_url: warning: source_url is still the address of the original" in (
        check.output
    )
    assert f"game.yaml:{changes_line}:" in check.output and "adapted_from[0].changes" in check.output
    strict = runner.invoke(main, ["check", "--game", str(dest), "--lang", "fr", "--strict"])
    assert strict.exit_code == 1
    assert f"game.yaml:{url_line}:13" in strict.output and "say what you changed" in strict.output
    # Done: an address of its own (given to `new`) and its changes written: no more warnings about them.
    other = tmp_path / "done"
    new = ["new", str(other), "--title", "Mine", "--author", "Me", "--source-url", "https://example.org/mine"]
    assert runner.invoke(main, new).exit_code == 0
    manifest = other / "cards" / "game.yaml"
    text = manifest.read_text(encoding="utf-8").replace("fr: ''", "fr: Cartes de Bretagne", 1)
    manifest.write_text(text, encoding="utf-8")
    assert yaml.safe_load(text)["source_url"] == "https://example.org/mine"
    done = runner.invoke(main, ["check", "--game", str(other), "--lang", "fr"])
    assert done.exit_code == 0, done.output
    assert "source_url is still" not in done.output and "say what you changed" not in done.output


def test_a_bad_source_url_is_refused(sample_game: Path, tmp_path: Path, runner) -> None:
    result = runner.invoke(
        main, ["new", str(tmp_path / "x"), "--title", "T", "--author", "A", "--source-url", "le-mes"]
    )
    assert result.exit_code == 2 and "expected an http(s) URL" in result.output
    assert not (tmp_path / "x").exists()


def test_a_chain_that_cannot_fit_is_a_located_error(sample_game: Path, tmp_path: Path, runner) -> None:
    dest = tmp_path / "long"
    author = "Collectif" + "x" * 120  # one word wider than any card: no form of the notice can hold it
    assert runner.invoke(main, ["new", str(dest), "--title", "T", "--author", author]).exit_code == 0
    check = runner.invoke(main, ["check", "--game", str(dest), "--lang", "fr"])
    assert check.exit_code == 1
    assert re.search(r"cards/\w+\.yaml:\d+:\d+: card '[^']+': the fr text of 'notice' in the small print", check.output)


def test_the_original_notice_is_unchanged() -> None:
    from mallette_print.core.licensing import notice_forms
    from mallette_print.core.validate import load_game

    data = load_game(REPO)
    assert notice_forms(data, "en") == ("© MES · CC BY-SA 4.0",) == notice_forms(data, "fr")
