"""SVG files read with a safe XML parser before any renderer sees them.

svglib follows whatever an SVG refers to (`<use xlink:href="other.svg#id">`,
`<image href="...">`, CSS `url(...)`) and expands entities; a file outside the
game folder could then be printed, a bomb expanded, or a huge embedded bitmap
decoded. Here the file is parsed with the standard library's expat, with no
DOCTYPE, entity or processing instruction allowed, every element counted
(the renderer's cost grows with it) and every reference checked: a fragment
of the same file (`#id`) is fine, another SVG file must stay inside the game
folder and pass the same checks in turn, and anything else (http, file:,
data:, @import) is refused, and a `font-family` must be a font's name (svglib
would load `<family>.ttf` from any path). `<image>` is refused whatever it holds: a bitmap
drawn by svglib into a PDF form crashes reportlab (and an embedded one would
skip the pixel limit); a bitmap is used as a card's or the rulebook's image
directly. Every problem names the line of the SVG and what to do.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote
from xml.parsers import expat

# The renderer's time grows with the file: 5000 elements take about 1.5 s more per build, a 1.3 MB path 2.7 s;
# the shipped icons are under 1 KiB and 20 elements. A larger drawing prints as well as a PNG.
MAX_SVG_BYTES = 1024 * 1024
MAX_SVG_ELEMENTS = 5000
MAX_SVG_NESTING = 100  # the renderer recurses into groups: deeper nesting would exhaust Python's stack
MAX_SVG_DEPTH = 3  # files referring to files referring to files
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# A font family is looked up as a file name (`<family>.ttf`, relative to the working folder, or absolute): only plain
# names, never a path.
_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;}]*)", re.IGNORECASE)
_PLAIN_FONT = re.compile(r"^[\w\s,'\"-]*$")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)


class _Refused(Exception):
    """Stops the parse at the first problem (the rest of a hostile file is not read)."""


class _Scanner:
    def __init__(self, path: Path, root: Path | None, depth: int, seen: frozenset[Path]) -> None:
        self.path, self.root, self.depth, self.seen = path, root, depth, seen
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.elements = 0
        self.nesting = 0
        self.style: list[str] | None = None
        p = self.parser
        p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        p.StartDoctypeDeclHandler = self._doctype
        p.EntityDeclHandler = self._entity
        p.ExternalEntityRefHandler = self._external_entity
        p.ProcessingInstructionHandler = self._instruction
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._text

    def refuse(self, msg: str) -> None:
        raise _Refused(f"line {self.parser.CurrentLineNumber}: {msg}")

    def _doctype(self, *_: object) -> None:
        self.refuse("DOCTYPE declarations are refused (they can hide XML bombs or read other files); remove it")

    def _entity(self, *_: object) -> None:
        self.refuse("ENTITY declarations are refused (they can hide XML bombs or read other files); remove them")

    def _external_entity(self, *_: object) -> int:
        self.refuse("external entities are refused; remove them")
        return 0

    def _instruction(self, target: str, _data: str) -> None:
        if target.lower() != "xml":
            self.refuse(f"processing instruction '<?{target}' is refused (a style sheet can read other files)")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > MAX_SVG_ELEMENTS:
            self.refuse(
                f"more than {MAX_SVG_ELEMENTS} elements (each one slows every page it is drawn on); "
                "simplify the drawing (merge paths, remove hidden layers) or export it as a PNG"
            )
        self.nesting += 1
        if self.nesting > MAX_SVG_NESTING:
            self.refuse(f"elements nested more than {MAX_SVG_NESTING} deep; ungroup the drawing")
        tag = name.rsplit(" ", 1)[-1]
        if self.elements == 1 and tag != "svg":
            self.refuse(f"this is not an SVG file (its first element is <{tag}>, not <svg>)")
        if tag == "image":
            self.refuse(
                "<image> (a bitmap inside an SVG) is refused: the renderer cannot draw it in a card or icon; "
                "use the PNG or JPEG file itself as the image, or redraw it as vector shapes"
            )
        for key, value in attrs.items():
            local = key.rsplit(" ", 1)[-1]
            if local in ("href", "src"):
                self.reference(tag, value)
            elif local == "font-family":
                self.font(tag, value)
            elif any(k in value.lower() for k in ("url(", "@import", "font-family")):
                self.css(tag, value)
        if tag == "style":
            self.style = []

    def _end(self, name: str) -> None:
        self.nesting -= 1
        if self.style is not None and name.rsplit(" ", 1)[-1] == "style":
            self.css("style", "".join(self.style))
            self.style = None

    def _text(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)

    def font(self, tag: str, family: str) -> None:
        if not _PLAIN_FONT.match(family.strip()):
            self.refuse(
                f"<{tag}>: font-family '{family.strip()[:60]}' looks like a file path; "
                "name a font (letters, digits, spaces, hyphens) or convert the text to paths"
            )

    def css(self, tag: str, text: str) -> None:
        for m in _FONT_FAMILY.finditer(text):
            self.font(tag, m.group(1))
        if "@import" in text.lower():
            self.refuse(f"<{tag}>: CSS @import is refused (it reads another file); put the styles in the SVG")
        for m in _CSS_URL.finditer(text):
            ref = m.group(2).strip()
            if not ref.startswith("#"):
                self.refuse(f"<{tag}>: CSS url({ref[:60]}) is refused; only url(#id) within the same file is allowed")

    def reference(self, tag: str, value: str) -> None:
        ref = value.strip()
        if ref.startswith("#") or not ref:
            return
        if _SCHEME.match(ref):
            self.refuse(f"<{tag}> refers to '{ref[:60]}'; only files inside the game folder can be used")
        file_part = unquote(ref.split("#", 1)[0].split("?", 1)[0])
        target = self.inside(tag, ref, file_part)
        if target.suffix.lower() != ".svg":
            self.refuse(f"<{tag}> refers to '{ref[:60]}'; only SVG files (or #id in this file) can be referred to")
        why = self.nested(target)
        if why:
            self.refuse(f"<{tag}> refers to '{ref[:60]}': {why}")

    def inside(self, tag: str, ref: str, file_part: str) -> Path:
        if self.root is None:
            self.refuse(f"<{tag}> refers to another file ('{ref[:60]}'); only #id within this file is allowed here")
            raise AssertionError  # refuse() always raises
        raw_part = ref.split("#", 1)[0]
        base = str(self.path.parent)
        try:
            # What a renderer opens (the path joined and normalised as written, then symbolic links followed), and
            # the same with %-escapes decoded or symbolic links followed first: every reading must stay inside.
            opened = Path(os.path.realpath(os.path.normpath(os.path.join(base, raw_part))))
            readings = [opened, (self.path.parent / file_part).resolve(), (self.path.parent / raw_part).resolve()]
        except (OSError, RuntimeError, ValueError):
            self.refuse(f"<{tag}>: cannot resolve '{ref[:60]}'")
            raise AssertionError from None
        root = self.root.resolve()
        if os.path.isabs(raw_part) or os.path.isabs(file_part) or any(root not in r.parents for r in readings):
            self.refuse(
                f"<{tag}> refers to '{ref[:60]}', outside the game folder; "
                "copy what it needs into the game folder or remove the reference"
            )
        if not opened.is_file():
            self.refuse(f"<{tag}> refers to '{ref[:60]}', which is not a file in the game folder")
        return opened

    def nested(self, target: Path) -> str | None:
        if target == self.path.resolve() or target in self.seen:
            return None  # a fragment of a file already being checked: its own checks cover it
        if self.depth >= MAX_SVG_DEPTH:
            return f"SVG files refer to each other more than {MAX_SVG_DEPTH} deep; copy what is needed into one file"
        return svg_problem(target, self.root, self.depth + 1, self.seen | {self.path.resolve()})

    def scan(self, data: bytes) -> None:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as exc:
            raise _Refused(
                f"line {exc.lineno}: this is not a well-formed SVG file ({expat.ErrorString(exc.code)})"
            ) from None
        if self.elements == 0:
            raise _Refused("this is not an SVG file (no <svg> element)")


def svg_problem(
    path: Path,
    root: Path | None,
    depth: int = 0,
    seen: frozenset[Path] = frozenset(),
) -> str | None:
    """Why this SVG file cannot be drawn safely (with the line of the SVG), or None when it is fine.

    `root` is the game folder every referenced file must stay in (None: no other file may be referred to);
    """
    try:
        size = path.stat().st_size
        if size > MAX_SVG_BYTES:
            return (
                f"SVG file too large ({size / 1024 / 1024:.1f} MiB; at most {MAX_SVG_BYTES // (1024 * 1024)} MiB): "
                "simplify the drawing or export it as a PNG"
            )
        data = path.read_bytes()
    except OSError as exc:
        return f"cannot read this SVG: {exc.strerror or exc}"
    try:
        _Scanner(path, root, depth, seen).scan(data)
    except _Refused as exc:
        return str(exc) if depth == 0 else f"{path.name}: {exc}"
    except RecursionError:
        return "elements nested too deep; simplify the drawing"
    return None
