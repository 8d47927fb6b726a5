"""Partial prints: --only, --cards and --changed-since pick the right cards."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

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


def test_partial_build_does_not_replace_the_manifest(sample_game: Path, tmp_path: Path, runner) -> None:
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", "--out", str(out)]).exit_code == 0
    saved = (out / MANIFEST).read_bytes()
    result = runner.invoke(main, ["build", "--out", str(out), "--cards", "commune"])
    assert result.exit_code == 0, result.output
    assert "(impression partielle)" in result.output  # the print plan speaks the build language (French)
    assert (out / MANIFEST).read_bytes() == saved
