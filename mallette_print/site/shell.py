"""The frame every page of the kit's website shares: head, navigation, language switch, credits and licence.

Links are relative (a page at `en/f01/index.html` reaches the style sheet at `../../assets/site.css`), so the
site works from `file://` and under any sub-path of any host; nothing is fetched from another host (the fonts
are the package's own, copied into `assets/fonts/`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html import escape

from mallette_print.core.i18n import tr
from mallette_print.core.licensing import deed_url, notice
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import Phrases

CSS = """
@font-face{font-family:"Atkinson Hyperlegible";src:url(fonts/AtkinsonHyperlegible-Regular.ttf) format("truetype");font-weight:400;font-display:swap}
@font-face{font-family:"Atkinson Hyperlegible";src:url(fonts/AtkinsonHyperlegible-Bold.ttf) format("truetype");font-weight:700;font-display:swap}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:"Atkinson Hyperlegible",system-ui,sans-serif;font-size:1.125rem;line-height:1.55;color:#1a1a1a;background:#fbfaf7;overflow-wrap:break-word}
a{color:#00507f}a:focus-visible,button:focus-visible{outline:3px solid #d55e00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.6em}.skip:focus{left:.5em;z-index:3}
header.site{background:#00507f;color:#fff}
header.site nav{display:flex;flex-wrap:wrap;gap:0 .25rem;max-width:46rem;margin:0 auto;padding:.25rem .5rem}
header.site a{color:#fff;text-decoration:none;display:inline-flex;align-items:center;min-height:44px;padding:0 .6rem;border-radius:4px}
header.site a:hover,header.site a[aria-current]{background:rgba(255,255,255,.18);text-decoration:underline}
header.site .lang{margin-left:auto;font-weight:700}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;line-height:1.2;margin:.6rem 0}h2{font-size:1.35rem;line-height:1.25;margin:1.6rem 0 .5rem;color:#00507f}
h3{font-size:1.15rem;margin:1.2rem 0 .4rem}
.label{font-weight:700;color:#00507f;margin:0}.companion{font-style:italic;color:#4d4d4d}
.lead{font-size:1.2rem}
ul.links,ol.links{list-style:none;padding:0}
ul.links a,ol.links a,a.button{display:flex;align-items:center;min-height:44px;padding:.35rem .2rem}
a.button{display:inline-flex;background:#00507f;color:#fff;border-radius:6px;padding:.35rem 1rem;text-decoration:none;font-weight:700}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:1rem}
th,td{border-bottom:1px solid #ccc;padding:.4rem .3rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
td a,th a{display:inline-flex;align-items:center;min-height:44px}
.variant{border-top:2px solid #00507f;margin-top:1.5rem}
nav.toc ol{padding-left:2.2rem}nav.toc a{display:inline-flex;align-items:center;min-height:44px}
footer.site{max-width:46rem;margin:2rem auto 0;padding:1rem;border-top:1px solid #ccc;font-size:1rem;color:#333}
footer.site a{display:inline-flex;align-items:center;min-height:44px}
img{max-width:100%;height:auto}
@media (min-width:48rem){main{padding:1.5rem 1rem}h1{font-size:2.1rem}}
"""


@dataclass(frozen=True)
class Page:
    """One page of the site: its path from the site's root, its language, and the same page in other languages."""

    path: str  # e.g. "en/f01/index.html"
    lang: str
    title: str
    body: str
    section: str = ""  # the navigation entry it belongs to: home, rules, gallery, fiches
    other: tuple[tuple[str, str], ...] = ()  # (lang, path of the same page in that language)
    files: tuple[tuple[str, str], ...] = ()  # (path in the site, file of the game) the page shows: its images


def prefix(data: GameData, lang: str) -> str:
    """Where a language's pages live: the default language at the root, the others under `<lang>/`."""
    return "" if lang == data.game.default_language else f"{lang}/"


def rel(page: str, target: str) -> str:
    """A relative link from one page to another path of the site (both from the site's root)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def site_header(data: GameData, page: Page) -> str:
    """The navigation bar: home, fiches, rules, gallery, and the same page in the other languages."""
    d = data.game.default_language
    w = Phrases(page.lang, d)
    p = prefix(data, page.lang)
    nav = [
        ("home", f"{p}index.html", w("site.home")),
        ("fiches", f"{p}index.html#fiches", w("site.fiches")),
        ("rules", f"{p}rules/index.html", w("site.rules")),
        ("gallery", f"{p}cards/gallery/index.html", w("site.gallery")),
    ]
    links = []
    for key, target, label in nav:
        current = ' aria-current="page"' if key == page.section else ""
        links.append(f'<a href="{escape(rel(page.path, target))}"{current}>{escape(label)}</a>')
    for lang, path in page.other:
        name = Phrases(lang, d)("site.language_name")
        links.append(
            f'<a class="lang" href="{escape(rel(page.path, path))}" hreflang="{lang}" lang="{lang}">{escape(name)}</a>'
        )
    title = tr(data.game.title, page.lang, d)
    return f'<header class="site"><nav aria-label="{escape(title)}">{"".join(links)}</nav></header>\n'


def render(data: GameData, page: Page) -> str:
    """The whole HTML document of a page."""
    d = data.game.default_language
    w = Phrases(page.lang, d)
    title = tr(data.game.title, page.lang, d)
    head_title = page.title if page.title == title else f"{page.title} — {title}"
    short = notice(data)
    credits = (
        f"{short}."
        if data.game.licence.name in short
        else w("site.credits", notice=short, licence=data.game.licence.name)
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{page.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(head_title)}</title>\n"
        f'<link rel="stylesheet" href="{escape(rel(page.path, "assets/site.css"))}">\n</head>\n<body>\n'
        f'<a class="skip" href="#main">{escape(w("site.skip"))}</a>\n'
        + site_header(data, page)
        + f'<main id="main">\n{page.body}\n</main>\n'
        f'<footer class="site"><p>{escape(credits)} '
        f'<a href="{escape(deed_url(data, page.lang))}" rel="license">{escape(w("site.licence_link"))}</a> · '
        f'<a href="{escape(data.game.source_url)}">{escape(w("site.source"))}</a></p>'
        f"<p>{escape(w('site.made_with'))}</p></footer>\n</body>\n</html>\n"
    )
