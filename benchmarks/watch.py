"""Benchmark of `mallette watch`: from saving a one-card edit to cards.pdf and that card's PNG rewritten.

    python -m benchmarks.watch [--game DIR] [--edits 5]

Copies the game to a temporary folder, starts `mallette watch --png 150` on it, waits for the first build and
the rulebook, then edits one card's text several times (pausing between edits) and prints, for each edit, the
time from the file being saved to both files being replaced on disk.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CARD, DECK = "regie-quartier", "actors"
VERBOSE = False


def _wait_for(proc: subprocess.Popen[str], pattern: str, timeout: float) -> None:
    end = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("watch stopped")
        if VERBOSE:
            print("   watch:", line.rstrip(), flush=True)
        if re.search(pattern, line):
            return
    raise TimeoutError(pattern)


def main() -> None:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--game", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--verbose", action="store_true", help="Show what watch prints.")
    args = ap.parse_args()
    global VERBOSE
    VERBOSE = args.verbose
    with tempfile.TemporaryDirectory() as tmp:
        game = Path(tmp) / "game"
        for d in ("cards", "rules", "assets"):
            if (args.game / d).is_dir():
                shutil.copytree(args.game / d, game / d)
        out = game / "out"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from mallette_print.cli import main; main()",
                "watch",
                "--game",
                str(game),
                "--out",
                str(out),
                "--png",
                "150",
                "--verbose",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        try:
            _wait_for(proc, r"wrote rulebook", 120)
            deck = game / "cards" / f"{DECK}.yaml"
            pdf, png = out / "cards.pdf", out / "png" / f"{DECK}-{CARD}.png"
            figures = []
            for i in range(args.edits):
                before = (pdf.stat().st_mtime_ns, png.stat().st_mtime_ns)
                text = deck.read_text(encoding="utf-8")
                new = re.sub(r"(entretiennent ensemble le quartier)( \w+)?", rf"\1 v{i}", text, count=1)
                t0 = time.perf_counter()
                deck.write_text(new, encoding="utf-8")
                while (
                    (pdf.stat().st_mtime_ns, png.stat().st_mtime_ns) == before
                    or pdf.stat().st_mtime_ns == before[0]
                    or png.stat().st_mtime_ns == before[1]
                ):
                    time.sleep(0.005)
                    if time.perf_counter() - t0 > 30:
                        raise TimeoutError("no rebuild")
                figures.append(time.perf_counter() - t0)
                print(f"edit {i + 1}: cards.pdf and {png.name} rewritten {figures[-1]:.2f} s after saving", flush=True)
                _wait_for(proc, r"wrote rulebook", 60)  # the designer pauses; the rulebook catches up
            print(
                f"median {statistics.median(figures):.2f} s, max {max(figures):.2f} s over {len(figures)} edits "
                f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
            )
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
