"""A game's own card types: unlisted deck files, card types defined in game.yaml, their checks and their print."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from mallette_print.cli import main
from mallette_print.core.coherence import check_coherence
from mallette_print.core.errors import DataError
from mallette_print.core.model import CustomCard
from mallette_print.core.validate import load_game


def test_a_deck_file_not_listed_in_decks_is_a_located_warning(sample_game: Path) -> None:
    shutil.copy(sample_game / "cards" / "notions.yaml", sample_game / "cards" / "projets.yaml")
    warnings = [str(w) for w in check_coherence(load_game(sample_game)).warnings]
    assert any(
        w.startswith("cards/projets.yaml:1:1:") and "'projets.yaml' is not listed in game.yaml `decks:`" in w
        for w in warnings
    ), warnings
    # The listed decks, the templates file and the manifest are never reported.
    assert not any("notions.yaml' is not listed" in w or "templates.yaml' is not" in w for w in warnings)


REPO = Path(__file__).resolve().parent.parent


def _example() -> dict[str, str]:
    """The yaml blocks of the designers' guide "Your own card types", by their first line."""
    text = (REPO / "docs" / "designers.md").read_text(encoding="utf-8")
    section = text.split("## Your own card types", 1)[1].split("\n## Templates", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```yaml\n")[1:]]
    return {b.splitlines()[0]: b for b in blocks}


def add_projets(game: Path) -> None:
    """The guide's example added to a game: the `projet` type, its template and its deck."""
    ex = _example()
    cards = game / "cards"
    manifest = (cards / "game.yaml").read_text(encoding="utf-8")
    manifest = manifest.replace("decks:\n", "decks:\n  - projets.yaml\n", 1)
    (cards / "game.yaml").write_text(manifest + "\n" + ex["# add to cards/game.yaml"], encoding="utf-8")
    with (cards / "templates.yaml").open("a", encoding="utf-8") as f:
        f.write(ex["# add to cards/templates.yaml"])
    (cards / "projets.yaml").write_text(next(v for k, v in ex.items() if k.startswith("# cards/projets")), "utf-8")


def _edit(game: Path, old: str, new: str) -> None:
    path = game / "cards" / "projets.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(game: Path) -> list[str]:
    try:
        load_game(game)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_the_guides_projet_type_is_checked_and_its_deck_loads(sample_game: Path) -> None:
    add_projets(sample_game)
    data = load_game(sample_game)
    deck = data.deck("projets")
    card = deck.cards[0]
    assert deck.type == "projet" and isinstance(card, CustomCard)
    assert (card.budget, card.theme, card.partners) == (4, "alimentation", ["regie-quartier", "commune"])  # type: ignore[attr-defined]
    assert not check_coherence(data).errors


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    budget: 4",
            "    budjet: 4",
            "projets.yaml:15:5: card 'cantine-bio': unknown key 'budjet' (did you mean 'budget'?)",
        ),
        (
            "    budget: 4",
            "    budget: 12",
            "projets.yaml:15:13: card 'cantine-bio': 'budget': expected a number ≤ 10, got the number 12",
        ),
        (
            "    budget: 4",
            "    budget: beaucoup",
            "projets.yaml:15:13: card 'cantine-bio': 'budget': expected a whole number, got the text 'beaucoup'",
        ),
        (
            "    theme: alimentation",
            "    theme: sante",
            "projets.yaml:16:12: card 'cantine-bio': 'theme': expected one of 'alimentation' or 'energie', got 'sante'",
        ),
        ("    budget: 4\n", "", "projets.yaml:10:5: card 'cantine-bio': missing required key 'budget'"),
        (
            "[regie-quartier, commune]",
            "[regie-quartier, comune]",
            "projets.yaml:17:32: card 'cantine-bio': unknown actor card 'comune' (closest: 'commune')",
        ),
        ("type: projet", "type: projets", "projets.yaml:3:7: unknown card type 'projets' (did you mean 'projet'?)"),
    ],
)
def test_each_mistake_in_a_deck_of_a_custom_type_is_located(
    sample_game: Path, old: str, new: str, expected: str
) -> None:
    add_projets(sample_game)
    _edit(sample_game, old, new)
    errors = _errors(sample_game)
    assert any(expected in e for e in errors), errors


def test_a_projet_card_prints_with_the_labels_of_its_type(sample_game: Path, runner: CliRunner) -> None:
    add_projets(sample_game)
    texts = {}
    for lang in ("fr", "en"):
        out = sample_game / f"out-{lang}"
        result = runner.invoke(main, ["build", "--only", "projets", "--lang", lang, "--out", str(out)])
        assert result.exit_code == 0, result.output
        reader = PdfReader(out / "cards-partial.pdf")
        texts[lang] = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for label in ("Le projet :", "Budget : 4", "Thème : Alimentation", "Partenaires :", "Projet", "quartier"):
        assert label in texts["fr"], label
    for label in ("The project:", "Budget: 4", "Theme: Food", "Partners:", "Project"):
        assert label in texts["en"], label
    assert "Une cantine bio" in texts["fr"] and "organic local canteen" in texts["en"]


def test_the_schema_of_a_game_with_its_own_type_checks_its_deck(sample_game: Path, runner: CliRunner) -> None:
    add_projets(sample_game)
    result = runner.invoke(main, ["schema", "--kind", "deck"])
    assert result.exit_code == 0, result.output
    validator = jsonschema.Draft202012Validator(json.loads(result.output))
    deck = yaml.safe_load((sample_game / "cards" / "projets.yaml").read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(deck))
    assert not list(validator.iter_errors(yaml.safe_load((sample_game / "cards" / "actors.yaml").read_text("utf-8"))))
    deck["cards"][0]["budget"] = 12
    deck["cards"][0]["theme"] = "sante"
    deck["cards"][0]["budjet"] = 1
    found = sorted((list(e.path), e.validator) for e in validator.iter_errors(deck))
    assert found == [
        (["cards", 0], "additionalProperties"),
        (["cards", 0, "budget"], "maximum"),
        (["cards", 0, "theme"], "enum"),
    ]


def test_a_deck_of_a_custom_type_goes_to_a_spreadsheet_and_back(sample_game: Path, runner: CliRunner) -> None:
    add_projets(sample_game)
    result = runner.invoke(main, ["export", "--format", "csv", "--out", str(sample_game / "exp")])
    assert result.exit_code == 0, result.output
    sheet = (sample_game / "exp" / "projets.csv").read_text(encoding="utf-8-sig")
    assert "id,title:fr,title:en,quantity,image,description:fr,description:en,budget,theme,partners" in sheet
    shutil.copy(sample_game / "exp" / "projets.csv", sample_game / "cards" / "projets.csv")
    (sample_game / "cards" / "projets.yaml").unlink()
    manifest = sample_game / "cards" / "game.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("- projets.yaml", "- projets.csv"), "utf-8")
    card = load_game(sample_game).deck("projets").cards[0]
    assert (card.budget, card.partners) == (4, ["regie-quartier", "commune"])  # type: ignore[union-attr]
    (sample_game / "cards" / "projets.csv").write_text(sheet.replace(",4,alimentation", ",11,alimentation"), "utf-8")
    assert "cards/projets.csv: cell H11: card 'cantine-bio': 'budget': expected a number ≤ 10" in " ".join(
        _errors(sample_game)
    )


def test_the_gallery_names_a_custom_type_from_its_definition(sample_game: Path, runner: CliRunner) -> None:
    add_projets(sample_game)
    result = runner.invoke(main, ["preview", "--out", str(sample_game / "prev"), "--dpi", "36", "--lang", "en"])
    assert result.exit_code == 0, result.output
    html = (sample_game / "prev" / "gallery" / "index.html").read_text(encoding="utf-8")
    assert '<option value="projet">Project' in html and 'data-type="projet"' in html


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("of: {kind: ref, card_type: actor}", "of: {kind: ref, card_type: acteur}", "unknown card type 'acteur'"),
        ("budget: {kind: number, min: 0,", "budget: {kind: number, choices: {a: A}, min: 0,", "'choices' is only for"),
        (
            "      theme:\n        kind: choice\n",
            "      theme:\n        kind: chioce\n",
            "'card_types.projet.fields.theme.kind': expected one of",
        ),
        (  # an entry named after a built-in type adds fields to it, it does not change them
            "  projet:\n    label:",
            "  actor:\n    label:",
            "'description' is already a field of the built-in card type 'actor'",
        ),
    ],
)
def test_mistakes_in_a_card_type_definition_are_located_in_game_yaml(
    sample_game: Path, old: str, new: str, expected: str
) -> None:
    add_projets(sample_game)
    manifest = sample_game / "cards" / "game.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    manifest.write_text(text.replace(old, new, 1), encoding="utf-8")
    errors = _errors(sample_game)
    assert any(e.startswith("cards/game.yaml:1") and expected in e for e in errors), errors


def test_a_card_image_keeps_its_room_or_is_a_located_error(sample_game: Path, runner: CliRunner) -> None:
    add_projets(sample_game)
    long = " ".join(["Servir chaque midi des repas locaux aux écoles du quartier."] * 11)
    _edit(sample_game, 'fr: "Servir chaque midi des repas **locaux** aux écoles du quartier."', f'fr: "{long}"')
    result = runner.invoke(main, ["check", "--lang", "fr"])
    assert result.exit_code == 1
    assert (
        "cards/projets.yaml:18:12: card 'cantine-bio': no room for the image: it needs 16 mm under the text and the fr "
        "text at 7 pt, its smallest size, leaves"
    ) in result.output, result.output
    _edit(sample_game, "    image: assets/icons/deck-cooperation.svg\n", "")
    assert runner.invoke(main, ["check", "--lang", "fr"]).exit_code == 0  # without its image, the text fits


def _placed(game: Path) -> None:
    add_projets(game)
    with (game / "cards" / "templates.yaml").open("a", encoding="utf-8") as f:
        f.write(_example()["# add to cards/templates.yaml (placed)"])
    _edit(game, "    budget: 4\n", "    budget: 4\n    template: projet-affiche\n")


def test_a_card_with_a_placed_template_prints_its_elements(sample_game: Path, runner: CliRunner) -> None:
    _placed(sample_game)
    out = sample_game / "out"
    result = runner.invoke(main, ["build", "--only", "projets", "--lang", "fr", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out / "cards-partial.pdf").pages)
    assert "Une cantine bio et locale" in text and "Partenaires : Régie de quartier · Commune" in text
    assert "Le projet" not in text and "Budget :" not in text  # only what the elements place, labelled or not


@pytest.mark.parametrize(
    ("where", "old", "new", "expected"),
    [
        (
            "projets.yaml",
            "**locaux** aux écoles du quartier.",
            "locaux. " * 60,
            "projets.yaml:13:11: card 'cantine-bio': the fr text of 'description' in its box does not fit: it overflows by 9.6 mm at 7 pt",
        ),
        ("templates.yaml", "box: [4, 71, 55, 7]", "box: [40, 71, 55, 7]", "outside the 63 x 88 mm card"),
        (
            "templates.yaml",
            "field: partners, label",
            "field: partenaires, label",
            "places the field 'partenaires' (element 6), which a projet card does not have (did you mean 'partners'?)",
        ),
        (
            "projets.yaml",
            "template: projet-affiche",
            "template: projet-afiche",
            "projets.yaml:16:15: card 'cantine-bio': unknown template 'projet-afiche' (closest: 'projet-affiche', 'projet')",
        ),
    ],
)
def test_mistakes_in_placed_elements_are_located(
    sample_game: Path, runner: CliRunner, where: str, old: str, new: str, expected: str
) -> None:
    _placed(sample_game)
    path = sample_game / "cards" / where
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = runner.invoke(main, ["check", "--lang", "fr"])
    assert result.exit_code == 1 and expected in result.output, result.output


TOKEN = """  jeton:
    extends: projet
    elements:
      - {kind: band, box: [0, 0, 25, 8]}
      - {kind: text, field: title, box: [2, 1.5, 21, 6], style: {size: 6pt, min_size: 5.5pt, bold: true}}
      - {kind: badge, field: budget, box: [9, 8.2, 7, 7], style: {size: 12pt, min_size: 8pt}}
"""


def test_a_25_mm_token_with_placed_elements_keeps_the_small_print_free(sample_game: Path, runner: CliRunner) -> None:
    add_projets(sample_game)
    with (sample_game / "cards" / "templates.yaml").open("a", encoding="utf-8") as f:
        f.write(TOKEN)
    _edit(sample_game, "template: projet\n", "template: jeton\n")
    _edit(sample_game, "{fr: Une cantine bio et locale, en: An organic local canteen}", "{fr: Cantine, en: Canteen}")
    out = sample_game / "out"
    result = runner.invoke(main, ["build", "--size", "25x25", "--only", "projets", "--lang", "fr", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = PdfReader(out / "cards-partial.pdf").pages[2]
    assert "Cantine" in page.extract_text() and "4" in page.extract_text()
    path = sample_game / "cards" / "templates.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("box: [9, 8.2, 7, 7]", "box: [8, 9, 10, 10]"), "utf-8")
    result = runner.invoke(main, ["check", "--size", "25x25", "--lang", "fr"])
    assert result.exit_code == 1
    assert (
        "cards/projets.yaml:10:5: card 'cantine-bio': element 3 (badge) of template 'jeton' has its box [8, 9, 10, 10] "
        "mm over the licence notice and card id at the bottom: keep the lowest"
    ) in result.output, result.output
