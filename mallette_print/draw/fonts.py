"""The fonts every output uses, registered once, always embedded (never a base-14 font).

The default family is Atkinson Hyperlegible (OFL-1.1), shipped by the PyPI
package fontpkg-atkinson-hyperlegible, so a build never depends on fonts
installed on the machine. A game may name its own regular TTF in game.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path


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
