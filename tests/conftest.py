"""Shared fixtures: a small real sample game copied into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def sample_game(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/data/sample with the project's assets, as the working folder."""
    game = tmp_path / "game"
    shutil.copytree(DATA / "sample", game)
    shutil.copytree(REPO / "assets", game / "assets")
    monkeypatch.chdir(game)
    return game


@pytest.fixture
def runner() -> CliRunner:
    """A click runner."""
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real project's game (cards, assets, rules) as the working folder."""
    game = tmp_path / "game"
    for sub in ("cards", "assets", "rules"):
        shutil.copytree(REPO / sub, game / sub)
    monkeypatch.chdir(game)
    return game
