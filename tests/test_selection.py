"""Partial prints: --only, --cards and --changed-since pick the right cards."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from mallette_print.cli import main
from mallette_print.core.errors import RequestError
from mallette_print.core.selection import MANIFEST, Selection, card_hashes, select
from mallette_print.core.validate import load_game


def ids(data) -> list[str]:
    return [c.id for _, c in data.cards()]


def test_only_decks_and_cards(sample_game: Path) -> None:
    data = load_game(sample_game)
    assert ids(select(data, Selection(decks=("events",)))) == ["baisse-subventions", "appel-projets", "fermeture-usine"]
    assert ids(select(data, Selection(cards=("commune", "benevolat")))) == ["commune", "benevolat"]
    assert ids(select(data, Selection(decks=("actors",), cards=("commune", "benevolat")))) == ["commune"]
    assert select(data, Selection()) is data


def test_unknown_names_are_request_errors_with_suggestions(sample_game: Path, runner) -> None:
    data = load_game(sample_game)
    with pytest.raises(RequestError, match="no deck 'actor' \\(did you mean 'actors'\\?\\)") as exc:
        select(data, Selection(decks=("actor",)))
    assert exc.value.option == "only"
    with pytest.raises(RequestError, match="no card 'comune' \\(did you mean 'commune'\\?\\)"):
        select(data, Selection(cards=("comune",)))
    # The command line shows them as usage errors naming its option: exit 2.
    result = runner.invoke(main, ["build", "--out", str(sample_game / "out"), "--cards", "comune"])
    assert result.exit_code == 2
    assert "Invalid value for --cards: no card 'comune' (did you mean 'commune'?)" in result.output


def test_changed_since_a_saved_build(sample_game: Path, tmp_path: Path, runner) -> None:
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", "--out", str(out)]).exit_code == 0
    assert (out / MANIFEST).is_file()
    deck = sample_game / "cards" / "actors.yaml"
    deck.write_text(
        deck.read_text(encoding="utf-8").replace("Un·e élu·e à l'ESS", "Un·e élu·e à l'économie sociale"),
        encoding="utf-8",
    )
    data = load_game(sample_game)
    assert ids(select(data, Selection(changed_since=str(out)))) == ["commune"]
    assert ids(select(data, Selection(changed_since=str(out / MANIFEST)))) == ["commune"]


def test_changed_since_a_git_ref(sample_game: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=sample_game, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "v1")
    res = sample_game / "cards" / "resources.yaml"
    res.write_text(
        res.read_text(encoding="utf-8").replace("value: 2\n    fragile: true", "value: 3\n    fragile: true"),
        encoding="utf-8",
    )
    data = load_game(sample_game)
    assert ids(select(data, Selection(changed_since="HEAD"))) == ["subvention"]
    with pytest.raises(RequestError, match="neither a saved build manifest nor a git ref"):
        select(data, Selection(changed_since="no-such-ref"))


def test_hashes_change_with_the_template(sample_game: Path) -> None:
    before = card_hashes(load_game(sample_game))
    tpl = sample_game / "cards" / "templates.yaml"
    tpl.write_text(
        tpl.read_text(encoding="utf-8").replace('band_colour: "#D55E00"', 'band_colour: "#CC79A7"'), encoding="utf-8"
    )
    after = card_hashes(load_game(sample_game))
    changed = sorted(k for k in after if after[k] != before[k])
    assert changed == ["dernier-commerce", "quartier-oublie"]


def test_partial_build_leaves_the_full_build_alone(sample_game: Path, tmp_path: Path, runner) -> None:
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", "--out", str(out)]).exit_code == 0
    full = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    result = runner.invoke(main, ["build", "--out", str(out), "--cards", "commune"])
    assert result.exit_code == 0, result.output
    # The print plan speaks the build language (French) and names the partial file.
    assert "(impression partielle)" in result.output and "cards-partial.pdf" in result.output
    assert "  cards.pdf" not in result.output
    # cards.pdf, the manifest and every other file of the full build are byte for byte as they were.
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name in full} == full
    new = sorted(set(p.name for p in out.iterdir() if p.is_file()) - set(full))
    assert new == ["cards-partial.pdf", "duplex-calibration-partial.pdf"]
    part, whole = PdfReader(out / "cards-partial.pdf"), PdfReader(out / "cards.pdf")
    assert len(part.pages) < len(whole.pages)
    assert "Commune" in "".join(p.extract_text() for p in part.pages)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_changed_since_compares_the_faces_printed_in_the_build_language(sample_game: Path) -> None:
    before = {lang: card_hashes(load_game(sample_game), lang) for lang in ("fr", "en")}
    actors = sample_game / "cards" / "actors.yaml"
    # Another language's text changes (English here, a new Spanish title there): nothing to reprint in French.
    _edit(sample_game / "cards" / "game.yaml", "languages: [fr, en]", "languages: [fr, en, es]")
    _edit(actors, "en: Municipality}", "en: Town council, es: Ayuntamiento}")
    _edit(actors, 'en: "Residents and municipalities', 'en: "Residents and towns')
    data = load_game(sample_game)
    assert card_hashes(data, "fr") == before["fr"]
    changed_en = {k for k, h in card_hashes(data, "en").items() if h != before["en"][k]}
    assert len(changed_en) == 2 and "commune" in changed_en
    # The French text changes: exactly that card, in French.
    _edit(actors, "title: {fr: Commune,", "title: {fr: Mairie,")
    after = card_hashes(load_game(sample_game), "fr")
    assert sorted(k for k in after if after[k] != before["fr"][k]) == ["commune"]
    # Another card size prints other faces: every card.
    tarot = card_hashes(load_game(sample_game), "fr", "tarot")
    assert all(tarot[k] != after[k] for k in after)


def test_changed_since_a_manifest_selects_by_language(sample_game: Path, tmp_path: Path) -> None:
    from mallette_print.core.selection import manifest_bytes

    manifest = tmp_path / MANIFEST
    manifest.write_bytes(manifest_bytes(load_game(sample_game), "fr", "poker"))
    assert b'"lang": "fr"' in manifest.read_bytes() and b'"size": "poker"' in manifest.read_bytes()
    _edit(sample_game / "cards" / "actors.yaml", "en: Municipality}", "en: Town council}")
    data = load_game(sample_game)
    assert ids(select(data, Selection(changed_since=str(manifest), lang="fr"))) == []
    # The manifest holds French faces: against an English build, every card is new.
    assert ids(select(data, Selection(changed_since=str(manifest), lang="en"))) == ids(data)
