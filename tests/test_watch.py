"""`mallette watch`: what a change redoes, errors that keep watching, and a real file change end to end."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from mallette_print.core.selection import Selection
from mallette_print.pipeline.options import BuildOptions
from mallette_print.pipeline.registry import default_registry
from mallette_print.pipeline.watch import BOARD, CARDS, FICHES, RULEBOOK, Watcher, classify, run

REPO = Path(__file__).resolve().parent.parent


class Log:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.err: list[str] = []

    def __call__(self, text: str, err: bool) -> None:
        (self.err if err else self.out).append(text)


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def _mtimes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_classify_maps_files_to_the_outputs_they_change(tmp_path: Path) -> None:
    root = tmp_path
    assert classify([root / "cards" / "actors.yaml"], root) == ({CARDS, RULEBOOK}, False)
    assert classify([root / "cards" / "templates.yaml"], root) == ({CARDS, RULEBOOK}, False)
    assert classify([root / "cards" / "board.yaml"], root) == ({BOARD, RULEBOOK}, False)
    assert classify([root / "rules" / "fr.md"], root) == ({RULEBOOK}, False)
    assert classify([root / "cards" / "fiches" / "communs.yaml"], root) == ({FICHES, RULEBOOK}, False)
    assert classify([root / "cards" / "game.yaml"], root) == ({CARDS, BOARD, FICHES, RULEBOOK}, False)
    assert classify([root / "assets" / "icons" / "x.svg"], root) == ({CARDS, BOARD, FICHES, RULEBOOK}, True)
    assert classify([root / "cards" / ".actors.yaml.swp", root / "out" / "cards.pdf"], root) == (set(), False)


def test_a_card_edit_redoes_the_cards_and_that_png_then_the_rulebook_when_idle(sample_game: Path) -> None:
    out = sample_game / "out"
    log = Log()
    w = Watcher(sample_game, BuildOptions(out=out, lang="fr", png_dpi=40), echo=log)
    assert w.start()
    w.idle()
    assert {"cards.pdf", "rulebook.pdf", "png/actors-regie-quartier.png", "png/actors-scic-energie.png"} <= set(
        _mtimes(out)
    )
    before = _mtimes(out)
    _edit(sample_game / "cards" / "actors.yaml", "title: {fr: Régie de quartier,", "title: {fr: Régie du quartier,")
    assert w.changed([sample_game / "cards" / "actors.yaml"])
    after = _mtimes(out)
    changed = {name for name in after if after[name] != before.get(name)}
    assert "cards.pdf" in changed and "png/actors-regie-quartier.png" in changed
    assert not any(n.startswith("png/") and n != "png/actors-regie-quartier.png" for n in changed), changed
    assert "rulebook.pdf" not in changed  # a card edit does not wait for the rulebook...
    assert "Régie du quartier" in _text(out / "cards.pdf")
    # The gallery follows: its page names the new title, the deck's back (unchanged) is not drawn again.
    assert "gallery/index.html" in changed and "png/actors-back.png" not in changed
    assert "Régie du quartier" in (out / "gallery" / "index.html").read_text(encoding="utf-8")
    w.idle()  # ...which follows when the designer pauses
    assert _mtimes(out)["rulebook.pdf"] != before["rulebook.pdf"]
    assert any("actors.yaml: wrote cards.pdf" in line and "1 PNG (actors-regie-quartier)" in line for line in log.out)


def test_a_partial_watch_writes_partial_pngs_and_leaves_the_full_builds_alone(sample_game: Path) -> None:
    out = sample_game / "out"
    full = Watcher(sample_game, BuildOptions(out=out, lang="fr", png_dpi=30), rulebook=False, echo=Log())
    assert full.start()
    before = {name: (out / name).read_bytes() for name in _mtimes(out)}
    selection = Selection(cards=("regie-quartier",), lang="fr")
    w = Watcher(
        sample_game, BuildOptions(out=out, lang="fr", png_dpi=30), rulebook=False, echo=Log(), selection=selection
    )
    assert w.start()
    _edit(sample_game / "cards" / "actors.yaml", "title: {fr: Régie de quartier,", "title: {fr: Régie du quartier,")
    assert w.changed([sample_game / "cards" / "actors.yaml"])
    now = _mtimes(out)
    assert "png-partial/actors-regie-quartier.png" in now and "cards-partial.pdf" in now
    assert not any(n.startswith("png-partial/") and "regie-quartier" not in n for n in now), sorted(now)
    # The full build's PNGs, gallery and cards are byte for byte as they were.
    assert {name: (out / name).read_bytes() for name in before} == before
    assert "Régie du quartier" in _text(out / "cards-partial.pdf")


def test_a_data_error_is_reported_with_its_place_and_the_outputs_stay(sample_game: Path) -> None:
    out = sample_game / "out"
    log = Log()
    w = Watcher(sample_game, BuildOptions(out=out, lang="fr"), rulebook=False, echo=log)
    assert w.start()
    good = (out / "cards.pdf").read_bytes()
    deck = sample_game / "cards" / "actors.yaml"
    _edit(deck, "    family: association\n", "    famly: association\n")
    assert not w.changed([deck])
    assert (out / "cards.pdf").read_bytes() == good
    message = "\n".join(log.err)
    assert "actors.yaml:15:5" in message and "did you mean 'family'" in message
    assert "the previous outputs are kept" in message
    _edit(deck, "    famly: association\n", "    family: association\n")
    _edit(deck, "title: {fr: Régie de quartier,", "title: {fr: Régie de territoire,")
    assert w.changed([deck])
    assert "Régie de territoire" in _text(out / "cards.pdf")


def test_fiches_pdf_follows_the_fiche_files_and_the_cards_citing_them(sample_game: Path) -> None:
    out = sample_game / "out"
    log = Log()
    opts = BuildOptions(out=out, lang="fr")
    registry = default_registry(opts)
    registry.steps = [s for s in registry.steps if s.name in ("cards", "fiches")]  # board and tokens: not needed
    w = Watcher(sample_game, opts, rulebook=False, echo=log, registry=registry)
    assert w.start()
    assert "Une épicerie associative" in _text(out / "fiches.pdf")

    def changed_by(path: Path, old: str, new: str) -> set[str]:
        before = _mtimes(out)
        _edit(path, old, new)
        assert w.changed([path]), log.err
        after = _mtimes(out)
        return {name for name in after if after[name] != before.get(name)}

    fiche = sample_game / "cards" / "fiches" / "economie-plurielle.yaml"
    assert changed_by(fiche, "Une épicerie associative", "Une épicerie de village") == {"fiches.pdf"}
    assert "Une épicerie de village" in _text(out / "fiches.pdf")
    # A card citing a fiche is listed on the fiche's page ("in the game"): retitling it rebuilds fiches.pdf...
    deck = sample_game / "cards" / "resources.yaml"
    got = changed_by(deck, "title: {fr: Prestation pour un bailleur,", "title: {fr: Contrat avec un bailleur,")
    assert {"cards.pdf", "fiches.pdf"} <= got
    assert "Contrat avec un bailleur" in _text(out / "fiches.pdf")
    # ...and so does a card citing another fiche; a text the fiches do not show leaves fiches.pdf as it was.
    assert "fiches.pdf" in changed_by(deck, "fiche: economie-plurielle", "fiche: communs")
    assert "fiches.pdf" not in changed_by(deck, "Un contrat d'entretien payé", "Un contrat de ménage payé")
    assert any("resources.yaml: wrote cards.pdf" in line and "fiches.pdf" in line for line in log.out)


@pytest.fixture
def real_game(tmp_path: Path) -> Path:
    game = tmp_path / "real"
    for d in ("cards", "rules", "assets"):
        shutil.copytree(REPO / d, game / d)
    return game


def test_a_board_edit_redoes_only_the_board(real_game: Path) -> None:
    out = real_game / "out"
    w = Watcher(real_game, BuildOptions(out=out, lang="fr"), rulebook=False, echo=Log())
    assert w.start()
    before = _mtimes(out)
    board = real_game / "cards" / "board.yaml"
    text = board.read_text(encoding="utf-8")
    board.write_text(text.replace("Tours", "Manches", 1), encoding="utf-8")
    assert w.changed([board])
    after = _mtimes(out)
    assert {n for n in after if after[n] != before.get(n)} == {"board.pdf", "board-tiles.pdf"}


def test_watch_loop_rebuilds_after_a_real_file_change(sample_game: Path) -> None:
    out = sample_game / "out"
    log = Log()
    w = Watcher(sample_game, BuildOptions(out=out, lang="fr"), rulebook=False, echo=log)
    stop = threading.Event()
    thread = threading.Thread(target=run, args=(w, stop), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not any(line.startswith("Watching") for line in log.out):
            assert time.monotonic() < deadline, log.out + log.err
            time.sleep(0.05)
        first = (out / "cards.pdf").stat().st_mtime_ns
        time.sleep(0.2)
        _edit(sample_game / "cards" / "actors.yaml", "title: {fr: Régie de quartier,", "title: {fr: Régie vue,")
        while (out / "cards.pdf").stat().st_mtime_ns == first:
            assert time.monotonic() < deadline, log.out + log.err
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert "Régie vue" in _text(out / "cards.pdf")
    assert w.cycles == 2


def test_registry_steps_for_each_part() -> None:
    w = Watcher(
        Path("."),
        BuildOptions(out=Path("o"), lang="fr", tts=True),
        registry=default_registry(BuildOptions(out=Path("o"), lang="fr", tts=True)),
    )
    assert w._steps({CARDS}) == {"cards", "tts", "tokens"}
    assert w._steps({BOARD}) == {"board"}
    assert w._steps({FICHES}) == {"fiches"}
    assert w._steps({RULEBOOK}) == set()
