"""Coherence checks: small broken copies of the sample game, with the exact located messages."""

from __future__ import annotations

from pathlib import Path

from mallette_print.cli import main
from mallette_print.core.coherence import Report, check_coherence
from mallette_print.core.validate import load_game

REPO = Path(__file__).resolve().parent.parent


def _edit(game: Path, name: str, old: str, new: str) -> None:
    path = game / "cards" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {name}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _report(game: Path) -> Report:
    return check_coherence(load_game(game))


def _lines(problems: tuple) -> list[str]:  # type: ignore[type-arg]
    return [str(p) for p in problems]


def test_sample_has_no_errors_and_located_warnings(sample_game: Path) -> None:
    report = _report(sample_game)
    assert report.errors == ()
    warnings = _lines(report.warnings)
    assert (
        "cards/game.yaml:85:7: fiche 'utilite-sociale': named by 0 cards; each fiche should be named by at "
        "least 2 cards"
    ) in warnings
    assert (
        "cards/game.yaml:30:7: fiche 'economie-plurielle': named by 1 card (prestation-bailleur); each fiche "
        "should be named by at least 2 cards"
    ) in warnings
    assert (
        "cards/events.yaml:35:5: event 'fermeture-usine': lists zones but has no discard_fragile or mobilise, "
        "so its zones have no effect"
    ) in warnings
    assert (
        "cards/game.yaml:139:3: parameters: 6 players with 1 actor each need 6 actor cards, the deck has 4" in warnings
    )


def test_cooperation_needing_a_family_no_actor_has(sample_game: Path) -> None:
    _edit(sample_game, "cooperations.yaml", "families: [public, citoyen]", "families: [public, reseau]")
    assert _lines(_report(sample_game).errors) == [
        "cards/cooperations.yaml:37:5: cooperation 'budget-participatif': cannot be formed: no actor of the deck "
        "can fill the family 'reseau'",
        "cards/challenges.yaml:27:5: challenge 'quartier-oublie': cannot be solved: none of its cooperations "
        "(budget-participatif) can be formed",
    ]


def test_two_slots_of_one_family_need_two_distinct_actors(sample_game: Path) -> None:
    _edit(sample_game, "cooperations.yaml", "families: [public, citoyen]", "families: [public, public]")
    assert _lines(_report(sample_game).errors)[0] == (
        "cards/cooperations.yaml:37:5: cooperation 'budget-participatif': cannot be formed: the deck has no 2 "
        "distinct actors for the families public, public"
    )


def test_extra_family_power_fills_a_missing_family(sample_game: Path) -> None:
    _edit(sample_game, "cooperations.yaml", "families: [public, citoyen]", "families: [public, reseau]")
    _edit(
        sample_game,
        "actors.yaml",
        "    resources: [benevolat, savoir-faire]\n",
        "    resources: [benevolat, savoir-faire]\n    power: {type: extra-family, family: reseau}\n",
    )
    assert _report(sample_game).errors == ()


def test_extra_family_actor_cannot_fill_two_slots(sample_game: Path) -> None:
    # The only citoyen actor may also fill 'reseau', but not both slots at once.
    _edit(sample_game, "cooperations.yaml", "families: [public, citoyen]", "families: [citoyen, reseau]")
    _edit(
        sample_game,
        "actors.yaml",
        "    resources: [benevolat, savoir-faire]\n",
        "    resources: [benevolat, savoir-faire]\n    power: {type: extra-family, family: reseau}\n",
    )
    assert (
        "the deck has no 2 distinct actors for the families citoyen, reseau" in _lines(_report(sample_game).errors)[0]
    )


def test_required_kind_that_no_actor_brings(sample_game: Path) -> None:
    for old in ("[prestation-bailleur, benevolat]", "[parts-sociales, benevolat]", "[benevolat, savoir-faire]"):
        _edit(sample_game, "actors.yaml", old, "[subvention, parts-sociales]")
    errors = _lines(_report(sample_game).errors)
    assert errors[0] == (
        "cards/cooperations.yaml:13:5: cooperation 'scic-multi': resource kind 'non-monetaire' is required by "
        "scic-multi, mutualisation-locaux, budget-participatif but no actor brings a resource of that kind"
    )
    assert errors[1:] == [
        "cards/challenges.yaml:13:5: challenge 'dernier-commerce': cannot be solved: none of its cooperations "
        "(scic-multi, mutualisation-locaux) can be formed",
        "cards/challenges.yaml:27:5: challenge 'quartier-oublie': cannot be solved: none of its cooperations "
        "(budget-participatif) can be formed",
    ]


def test_cooperation_needing_more_than_the_whole_supply(sample_game: Path) -> None:
    _edit(
        sample_game,
        "cooperations.yaml",
        "{non-marchande: 1, non-monetaire: 2}",
        "{non-marchande: 1, non-monetaire: 40}",
    )
    assert _lines(_report(sample_game).errors)[0] == (
        "cards/cooperations.yaml:37:5: cooperation 'budget-participatif': needs 40 of resource kind "
        "'non-monetaire' but all the resource cards of that kind add up to 6"
    )


def test_missing_translation_lists_the_ids_per_deck(sample_game: Path) -> None:
    _edit(
        sample_game,
        "actors.yaml",
        '      en: "Residents, elected officials and social landlords maintain the neighbourhood together and '
        'create jobs there."\n',
        "",
    )
    _edit(sample_game, "actors.yaml", "title: {fr: Commune, en: Municipality}", "title: Commune")
    _edit(sample_game, "game.yaml", "label: {fr: Quartier, en: Neighbourhood}", "label: Quartier")
    warnings = _lines(_report(sample_game).warnings)
    assert (
        "cards/actors.yaml:13:5: deck 'actors': missing the 'en' text for 2 items: regie-quartier, commune" in warnings
    )
    assert "cards/game.yaml:125:5: missing the 'en' text for: zone 'quartier'" in warnings


def test_check_prints_warnings_and_strict_makes_them_errors(sample_game: Path, runner) -> None:
    _edit(sample_game, "actors.yaml", "title: {fr: Commune, en: Municipality}", "title: Commune")
    expected = "cards/actors.yaml:37:5: deck 'actors': missing the 'en' text for 1 item: commune"
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0
    assert "cards/actors.yaml:37:5: deck 'actors': warning: missing the 'en' text for 1 item: commune" in result.stderr
    assert "Coherence: no errors, 13 warnings." in result.stdout
    strict = runner.invoke(main, ["check", "--strict"])
    assert strict.exit_code == 1
    assert expected in strict.stderr
    # The 13 warnings, and the 11 fiches of the sample without their text (cards/fiches/<id>.yaml).
    assert "24 errors found" in strict.stderr
    assert "fiche 'ptce': no text: write cards/fiches/ptce.yaml" in strict.stderr


def test_check_exits_1_on_a_coherence_error(sample_game: Path, runner) -> None:
    _edit(sample_game, "cooperations.yaml", "families: [public, citoyen]", "families: [public, reseau]")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "cannot be formed: no actor of the deck can fill the family 'reseau'" in result.stderr
    assert "2 errors found" in result.stderr


def test_event_marked_positive_that_does_harm(sample_game: Path) -> None:
    _edit(sample_game, "events.yaml", "    tracks: {vitalite: 1}\n", "    tracks: {vitalite: -1}\n")
    assert (
        "cards/events.yaml:24:5: event 'appel-projets': is marked positive but lowers a track, raises "
        "Fragility or discards resources"
    ) in _lines(_report(sample_game).warnings)


def test_fragility_track_disagreeing_with_parameters(sample_game: Path) -> None:
    _edit(sample_game, "game.yaml", "start: 0, danger: 7", "start: 0, danger: 8")
    assert any(
        w.endswith("track 'fragilite': danger 8 differs from parameters.fragility_alert 7")
        for w in _lines(_report(sample_game).warnings)
    )


def test_real_game_is_coherent_without_warnings() -> None:
    report = check_coherence(load_game(REPO))
    assert _lines(report.errors) == []
    assert _lines(report.warnings) == []


def test_challenge_deck_too_small_for_the_largest_table(sample_game: Path) -> None:
    _edit(
        sample_game,
        "game.yaml",
        "  challenges_to_win: 3\n",
        "  challenges_to_win: 3\n  challenges_to_win_by_actors: {5: 4, 6: 30}\n",
    )
    warnings = [w for w in _lines(_report(sample_game).warnings) if "challenge cards" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "cards/game.yaml:139:3: parameters: open_challenges 3 and the 30 challenges to win "
        "at 6 players (challenges_to_win, challenges_to_win_by_actors) need that many "
        "challenge cards, the deck has "
    )


def test_two_cards_sharing_a_title_in_one_language(sample_game: Path) -> None:
    # An actor and a cooperation with the same English title (case and spacing aside): the second is located.
    _edit(sample_game, "actors.yaml", "en: Citizen energy company}", "en: Shared  premises}")
    errors = _lines(_report(sample_game).errors)
    assert (
        "cards/cooperations.yaml:25:5: card 'mutualisation-locaux': has the same en title as card 'scic-energie': "
        '"Shared premises"'
    ) in errors
    assert not any("same fr title" in e for e in errors)


def test_cooperation_that_solves_no_challenge(sample_game: Path) -> None:
    _edit(sample_game, "challenges.yaml", "solved_by: [scic-multi, mutualisation-locaux]", "solved_by: [scic-multi]")
    assert _lines(_report(sample_game).errors) == [
        "cards/cooperations.yaml:25:5: cooperation 'mutualisation-locaux': solves no challenge: add it to the "
        "`solved_by` of at least one challenge"
    ]


def test_event_text_must_name_the_tracks_it_moves(sample_game: Path) -> None:
    # The card prints the effect text only: a track moved by the data but missing from the text is a warning.
    _edit(sample_game, "events.yaml", "*Employment* falls by 2 in the business park.", "Jobs go.")
    warnings = _lines(_report(sample_game).warnings)
    assert (
        "cards/events.yaml:35:5: event 'fermeture-usine': moves the track 'emploi' but its en effect text does not "
        "name it"
    ) in warnings
    assert not any("its fr effect text" in w for w in warnings)


def test_setup_rule_with_an_unknown_family_or_too_many(sample_game: Path) -> None:
    _edit(
        sample_game,
        "game.yaml",
        "parameters:\n",
        "setup:\n  required_families:\n    4: [public, reseaux]\n    5: [public, public]\nparameters:\n",
    )
    errors = _lines(_report(sample_game).errors)
    assert any(e.endswith("setup at 4 players: unknown family 'reseaux'") and ":" in e.split(" ")[0] for e in errors)
    assert any("setup at 5 players: 2 required families (each once) for 5 actors of 6 families" in e for e in errors)
