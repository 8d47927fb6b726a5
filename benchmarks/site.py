"""Benchmark of the website: `python build.py --site` against one `python build.py`, wall time and CPU time.

    python -m benchmarks.site [--runs 3] [--game DIR] [--jobs N] [--compare CHECKOUT]

Runs one full build and the whole site (every variant, the galleries, the pages and the zips) in turns, `--runs`
times each, each as a new process writing into a new temporary folder, so that both see the same moments of a
shared machine. For each run it prints the wall time and the CPU time (user + system, the worker processes
included: getrusage of the children), then the medians and the ratios site / build. The CPU ratio is the one a
busy machine moves least: when other processes share the cores, the wall times of both grow, not their CPU.

`--compare CHECKOUT` times another checkout of the project (an earlier commit, in a git worktree) the same way,
in the same turns (its `build.py`, with its own code), and prints its figures beside.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
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


def timed(args: list[str], root: Path = ROOT) -> tuple[float, float]:
    """Run `python build.py ARGS` of a checkout in a new process; (wall seconds, CPU seconds). Raise if it fails."""
    cpu0, t0 = _cpu(), time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(root)}  # the checkout's own package, whatever the venv installed
    done = subprocess.run(
        [sys.executable, str(root / "build.py"), *args], capture_output=True, text=True, check=False, cwd=root, env=env
    )
    wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    if done.returncode:
        raise RuntimeError(f"python build.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return wall, cpu


def _report(name: str, one: list[tuple[float, float]], site: list[tuple[float, float]]) -> None:
    bw, bc = statistics.median(w for w, _ in one), statistics.median(c for _, c in one)
    sw, sc = statistics.median(w for w, _ in site), statistics.median(c for _, c in site)
    print(f"{name}median build wall={bw:.2f} cpu={bc:.2f} site wall={sw:.2f} cpu={sc:.2f}")
    print(f"{name}ratio wall={sw / bw:.2f} cpu={sc / bc:.2f}")


def main() -> None:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="Runs of each, interleaved.")
    ap.add_argument("--game", type=Path, default=None, help="Game folder (default: this project).")
    ap.add_argument("--jobs", type=int, default=None, help="mallette site --jobs (default: every core).")
    ap.add_argument("--compare", type=Path, default=None, help="Another checkout, timed in the same turns.")
    args = ap.parse_args()
    game = ["--game", str(args.game.resolve())] if args.game else []
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    roots = {"": ROOT} | ({"compare ": args.compare.resolve()} if args.compare else {})
    one: dict[str, list[tuple[float, float]]] = {name: [] for name in roots}
    site: dict[str, list[tuple[float, float]]] = {name: [] for name in roots}
    print(f"cores={os.cpu_count()} runs={args.runs} load={os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            for name, root in roots.items():
                one[name].append(timed([*game, "--out", f"{tmp}/build-{i}"], root))
                site[name].append(timed([*game, "--site", *jobs, "--out", f"{tmp}/site-{i}"], root))
                (bw, bc), (sw, sc) = one[name][-1], site[name][-1]
                print(
                    f"{name}run {i + 1} build wall={bw:.2f} cpu={bc:.2f} site wall={sw:.2f} cpu={sc:.2f}"
                    f" ratio wall={sw / bw:.2f} cpu={sc / bc:.2f}",
                    flush=True,
                )
                shutil.rmtree(f"{tmp}/build-{i}", ignore_errors=True)
                shutil.rmtree(f"{tmp}/site-{i}", ignore_errors=True)
    for name in roots:
        _report(name, one[name], site[name])
    print(f"load={os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
