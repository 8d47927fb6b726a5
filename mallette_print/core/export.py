"""`mallette export`: every deck as a spreadsheet (.xlsx, .ods or .csv), in the convention core/sheets.py reads.

The export is made from the validated decks, so a game whose `decks:` name the exported files instead of its
YAML files loads the same decks and builds the same PDFs, byte for byte (a test holds it).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from pydantic import BaseModel

from mallette_print.core.model import Deck, GameData
from mallette_print.core.sheets import DECK_SHEET, LIST_SEP, PAIR_SEP, field_shape, yaml_scalar

FORMATS = ("xlsx", "ods", "csv")
Row = list[tuple[str, Any]]


def _flatten(model: BaseModel, prefix: str, languages: list[str]) -> Row:
    """(column name, cell value) of every field set on a model, in the model's order (None fields left out)."""
    out: Row = []
    cls = type(model)
    for name in cls.model_fields:
        value = getattr(model, name)
        col = prefix + name
        if value is None:
            continue
        if isinstance(value, BaseModel):
            out += _flatten(value, col + ".", languages)
        elif isinstance(value, dict) and field_shape([cls], name) == {"pairs"}:
            out.append((col, f"{LIST_SEP} ".join(f"{k}{PAIR_SEP} {v}" for k, v in value.items()) or None))
        elif isinstance(value, dict):  # a text in several languages
            out += [(f"{col}:{lang}", value[lang]) for lang in sorted(value, key=_order(languages))]
        elif isinstance(value, list | tuple):
            out.append((col, f"{LIST_SEP} ".join(str(v) for v in value) or None))
        else:
            out.append((col, value))
    return out


def _order(languages: list[str]) -> Any:
    return lambda lang: (languages.index(lang) if lang in languages else len(languages), lang)


def deck_table(deck: Deck, languages: list[str]) -> tuple[Row, list[str], list[list[Any]]]:
    """A deck as (its own fields as name/value rows, the card columns, one row of cells per card)."""
    header: Row = [("id", deck.id), ("type", deck.type)]
    header += [
        (f"title:{lang}", text) for lang, text in sorted(deck.title.items(), key=lambda kv: _order(languages)(kv[0]))
    ]
    header += [("template", deck.template)] + _flatten(deck.back, "back.", languages)
    columns: list[str] = []
    flat = [_flatten(card, "", languages) for card in deck.cards]
    for row in flat:  # every column any card uses, each after the columns before it in that card
        after = -1
        for name, _ in row:
            if name in columns:
                after = columns.index(name)
            else:
                after += 1
                columns.insert(after, name)
    cells = [[dict(row).get(name) for name in columns] for row in flat]
    return header, columns, cells


def cards_sheet_name(deck: Deck, default_language: str) -> str:
    """The cards sheet's name: the deck's title (what a spreadsheet allows in a sheet name, 31 characters)."""
    name = re.sub(r"[\[\]:*?/\\']", " ", deck.title.get(default_language, deck.id)).strip()[:31].strip()
    return name if name and name.lower() != DECK_SHEET else "cards"


def _csv_text(value: Any) -> str:
    """A value as a CSV cell that reads back as the same value (a `'` before text that would read as another)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value if yaml_scalar(value) == value and type(yaml_scalar(value)) is str else "'" + value
    return str(value)


def to_csv(deck: Deck, languages: list[str]) -> bytes:
    header, columns, cells = deck_table(deck, languages)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for name, value in header:
        writer.writerow([f"#{name}", _csv_text(value)])
    writer.writerow(columns)
    for row in cells:
        writer.writerow([_csv_text(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")  # the BOM tells spreadsheets the file is UTF-8


def to_xlsx(deck: Deck, languages: list[str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    header, columns, cells = deck_table(deck, languages)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = cards_sheet_name(deck, languages[0])
    ws.append(columns)
    for row in cells:
        ws.append(row)
    info = wb.create_sheet(DECK_SHEET)
    for name, value in header:
        info.append([name, value])
    for sheet in (ws, info):
        for line in sheet.iter_rows():
            for cell in line:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, not a formula
                if isinstance(cell.value, str) and "\n" in cell.value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        for c, column in enumerate(sheet.iter_cols(), 1):
            width = max(len(str(cell.value or "")) for cell in column)
            sheet.column_dimensions[get_column_letter(c)].width = min(60, max(8, width + 2))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "B2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ods_cell(value: Any) -> Any:
    from odf import teletype
    from odf.table import TableCell
    from odf.text import P

    if value is None:
        return TableCell()
    if isinstance(value, bool):
        cell = TableCell(valuetype="boolean", booleanvalue="true" if value else "false")
        cell.addElement(P(text="TRUE" if value else "FALSE"))
        return cell
    if isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=str(value))
        cell.addElement(P(text=str(value)))
        return cell
    cell = TableCell(valuetype="string")
    for line in str(value).split("\n"):
        p = P()
        teletype.addTextToElement(p, line)
        cell.addElement(p)
    return cell


def to_ods(deck: Deck, languages: list[str]) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow

    header, columns, cells = deck_table(deck, languages)
    doc = OpenDocumentSpreadsheet()
    for name, rows in (
        (cards_sheet_name(deck, languages[0]), [list(columns)] + cells),
        (DECK_SHEET, [[k, v] for k, v in header]),
    ):
        table = Table(name=name)
        for row in rows:
            tr = TableRow()
            for value in row:
                tr.addElement(_ods_cell(value))
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


def export_decks(data: GameData, fmt: str) -> list[tuple[str, bytes]]:
    """(file name, content) of every deck in `fmt` ('xlsx', 'ods' or 'csv'), named after its deck file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    languages = [data.game.default_language] + [
        lang for lang in data.game.languages if lang != data.game.default_language
    ]
    write = {"xlsx": to_xlsx, "ods": to_ods, "csv": to_csv}[fmt]
    out = []
    for deck in data.decks:
        stem = deck.source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        out.append((f"{stem}.{fmt}", write(deck, languages)))
    return out
