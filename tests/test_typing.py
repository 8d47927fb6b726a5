"""The code type-checks with mypy against reportlab's stubs, and ruff finds nothing to lint or reformat.

The three tools come with the test extra (pip install -e '.[test]'); CI installs it, so none of these skip there.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    if subprocess.run([sys.executable, "-m", args[0], "--version"], capture_output=True).returncode != 0:
        pytest.skip(f"{args[0]} is not installed (pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True)


def test_mypy_clean() -> None:
    proc = _run("mypy", "mallette_print", "benchmarks")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_reportlab_stubs_are_checked() -> None:
    # Without the stubs mypy would see reportlab as Any and pass whatever we call.
    import importlib.util

    assert importlib.util.find_spec("reportlab-stubs") is not None, "types-reportlab is not installed"


def test_ruff_check_clean() -> None:
    proc = _run("ruff", "check", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_clean() -> None:
    proc = _run("ruff", "format", "--check", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr
