"""A game's own font families (game.yaml `fonts: {families: {name: {regular: ..., bold: ...}}}`), for templates.

Each family is registered with reportlab under names of its own (from the files' contents, so two games in one
process never mix), embedded as a subset like the default family; a style the family lacks is set in its regular.
Texts fitted in such a family are measured with its metrics (draw/textfit.py takes the family). Before a build,
pipeline/verify.py checks that each file is a usable font and that its licence is recorded.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from mallette_print.draw.fonts import FontFamily, fallback_problem, unicode_cmap

STYLES = ("regular", "bold", "italic", "bold_italic")
LICENCE_STEMS = ("ofl", "license", "licence", "copying")


def _names(files: tuple[tuple[str, Path], ...]) -> dict[str, str]:
    digest = hashlib.sha1()
    for style, path in files:
        digest.update(style.encode() + path.read_bytes())
    base = f"GameFont-{digest.hexdigest()[:10]}"
    return {style: f"{base}-{style}" for style, _ in files}


@cache
def _register(files: tuple[tuple[str, Path], ...], stamps: tuple[int, ...]) -> FontFamily:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = _names(files)
    for style, path in files:
        if names[style] not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(names[style], str(path)))
    regular = names["regular"]
    fam = FontFamily(
        regular,
        names.get("bold", regular),
        names.get("italic", regular),
        names.get("bold_italic", names.get("bold", regular)),
    )
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(fam.regular, bold, italic, fam.pick(bool(bold), bool(italic)))
    return fam


def game_family(root: Path, files: dict[str, str]) -> FontFamily:
    """The registered family of a game's font files (style -> path relative to the game folder); a file changed
    since (`mallette watch`) is registered again, under new names."""
    paths = tuple((style, (root / files[style]).resolve()) for style in STYLES if style in files)
    return _register(paths, tuple(p.stat().st_mtime_ns for _, p in paths))


@cache
def _cmap(path: Path, stamp: int) -> frozenset[int]:
    return frozenset(unicode_cmap(path))


def family_coverage(root: Path, files: dict[str, str]) -> frozenset[int]:
    """The code points every style of the family can draw."""
    paths = [(root / p).resolve() for p in files.values()]
    sets = [_cmap(path, path.stat().st_mtime_ns) for path in paths]
    return frozenset.intersection(*sets) if sets else frozenset()


def file_problem(path: Path) -> str | None:
    """Why a font file of a family cannot be used (None when it can)."""
    if not path.is_file():
        return None  # core/validate.py says the file is missing
    return fallback_problem(path)


def licence_recorded(root: Path, path: Path, licence: str | None) -> bool:
    """Whether the licence of a font file is recorded: the family's `licence:` key, the file's name in
    assets/CREDITS (or a translated CREDITS.<lang>), or a licence file beside it (OFL.txt, LICENSE, COPYING...,
    or <font name>.txt / <font name>-OFL.txt)."""
    if licence:
        return True
    assets = root / "assets"
    for credits in sorted(assets.glob("CREDITS*")) if assets.is_dir() else []:
        try:
            if path.name in credits.read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            continue
    for other in path.parent.iterdir():
        low = other.name.lower()
        font_file = other.suffix.lower() in (".ttf", ".otf")
        if other.is_file() and not font_file and low.startswith((*LICENCE_STEMS, path.stem.lower())):
            return True
    return False
