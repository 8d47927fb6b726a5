"""Licence notices, attribution and PDF metadata, all derived from the game manifest."""

from __future__ import annotations

from dataclasses import dataclass

from mallette_print.core.i18n import tr
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import setting_text, text


@dataclass(frozen=True)
class PdfMeta:
    """Document information for one output PDF."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str
    rights: str
    licence_url: str
    # XMP licence fields (see xmp.py)
    statement: str = ""  # dc:rights: the attribution and the licence in words
    creators: tuple[str, ...] = ()
    licence_name: str = ""
    licensor: str = ""


def notice(data: GameData, lang: str | None = None) -> str:
    """The short notice printed on every card face, e.g. '© MES · CC BY-SA 4.0' (a remix's: its whole chain)."""
    return notice_forms(data, lang or data.game.default_language)[0]


def notice_forms(data: GameData, lang: str) -> tuple[str, ...]:
    """The card notice in `lang`, longest first: a card prints the first one its small print has room for.

    `notice:` in game.yaml, when written, is the only form. A remix (a game with `adapted_from`) credits the work
    it adapts, in the build's language: "© NEW AUTHORS, after TITLE (ORIGINAL AUTHORS) · CC BY-SA 4.0", then
    without the original's authors, then with the first new author and "et al.". Never just the licence name.
    """
    g = data.game
    if g.notice:
        return (g.notice,)
    if not g.adapted_from:
        return (f"© {g.year} {g.licensor} · {g.licence.name}",)
    d = g.default_language
    a = g.adapted_from[0]
    fields = {"title": tr(a.title, lang, d), "original": ", ".join(a.authors), "licence": g.licence.name}
    forms = [
        text("licence.notice", lang, d, authors=", ".join(g.authors), **fields),
        text("licence.notice_short", lang, d, authors=", ".join(g.authors), **fields),
    ]
    if len(g.authors) > 1:
        first = f"{g.authors[0]} {text('licence.et_al', lang, d)}"
        forms.append(text("licence.notice_short", lang, d, authors=first, **fields))
    return tuple(dict.fromkeys(forms))


def box_notice(data: GameData, lang: str) -> str:
    """The bold line over a short attribution (the board's licence box): the notice, but for a remix without its own
    `notice:` just the licence, since the attribution under it already names the remix's authors and the original."""
    g = data.game
    return g.licence.name if g.adapted_from and not g.notice else notice(data, lang)


def deed_url(data: GameData, lang: str) -> str:
    """The human-readable licence deed in the reader's language when one exists."""
    url = data.game.licence.url
    suffix = setting_text("language.licence_deed", lang)
    return url + suffix if suffix and url.endswith("/") else url


def _work(data: GameData, lang: str) -> str:
    """Title © year authors – source – licence: the work itself."""
    g = data.game
    return (
        f"{tr(g.title, lang, g.default_language)} © {g.year} {', '.join(g.authors)} – {g.source_url} – {g.licence.name}"
    )


def _adapted(data: GameData, lang: str, title: str) -> str:
    return text("licence.adapted_from", lang, data.game.default_language, title=title)


def pdf_language(lang: str) -> str:
    """The language a PDF declares: the game's tag when it names a region (fr-CA), else the language's usual one."""
    return lang if "-" in lang else setting_text("language.pdf_tag", lang) or lang


def attribution(data: GameData, lang: str) -> str:
    """TASL line: title, author, source, licence (and the chain it was adapted from)."""
    g = data.game
    line = _work(data, lang)
    for a in g.adapted_from:
        line += (
            f" – {_adapted(data, lang, tr(a.title, lang, g.default_language))}"
            f" ({', '.join(a.authors)}, {a.source_url}, {a.licence.name})"
        )
    return line


def short_attribution(data: GameData, lang: str) -> str:
    """The attribution for a small space (the board): the work, and the title of the work it adapts.

    The full chain, with every author and address, is on the rulebook's credits page and in each PDF's metadata.
    """
    g = data.game
    line = _work(data, lang)
    if g.adapted_from:
        line += f" – {_adapted(data, lang, tr(g.adapted_from[0].title, lang, g.default_language))}"
        if len(g.adapted_from) > 1:
            line += " …"
    return line


def pdf_meta(data: GameData, lang: str, what: str) -> PdfMeta:
    """Metadata for an output PDF: `what` names the piece ('Cards', 'Board', 'Rulebook')."""
    g = data.game
    title = f"{tr(g.title, lang, g.default_language)} – {what}"
    rights = attribution(data, lang)
    # A remix's subject and keywords are its own (its title, subtitle); the chain it adapts stays in the rights.
    subject = rights if not g.adapted_from else tr(g.subtitle or g.title, lang, g.default_language)
    keywords = (
        "print-and-play",
        *(("économie sociale et solidaire", "MES") if not g.adapted_from else (tr(g.title, lang, g.default_language),)),
        g.licence.name,
        g.licence.url,
        f"version {g.version}",
    )
    return PdfMeta(
        title=title,
        author=", ".join(g.authors),
        subject=subject,
        keywords=keywords,
        lang=pdf_language(lang),
        rights=rights,
        licence_url=g.licence.url,
        statement=rights_statement(data, lang),
        creators=tuple(g.authors),
        licence_name=g.licence.name,
        licensor=g.licensor,
    )


def rights_statement(data: GameData, lang: str) -> str:
    """The XMP dc:rights statement: attribution plus the licence in words."""
    g = data.game
    return text(
        "licence.rights",
        lang,
        g.default_language,
        attribution=attribution(data, lang),
        licence=g.licence.name,
        url=g.licence.url,
    )
