"""The fonts every output uses, registered once, always embedded (never a base-14 font).

The default family is Atkinson Hyperlegible (OFL-1.1), shipped by the PyPI
package fontpkg-atkinson-hyperlegible, so a build never depends on fonts
installed on the machine. A game may name its own regular TTF in game.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from struct import error as struct_error
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont


@dataclass(frozen=True)
class FontFamily:
    """Registered reportlab font names for the four styles."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    def pick(self, bold: bool = False, italic: bool = False) -> str:
        """The font name for a style."""
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


def atkinson_files() -> dict[str, Path]:
    """The four Atkinson Hyperlegible TTF files from the installed package."""
    import fontpkg_atkinson_hyperlegible as pkg

    folder = Path(pkg.__file__).parent / "files"
    return {
        "regular": folder / "AtkinsonHyperlegible-Regular.ttf",
        "bold": folder / "AtkinsonHyperlegible-Bold.ttf",
        "italic": folder / "AtkinsonHyperlegible-Italic.ttf",
        "bold_italic": folder / "AtkinsonHyperlegible-BoldItalic.ttf",
    }


@cache
def register_family(name: str = "Atkinson") -> FontFamily:
    """Register the default family with reportlab (once per process) and return its names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files = atkinson_files()
    fam = FontFamily(f"{name}", f"{name}-Bold", f"{name}-Italic", f"{name}-BoldItalic")
    for style, font_name in (
        ("regular", fam.regular),
        ("bold", fam.bold),
        ("italic", fam.italic),
        ("bold_italic", fam.bold_italic),
    ):
        pdfmetrics.registerFont(TTFont(font_name, str(files[style])))
    pdfmetrics.registerFontFamily(
        fam.regular, normal=fam.regular, bold=fam.bold, italic=fam.italic, boldItalic=fam.bold_italic
    )
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(fam.regular, bold, italic, fam.pick(bool(bold), bool(italic)))
    return fam


FAMILY_NAME = "Atkinson Hyperlegible"


@cache
def coverage() -> frozenset[int]:
    """The code points every style of the default family can draw (read from the fonts' character maps)."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    sets = [set(TTFontFace(str(path)).charToGlyph) for path in atkinson_files().values()]
    return frozenset(set.intersection(*sets))


# --- fallback fonts (game.yaml `fonts: {fallback: [...]}`) -------------------------------------------------
#
# A character the family lacks is drawn with the glyph of the first fallback font that has it. The glyphs the game
# needs are copied (outlines scaled to the family's em, hinting dropped) into a copy of each style of the family,
# registered under the family's own names: every text path of every output (paragraphs, labels, widths measured
# for fitting) then uses them without knowing. Only the characters the data holds are copied, so a large fallback
# (a CJK font) costs nothing more than what is printed. Without a fallback, the family's files are used as they are.

_ACTIVE: list[tuple[tuple[Path, ...], frozenset[int]]] = [((), frozenset())]


def fallback_problem(path: Path) -> str | None:
    """Why a fallback font file cannot be used (None when it can): reportlab embeds TrueType outlines only."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFace

    try:
        TTFontFace(str(path))
    except TTFError as exc:
        return f"{path.name} cannot be used as a font: {exc} (a TrueType .ttf, or an .otf with TrueType outlines)"
    except (OSError, ValueError, IndexError, KeyError, struct_error) as exc:
        return f"{path.name} is not a readable font file ({type(exc).__name__})"
    return None


def unicode_cmap(path: Path) -> dict[int, str]:
    """Code point -> glyph name, from every Unicode character map of a font file."""
    from fontTools.ttLib import TTFont as FontFile

    out: dict[int, str] = {}
    for table in FontFile(str(path), lazy=True)["cmap"].tables:
        if table.isUnicode():
            out.update(table.cmap)
    return out


def fallback_coverage(paths: tuple[Path, ...]) -> frozenset[int]:
    """The code points the fallback fonts can draw (the readable ones; `fallback_problem` says about the others)."""
    out: set[int] = set()
    for path in paths:
        if fallback_problem(path) is None:
            out |= set(unicode_cmap(path))
    return frozenset(out)


def _merged(base: Path, fallbacks: tuple[Path, ...], needed: frozenset[int]) -> bytes:
    """The base font with the glyphs of `needed` it lacks, taken from the first fallback that has each."""
    from io import BytesIO

    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont as FontFile
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    font = FontFile(str(base))
    have = font.getBestCmap()
    order = list(font.getGlyphOrder())
    glyf, hmtx = font["glyf"], font["hmtx"]
    added: dict[int, str] = {}
    for path in fallbacks:
        other = FontFile(str(path))
        cmap, glyphs = unicode_cmap(path), other.getGlyphSet()
        scale = font["head"].unitsPerEm / other["head"].unitsPerEm
        for cp in sorted(needed):
            if cp in have or cp in added or cp not in cmap:
                continue
            recorded = DecomposingRecordingPen(glyphs)
            glyphs[cmap[cp]].draw(recorded)
            pen = TTGlyphPen(None)
            recorded.replay(TransformPen(pen, (scale, 0, 0, scale, 0, 0)))
            name = f"fallback.u{cp:04X}"
            glyph = pen.glyph()
            glyph.recalcBounds(glyf)
            glyf.glyphs[name] = glyph
            order.append(name)
            hmtx.metrics[name] = (round(other["hmtx"][cmap[cp]][0] * scale), getattr(glyph, "xMin", 0))
            added[cp] = name
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap.update({cp: n for cp, n in added.items() if cp <= 0xFFFF or table.format in (12, 13)})
    if any(cp > 0xFFFF for cp in added) and not any(t.format == 12 for t in font["cmap"].tables):
        wide = CmapSubtable.newSubtable(12)
        wide.platformID, wide.platEncID, wide.language = 3, 10, 0
        wide.cmap = {**have, **added}
        font["cmap"].tables.append(wide)
    for tag in ("hdmx", "LTSH", "VDMX", "kern"):  # per-glyph tables that would no longer match
        if tag in font:
            del font[tag]
    if "post" in font:
        font["post"].formatType = 3.0  # no glyph names to keep in step
    out = BytesIO()
    font.save(out)
    return out.getvalue()


@cache
def _style_font(font_name: str, style: str, fallbacks: tuple[Path, ...], needed: frozenset[int]) -> TTFont:
    from io import BytesIO

    from reportlab.pdfbase.ttfonts import TTFont

    path = atkinson_files()[style]
    if not fallbacks or not needed:
        return TTFont(font_name, str(path))
    data = BytesIO(_merged(path, fallbacks, needed))
    data.name = f"{path.stem}+fallback"  # type: ignore[attr-defined]
    return TTFont(font_name, data)


def use_fallback(fallbacks: tuple[Path, ...] = (), needed: frozenset[int] = frozenset()) -> FontFamily:
    """Draw the family with the fallback fonts' glyphs for `needed` (characters it lacks) from now on; with no
    fallback or nothing needed, the family's own files. Returns the family (same names either way)."""
    from reportlab.pdfbase import pdfmetrics

    fam = register_family()
    needed = frozenset(needed) - coverage() if fallbacks else frozenset()
    key = (tuple(fallbacks), needed) if needed else ((), frozenset())
    if key == _ACTIVE[0]:
        return fam
    for style, font_name in (
        ("regular", fam.regular),
        ("bold", fam.bold),
        ("italic", fam.italic),
        ("bold_italic", fam.bold_italic),
    ):
        font = _style_font(font_name, style, *key)
        # registerFont keeps the first font registered under a name: the registry is replaced by hand (the same
        # names, so every drawing module and every registered family mapping draws with it).
        pdfmetrics._fonts[font_name] = font  # type: ignore[attr-defined]
        pdfmetrics._dynFaceNames[font.face.name] = font  # type: ignore[attr-defined]
    _ACTIVE[0] = key
    return fam
