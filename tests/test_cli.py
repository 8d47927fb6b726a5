"""The command line: exit codes, version, summary, and the build.py wrapper."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mallette_print import __version__
from mallette_print.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_version(runner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_check_summary_of_sample(sample_game: Path, runner) -> None:
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "actors" in result.output
    assert "4 cards,   4 printed" in result.output
    assert "Languages: fr, en (default fr)" in result.output
    assert "Fiches referenced: 11 of 13" in result.output


def test_bad_usage_exits_2(sample_game: Path, runner) -> None:
    assert runner.invoke(main, ["build", "--paper", "a5"]).exit_code == 2
    assert runner.invoke(main, ["nonsense"]).exit_code == 2
    result = runner.invoke(main, ["build", "--lang", "de", "--out", "o"])
    assert result.exit_code == 2
    assert "'de' is not one of the game's languages: fr, en" in result.output


def test_real_project_checks() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mallette_print.cli", "check", "--game", str(REPO)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert "the data is valid" in proc.stdout


def test_build_py_wrapper_reports_bad_data_with_exit_1(sample_game: Path, tmp_path: Path) -> None:
    (sample_game / "cards" / "actors.yaml").write_text("id: [\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--game", str(sample_game), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        cwd=sample_game,
    )
    assert proc.returncode == 1
    assert "cards/actors.yaml:2:1: YAML syntax error" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "o").exists()
