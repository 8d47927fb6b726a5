"""The rulebook sections generated from the data: components, facilitator guide, fiches, print guide, anatomy.

Each function returns flowables for one section. Numbers and lists come from
rulebook/content.py (the data); the fixed phrases come from the phrasebook. The
credits section is in rulebook/credits.py.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from mallette_print.core.i18n import tr
from mallette_print.core.model import GameData
from mallette_print.core.qrfit import FICHE_QR_MM
from mallette_print.core.units import mm
from mallette_print.draw.markup import escape
from mallette_print.draw.svg import SvgCache
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.options import paper_label
from mallette_print.rulebook import content as rc
from mallette_print.rulebook.builder import Builder, Count
from mallette_print.rulebook.figures import Qr, Svg, TestSquare
from mallette_print.rulebook.styles import Paragraph, Table
from mallette_print.rulebook.words import word
from mallette_print.tokens.counts import actor_pawns, deadline_count

# Text between tags: quotes left as they are (see draw/markup.py); attribute values take escape() itself.
esc = partial(escape, quotes=False)


def _bold_last_row(t: Table) -> None:
    t.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 1.0, "#1A1A1A")]))


def setup_sets(data: GameData, lang: str, b: Builder) -> list[Flowable]:
    """The recommended actor sets, a table per table size (content.setup_set_tables), the names' column as wide
        as the longest name in bold in every table (at most 40 % of the width): names wrap only between words, and the
    tables line up."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    tables = rc.setup_set_tables(data, lang)
    names = ["".join(s.text for s in cell) for t in tables for cell in [t.header[1], *(row[1] for row in t.rows)]]
    widest = max((stringWidth(n, b.st.fam.bold, b.st.cell.fontSize) for n in names), default=0.0) + 10
    return [b.table(t, b.width, fixed={1: min(widest, 0.4 * b.width)}) for t in tables]


def components(data: GameData, lang: str, b: Builder) -> list[Flowable]:
    """The components list: cards per deck and in total (from the YAML quantities), board, markers."""
    st = b.st
    d = data.game.default_language
    rows = rc.components(data, lang)
    total = sum(r.copies for r in rows)
    out = b.heading(1, esc(word("components", lang, d)))
    out.append(b.para(esc(word("components_intro", lang, d, total=total, decks=len(rows))), st.lead_in))
    head = [word("deck", lang, d), word("distinct", lang, d), word("copies", lang, d)]
    cells: list[list[Any]] = [
        [
            Paragraph(esc(head[0]), st.cell_head),
            Paragraph(esc(head[1]), ParagraphStyle("r", parent=st.cell_head, alignment=2)),
            Paragraph(esc(head[2]), ParagraphStyle("r", parent=st.cell_head, alignment=2)),
        ]
    ]
    texts = [head]
    deck_icons = {d.id: d.back.icon for d in data.decks}
    for r in rows:
        label = esc(r.label)
        cells.append(
            [
                _with_icon(data, deck_icons.get(r.deck_id), label, st.cell, st.cell.fontSize * 1.3, b.ctx.svgs),
                Paragraph(str(r.distinct), st.cell_right),
                Paragraph(str(r.copies), st.cell_right),
            ]
        )
        texts.append([r.label + "xxx", str(r.distinct), str(r.copies)])
    cells.append(
        [
            Paragraph(f"<b>{esc(word('total', lang, d))}</b>", st.cell),
            Paragraph(f"<b>{sum(r.distinct for r in rows)}</b>", st.cell_right),
            Paragraph(f"<b>{total}</b>", st.cell_right),
        ]
    )
    texts.append([word("total", lang, d), "", ""])
    t = b.grid(cells, texts, min(b.width, mm(120)))
    _bold_last_row(t)
    out.append(t)
    g = data.game
    tracks = [tr(t.label, lang, g.default_language) for t in g.tracks]
    dl = deadline_count(data)
    printed = word(
        "printed",
        lang,
        d,
        zones=len(g.zones),
        pawns=len(actor_pawns(data)),
        tracks=len(tracks),
        names=", ".join(tracks),
        rounds=g.parameters.rounds,
        tokens=dl.total,
        table=dl.on_table,
        spare=dl.spares,
    )
    out.append(b.para(esc(printed)))
    out.append(b.para(esc(word("also", lang, d))))
    return out


def _with_icon(
    data: GameData, icon: str | None, label: str, style: ParagraphStyle, size: float, svgs: SvgCache | None
) -> Any:
    """A table cell: a small icon then a label (the icon repeats the meaning, never colour alone)."""
    path = Path(data.root) / icon if icon else None
    if path is None or not path.is_file():
        return Paragraph(label, style)
    t = Table([[Svg(path, size, size, svgs), Paragraph(label, style)]], colWidths=[size + 4, None])
    t.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return t


def facilitator(data: GameData, lang: str, b: Builder) -> list[Flowable]:
    """Session plan with timings and the debrief, with every question printed on the cards."""
    st = b.st
    d = data.game.default_language
    p = data.game.parameters
    out: list[Flowable] = [PageBreak()]
    out += b.heading(1, esc(word("facilitator", lang, d)))
    plan = rc.session_plan(data)
    total = sum(m for _, m in plan)
    out += b.heading(2, esc(word("plan", lang, d)))
    out.append(b.para(esc(word("plan_intro", lang, d, total=total)), st.lead_in))
    head = [word("step", lang, d), word("when", lang, d), word("minutes", lang, d), word("what", lang, d)]
    cells: list[list[Any]] = [[Paragraph(esc(h), st.cell_head) for h in head]]
    texts = [head]
    start = 0
    for step, minutes in plan:
        when = f"{start // 60}:{start % 60:02d}–{(start + minutes) // 60}:{(start + minutes) % 60:02d}"
        what = word(f"{step}_what", lang, d, rounds=p.rounds)
        row = [word(step, lang, d), when, word("min", lang, d, n=minutes), what]
        cells.append(
            [
                Paragraph(f"<b>{esc(row[0])}</b>", st.cell),
                Paragraph(row[1], st.cell),
                Paragraph(esc(row[2]), st.cell),
                Paragraph(esc(row[3]), st.cell),
            ]
        )
        texts.append(row[:3] + [""])
        start += minutes
    cells.append(
        [
            Paragraph(f"<b>{esc(word('total', lang, d))}</b>", st.cell),
            Paragraph("", st.cell),
            Paragraph(f"<b>{esc(word('min', lang, d, n=total))}</b>", st.cell),
            Paragraph("", st.cell),
        ]
    )
    texts.append([word("total", lang, d), "", "", ""])
    t = b.grid(cells, texts, b.width)
    _bold_last_row(t)
    out.append(t)

    out += b.heading(2, esc(word("debrief_title", lang, d)))
    out.append(b.para(esc(word("debrief_intro", lang, d))))
    questions = rc.debrief_questions(data, lang)
    by_type: dict[str, list[rc.Question]] = {}
    for deck in data.decks:
        by_type.setdefault(deck.type, []).extend(questions.get(deck.id, []))
    phases = [
        ("emotions", []),
        ("story", by_type.get("event", [])),
        ("notions", by_type.get("notion", [])),
        ("transfer", by_type.get("challenge", [])),
    ]
    used = {"event", "notion", "challenge"}
    for kind, qs in by_type.items():  # questions on any other card type go with the story of the game
        if kind not in used:
            phases[1][1].extend(qs)
    for (phase, qs), minutes in zip(phases, rc.debrief_phases(data)):
        title = f"{word('phase_' + phase, lang, d)} · {word('min', lang, d, n=minutes)}"
        out += b.heading(3, esc(title))
        out.append(b.para(esc(word(f"phase_{phase}_what", lang, d))))
        qstyle = ParagraphStyle(
            "q",
            parent=st.body,
            leftIndent=st.body.fontSize * 1.4,
            bulletIndent=st.body.fontSize * 0.3,
            spaceAfter=st.body.fontSize * 0.35,
        )
        for q in qs:
            out.append(
                Paragraph(f'{esc(q.text)} <font size="-1"><i>({esc(q.card_title)})</i></font>', qstyle, bulletText="?")
            )
    return out


def fiches(data: GameData, lang: str, b: Builder) -> list[Flowable]:
    """The kit's fiches: number, title, URL, the cards pointing to each, and a QR code."""
    st = b.st
    d = data.game.default_language
    entries = rc.fiche_index(data, lang)
    out: list[Flowable] = [PageBreak()]
    out += b.heading(1, esc(word("fiches", lang, d)))
    out.append(b.para(esc(word("fiches_intro", lang, d, n=len(entries)))))
    qr = mm(FICHE_QR_MM)
    num_w = st.body.fontSize * 2.6
    text_w = b.width - qr - num_w - 8
    rows: list[list[Any]] = []
    for e in entries:
        cards = word("cited_by", lang, d, cards=", ".join(e.cards)) if e.cards else word("not_cited", lang, d)
        text = [
            Paragraph(f"<b>{esc(e.title)}</b>", st.cell),
            Paragraph(f'<a href="{escape(e.url)}" color="#0072B2">{esc(e.url)}</a>', st.cell),
            Paragraph(esc(cards), st.small),
        ]
        rows.append(
            [
                Paragraph(
                    f"<b>{e.number}</b>",
                    ParagraphStyle(
                        "n", parent=st.cell_head, fontSize=st.body.fontSize * 1.4, leading=st.body.fontSize * 1.7
                    ),
                ),
                text,
                Qr(b.ctx.qr_code(e.url), qr),
            ]
        )
    t = Table(rows, colWidths=[num_w, text_w, qr + 8], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, "#9AA5AD"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
            ]
        )
    )
    out.append(t)
    return out


def print_guide(data: GameData, lang: str, b: Builder, items: list[rc.PrintItem], paper: str) -> list[Flowable]:
    """The printing guide: 100% check with a 50 mm square, files and sheets, duplex alignment, cutting order."""
    st = b.st
    d = data.game.default_language
    out: list[Flowable] = [PageBreak()]
    out += b.heading(1, esc(word("print", lang, d)))
    out += b.heading(2, esc(word("scale_title", lang, d)))
    square = TestSquare(st.fam.bold, word("square", lang, d))
    text_w = b.width - mm(50) - mm(6)
    t = Table([[Paragraph(esc(word("scale_text", lang, d)), st.body), square]], colWidths=[text_w, mm(50) + mm(6)])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), mm(6)),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ]
        )
    )
    out.append(t)
    out += b.heading(2, esc(word("files_title", lang, d)))
    out.append(b.para(esc(word("files_intro", lang, d, paper=paper_label(paper, lang, d))), st.lead_in))
    head = [word("file", lang, d), word("how", lang, d), word("pages", lang, d), word("sheets", lang, d)]
    cells: list[list[Any]] = [[Paragraph(esc(h), st.cell_head) for h in head]]
    texts = [head]
    for it in items:
        pages, sheets = Count(str(it.pages), st.cell_right), Count(sheets_text(it), st.cell_right)
        cells.append([Paragraph(f"<b>{esc(it.name)}</b>", st.cell), Paragraph(esc(it.how), st.cell), pages, sheets])
        texts.append([it.name, "", str(it.pages), str(it.sheets)])
        if b.live is not None:
            b.live.setdefault(it.name, []).append((pages, sheets))
    out.append(b.grid(cells, texts, b.width, fixed={2: st.body.fontSize * 4.2, 3: st.body.fontSize * 5.2}))
    out += b.heading(2, esc(word("duplex_title", lang, d)))
    out.append(b.para(esc(word("duplex_text", lang, d))))
    out += b.heading(2, esc(word("cut_title", lang, d)))
    for i, key in enumerate(("cut_1", "cut_2", "cut_3", "cut_4", "cut_5"), start=1):
        out.append(
            Paragraph(
                esc(word(key, lang, d)),
                ParagraphStyle(
                    "c",
                    parent=st.body,
                    leftIndent=st.body.fontSize * 1.6,
                    bulletIndent=0,
                    spaceAfter=st.body.fontSize * 0.3,
                ),
                bulletText=f"{i}.",
            )
        )
    return out


def sheets_text(it: rc.PrintItem) -> str:
    """The sheets cell of a print-guide row."""
    return str(it.sheets) if it.sheets else "–"


def anatomy(ctx: BuildContext, data: GameData, lang: str, b: Builder, card_size: str) -> list[Flowable]:
    """One real card of each type, drawn by the card renderer, with callouts; two per row on a full page."""
    d = data.game.default_language
    from mallette_print.core.cardsize import parse_card_size
    from mallette_print.rulebook.anatomy import CardAnatomy, sample_cards

    size = parse_card_size(card_size)
    st = b.st
    per_row = 2 if b.width > mm(140) else 1
    cell_w = b.width / per_row
    card_w = min(mm(42), cell_w * 0.48)
    scale = card_w / size.w
    label = ParagraphStyle(
        "callout",
        parent=st.small,
        fontSize=max(8.5, st.body.fontSize - 2),
        leading=max(8.5, st.body.fontSize - 2) * 1.2,
        hyphenationLang="",
    )
    out = b.heading(1, esc(word("anatomy", lang, d)))
    intro = b.para(esc(word("anatomy_intro", lang, d)), st.lead_in)
    figures: list[Any] = []
    for deck, card in sample_cards(data):
        fig = CardAnatomy(ctx, data, deck, card, lang, size, scale, cell_w - mm(4), label)
        caption = Paragraph(f"<b>{esc(tr(deck.title, lang, data.game.default_language))}</b>", st.cell)
        figures.append([caption, Spacer(1, 3), fig])
    rows = [figures[i : i + per_row] for i in range(0, len(figures), per_row)]
    if rows and len(rows[-1]) < per_row:
        rows[-1] = rows[-1] + [""] * (per_row - len(rows[-1]))

    def grid(part: list[list[Any]]) -> Table:
        t = Table(part, colWidths=[cell_w] * per_row, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), mm(4)),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), mm(5)),
                ]
            )
        )
        return t

    if not rows:
        return [*out, intro]
    # The heading and its intro go to the next page with the first row of cards rather than stay alone.
    out[-1:] = [KeepTogether([out[-1], intro, grid(rows[:1])])]
    if rows[1:]:
        out.append(grid(rows[1:]))
    return out
