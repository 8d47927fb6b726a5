"""Checks that need the fonts or the rules parser, shared by `mallette check` and the build's first stage.

core/ validates the data without reportlab; what depends on how the game is printed is checked here, before
anything is drawn, so that `mallette check` reports what `mallette build` would refuse:

- every character of the data and of the rules is one the font can draw (not an empty box on paper);
- the rules of each language parse: placeholders, links (http, https, mailto only), nesting, code blocks;
- every SVG the game may draw (its icons, the SVGs its files name) can be drawn.
"""

from __future__ import annotations

from pathlib import Path

from mallette_print.core.charset import uncovered_in_doc, unprintable_in_text
from mallette_print.core.errors import DataError, Problem
from mallette_print.core.model import GameData
from mallette_print.core.yamlio import YamlError, load_file
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions


def unprintable(data: GameData, langs: list[str]) -> list[Problem]:
    """Characters of the data files and of the rules of `langs` that the font cannot draw."""
    from mallette_print.draw.fonts import FAMILY_NAME, coverage

    covered = coverage()
    root = Path(data.root)
    problems: list[Problem] = []
    for path in sorted((root / "cards").glob("*.yaml")) + sorted((root / "cards" / "fiches").glob("*.yaml")):
        try:
            problems += uncovered_in_doc(load_file(path), covered, FAMILY_NAME)
        except YamlError as exc:  # already reported by the loader; never seen after a successful load
            problems += exc.problems
    for lang in langs:
        rules = root / "rules" / f"{lang}.md"
        if rules.is_file():
            try:
                text = rules.read_text(encoding="utf-8").removeprefix("\ufeff")
            except (OSError, UnicodeDecodeError):
                continue  # the rules loader says why
            problems += unprintable_in_text(rules, text, covered, FAMILY_NAME, "rulebook")
    return problems


def svg_problems(data: GameData) -> list[Problem]:
    """Every SVG the game may draw that cannot be drawn: the icons, and the SVGs the data or the rules name."""
    from mallette_print.draw.svg import svg_problems as problems_of

    root = Path(data.root)
    texts = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in [*sorted((root / "cards").glob("*.yaml")), *sorted((root / "rules").glob("*.md"))]
        if p.is_file()
    )
    assets = root / "assets"
    found = sorted(assets.rglob("*.svg"))[:2000] if assets.is_dir() else []
    problems: list[Problem] = []
    for svg in found:
        rel = svg.relative_to(root).as_posix()
        if svg.is_file() and (svg.parent == assets / "icons" or rel in texts):
            problems += problems_of(svg)
    return problems


def rules_problems(data: GameData, langs: list[str]) -> list[Problem]:
    """Every problem of the rules of `langs` (placeholders, links, nesting, code blocks)."""
    from mallette_print.rulebook.story import load_text

    problems: list[Problem] = []
    for lang in langs:
        try:
            load_text(data, lang)
        except DataError as exc:
            problems += exc.problems
    return problems


def verify(data: GameData, langs: list[str]) -> None:
    """Raise one DataError with every unprintable character and every problem of the rules."""
    problems = unprintable(data, langs) + rules_problems(data, langs) + svg_problems(data)
    if problems:
        raise DataError(problems)


def verify_build(data: GameData, opts: BuildOptions, ctx: BuildContext) -> None:
    """The build's first stage: `verify` for the language being built."""
    verify(data, [opts.lang])
