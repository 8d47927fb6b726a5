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
from mallette_print.core.errors import SHEET_SUFFIXES, DataError, Problem, problem
from mallette_print.core.model import GameData
from mallette_print.core.sheets import load_deck_file
from mallette_print.core.yamlio import YamlError, load_file
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import BuildOptions


def fallback_fonts(data: GameData) -> tuple[Path, ...]:
    """The fallback fonts game.yaml declares (`fonts: {fallback: [...]}`), as paths, in order."""
    root = Path(data.root)
    return tuple((root / p).resolve() for p in data.game.fonts.fallback)


def data_files(root: Path) -> list[Path]:
    """The YAML files whose texts are printed: cards/*.yaml and the fiches' texts, cards/fiches/*.yaml."""
    return sorted((root / "cards").glob("*.yaml")) + sorted((root / "cards" / "fiches").glob("*.yaml"))


def _game_file(data: GameData) -> Path:
    return Path(data.root) / "cards" / "game.yaml"


def font_problems(data: GameData) -> list[Problem]:
    """Every declared fallback font that cannot be used (not a font, or outlines reportlab cannot embed)."""
    from mallette_print.draw.fonts import fallback_problem

    problems: list[Problem] = []
    for i, path in enumerate(fallback_fonts(data)):
        why = fallback_problem(path)
        if why:
            doc = load_file(_game_file(data))
            line, col = doc.where(("fonts", "fallback", i))
            problems.append(problem(doc.path, line, col, "fonts", why))
    return problems + family_problems(data)


def family_problems(data: GameData) -> list[Problem]:
    """The game's font families (`fonts: {families: ...}`): each file a usable font with its licence recorded, and
    every `font:` a template or element names one of them."""
    from mallette_print.draw.gamefonts import file_problem, licence_recorded

    root = Path(data.root)
    families = data.game.fonts.families
    problems: list[Problem] = []
    doc = load_file(_game_file(data)) if families else None
    for name, family in families.items():
        for style, rel in family.files().items():
            path = (root / rel).resolve()
            why = file_problem(path)
            if why is None and path.is_file() and not licence_recorded(root, path, family.licence):
                why = (
                    f"the licence of {path.name} is not recorded: name the file in assets/CREDITS with its author "
                    f"and licence, put its licence file beside it (OFL.txt, LICENSE...), or give the family a "
                    "'licence:' (a font must allow embedding in PDFs)"
                )
            if why and doc is not None:
                line, col = doc.where(("fonts", "families", name, style))
                problems.append(problem(doc.path, line, col, f"font family '{name}'", why))
    tpl_path = root / "cards" / data.game.templates
    try:
        tdoc = load_file(tpl_path)
    except YamlError:
        return problems
    raw = tdoc.data.get("templates") if isinstance(tdoc.data, dict) else None
    for tname, body in raw.items() if isinstance(raw, dict) else []:
        if not isinstance(body, dict):
            continue
        named: list[tuple[tuple[object, ...], object]] = [(("templates", tname, "font"), body.get("font"))]
        elements = body.get("elements")
        for i, el in enumerate(elements if isinstance(elements, list) else []):
            if isinstance(el, dict):
                named.append((("templates", tname, "elements", i, "font"), el.get("font")))
        for loc, font in named:
            if isinstance(font, str) and font not in families:
                known = ", ".join(sorted(families)) or "none: declare them in game.yaml under fonts: {families: ...}"
                line, col = tdoc.where(loc)
                problems.append(
                    problem(tdoc.path, line, col, f"template '{tname}'", f"unknown font '{font}' (the game's: {known})")
                )
    return problems


def unprintable(data: GameData, langs: list[str]) -> list[Problem]:
    """Characters of the data files and of the rules of `langs` that neither the font nor a fallback can draw."""
    from mallette_print.draw.fonts import FAMILY_NAME, coverage, fallback_coverage

    fallbacks = fallback_fonts(data)
    covered = coverage() | fallback_coverage(fallbacks) if fallbacks else coverage()
    font = FAMILY_NAME
    if fallbacks:
        font += ", nor in the fallback fonts " + ", ".join(p.name for p in fallbacks)
    root = Path(data.root)
    problems: list[Problem] = font_problems(data)
    sheets = {Path(d.source) for d in data.decks if d.source.lower().endswith(SHEET_SUFFIXES)}
    for path in data_files(root) + sorted(sheets):
        try:
            problems += uncovered_in_doc(load_deck_file(path), covered, font)
        except YamlError as exc:  # already reported by the loader; never seen after a successful load
            problems += exc.problems
    for lang in langs:
        rules = root / "rules" / f"{lang}.md"
        if rules.is_file():
            try:
                text = rules.read_text(encoding="utf-8").removeprefix("\ufeff")
            except (OSError, UnicodeDecodeError):
                continue  # the rules loader says why
            problems += unprintable_in_text(rules, text, covered, font, "rulebook")
    return problems


def activate_fonts(data: GameData, langs: list[str]) -> None:
    """Draw from now on with the game's fallback fonts for the characters of its data and rules the family lacks
    (and with the family alone for a game without fallback fonts)."""
    from mallette_print.draw.fonts import fallback_problem, use_fallback

    fallbacks = tuple(p for p in fallback_fonts(data) if fallback_problem(p) is None)
    needed: set[int] = set()
    root = Path(data.root)
    if fallbacks:
        files = [*data_files(root), *(root / "rules" / f"{lang}.md" for lang in langs)]
        for path in files:
            if path.is_file():
                needed |= {ord(ch) for ch in path.read_text(encoding="utf-8", errors="replace")}
    use_fallback(fallbacks, frozenset(needed))


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
    """The build's first stage: `verify` for the language being built, then its fallback fonts in use."""
    verify(data, [opts.lang])
    activate_fonts(data, [opts.lang])
