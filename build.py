"""Build the whole kit: `python build.py [options]` is `mallette build [options]` for this project; `python build.py
--site [--out DIR]` is `mallette site`: the kit's website, every variant built and ready to download."""

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
    command = "build"
    if "--site" in args:
        command = "site"
        args = [a for a in args if a != "--site"]
    run([command, *args], prog_name="python build.py")
