"""Reading the cells of a spreadsheet deck (.csv, .xlsx, .ods) within budgets, values only.

What comes out is a list of Grids: each sheet's name and its non-empty rows, cell by cell, with the values the
file stores (text, numbers, booleans). core/sheets.py turns them into deck data.

A spreadsheet is untrusted input like a YAML file:
- nothing is evaluated: a formula cell is refused (its cached value may be stale, or missing in a file written
  by a program), and external links are never followed (openpyxl's keep_links=False);
- .xlsx and .ods files are zip archives: their declared unpacked size is bounded before anything is unpacked
  (Python's zipfile never unpacks more than a member declares), so a zip bomb is refused at once;
- at most MAX_ROWS rows (empty ones in between included) and MAX_COLUMNS columns, at most MAX_CELL_CHARS
  characters a cell, and MAX_CPU_SECONDS of CPU time to read the file, like other assets (issue 14 A2).
Every refusal is a located message (a cell, or the file), never a traceback.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mallette_print.core.errors import column_letters, problem
from mallette_print.core.yamlio import YamlError

MAX_CSV_BYTES = 2 * 1024 * 1024  # as a YAML deck file
MAX_ZIP_BYTES = 20 * 1024 * 1024  # the .xlsx or .ods file itself
MAX_UNZIPPED = 50 * 1024 * 1024  # what its members declare, together
# Each part of the archive. Some are read whole before the first row, outside the row budget: an .ods file's
# content.xml (odfpy builds the whole document in memory: 8 MiB of XML took 230 MB and 3.7 s of CPU) and an .xlsx
# file's shared strings (47 MiB took 300 MB and 11 s), whatever names the archive gives them. 8 MiB is thousands of
# cards (a YAML deck file is at most 2 MiB).
MAX_PART = 8 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_ROWS = 20_000
MAX_COLUMNS = 300
MAX_CELL_CHARS = 10_000
MAX_CPU_SECONDS = 10.0


@dataclass(frozen=True)
class Refused:
    """A cell whose value is not used: a formula, a date, an error value; `why` says so."""

    why: str


@dataclass
class Grid:
    """One sheet: its name ('' for CSV) and its non-empty rows as (row number, cell values; None = empty).

    `typed`: the cells hold typed values (xlsx, ods); a CSV's cells are all text, typed later (core/sheets.py).
    """

    name: str
    typed: bool
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


class _Budget:
    """Rows, columns, cell sizes and CPU time spent reading one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.start = time.process_time()
        self.rows = 0

    def fail(self, message: str, sheet: str = "", row: int = 0, col: int = 0) -> YamlError:
        return YamlError([problem(self.path, row, col, "", message, sheet)])

    def row(self, sheet: str, row: int) -> None:
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise self.fail(
                f"more than {MAX_ROWS} rows: a deck is far smaller; delete the rows below your cards",
                sheet,
                row,
            )
        if self.rows % 256 == 0 and time.process_time() - self.start > MAX_CPU_SECONDS:
            raise self.fail(f"reading this spreadsheet takes more than {MAX_CPU_SECONDS:g} s: it is far too large")

    def cell(self, sheet: str, row: int, col: int, value: Any) -> Any:
        if value is None or value == "":
            return None
        if col > MAX_COLUMNS:
            raise self.fail(f"more than {MAX_COLUMNS} columns: a deck needs far fewer", sheet, row, col)
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise self.fail(
                f"text too long ({len(value)} characters; at most {MAX_CELL_CHARS} in a cell)", sheet, row, col
            )
        return value


def read_grids(path: Path) -> list[Grid]:
    """The sheets of a spreadsheet deck file; YamlError (located problems) when it cannot be read."""
    budget = _Budget(path)
    suffix = path.suffix.lower()
    try:
        if not path.is_file():
            raise budget.fail("file not found" if not path.exists() else "not a regular file")
        size = path.stat().st_size
        limit = MAX_CSV_BYTES if suffix == ".csv" else MAX_ZIP_BYTES
        if size > limit:
            raise budget.fail(f"file too large ({size // 1024} KiB; at most {limit // 1024} KiB)")
        if suffix == ".csv":
            return [_read_csv(path.read_bytes(), budget)]
        _check_zip(path, budget)
        return _read_xlsx(path, budget) if suffix == ".xlsx" else _read_ods(path, budget)
    except PermissionError:
        raise budget.fail("permission denied: cannot read the file") from None
    except OSError as exc:
        raise budget.fail(f"cannot read the file: {exc.strerror or exc}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, AttributeError, EOFError) as exc:
        # What a damaged or hand-made archive raises inside the libraries; MemoryError is not caught.
        raise budget.fail(f"this {suffix} file cannot be read ({type(exc).__name__}): save it again") from None


def _read_csv(raw: bytes, budget: _Budget) -> Grid:
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        raise budget.fail(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}): save it as 'CSV UTF-8'", "", row
        ) from None
    if "\x00" in text:
        raise budget.fail("this is a binary file, not CSV text")
    # The separator (',' or ';', as French spreadsheets write CSV) is the one in the row of column names, which
    # holds neither otherwise; the `#` rows before it and the cards' lists (`a; b`) could mislead a count.
    names = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    delimiter = ";" if names.count(";") > names.count(",") else ","
    grid = Grid("", typed=False)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row = 0
    try:
        for row, cells in enumerate(reader, 1):
            budget.row("", row)
            values = [budget.cell("", row, c, v.strip()) for c, v in enumerate(cells, 1)]
            if any(v is not None for v in values):
                grid.rows.append((row, values))
    except csv.Error as exc:
        raise budget.fail(f"CSV syntax error: {exc} (a quote not closed?)", "", row + 1) from None
    return grid


def _check_zip(path: Path, budget: _Budget) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except zipfile.BadZipFile:
        raise budget.fail(f"this is not a {path.suffix.lower()} file (not a zip archive): save it again") from None
    for m in members:
        if m.file_size > MAX_PART:
            raise budget.fail(
                f"the part {m.filename[:60]!r} unpacks to {m.file_size // (1024 * 1024)} MiB (at most "
                f"{MAX_PART // (1024 * 1024)} MiB): a zip bomb, or a workbook far larger than a deck"
            )
    total = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or total > MAX_UNZIPPED:
        raise budget.fail(
            f"the file unpacks to {total // (1024 * 1024)} MiB in {len(members)} parts (at most "
            f"{MAX_UNZIPPED // (1024 * 1024)} MiB): a zip bomb, or a workbook far larger than a deck"
        )


def _xlsx_value(cell: Any) -> Any:
    value = cell.value
    kind = getattr(cell, "data_type", "n")
    if value is None:
        return None
    if kind == "f" or (isinstance(value, str) and kind != "s" and value.startswith("=")):
        return Refused(f"this cell holds a formula ({str(value)[:40]}): formulas are not computed; paste its value")
    if kind == "e":
        return Refused(f"this cell holds an error value ({value}): write the value itself")
    if getattr(cell, "is_date", False) or kind == "d":
        return Refused("this cell holds a date: format the cell as text, or write the text with a leading '")
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _read_xlsx(path: Path, budget: _Budget) -> list[Grid]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False, keep_vba=False)
    grids: list[Grid] = []
    try:
        for ws in wb.worksheets:
            grid = Grid(str(ws.title), typed=True)
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # a declared size (possibly huge) must not pad every row
            for row, cells in enumerate(ws.iter_rows(), 1):
                budget.row(grid.name, row)
                values = [budget.cell(grid.name, row, c, _xlsx_value(cell)) for c, cell in enumerate(cells, 1)]
                if any(v is not None for v in values):
                    grid.rows.append((row, values))
            grids.append(grid)
    finally:
        wb.close()
    return grids


def _ods_value(cell: Any) -> Any:
    from odf import teletype
    from odf.namespaces import TEXTNS

    if cell.getAttribute("formula"):
        return Refused(f"this cell holds a formula ({cell.getAttribute('formula')[:40]}): formulas are not computed")
    kind = cell.getAttribute("valuetype")
    if kind in ("float", "percentage", "currency"):
        raw = str(cell.getAttribute("value"))
        number = float(raw)
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if kind == "boolean":
        return str(cell.getAttribute("booleanvalue")).lower() == "true"
    if kind in ("date", "time"):
        return Refused("this cell holds a date or a time: format the cell as text")
    paragraphs = [teletype.extractText(p) for p in cell.childNodes if getattr(p, "qname", None) == (TEXTNS, "p")]
    return "\n".join(paragraphs).strip() or None


def _repeat(element: Any, name: str) -> int:
    raw = element.getAttribute(name)
    return int(raw) if raw else 1


def _read_ods(path: Path, budget: _Budget) -> list[Grid]:
    from odf.namespaces import TABLENS
    from odf.opendocument import load
    from odf.table import Table, TableRow

    doc = load(str(path))
    grids: list[Grid] = []
    for table in doc.spreadsheet.getElementsByType(Table):
        grid = Grid(str(table.getAttribute("name")), typed=True)
        row = 0
        for element in table.getElementsByType(TableRow):
            values: list[Any] = []
            for cell in element.childNodes:
                if getattr(cell, "qname", None) not in ((TABLENS, "table-cell"), (TABLENS, "covered-table-cell")):
                    continue
                value = _ods_value(cell)
                times = _repeat(cell, "numbercolumnsrepeated")
                # Repeated cells (a whole row of empty ones, often) are expanded up to one past the last column
                # allowed: a value beyond it is then refused at that column.
                room = max(0, MAX_COLUMNS + 1 - len(values))
                values.extend([value] * max(min(times, room), int(value is not None)))
            times = _repeat(element, "numberrowsrepeated")
            if not any(v is not None for v in values):
                row += times  # empty rows (often a million of them, repeated) cost nothing
                continue
            for _ in range(times):
                row += 1
                budget.row(grid.name, row)
                grid.rows.append((row, [budget.cell(grid.name, row, c, v) for c, v in enumerate(values, 1)]))
        grids.append(grid)
    return grids


def cell_name(row: int, col: int) -> str:
    """`C7`."""
    return f"{column_letters(col)}{row}"
