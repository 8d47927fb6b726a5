"""The pipeline's stages: layout first (a text that does not fit stops the build before anything is drawn), then
the producers drawing from the layouts kept on the build context."""

from __future__ import annotations

from pathlib import Path

import pytest

from mallette_print.cards.layouts import lay_out_cards
from mallette_print.core.errors import DataError
from mallette_print.core.validate import load_game
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions, Output
from mallette_print.pipeline.registry import Registry, default_registry
from mallette_print.pipeline.run import run_build


def _recording(calls: list[str]) -> Registry:
    reg = Registry()
    reg.add_layout("layout", lay_out_cards)

    def producer(data: object, opts: object, ctx: object) -> list[Output]:
        calls.append("drawn")
        return [Output("x.txt", b"x")]

    reg.add("cards", producer, cards=True)
    return reg


def test_verify_and_layout_run_first_and_are_timed(sample_game: Path, tmp_path: Path) -> None:
    data = load_game(sample_game)
    opts = BuildOptions(out=tmp_path / "out", lang="fr")
    report = run_build(data, opts, default_registry(opts))
    names = [name for name, _ in report.timings]
    # verify: the characters against the font and the rules parsed (pipeline/verify.py), then the card layouts.
    assert names[:3] == ["verify", "layout", "cards"] and names[-1] == "rulebook"


def test_a_text_that_does_not_fit_stops_the_build_before_anything_is_drawn(sample_game: Path, tmp_path: Path) -> None:
    deck = sample_game / "cards" / "actors.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace('fr: "Habitant·es', 'fr: "' + "mot " * 3000 + "Habitant·es", 1), encoding="utf-8")
    data = load_game(sample_game)
    calls: list[str] = []
    with pytest.raises(DataError, match="does not fit"):
        run_build(data, BuildOptions(out=tmp_path / "out", lang="fr"), _recording(calls))
    assert calls == []
    assert not (tmp_path / "out").exists()


def test_the_producers_draw_the_layouts_the_layout_stage_kept(sample_game: Path, tmp_path: Path) -> None:
    from mallette_print.cards import layouts

    data = load_game(sample_game)
    fitted: list[str] = []
    real = layouts._fit_deck

    def counting(ctx, data, deck, *args):  # type: ignore[no-untyped-def]
        fitted.append(deck.id)
        return real(ctx, data, deck, *args)

    layouts._fit_deck = counting  # type: ignore[assignment]
    try:
        opts = BuildOptions(out=tmp_path / "out", lang="fr", print_shop=True, png_dpi=40)
        run_build(data, opts, default_registry(opts), ctx=BuildContext())
    finally:
        layouts._fit_deck = real  # type: ignore[assignment]
    # Each deck fitted once for the sheets, the print-shop file, the PNGs and the rulebook's anatomy figure.
    assert sorted(fitted) == sorted(d.id for d in data.decks)
