"""The rules as accessible HTML, from the same Markdown as the rulebook (rules/<lang>.md, placeholders filled).

Real headings with anchors and a table of contents, tables with header cells (`scope`), images with their alt
text; the rulebook's generated sections become their web counterparts: the fiches link to their pages, the print
guide to the downloads, the credits name the licence. Raw HTML in the Markdown is not passed through.
"""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

from mallette_print.core.i18n import tr
from mallette_print.core.licensing import attribution, deed_url
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import Phrases
from mallette_print.fiches.content import FichePage
from mallette_print.rulebook.content import components, placeholder_values
from mallette_print.rulebook.source import parser, substitute
from mallette_print.site.shell import Page, prefix, rel

_HEADING = re.compile(r"<h([1-3])>(.*?)</h\1>", re.S)
_SECTION = re.compile(r"<p>&lt;!--mallette:(\w+)--&gt;</p>")
_IMG = re.compile(r'<img src="([^"]*)"')


def _slug(text: str, seen: set[str]) -> str:
    base = re.sub(r"[^\w]+", "-", unescape(re.sub(r"<[^>]+>", "", text)).lower()).strip("-") or "section"
    slug, n = base, 2
    while slug in seen:
        slug, n = f"{base}-{n}", n + 1
    seen.add(slug)
    return slug


def rules_source(data: GameData, lang: str) -> Path | None:
    """rules/<lang>.md, else the default language's, else None."""
    for candidate in (lang, data.game.default_language):
        path = Path(data.root) / "rules" / f"{candidate}.md"
        if path.is_file():
            return path
    return None


def rules_page(data: GameData, lang: str, fiches: list[FichePage], other: tuple[tuple[str, str], ...]) -> Page:
    """The rules page at `<lang prefix>rules/index.html`."""
    d = data.game.default_language
    w = Phrases(lang, d)
    p = prefix(data, lang)
    path = f"{p}rules/index.html"
    source = rules_source(data, lang)
    md = parser(lang).disable(["html_block", "html_inline"])
    html = (
        md.render(substitute(source.read_text(encoding="utf-8"), placeholder_values(data, lang), source))
        if source
        else ""
    )
    html = html.replace("<th>", '<th scope="col">').replace("<th style=", '<th scope="col" style=')
    html = re.sub(r"<table>", '<div class="scroll"><table>', html).replace("</table>", "</table></div>")

    def section(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "fiches":
            items = "".join(
                f'<li><a href="{rel(path, p + f.slug + "/index.html")}">{escape(f.label)} — {escape(f.title)}</a></li>'
                for f in fiches
            )
            return f'<h2>{escape(w("site.fiches"))}</h2><ol class="links">{items}</ol>'
        if name == "print":
            return (
                f"<h2>{escape(w('site.download'))}</h2>"
                f'<p><a class="button" href="{rel(path, p + "index.html#download")}">{escape(w("site.download"))}</a></p>'
            )
        if name == "components":
            rows = "".join(
                f'<tr><th scope="row">{escape(c.label)}</th><td class="num">{c.distinct}</td><td class="num">{c.copies}</td></tr>'
                for c in components(data, lang)
            )
            head = "".join(f'<th scope="col">{escape(w("rulebook." + k))}</th>' for k in ("deck", "distinct", "copies"))
            return f'<h2>{escape(w("rulebook.components"))}</h2><div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
        if name == "credits":
            return f'<p>{escape(attribution(data, lang))} — <a href="{escape(deed_url(data, lang))}">{escape(data.game.licence.name)}</a></p>'
        return ""  # the anatomy figure and the facilitator's tables are in the PDF rulebook

    html = _SECTION.sub(section, html)
    # Images are files of the game folder (the rulebook checks them): copied under media/, linked relatively.
    files: list[tuple[str, str]] = []

    def image(m: re.Match[str]) -> str:
        src = unescape(m.group(1))
        files.append((f"media/{src}", str(Path(data.root) / src)))
        return f'<img src="{escape(rel(path, f"media/{src}"))}"'

    html = _IMG.sub(image, html)
    seen: set[str] = set()
    toc: list[tuple[int, str, str]] = []

    def anchor(m: re.Match[str]) -> str:
        level, inner = int(m.group(1)), m.group(2)
        slug = _slug(inner, seen)
        if level in (2, 3):
            toc.append((level, slug, inner))
        return f'<h{level} id="{slug}">{inner}</h{level}>'

    html = _HEADING.sub(anchor, html)
    if "<h1" not in html:
        html = f"<h1>{escape(w('site.rules'))}</h1>\n{html}"
    items: list[str] = []
    for level, slug, inner in toc:
        if level == 2:
            items.append(f'<li><a href="#{slug}">{re.sub(r"<[^>]+>", "", inner)}</a></li>')
    nav = (
        ""
        if not items
        else f'<nav class="toc" aria-labelledby="toc"><h2 id="toc">{escape(w("site.contents"))}</h2><ol>{"".join(items)}</ol></nav>'
    )
    first_end = html.find("</h1>") + len("</h1>")
    html = html[:first_end] + "\n" + nav + html[first_end:]
    title = f"{w('site.rules')} — {tr(data.game.title, lang, d)}"
    return Page(path, lang, title, html, "rules", other, tuple(files))
