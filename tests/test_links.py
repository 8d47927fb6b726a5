"""Links in the rulebook: only http, https and mailto are made live; every other one is a located error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mallette_print.cli import main
from mallette_print.core.errors import DataError
from mallette_print.rulebook import source as rs

HOSTILE_LINKS = [
    "smb://server/share",
    "launch:calc.exe",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "../../etc/passwd",
    "regles.pdf",
    "#but-du-jeu",
    "vbscript:msgbox(1)",
    "data:text/html,hello",
    "https://le-mes.org/%22%20x",  # fine: percent-encoded
]


def _parse(text: str, tmp_path: Path) -> rs.RulesDoc:
    return rs.parse(text, tmp_path / "rules" / "fr.md", tmp_path, "fr", {})


@pytest.mark.parametrize("href", HOSTILE_LINKS[:-1])
@pytest.mark.parametrize("form", ["[texte]({})", "<{}>"])
def test_a_link_elsewhere_than_the_web_or_mail_is_refused_at_its_line(form: str, href: str, tmp_path: Path) -> None:
    if form == "<{}>" and ":" not in href:
        pytest.skip("an autolink needs a scheme")
    with pytest.raises(DataError) as err:
        _parse("# Titre\n\nDu texte.\n\nVoir " + form.format(href) + " ici.\n", tmp_path)
    (p,) = err.value.problems
    assert p.line == 5 and p.path.endswith("fr.md")
    assert "only http://, https:// and mailto: links" in p.message


def test_web_and_mail_links_stay_live(tmp_path: Path) -> None:
    doc = _parse("[site](https://le-mes.org/a?b=1) [mail](mailto:contact@le-mes.org) " + HOSTILE_LINKS[-1], tmp_path)
    para = doc.blocks[0]
    assert isinstance(para, rs.Para)
    assert {s.href for s in para.spans} == {"https://le-mes.org/a?b=1", "mailto:contact@le-mes.org", None}


@pytest.mark.parametrize("href", ["https://", "mailto:personne", "http:///chemin"])
def test_a_malformed_web_or_mail_link_is_refused(href: str, tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        _parse(f"[x](<{href}>)\n", tmp_path)
    assert err.value.problems[0].line == 1


def test_quotes_and_spaces_in_a_link_are_percent_encoded_before_any_attribute(tmp_path: Path) -> None:
    doc = _parse('[x](<https://le-mes.org/a" fontSize="60>)\n', tmp_path)
    para = doc.blocks[0]
    assert isinstance(para, rs.Para)
    assert para.spans[0].href == "https://le-mes.org/a%22%20fontSize=%2260"


def test_check_reports_a_bad_link_in_the_rules(project: Path) -> None:
    rules = project / "rules" / "en.md"
    lines = rules.read_text(encoding="utf-8").split("\n")
    lines.insert(4, "See [the share](smb://server/share).")
    rules.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "rules/en.md:5:1: rulebook: link to 'smb://server/share'" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "text, message",
    [
        ("".join("  " * i + "- x\n" for i in range(200)), "nested more than 6 levels"),
        (">" * 5000 + " x\n", "nested more than 6 levels"),
        ("```\n" + "ligne\n" * 3000 + "```\n", "code block of 3000 lines"),
        ("du texte \u202e à l'envers\n", "U+202E (RIGHT-TO-LEFT OVERRIDE) cannot be printed"),
        ("un nul \x00 ici\n", "U+0000 (control character) cannot be printed"),
        ("## " + "mot " * 8000 + "\n", "heading of 31999 characters (at most 200)"),
        ("| a | b |\n|---|---|\n| " + "mot " * 20000 + " | x |\n", "table cell of 79999 characters (at most 1000"),
    ],
)
def test_rules_too_deep_too_long_or_with_controls_are_located_errors(text: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        _parse("# Titre\n\n" + text, tmp_path)
    assert message in str(err.value)
    assert err.value.problems[0].line >= 3  # where the block (or the too-deep level) starts
