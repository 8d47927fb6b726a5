"""The phrasebook: one complete file per language, looked up fr-CA -> fr -> the game's default -> a located error."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from mallette_print.core import phrasebook as pb
from mallette_print.core.errors import DataError
from mallette_print.core.typography import typeset

PACKAGE = Path(pb.__file__).resolve().parent.parent


def _fields(value: pb.Value) -> set[str]:
    texts = [value] if isinstance(value, str) else value
    return {name for t in texts for _, name, _, _ in string.Formatter().parse(t) if name is not None}


def full_languages() -> list[str]:
    return [tag for tag in pb.languages() if "-" not in tag]


def test_french_and_english_files_ship_with_the_package() -> None:
    assert {"fr", "en"} <= set(pb.languages())
    assert pb.FOLDER == PACKAGE / "phrasebook"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_key_of_one_language_is_in_the_other(lang: str) -> None:
    other = "en" if lang == "fr" else "fr"
    mine, theirs = pb.entries(lang), pb.entries(other)
    assert mine is not None and theirs is not None
    missing = sorted(set(mine) - set(theirs))
    assert not missing, f"in {lang}.yaml but not in {other}.yaml: {missing}"
    assert len(mine) > 200  # every fixed word of every output, not a sample


def test_all_full_language_files_have_the_same_keys_and_regional_ones_no_others() -> None:
    books = {tag: pb.entries(tag) or {} for tag in pb.languages()}
    reference = set(books["fr"])
    for tag, book in books.items():
        if "-" in tag:
            extra = set(book) - set(books.get(tag.split("-")[0]) or {})
            assert not extra, f"{tag}.yaml has keys its language's file lacks: {sorted(extra)}"
        else:
            assert set(book) == reference, (tag, sorted(set(book) ^ reference))


def test_each_phrase_has_the_same_fields_in_every_language() -> None:
    fr = pb.entries("fr") or {}
    for tag in full_languages():
        book = pb.entries(tag) or {}
        differ = [key for key in fr if _fields(fr[key]) != _fields(book[key])]
        assert not differ, f"{tag}.yaml: fields differ from fr.yaml in {differ}"


def test_lists_keep_their_length_across_languages() -> None:
    fr = pb.entries("fr") or {}
    for tag in full_languages():
        book = pb.entries(tag) or {}
        for key, value in fr.items():
            assert isinstance(value, str) == isinstance(book[key], str), (tag, key)
            if isinstance(value, list):
                assert len(value) == len(book[key]), (tag, key)


def test_tags_are_normalised_and_looked_up_most_specific_first() -> None:
    assert pb.normalise("fr_ca") == pb.normalise("FR-ca") == "fr-CA"
    assert pb.normalise("en") == "en"
    assert pb.chain("fr-CA", "en") == ("fr-CA", "fr", "en")
    assert pb.chain("fr_CA", "fr") == ("fr-CA", "fr")
    assert pb.text("card.brings", "fr-CA") == pb.text("card.brings", "fr") == "Apporte"
    assert pb.text("card.brings", "en-US", "fr") == "Brings"


def test_a_language_without_a_file_takes_the_game_default_words_and_neutral_typography() -> None:
    assert pb.text("rulebook.components", "de", "fr") == "Matériel"
    assert pb.text("rulebook.components", "de-AT", "en") == "Components"
    # French spacing on German text would be wrong: settings never fall back to another language.
    assert pb.setting("typography.nbsp_before", "de") == ""
    assert typeset("Achtung : ja !", "de") == "Achtung : ja !"
    assert pb.setting("language.hyphenation", "de") == ""


def test_fields_are_filled() -> None:
    assert pb.text("rulebook.version", "fr", version="2.1") == "Version 2.1"
    assert pb.text("paper.letter", "en") == "Letter"
    assert len(pb.Phrases("fr").texts("tiles.steps")) == 4


def test_a_missing_key_is_an_error_naming_the_key_and_the_file() -> None:
    with pytest.raises(DataError) as err:
        pb.text("card.no_such_label", "fr-CA", "en")
    message = str(err.value)
    assert "'card.no_such_label'" in message
    assert re.search(r"phrasebook[/\\]fr\.yaml", message), message
    assert "fr.yaml, en.yaml" in message  # where it looked


def test_a_language_with_no_file_and_no_default_is_an_error_naming_the_file() -> None:
    with pytest.raises(DataError) as err:
        pb.text("card.brings", "eu")
    assert "eu.yaml" in str(err.value) and "'card.brings'" in str(err.value)


def test_a_regional_file_holds_only_what_differs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fr.yaml").write_text("card:\n  brings: Apporte\n  zone: Zone\n", encoding="utf-8")
    (tmp_path / "fr-CA.yaml").write_text("card:\n  brings: Amène\n", encoding="utf-8")
    monkeypatch.setattr(pb, "FOLDER", tmp_path)
    assert pb.text("card.brings", "fr-CA") == "Amène"
    assert pb.text("card.zone", "fr-CA") == "Zone"
    with pytest.raises(DataError) as err:
        pb.text("card.value", "fr-CA")
    assert "'card.value'" in str(err.value) and "fr-CA.yaml" in str(err.value)


def test_a_phrase_with_an_unknown_field_is_an_error_naming_the_key_and_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "xx.yaml").write_text('plan:\n  wrote: "{count} files"\n', encoding="utf-8")
    monkeypatch.setattr(pb, "FOLDER", tmp_path)
    with pytest.raises(DataError) as err:
        pb.text("plan.wrote", "xx", n=3)
    assert "xx.yaml" in str(err.value) and "plan.wrote" in str(err.value)
    (tmp_path / "yy.yaml").write_text("plan:\n  bad: [1, 2]\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        pb.text("plan.bad", "yy")
    assert "yy.yaml" in str(err.value) and "'plan.bad' must be a text or a list of texts" in str(err.value)


def test_no_module_branches_on_a_language() -> None:
    # Adding a language is adding a file: no `lang == "fr"`, `startswith("fr")` or {"fr": ...} tables in the code.
    pattern = re.compile(
        r"""\blang\w*(\[[^]]*\])?\s*(==|!=)\s*["']|startswith\(["'][a-z]{2}["']\)|\{\s*["'](fr|en)["']\s*:"""
        r"""|["'](fr|en)_[A-Z]{2}["']|^\s*["'](fr|en)["']\s*:|lang\[:2\]"""
    )
    found = [
        f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, "\n".join(found)
