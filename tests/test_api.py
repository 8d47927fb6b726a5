"""The public Python API: load_game and build, without the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import mallette_print
from mallette_print import BuildError, DataError, RequestError, build, load_game
from mallette_print.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_loading_a_game_loads_neither_reportlab_nor_click() -> None:
    code = (
        "import sys; from mallette_print import load_game, build; g = load_game(sys.argv[1]); "
        "print(len(g.decks), sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'click', 'svglib'}))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(REPO)], capture_output=True, text=True, check=True).stdout
    assert out.split(" ", 1) == ["6", "[]\n"]


def test_library_errors_know_nothing_of_click() -> None:
    for error in (DataError, BuildError, RequestError):
        assert not any(base.__module__.startswith("click") for base in error.__mro__)


def test_bad_data_raises_data_error_with_every_located_problem(sample_game: Path) -> None:
    deck = sample_game / "cards" / "actors.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace("family:", "familly:", 2), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_game(sample_game)
    located = [p for p in exc.value.problems if p.path.endswith("actors.yaml") and p.line > 0]
    assert len(located) >= 2, exc.value.message
    assert "familly" in exc.value.message


def test_build_writes_what_the_command_line_writes(sample_game: Path, runner, tmp_path: Path) -> None:
    report = build(load_game(sample_game), tmp_path / "api", paper="letter")
    assert sorted(o.name for o in report.outputs) == sorted(p.name for p in (tmp_path / "api").iterdir())
    result = runner.invoke(main, ["build", "--out", str(tmp_path / "cli"), "--paper", "letter", "-q"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "api").iterdir()) and "cards.pdf" in names
    for name in names:
        assert (tmp_path / "api" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_build_refuses_a_language_the_game_does_not_have(sample_game: Path, tmp_path: Path) -> None:
    with pytest.raises(RequestError, match="'de' is not one of the game's languages") as exc:
        build(load_game(sample_game), tmp_path / "out", lang="de")
    assert exc.value.option == "lang"
    assert not (tmp_path / "out").exists()


def test_the_package_exports_its_api() -> None:
    assert {"load_game", "build", "DataError"} <= set(mallette_print.__all__)


def test_the_build_function_is_not_shadowed_by_the_pipeline_package() -> None:
    # Importing a subpackage sets it as an attribute of its parent: a package named `build` would replace the
    # function `mallette_print.build` as soon as anything imported it.
    import mallette_print.pipeline.run

    assert callable(mallette_print.build) and mallette_print.build.__module__ == "mallette_print"
    code = "import mallette_print.pipeline.options, mallette_print; print(callable(mallette_print.build))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "True\n"
