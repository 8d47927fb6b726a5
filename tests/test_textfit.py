"""Card text markup and French typography."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mallette_print.cli import main
from mallette_print.core.typography import typeset
from mallette_print.draw.textfit import to_markup

REPO = Path(__file__).resolve().parent.parent


def test_french_spacing_uses_no_break_spaces_never_narrow_ones() -> None:
    out = typeset("Attention : « oui » ! Vraiment ?\u202f;", "fr")
    assert out == "Attention\u00a0: «\u00a0oui\u00a0»\u00a0! Vraiment\u00a0?\u00a0;"
    assert "\u202f" not in out


def test_markup_bold_italic_icons_and_escaping() -> None:
    out = to_markup("Gagnez :marchande: 1 **Bénévolat** et *Transition* : a < b", "fr")
    assert "<b>Bénévolat</b>" in out and "<i>Transition</i>" in out and "&lt;" in out
    assert 'label="marchande"' in out and "et <i>Transition</i>\u00a0:" in out
    assert to_markup("Gain: 10:30", "en") == "Gain: 10:30"  # English keeps its spacing, times stay intact


def test_unknown_inline_icon_is_a_located_error(tmp_path: Path) -> None:
    game = tmp_path / "game"
    shutil.copytree(REPO / "tests" / "data" / "sample", game)  # stable texts, whatever the real game becomes
    shutil.copytree(REPO / "assets", game / "assets")
    path = game / "cards" / "events.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'fr: "La *Vitalité sociale* monte de 1."', 'fr: "La :vitalitee: monte de 1."'
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", "--game", str(game), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "events.yaml:" in result.output and "unknown inline icon ':vitalitee:'" in result.output
    assert "did you mean 'vitalite'" in result.output


@pytest.mark.parametrize(
    "text, markup",
    [
        ("**a *b ** c*", "<b>a *b </b> c*"),
        ("*a **b* c**", "*a <b>b* c</b>"),
        ("*a **b** c*", "<i>a <b>b</b> c</i>"),
        ("**x** et *y*", "<b>x</b> et <i>y</i>"),
    ],
)
def test_crossed_stars_give_well_nested_tags_that_reportlab_parses(text: str, markup: str) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from mallette_print.draw.textfit import to_markup

    assert to_markup(text, "en") == markup
    Paragraph(markup, ParagraphStyle("p")).wrap(200, 200)
