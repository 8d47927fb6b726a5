"""Bad game data: each fixture gives exit 1 and the exact file:line:col message, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mallette_print.cli import main

BAD = Path(__file__).resolve().parent / "data" / "bad"

# fixture file (replaces cards/actors.yaml unless named template-*) -> exact lines expected in the output
CASES = {
    "unknown-key.yaml": ["cards/actors.yaml:8:5: card 'regie-quartier': unknown key 'titel' (did you mean 'title'?)"],
    "duplicate-key.yaml": ["cards/actors.yaml:10:5: duplicate key 'family' (first defined on line 9)"],
    "dangling-reference.yaml": [
        "cards/actors.yaml:9:13: card 'regie-quartier': unknown family 'asociation' (closest: 'association', 'citoyen')",
        "cards/actors.yaml:12:28: card 'regie-quartier': unknown resource card 'benevola' (closest: 'benevolat', 'subvention')",
    ],
    "wrong-type.yaml": [
        "cards/actors.yaml:9:15: card 'regie-quartier': 'quantity': expected a whole number, got the text 'lots'"
    ],
    "missing-key.yaml": ["cards/actors.yaml:7:5: card 'regie-quartier': missing required key 'family'"],
    "python-tag.yaml": [
        "cards/actors.yaml:8:12: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed (only plain YAML data)"
    ],
    "tab-indent.yaml": ["cards/actors.yaml:8:1: tab character in indentation; YAML needs spaces"],
    "syntax-error.yaml": [
        "cards/actors.yaml:9:11: YAML syntax error: while parsing a flow sequence, expected ',' or ']', but got ':'"
    ],
    "missing-french.yaml": [
        "cards/actors.yaml:8:12: card 'regie-quartier': 'title': missing the 'fr' text "
        "(the game's default language; other languages fall back to it)"
    ],
    "unknown-language.yaml": [
        "cards/actors.yaml:8:12: card 'regie-quartier': 'title': language 'de' is not one of the game's languages (fr, en)"
    ],
    "path-traversal.yaml": [
        "cards/actors.yaml:9:12: card 'regie-quartier': path '../../../../etc/passwd' leaves the game folder "
        "(through '..' or a symbolic link)"
    ],
    "absolute-path.yaml": [
        "cards/actors.yaml:9:12: card 'regie-quartier': absolute paths are not allowed, got '/etc/passwd' "
        "(write it relative to the game folder)"
    ],
    "bad-id.yaml": [
        "cards/actors.yaml:7:9: card 'Régie Quartier': 'id': expected an id (lowercase letters, digits, '-' or '_', "
        "e.g. 'scic-energie'), got 'Régie Quartier'"
    ],
    "duplicate-card-id.yaml": [
        "cards/resources.yaml:50:9: card 'benevolat': duplicate card id (first defined at actors.yaml:7)"
    ],
    "several-errors.yaml": [
        "cards/actors.yaml:14:5: card 'regie-quartier': unknown key 'colour' (did you mean 'flavour'?)",
        "cards/actors.yaml:17:15: card 'commune': 'quantity': expected a number ≥ 1, got the number 0",
        "2 errors found; nothing was written.",
    ],
    "billion-laughs.yaml": ["cards/actors.yaml:1:56: document expands to more than 200000 values"],
    "not-utf8.yaml": ["cards/actors.yaml:3:10: the file is not UTF-8 text (byte 0xe9); save it as UTF-8"],
    "binary.yaml": ["cards/actors.yaml:1:1: this is a binary file, not YAML text"],
    "empty.yaml": ["cards/actors.yaml:1:1: expected a mapping of keys and values, got nothing (an empty value)"],
    "template-cycle.yaml": [
        "cards/templates.yaml:3:14: template 'base': 'extends' makes a cycle: actor -> base -> actor",
        "cards/templates.yaml:5:14: template 'actor': 'extends' makes a cycle: base -> actor -> base",
    ],
}


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_bad_fixture_reports_file_line_and_message(fixture: str, sample_game: Path, runner) -> None:
    target = "templates.yaml" if fixture.startswith("template-") else "actors.yaml"
    shutil.copy(BAD / fixture, sample_game / "cards" / target)
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    out = result.output
    assert "Traceback" not in out
    for line in CASES[fixture]:
        assert line in out, f"missing {line!r} in:\n{out}"


def test_fixture_list_covers_every_bad_file() -> None:
    assert {p.name for p in BAD.iterdir()} == set(CASES)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_sample_passes(sample_game: Path, runner) -> None:
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "actors" in result.output and "Fiches referenced" in result.output


def test_non_http_url_is_refused(sample_game: Path, runner) -> None:
    edit(sample_game / "cards" / "game.yaml", "base_url: https://le-mes.org/mallette/", "base_url: javascript:alert(1)")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "1 error found" in result.output
    assert "cards/game.yaml:28:13: expected an http(s) URL, got 'javascript:alert(1)'" in result.output


def test_file_url_is_refused(sample_game: Path, runner) -> None:
    edit(sample_game / "cards" / "game.yaml", "source_url: https://le-mes.org/", "source_url: file:///etc/passwd")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "expected an http(s) URL, got 'file:///etc/passwd'" in result.output


def test_symlink_leaving_the_game_is_refused(sample_game: Path, tmp_path: Path, runner) -> None:
    outside = tmp_path / "secret.svg"
    outside.write_text("<svg/>")
    (sample_game / "assets" / "icons" / "evil.svg").symlink_to(outside)
    edit(sample_game / "cards" / "actors.yaml", "icon: assets/icons/deck-actor.svg", "icon: assets/icons/evil.svg")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "cards/actors.yaml:10:9: deck 'actors': path 'assets/icons/evil.svg' leaves the game folder" in result.output


def test_missing_icon_names_the_closest_files(sample_game: Path, runner) -> None:
    edit(sample_game / "cards" / "actors.yaml", "icon: assets/icons/deck-actor.svg", "icon: assets/icons/deck-actr.svg")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert (
        "cards/actors.yaml:10:9: deck 'actors': file not found: 'assets/icons/deck-actr.svg' (closest: deck-actor.svg"
        in result.output
    )


def test_missing_deck_file(sample_game: Path, runner) -> None:
    (sample_game / "cards" / "events.yaml").unlink()
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "cards/game.yaml:" in result.output and "file not found: 'events.yaml'" in result.output


def test_bom_and_crlf_are_accepted(sample_game: Path, runner) -> None:
    path = sample_game / "cards" / "actors.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0, result.output


def test_hybridisation_rule(sample_game: Path, runner) -> None:
    edit(
        sample_game / "cards" / "cooperations.yaml",
        "resources: {non-marchande: 1, non-monetaire: 1}",
        "resources: {non-monetaire: 2}",
    )
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert (
        "card 'mutualisation-locaux': hybridisation rule: a cooperation needs at least 2 kinds of resources, got 1"
        in result.output
    )


def test_unknown_track_in_effects_points_at_the_key(sample_game: Path, runner) -> None:
    edit(sample_game / "cards" / "cooperations.yaml", "effects: {vitalite: 2}", "effects: {vitality: 2}")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "card 'mutualisation-locaux': unknown track 'vitality' (closest: 'vitalite'" in result.output


def test_no_game_folder(tmp_path: Path, runner, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["check", "--game", str(tmp_path)])
    assert result.exit_code == 1
    assert "no game found here: expected cards/game.yaml" in result.output


def test_fallback_to_french(sample_game: Path) -> None:
    from mallette_print.core.i18n import tr
    from mallette_print.core.validate import load_game

    data = load_game(sample_game)
    card = data.deck("actors").cards[0]
    assert tr(card.title, "en") == "Neighbourhood management association"
    assert tr({"fr": "Régie"}, "en") == "Régie"
    assert data.fiche_url("hybridation") == "https://le-mes.org/mallette/f09"


def _use_image(game: Path, name: str) -> None:
    edit(game / "cards" / "actors.yaml", "icon: assets/icons/deck-actor.svg", f"icon: assets/{name}")


def test_image_that_is_not_an_image(sample_game: Path, runner) -> None:
    (sample_game / "assets" / "fake.png").write_bytes(b"GIF89a not really")
    _use_image(sample_game, "fake.png")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert (
        "cards/actors.yaml:10:9: deck 'actors': 'assets/fake.png': this is not a readable PNG or JPEG image"
        in result.output
    )


def test_huge_image_is_refused_without_decoding_it(sample_game: Path, runner) -> None:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    # A valid PNG header announcing 30000×30000 px; the pixel data is never read.
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + chunk(b"IEND", b"")
    (sample_game / "assets" / "huge.png").write_bytes(png)
    _use_image(sample_game, "huge.png")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "'assets/huge.png': image too large (30000×30000 px" in result.output


def test_svg_with_entities_is_refused(sample_game: Path, runner) -> None:
    (sample_game / "assets" / "bomb.svg").write_text(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    )
    _use_image(sample_game, "bomb.svg")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "line 1: DOCTYPE declarations are refused" in result.output


def test_absurd_quantity(sample_game: Path, runner) -> None:
    edit(sample_game / "cards" / "resources.yaml", "quantity: 4", "quantity: 1000000000")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "card 'benevolat': 'quantity': expected a number ≤ 200, got the number 1000000000" in result.output


def _line_of(path: Path, needle: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return lines[nth - 1]


def test_duplicate_id_in_one_file_points_at_the_second_copy(sample_game: Path, runner) -> None:
    actors = sample_game / "cards" / "actors.yaml"
    edit(actors, "  - id: commune\n", "  - id: regie-quartier\n")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    second = _line_of(actors, "- id: regie-quartier", 2)
    first = _line_of(actors, "- id: regie-quartier", 1)
    assert f"cards/actors.yaml:{second}:" in result.output, result.output
    assert f"first defined at actors.yaml:{first}" in result.output


def test_american_spelling_of_a_choice_gets_a_suggestion(sample_game: Path, runner) -> None:
    edit(
        sample_game / "cards" / "templates.yaml", "body: {size: 9pt, min_size: 7pt}", "body: {size: 9pt, align: center}"
    )
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "got 'center' (did you mean 'centre'?)" in result.output
    assert "templates.yaml:11:" in result.output


@pytest.mark.parametrize(
    ("style", "message"),
    [
        ("body: {size: 9pt, min_size: 6pt}", "body text is never smaller than 7 pt"),
        ("body: {size: 5pt}", "card text is never smaller than 5.5 pt, got size 5pt"),
        ("body: {size: 9pt, min_size: 2mm}", "body text is never smaller than 7 pt"),
    ],
)
def test_text_under_the_floor_is_an_error_not_silently_raised(
    sample_game: Path, runner, style: str, message: str
) -> None:
    edit(sample_game / "cards" / "templates.yaml", "body: {size: 9pt, min_size: 7pt}", style)
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "templates.yaml:11:" in result.output


def test_a_broken_deck_header_does_not_cascade_into_other_files(sample_game: Path, runner) -> None:
    resources = sample_game / "cards" / "resources.yaml"
    edit(resources, "type: resource", "type: resources")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    # Before, every actor citing a resource and the board's resource space were reported too.
    assert lines[-1] == "1 error found; nothing was written.", result.output
    assert "resources.yaml:" in lines[0] and "did you mean 'resource'?" in lines[0]


def test_a_text_given_as_a_list_names_the_accepted_forms(sample_game: Path, runner) -> None:
    actors = sample_game / "cards" / "actors.yaml"
    edit(actors, "title: {fr: Acteurs, en: Actors}", "title: [Acteurs, Actors]")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "cards/actors.yaml:4:" in result.output, result.output
    assert "expected text or a mapping {language: text}, got a list" in result.output, result.output
