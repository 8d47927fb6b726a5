"""The pages of the kit's website: home (what the game is, the downloads of every variant), one per fiche, rules.

Pure text from the data and from what the variant builds reported (`Variant`): no reportlab here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from mallette_print.core.i18n import tr
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import Phrases
from mallette_print.fiches.content import FichePage
from mallette_print.site.shell import Page, prefix, rel


@dataclass(frozen=True)
class FileRow:
    """A file of a variant, as its build reported it."""

    name: str
    pages: int
    sheets: int
    size: int
    how: str
    instead_of: str


@dataclass(frozen=True)
class Variant:
    """One built variant of the kit: a language and a paper, its files and its zip."""

    lang: str
    paper: str
    folder: str  # from the site's root, e.g. "downloads/fr-a4"
    files: tuple[FileRow, ...]
    zip_name: str  # from the site's root
    zip_size: int

    @property
    def total_sheets(self) -> int:
        """Sheets of paper for everything printable (a file printed instead of another not counted)."""
        return sum(f.sheets for f in self.files if not f.instead_of)


def size_text(n: int, lang: str) -> str:
    """A file size as a reader expects it: 146 KB, 1.2 MB (1,2 Mo in French)."""
    fr = lang.split("-")[0] == "fr"
    if n < 1000 * 1000:
        return f"{max(1, round(n / 1000))}\u00a0{'ko' if fr else 'KB'}"
    value = f"{n / 1e6:.1f}"
    return f"{value.replace('.', ',') if fr else value}\u00a0{'Mo' if fr else 'MB'}"


def home_page(
    data: GameData, lang: str, variants: list[Variant], fiches: list[FichePage], other: tuple[tuple[str, str], ...]
) -> Page:
    """The home page: the game, for whom, how long; every variant's print plan and downloads; the fiches."""
    d = data.game.default_language
    w = Phrases(lang, d)
    p = prefix(data, lang)
    path = f"{p}index.html"
    g = data.game
    par = g.parameters
    total = par.welcome_minutes + par.rules_minutes + par.play_minutes + par.debrief_minutes
    title = tr(g.title, lang, d)
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="lead">{escape(tr(g.subtitle, lang, d))}</p>' if g.subtitle else "",
        f"<p>{escape(w('site.what', players=f'{par.players_min}–{par.players_max}'))}</p>",
        f"<p>{escape(w('site.how_long', play=par.play_minutes, debrief=par.debrief_minutes, total=total))}</p>",
        f'<ul class="links"><li><a href="{rel(path, p + "rules/index.html")}">{escape(w("site.rules"))}</a></li>'
        f'<li><a href="{rel(path, p + "cards/gallery/index.html")}">{escape(w("site.gallery"))}</a></li></ul>',
        f'<h2 id="download">{escape(w("site.download"))}</h2>',
        f"<p>{escape(w('site.no_python'))}</p>",
    ]
    mine = sorted(variants, key=lambda v: (v.lang != lang, v.lang, v.paper))
    for v in mine:
        vw = Phrases(v.lang, d)
        name = w("site.variant", language=vw("site.language_name"), paper=w(f"paper.{v.paper}"))
        body.append(f'<section class="variant" lang="{v.lang}" aria-labelledby="v-{v.lang}-{v.paper}">')
        body.append(f'<h3 id="v-{v.lang}-{v.paper}">{escape(name)}</h3>')
        body.append(
            f'<p><a class="button" href="{rel(path, v.zip_name)}" download>{escape(vw("site.zip"))} '
            f"({size_text(v.zip_size, lang)})</a></p>"
        )
        head = "".join(
            f'<th scope="col"{" class=num" if k in ("pages", "sheets", "size") else ""}>{escape(vw("site." + k))}</th>'
            for k in ("file", "how", "pages", "sheets", "size")
        )
        rows = []
        for row in v.files:
            link = f'<a href="{rel(path, v.folder + "/" + row.name)}">{escape(row.name)}</a>'
            rows.append(
                f'<tr><th scope="row">{link}</th><td>{escape(row.how)}</td><td class="num">{row.pages}</td>'
                f'<td class="num">{row.sheets or "–"}</td><td class="num">{size_text(row.size, lang)}</td></tr>'
            )
        body.append(
            f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )
        body.append(f"<p>{escape(vw('site.total', n=v.total_sheets))}</p></section>")
    body.append(f'<h2 id="fiches">{escape(w("site.fiches"))}</h2><ol class="links">')
    for f in fiches:
        body.append(
            f'<li><a href="{rel(path, p + f.slug + "/index.html")}">{escape(f.label)} — {escape(f.title)}</a></li>'
        )
    body.append("</ol>")
    return Page(path, lang, title, "\n".join(x for x in body if x), "home", other)


def fiche_page(data: GameData, lang: str, f: FichePage, other: tuple[tuple[str, str], ...]) -> Page:
    """A fiche's page, at `<slug>/index.html` (base_url + slug when the site is published at base_url)."""
    w = Phrases(lang, data.game.default_language)
    p = prefix(data, lang)
    path = f"{p}{f.slug}/index.html"
    body = [
        f'<p class="label">{escape(f.label)}</p>',
        f"<h1>{escape(f.title)}</h1>",
        f'<p class="companion">{escape(f.companion)}</p>',
    ]
    if f.written:
        body.append(f'<p class="lead">{escape(f.summary)}</p>')
        body.append(f"<h2>{escape(w('fiche.key_ideas'))}</h2><ul>")
        body += [f"<li>{escape(x)}</li>" for x in f.key_ideas]
        body.append(f"</ul><h2>{escape(w('fiche.example', title=f.example_title))}</h2>")
        body.append(f"<p>{escape(f.example_text)}</p>")
    else:
        body.append(f'<p class="lead">{escape(w("fiche.not_written"))}</p>')
    body.append(f"<h2>{escape(w('fiche.in_game'))}</h2>")
    if f.cards:
        gallery = f"{p}cards/gallery/index.html"
        body.append(f'<p>{escape(w("fiche.in_game_intro"))}</p><ul class="links">')
        body += [
            f'<li><a href="{rel(path, gallery)}#card-{escape(c.card_id)}"><span><b>{escape(c.title)}</b> '
            f"({escape(c.deck)})</span></a></li>"
            for c in f.cards
        ]
        body.append("</ul>")
    else:
        body.append(f"<p>{escape(w('fiche.no_card'))}</p>")
    if f.questions:
        body.append(f"<h2>{escape(w('fiche.questions'))}</h2><ol>")
        body += [f"<li>{escape(q)}</li>" for q in f.questions]
        body.append("</ol>")
    if f.reading:
        body.append(f"<h2>{escape(w('fiche.reading'))}</h2><ul>")
        for r in f.reading:
            item = f"{escape(r.authors)}, <cite>{escape(r.title)}</cite>" + (
                f", {escape(r.details)}" if r.details else ""
            )
            if r.url:
                item += f' — <a href="{escape(r.url)}">{escape(r.url)}</a>'
            body.append(f"<li>{item}</li>")
        body.append("</ul>")
    body.append(
        f'<p><a class="button" href="{rel(path, p + "index.html#fiches")}">{escape(w("site.back_to_fiches"))}</a></p>'
    )
    return Page(path, lang, f"{f.label} — {f.title}", "\n".join(body), "fiches", other)
