"""Build the whole kit: `python build.py [options]` is `mallette build [options]` for this project."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mallette_print.cli import run

if __name__ == "__main__":
    args = sys.argv[1:]
    if (
        "--game" not in args
        and not any(a.startswith("--game=") for a in args)
        and not {"-h", "--help", "--version"} & set(args)
    ):
        args = ["--game", str(Path(__file__).resolve().parent), *args]
    run(["build", *args], prog_name="python build.py")
