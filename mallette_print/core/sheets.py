"""Spreadsheet decks (.csv, .xlsx, .ods): their cells as deck data, every value located at its cell.

The convention (docs/designers.md, "Decks as spreadsheets"), the same in the three formats:

- one row per card, after a row of column names; an empty row is skipped;
- a column per field: `id`, `title:fr`, `title:en` (a text in one language per column; a column without
  `:lang` is the text in the game's default language), `quantity`...;
- a field of a field joined with a dot: `power.type`, `power.amount`, `back.title:fr`;
- a list in one cell, its items separated by `;` (`mobilise; lien`), and a count per name in one cell,
  `name: number` pairs separated by `;` (`ecologique: 1; humaine: 2`);
- an empty cell is an absent field; spaces around a value are dropped;
- the deck's own fields (id, type, title, template, back) as `key | value` rows: in a sheet named `deck` for
  .xlsx and .ods (the cards in the first other sheet), and for CSV in rows before the column names whose first
  cell starts with `#` (`#id,actors`).

Types are as strict as YAML's: an .xlsx or .ods cell is text, a number or a boolean as the spreadsheet stores
it (a number stored as text where a number is expected is refused with YAML's message, and so is a number
where text is expected: type `'1789` for the text 1789). A CSV cell is typed as YAML types a plain value
(`2` a number, `true`/`TRUE` a boolean, anything else text); a leading `'` makes it text. Formula, date and
error cells are refused (sheetio.py): nothing is computed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from mallette_print.core.charset import FORBIDDEN, field_context, forbidden_message
from mallette_print.core.errors import Problem, column_letters, problem
from mallette_print.core.sheetio import Grid, Refused, read_grids
from mallette_print.core.yamlio import MAX_DIGITS, Located, PathKey, YamlError

DECK_SHEET = "deck"
LIST_SEP = ";"
PAIR_SEP = ":"
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*(:[A-Za-z]{2}(-[A-Za-z]{2})?)?$")
_INT = re.compile(r"^[-+]?\d+$")
_FLOAT = re.compile(r"^[-+]?(\.\d+|\d+\.\d*|\d+(\.\d*)?[eE][-+]?\d+)$")


@dataclass
class SheetDoc(Located):
    """A spreadsheet deck as the same plain data as a YAML deck, each path located at a cell.

    `where` gives (row, column) numbers; `sheet_of` the sheet of a path: the deck's fields are in the deck
    sheet, the cards in the cards sheet (one and the same, unnamed, in a CSV file).
    """

    cards_sheet: str = ""
    deck_sheet: str = ""

    def sheet_of(self, loc: PathKey) -> str:
        return self.cards_sheet if tuple(loc[:1]) == ("cards",) else self.deck_sheet


def column_path(name: str) -> tuple[str, ...] | None:
    """`back.title:fr` -> ('back', 'title', 'fr'); None when the name does not follow the convention."""
    if not _KEY.match(name):
        return None
    name, _, lang = name.partition(":")
    return tuple(name.split(".")) + ((lang,) if lang else ())


def yaml_scalar(text: str) -> Any:
    """A CSV cell's value as YAML types a plain value: whole numbers, decimals, true/false; text otherwise.

    A leading `'` keeps the rest as text, as in a spreadsheet (`'1789`)."""
    if text.startswith("'"):
        return text[1:]
    if _INT.match(text) and len(text.lstrip("+-0")) <= MAX_DIGITS:
        return int(text)
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text[0] in "tT"
    if _FLOAT.match(text):
        return float(text)
    return text


def _bare(tp: Any) -> Any:
    """int for Annotated[int, Strict()]."""
    return get_args(tp)[0] if get_origin(tp) is Annotated else tp


def field_shape(models: list[type[BaseModel]], name: str) -> set[str]:
    """How the top-level field `name` is written in one cell: 'list', 'pairs' (a count per name) or 'value'."""
    shapes = set()
    for model in models:
        f = model.model_fields.get(name)
        if f is None:
            continue
        tp = f.annotation
        if get_origin(tp) is not None and type(None) in get_args(tp):
            tp = next(a for a in get_args(tp) if a is not type(None))
        if get_origin(tp) is list:
            shapes.add("list")
        elif get_origin(tp) is dict and _bare(get_args(tp)[1]) is int:
            shapes.add("pairs")
        else:
            shapes.add("value")
    return shapes or {"value"}


class _Builder:
    """Builds a SheetDoc from grids, collecting located problems."""

    def __init__(self, path: Path, typed: bool) -> None:
        self.path = path
        self.typed = typed
        self.doc = SheetDoc(path, {})
        self.doc.value_at[()] = (0, 0)
        self.problems: list[Problem] = []
        self.bad: list[tuple[PathKey, str]] = []  # (path, message) of refused or forbidden values

    def fail(self, sheet: str, row: int, col: int, message: str) -> None:
        self.problems.append(problem(self.path, row, col, "", message, sheet))

    def value(self, raw: Any) -> Any:
        return yaml_scalar(raw) if isinstance(raw, str) and not self.typed else raw

    def put(self, base: PathKey, parts: tuple[str, ...], value: Any, cell: tuple[int, int], sheet: str) -> None:
        """Write `value` at base + parts, recording its cell; a conflict between two columns is a problem."""
        node: dict[str, Any] = self.doc.data
        for part in base:
            node = node[part]
        for depth, part in enumerate(parts[:-1]):
            here = base + parts[: depth + 1]
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                name = ".".join(parts[: depth + 1])
                self.fail(sheet, *cell, f"'{name}' has a value of its own in another column: keep one of the two")
                return
            self.doc.value_at.setdefault(here, cell)
            node = child
        last = parts[-1]
        if last in node:
            self.fail(sheet, *cell, f"'{'.'.join(parts)}' is written twice (two columns for one field?)")
            return
        loc = base + parts
        node[last] = value
        self.doc.value_at[loc] = cell
        if isinstance(value, Refused):
            self.bad.append((loc, value.why))
            node[last] = None
        elif isinstance(value, str) and FORBIDDEN.search(value):
            self.bad.append((loc, forbidden_message(FORBIDDEN.search(value).group())))  # type: ignore[union-attr]
        for item in value if isinstance(value, list) else value.values() if isinstance(value, dict) else []:
            if isinstance(item, str) and FORBIDDEN.search(item):
                self.bad.append((loc, forbidden_message(FORBIDDEN.search(item).group())))  # type: ignore[union-attr]

    def header(self, rows: list[tuple[int, list[Any]]], sheet: str, strip_hash: bool) -> None:
        """The deck's own fields from `key | value` rows."""
        for row, cells in rows:
            key = cells[0]
            if not isinstance(key, str):
                self.fail(sheet, row, 1, f"expected a field name in column A (id, type, title:fr...), got {key!r}")
                continue
            key = key[1:].strip() if strip_hash else key
            if not key:
                continue  # a '#' row with no name: a comment
            extra = next((c for c, v in enumerate(cells[2:], 3) if v is not None), None)
            if extra:
                self.fail(sheet, row, extra, "one value per row: the name in column A, the value in column B")
            parts = column_path(key)
            if parts is None or parts[0] == "cards":
                why = "the cards are the rows of the cards sheet" if parts else "use names such as back.title:fr"
                self.fail(sheet, row, 1, f"'{key}' is not a field name ({why})")
                continue
            self.doc.key_at[parts] = (row, 1)
            if len(cells) > 1 and cells[1] is not None:
                self.put((), parts, self.value(cells[1]), (row, 2), sheet)

    def cards(self, grid: Grid, rows: list[tuple[int, list[Any]]], models: list[type[BaseModel]]) -> None:
        """The cards: a row of column names, then one row per card."""
        cards: list[dict[str, Any]] = []
        self.doc.data["cards"] = cards
        if not rows:
            self.doc.value_at[("cards",)] = (1, 0)
            return
        head_row, names = rows[0]
        self.doc.value_at[("cards",)] = (head_row, 0)
        columns: dict[int, tuple[str, ...]] = {}
        seen: dict[tuple[str, ...], int] = {}
        for c, name in enumerate(names, 1):
            if name is None:
                continue
            parts = column_path(str(name)) if isinstance(name, str) else None
            if parts is None:
                self.fail(
                    grid.name, head_row, c, f"'{name}' is not a column name (write a field: title:fr, power.type)"
                )
            elif parts in seen:
                self.fail(
                    grid.name, head_row, c, f"column '{name}' twice (first in column {column_letters(seen[parts])})"
                )
            else:
                seen[parts] = c
                columns[c] = parts
        for row, cells in rows[1:]:
            i = len(cards)
            cards.append({})
            self.doc.value_at[("cards", i)] = (row, 0)
            for c, raw in enumerate(cells, 1):
                if raw is None:
                    continue
                if c not in columns:
                    if c > len(names) or names[c - 1] is None:
                        self.fail(grid.name, row, c, f"a value in a column without a name (name it in row {head_row})")
                    continue
                parts = columns[c]
                self.doc.key_at[("cards", i, *parts)] = (row, c)
                self.put(
                    ("cards", i), parts, self._shaped(parts, raw, models, grid.name, (row, c)), (row, c), grid.name
                )

    def _shaped(
        self, parts: tuple[str, ...], raw: Any, models: list[type[BaseModel]], sheet: str, cell: tuple[int, int]
    ) -> Any:
        shapes = field_shape(models, parts[0]) if len(parts) == 1 else {"value"}
        if not isinstance(raw, str) or shapes == {"value"}:
            return self.value(raw)
        if len(shapes) > 1:  # the deck's type is unknown: read the cell as it is written
            shapes = {"pairs"} if PAIR_SEP in raw else {"list"}
        items = [s.strip() for s in raw.split(LIST_SEP) if s.strip()]
        if shapes == {"list"}:
            return items
        pairs: dict[str, Any] = {}
        for item in items:
            name, sep, count = (s.strip() for s in item.partition(PAIR_SEP))
            if not sep or not name:
                self.fail(sheet, *cell, f"expected 'name: number' pairs separated by '{LIST_SEP}', got '{item}'")
                return {}
            if name in pairs:
                self.fail(sheet, *cell, f"duplicate key '{name}'")
                return {}
            pairs[name] = yaml_scalar(count)
        return pairs


def _split_csv(grid: Grid) -> tuple[list[tuple[int, list[Any]]], list[tuple[int, list[Any]]]]:
    """A CSV's `#` rows (the deck's fields) and the rest (column names, then cards)."""
    rows = grid.rows
    n = 0
    while n < len(rows) and isinstance(rows[n][1][0], str) and rows[n][1][0].startswith("#"):
        n += 1
    return rows[:n], rows[n:]


def load_sheet(path: Path, card_models: Mapping[str, type[BaseModel]] | None = None) -> SheetDoc:
    """A spreadsheet deck file as located deck data, its cells read by the field kinds of `card_models` (the game's,
    core/custom.py; the built-in ones when None); YamlError with every problem that stops it loading."""
    from mallette_print.core.custom import models_for

    models_by_type = models_for({}) if card_models is None else card_models
    grids = read_grids(path)
    if path.suffix.lower() == ".csv":
        head, rows = _split_csv(grids[0])
        deck_grid = cards_grid = grids[0]
    else:
        decks = [g for g in grids if g.name.strip().lower() == DECK_SHEET]
        others = [g for g in grids if g not in decks]
        if not decks or not others:
            names = ", ".join(repr(g.name) for g in grids)
            raise YamlError(
                [
                    problem(
                        path,
                        0,
                        0,
                        "",
                        f"expected a sheet named '{DECK_SHEET}' (the deck's id, type, title, template, back) and a "
                        f"sheet of cards; found {names}",
                    )
                ]
            )
        deck_grid, cards_grid = decks[0], others[0]
        head, rows = deck_grid.rows, cards_grid.rows
    b = _Builder(path, cards_grid.typed)
    b.doc.cards_sheet, b.doc.deck_sheet = cards_grid.name, deck_grid.name
    b.header(head, deck_grid.name, strip_hash=deck_grid is cards_grid)
    kind = b.doc.data.get("type")
    if isinstance(kind, str) and kind in models_by_type:
        models = [models_by_type[kind]]
    else:
        models = list(models_by_type.values())
    b.cards(cards_grid, rows, list(models))
    problems = b.problems + [b.doc.problem(loc, field_context(b.doc.data, loc), why) for loc, why in b.bad]
    if problems:
        raise YamlError(problems)
    return b.doc


def load_deck_file(path: Path) -> Located:
    """A deck file, YAML or spreadsheet, as located data; YamlError when it cannot be loaded."""
    from mallette_print.core.errors import SHEET_SUFFIXES
    from mallette_print.core.yamlio import load_file

    return load_sheet(path) if path.suffix.lower() in SHEET_SUFFIXES else load_file(path)


def sheet_locations(decks: Iterable[tuple[Located, Any, Iterable[Any]]]) -> dict[str, str]:
    """The sheet of each 'deck:<id>' and 'card:<id>' location of the spreadsheet decks (GameData.sheets)."""
    out: dict[str, str] = {}
    for doc, header, cards in decks:
        if isinstance(doc, SheetDoc) and doc.deck_sheet:
            out[f"deck:{header.id}"] = doc.sheet_of(("id",))
            out.update({f"card:{c.id}": doc.sheet_of(("cards",)) for c in cards})
    return out
