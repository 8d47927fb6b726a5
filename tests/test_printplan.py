"""The print plan: every printable file says its paper, its duplex setting and 100%, in French and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mallette_print.board.outputs import board_outputs
from mallette_print.cli import main
from mallette_print.core.validate import load_game
from mallette_print.pipeline.options import BuildOptions, BuildReport, Output
from mallette_print.pipeline.printplan import plan_lines

REPO = Path(__file__).resolve().parent.parent
PAPER = re.compile(r"\b(A4|A3|A2|A1|Letter)\b")
SIDES = {
    "fr": re.compile(r"recto verso, retournement sur le bord (long|court)|recto seul"),
    "en": re.compile(r"double-sided, flip on (the )?(long|short) edge|single-sided"),
}
SCALE = {"fr": "100\u00a0%", "en": "100%"}


def _plan_rows(output: str) -> dict[str, str]:
    rows = {}
    for line in output.splitlines():
        m = re.match(r"\s+(\S+\.pdf)\s+\d+ page\(s\).* — (.*)$", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_file_of_the_plan_says_paper_duplex_and_100_percent(
    sample_game: Path, tmp_path: Path, runner, lang: str
) -> None:
    result = runner.invoke(
        main, ["build", "--out", str(tmp_path / "out"), "--lang", lang, "--paper", "letter", "--print-shop"]
    )
    assert result.exit_code == 0, result.output
    rows = _plan_rows(result.output)
    assert {
        "cards.pdf",
        "duplex-calibration.pdf",
        "cards-printshop.pdf",
        "rulebook.pdf",
        "rulebook-booklet.pdf",
    } <= set(rows)
    for name, how in rows.items():
        assert SCALE[lang] in how.replace(" %", "\u00a0%"), (name, how)
        assert SIDES[lang].search(how), (name, how)
        if name != "cards-printshop.pdf":  # a print shop prints on its own stock, at the card's size
            assert "Letter" in how, (name, how)
    total = {"fr": r"Total\u00a0: \d+ feuille\(s\) de papier", "en": r"Total: \d+ sheet\(s\) of paper"}[lang]
    assert re.search(total, result.output)
    if lang == "fr":  # one language for a French facilitator: the plan's own words are French too
        assert "fichier(s) écrit(s) dans" in result.output and "Plan d'impression" in result.output
        assert "à la place de rulebook.pdf" in result.output
        for english in ("Wrote", "Print plan", "sheet(s)", "instead of", "print one or the other"):
            assert english not in result.output, english


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_board_files_say_paper_duplex_and_100_percent(lang: str) -> None:
    data = load_game(REPO)
    for out in board_outputs(data, BuildOptions(out=Path("unused"), lang=lang)):
        assert PAPER.search(out.how_to_print), out
        assert SIDES[lang].search(out.how_to_print), out
        assert SCALE[lang] in out.how_to_print.replace(" %", "\u00a0%"), out


def test_quiet_prints_nothing_and_verbose_prints_steps_and_timings(sample_game: Path, tmp_path: Path, runner) -> None:
    quiet = runner.invoke(main, ["build", "--out", str(tmp_path / "q"), "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""
    verbose = runner.invoke(main, ["build", "--out", str(tmp_path / "v"), "--verbose"])
    assert verbose.exit_code == 0
    assert "building verify...\nbuilding layout...\nbuilding cards..." in verbose.output
    assert "Timings: verify " in verbose.output


@pytest.mark.parametrize("partial", [False, True])
def test_the_tts_line_names_the_folder_the_files_are_in(partial: bool) -> None:
    folder = "tts-partial" if partial else "tts"
    names = ["actors-back.jpg", "actors-1.jpg", "events-back.jpg", "events-1.jpg", "events-2.jpg", "README.txt"]
    outputs = tuple(Output(f"{folder}/{name}", b"x") for name in names)
    report = BuildReport(Path("/tmp/out"), outputs, (), partial)
    lines = plan_lines(report, lang="en")
    assert lines[-1].startswith(f"Tabletop Simulator: 2 deck(s), 5 image(s) in /tmp/out/{folder}/"), lines
    assert lines[-1].endswith(f"{folder}/README.txt)"), lines
    fr = plan_lines(report, lang="fr")[-1]
    assert f"dans /tmp/out/{folder}/" in fr and f"{folder}/README.txt" in fr, fr
