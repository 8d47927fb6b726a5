"""rules/<lang>.md -> a small typed model of blocks and inline spans, placeholders filled from the data.

markdown-it-py parses the Markdown (CommonMark plus tables and strikethrough);
we keep only what a rulebook needs: headings, paragraphs, lists, tables,
quotes, images, rules, code. Placeholders `{{name}}` are replaced in the raw
text *before* parsing, so every unknown name is reported with its exact
`file:line:col`, and substituted values are Markdown-escaped so a title with
a `*` in it stays text. A line holding only `{{components}}` (or another
generated section's name) places that section there.

This module never imports reportlab: the renderer turns the model into
flowables.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from mallette_print.core.assets import asset_problem
from mallette_print.core.charset import FORBIDDEN, forbidden_message
from mallette_print.core.checks import url_problem
from mallette_print.core.diagnostics import closest
from mallette_print.core.errors import DataError, Problem, problem
from mallette_print.core.typography import quotes, typeset
from mallette_print.rulebook.rules_model import (
    Block,
    Code,
    Heading,
    Image,
    Inline,
    ListBlock,
    Para,
    Quote,
    Rule,
    RulesDoc,
    SectionSlot,
    Span,
    Table,
)

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
# Generated sections a `{{name}}` line may place; every other one gets a default place.
SECTIONS = ("components", "anatomy", "facilitator", "fiches", "print", "credits", "setup_sets")
_SECTION_LINE = re.compile(r"^\s*\{\{\s*(" + "|".join(SECTIONS) + r")\s*\}\}\s*$")
# Lists and quotes inside one another: each level takes width from the page (past this, nothing fits).
MAX_NESTING = 6
# A heading and a table cell are never cut across pages: past these lengths one may not fit on a page (A5).
MAX_HEADING_CHARS = 200
MAX_CELL_CHARS = 1000
# A code block is set in one box, which cannot break across pages.
MAX_CODE_LINES = 60
# The only links a PDF may make live: a link elsewhere (smb:, file:, launch:, a relative path) would make a PDF
# reader open a share, a file or a program.
LINK_SCHEMES = ("http", "https", "mailto")
_MAILTO = re.compile(r"mailto:[^\s\"'<>\\^`{|}]+@[^\s\"'<>\\^`{|}]+")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")
# 256 KiB: 17 times the shipped French rules, over a hundred pages of text; the layout's time and memory grow with
# the text (a 55 MB file took minutes and gigabytes), and a rulebook this long belongs in several files or a site.
MAX_RULES_BYTES = 256 * 1024


def escape_markdown(value: str) -> str:
    """Backslash-escape Markdown punctuation so a substituted value stays plain text."""
    return _MD_SPECIAL.sub(r"\\\1", value)


def substitute(text: str, values: dict[str, str], path: Path) -> str:
    """Fill `{{name}}` placeholders; every unknown name is a problem at its file:line:col."""
    problems: list[Problem] = []
    out: list[str] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        m = _SECTION_LINE.match(line)
        if m:
            out.append(f"<!--mallette:{m.group(1)}-->")
            continue

        def repl(match: re.Match[str], lineno: int = lineno) -> str:
            name = match.group(1)
            if name in values:
                return escape_markdown(values[name])
            col = match.start() + 1
            if name in SECTIONS:
                msg = f"'{{{{{name}}}}}' is a generated section: put it alone on its own line"
            else:
                near = closest(name, sorted(set(values) | set(SECTIONS)))
                hint = f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""
                msg = (
                    f"unknown placeholder '{{{{{name}}}}}'{hint}; known: see docs/designers.md, 'Rulebook placeholders'"
                )
            problems.append(problem(path, lineno, col, "rulebook", msg))
            return match.group(0)

        out.append(PLACEHOLDER.sub(repl, line))
    if problems:
        raise DataError(problems)
    return "\n".join(out)


def parser(lang: str) -> MarkdownIt:
    """The Markdown parser: CommonMark, tables, strikethrough, typographic quotes for the language."""
    md = MarkdownIt("commonmark", {"typographer": True, "quotes": list(quotes(lang))}).enable(
        ["table", "strikethrough", "replacements", "smartquotes"]
    )
    # markdown-it leaves a javascript:, vbscript:, file: or data: link as bracketed text; every link reaches
    # _Builder.link instead, which refuses all but http(s) and mailto with the line where it is written.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


class _Builder:
    """Walks markdown-it tokens into blocks, collecting located problems."""

    def __init__(self, path: Path, root: Path, lang: str) -> None:
        self.path, self.root, self.lang = path, root, lang
        self.problems: list[Problem] = []

    def err(self, line: int, msg: str) -> None:
        self.problems.append(problem(self.path, line, 1, "rulebook", msg))

    def inline(self, tok: Token, line: int) -> Inline:
        spans: list[Span] = []
        bold = italic = strike = 0
        href: list[str] = []
        for ch in tok.children or []:
            t = ch.type
            if t == "text":
                text = typeset(ch.content, self.lang)
                spans.append(Span(text, bold > 0, italic > 0, strike > 0, False, href[-1] if href else None))
            elif t == "code_inline":
                spans.append(Span(ch.content, bold > 0, italic > 0, strike > 0, True, href[-1] if href else None))
            elif t == "softbreak":
                spans.append(Span(" "))
            elif t == "hardbreak":
                spans.append(Span("", linebreak=True))
            elif t in ("strong_open", "strong_close"):
                bold += 1 if t.endswith("open") else -1
            elif t in ("em_open", "em_close"):
                italic += 1 if t.endswith("open") else -1
            elif t in ("s_open", "s_close"):
                strike += 1 if t.endswith("open") else -1
            elif t == "link_open":
                href.append(self.link(str(ch.attrs.get("href", "")), line))
            elif t == "link_close":
                href.pop()
            elif t == "image":
                self.err(line, "an image must stand alone in its own paragraph: ![text](assets/file.png)")
            elif t == "html_inline" and not ch.content.startswith("<!--"):
                self.err(line, f"raw HTML is not supported in the rulebook, got {ch.content[:30]!r}")
        return tuple(s for s in spans if s.text or s.linebreak)

    def link(self, href: str, line: int) -> str:
        """A link's address, refused (a located problem) unless http(s) or mailto and printable as it is."""
        scheme = href.split(":", 1)[0].lower() if ":" in href else ""
        if scheme not in LINK_SCHEMES:
            self.err(
                line,
                f"link to '{href[:60]}': only http://, https:// and mailto: links can be printed in the rulebook; "
                "write a full web address, or the text without a link",
            )
        elif scheme == "mailto":
            if not _MAILTO.fullmatch(href):
                self.err(line, f"link to '{href[:60]}': expected mailto:name@example.org")
        else:
            why = url_problem(href)
            if why:
                self.err(line, f"link: {why}")
        return href

    def image(self, tok: Token, line: int) -> Image | None:
        src = str(tok.attrs.get("src", ""))
        alt = "".join(c.content for c in tok.children or [])
        candidate = (self.root / src).resolve() if not src.startswith(("/", "\\")) else None
        if candidate is None or self.root.resolve() not in candidate.parents:
            self.err(line, f"image '{src}' must be a path inside the game folder, e.g. assets/plateau.png")
            return None
        if candidate.suffix.lower() not in (".png", ".jpg", ".jpeg", ".svg"):
            self.err(line, f"image '{src}': expected a .png, .jpg or .svg file")
            return None
        if not candidate.is_file():
            self.err(line, f"image not found: '{src}' (paths are relative to the game folder)")
            return None
        why = asset_problem(candidate, self.root.resolve())  # the same checks as a card's image
        if why:
            self.err(line, f"image '{src}': {why}")
            return None
        return Image(candidate, alt, line)

    def blocks(self, toks: list[Token], i: int, stop: str | None, depth: int = 0) -> tuple[list[Block], int]:
        out: list[Block] = []
        while i < len(toks):
            tok = toks[i]
            line = (tok.map[0] + 1) if tok.map else 0
            t = tok.type
            if stop is not None and t == stop:
                return out, i + 1
            if t == "heading_open":
                heading = Heading(int(tok.tag[1]), self.inline(toks[i + 1], line), line)
                if len(heading.text) > MAX_HEADING_CHARS:
                    self.err(
                        line, f"heading of {len(heading.text)} characters (at most {MAX_HEADING_CHARS}): shorten it"
                    )
                out.append(heading)
                i += 3
            elif t == "paragraph_open":
                inl = toks[i + 1]
                kids = [
                    c
                    for c in inl.children or []
                    if not (c.type == "softbreak" or (c.type == "text" and not c.content.strip()))
                ]
                if kids and all(c.type == "image" for c in kids):
                    out.extend(img for c in kids if (img := self.image(c, line)) is not None)
                else:
                    out.append(Para(self.inline(inl, line), line))
                i += 3
            elif t in ("bullet_list_open", "ordered_list_open", "blockquote_open") and depth >= MAX_NESTING:
                self.err(
                    line,
                    f"lists and quotes nested more than {MAX_NESTING} levels deep: the page is too narrow for them; "
                    "flatten them",
                )
                i = self.skip(toks, i)
            elif t in ("bullet_list_open", "ordered_list_open"):
                start = int(tok.attrs.get("start", 1) or 1)
                close = t.replace("_open", "_close")
                items: list[tuple[Block, ...]] = []
                i += 1
                while toks[i].type != close:
                    item, i = self.blocks(toks, i + 1, "list_item_close", depth + 1)
                    items.append(tuple(item))
                out.append(ListBlock(t.startswith("ordered"), start, tuple(items)))
                i += 1
            elif t == "table_open":
                table, i = self.table(toks, i, line)
                out.append(table)
            elif t == "blockquote_open":
                inner, i = self.blocks(toks, i + 1, "blockquote_close", depth + 1)
                out.append(Quote(tuple(inner)))
            elif t in ("fence", "code_block"):
                code = tok.content.rstrip("\n")
                if code.count("\n") >= MAX_CODE_LINES:
                    self.err(
                        line,
                        f"code block of {code.count(chr(10)) + 1} lines (at most {MAX_CODE_LINES}: it cannot break "
                        "across pages); split it or write it as paragraphs",
                    )
                out.append(Code(code))
                i += 1
            elif t == "hr":
                out.append(Rule())
                i += 1
            elif t == "html_block":
                m = re.match(r"<!--mallette:(\w+)-->", tok.content.strip())
                if m:
                    out.append(SectionSlot(m.group(1), line))
                elif not tok.content.lstrip().startswith("<!--"):
                    self.err(line, "raw HTML is not supported in the rulebook (use Markdown)")
                i += 1
            else:
                i += 1
        return out, i

    @staticmethod
    def skip(toks: list[Token], i: int) -> int:
        """The index after the block opened at `i` (its matching close)."""
        level = toks[i].level
        i += 1
        while i < len(toks) and not (toks[i].level == level and toks[i].nesting == -1):
            i += 1
        return i + 1

    def table(self, toks: list[Token], i: int, line: int) -> tuple[Table, int]:
        header: list[Inline] = []
        rows: list[tuple[Inline, ...]] = []
        aligns: list[str] = []
        row: list[Inline] = []
        in_head = False
        i += 1
        while toks[i].type != "table_close":
            tok = toks[i]
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type in ("th_open", "td_open"):
                cell = self.inline(toks[i + 1], line)
                size = sum(len(s.text) for s in cell)
                if size > MAX_CELL_CHARS:
                    self.err(
                        (tok.map[0] + 1) if tok.map else line,
                        f"table cell of {size} characters (at most {MAX_CELL_CHARS}: a row is never cut across pages); "
                        "shorten it or move the text out of the table",
                    )
                row.append(cell)
                if in_head:
                    style = str(tok.attrs.get("style", ""))
                    aligns.append(style.split(":")[-1] if style else "left")
                i += 2
            elif tok.type == "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append(tuple(row))
                row = []
            i += 1
        return Table(tuple(header), tuple(rows), tuple(aligns), line), i + 1


def parse(text: str, path: Path, root: Path, lang: str, values: dict[str, str]) -> RulesDoc:
    """Substitute placeholders, parse, and return the model; every problem raised together."""
    bad = [
        problem(
            path,
            text.count("\n", 0, m.start()) + 1,
            m.start() - text.rfind("\n", 0, m.start()),
            "rulebook",
            forbidden_message(m.group()),
        )
        for m in FORBIDDEN.finditer(text)
    ]
    if bad:
        raise DataError(bad[:50])
    filled = substitute(text, values, path)
    b = _Builder(path, root, lang)
    blocks, _ = b.blocks(parser(lang).parse(filled), 0, None)
    seen: dict[str, int] = {}
    for blk in blocks:
        if isinstance(blk, SectionSlot):
            if blk.name in seen:
                b.err(blk.line, f"section '{{{{{blk.name}}}}}' is already placed at line {seen[blk.name]}")
            seen[blk.name] = blk.line
    if b.problems:
        raise DataError(b.problems)
    return RulesDoc(path, tuple(blocks))


def load(root: Path, lang: str, values: dict[str, str]) -> RulesDoc | None:
    """rules/<lang>.md of the game folder, parsed; None when the game has no rules/ folder or no text in `lang`."""
    folder = root / "rules"
    path = folder / f"{lang}.md"
    if not folder.is_dir():
        return None
    if not path.is_file():
        # A language without its rules text still gets the rulebook's generated parts; the build and
        # `mallette check` warn about it (core/translations.py, rules_missing).
        return None
    if root.resolve() not in path.resolve().parents:
        msg = "this file leaves the game folder (a symbolic link): copy the text into rules/"
        raise DataError([problem(path, 0, 0, "rulebook", msg)])
    size = path.stat().st_size
    if size > MAX_RULES_BYTES:
        msg = (
            f"rulebook text too large ({size // 1024} KiB; at most {MAX_RULES_BYTES // 1024} KiB): "
            "shorten it, or move long material to rules_url"
        )
        raise DataError([problem(path, 0, 0, "rulebook", msg)])
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")  # a byte order mark is not text
    except UnicodeDecodeError as exc:
        raise DataError([problem(path, 0, 0, "rulebook", f"not UTF-8 text ({exc.reason})")]) from None
    return parse(text.replace("\r\n", "\n"), path, root, lang, values)
