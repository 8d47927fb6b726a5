"""Benchmark of the website: `python build.py --site` against one `python build.py`, wall time and CPU time.

    python -m benchmarks.site [--runs 3] [--game DIR] [--jobs N]

Runs one full build and the whole site (every variant, the galleries, the pages and the zips) in turns, `--runs`
times each, each as a new process writing into a new temporary folder, so that both see the same moments of a
shared machine. For each run it prints the wall time and the CPU time (user + system, the worker processes
included: getrusage of the children), then the medians and the ratios site / build. The CPU ratio is the one a
busy machine moves least: when other processes share the cores, the wall times of both grow, not their CPU.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu() -> float:
    """CPU seconds (user + system) used so far by the finished child processes of this one, and theirs."""
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def timed(args: list[str]) -> tuple[float, float]:
    """Run `python build.py ARGS` in a new process; (wall seconds, CPU seconds). Raise if it fails."""
    cpu0, t0 = _cpu(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True, check=False, cwd=ROOT
    )
    wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    if done.returncode:
        raise RuntimeError(f"python build.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return wall, cpu


def main() -> None:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="Runs of each, interleaved.")
    ap.add_argument("--game", type=Path, default=None, help="Game folder (default: this project).")
    ap.add_argument("--jobs", type=int, default=None, help="mallette site --jobs (default: every core).")
    args = ap.parse_args()
    game = ["--game", str(args.game.resolve())] if args.game else []
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    one: list[tuple[float, float]] = []
    site: list[tuple[float, float]] = []
    print(f"cores={os.cpu_count()} runs={args.runs} load={os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            one.append(timed([*game, "--out", f"{tmp}/build-{i}"]))
            site.append(timed([*game, "--site", *jobs, "--out", f"{tmp}/site-{i}"]))
            print(
                f"run {i + 1} build wall={one[-1][0]:.2f} cpu={one[-1][1]:.2f}"
                f" site wall={site[-1][0]:.2f} cpu={site[-1][1]:.2f}"
                f" ratio wall={site[-1][0] / one[-1][0]:.2f} cpu={site[-1][1] / one[-1][1]:.2f}",
                flush=True,
            )
    bw, bc = statistics.median(w for w, _ in one), statistics.median(c for _, c in one)
    sw, sc = statistics.median(w for w, _ in site), statistics.median(c for _, c in site)
    print(f"median build wall={bw:.2f} cpu={bc:.2f} site wall={sw:.2f} cpu={sc:.2f}")
    print(f"ratio wall={sw / bw:.2f} cpu={sc / bc:.2f} load={os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
