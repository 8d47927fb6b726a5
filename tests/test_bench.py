"""The benchmark runs the real pipeline on a small synthetic deck and prints its figures in a fixed format."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from pypdf import PdfReader


def test_bench_on_20_cards(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.cards", "--cards", "20", "--out", str(tmp_path), "--repeat", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"cards=20 seconds=\d+\.\d{3} peak_rss_mb=\d+\.\d pdf_kib=\d+", lines[0])
    assert re.fullmatch(r"stages load=[\d.]+ validate=[\d.]+ layout=[\d.]+ render=[\d.]+ write=[\d.]+", lines[1])
    assert re.fullmatch(r"pages=\d+ kib_per_page=[\d.]+", lines[2])
    assert re.fullmatch(r"floor seconds=[\d.]+ ratio=[\d.]+", lines[3])
    # The one-time cost of a fresh process is measured on a small deck before the timed runs, and said.
    assert re.match(r"first_build cards=18 seconds=\d+\.\d{3} ", lines[4])
    reader = PdfReader(tmp_path / "cards.pdf")
    # Instruction page and its back, then 20 cards at 9 per A4 sheet: 3 sheets of fronts, each with its backs.
    assert len(reader.pages) == 2 + 3 * 2
    assert "r00019" in "".join(page.extract_text() for page in reader.pages)
    # The floor draws what the pipeline draws: the same card pages (it leaves out only the instruction page and
    # its back), each close to the pipeline's at 50 dpi, while two different pages are far apart.
    cards, floor = pdfium.PdfDocument(tmp_path / "cards.pdf"), pdfium.PdfDocument(tmp_path / "floor.pdf")
    try:
        assert len(floor) == len(cards) - 2

        def grey(doc: pdfium.PdfDocument, i: int) -> np.ndarray:
            return np.asarray(doc[i].render(scale=50 / 72).to_pil().convert("L"), dtype=float)

        for i in range(len(floor)):
            same = np.abs(grey(cards, i + 2) - grey(floor, i)).mean()
            other = np.abs(grey(cards, 2 + (i + 1) % len(floor)) - grey(floor, i)).mean()
            assert same < 4.0 and other > 5 * same, (i, same, other)
    finally:
        cards.close()
        floor.close()
