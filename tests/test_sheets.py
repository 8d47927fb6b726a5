"""Spreadsheet decks (issue 17.3): .csv, .xlsx and .ods decks load like YAML decks, with located messages, strict
types and budgets; `mallette export` writes decks that build byte-identical cards."""

from __future__ import annotations

import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from mallette_print.cli import main
from mallette_print.core.errors import DataError
from mallette_print.core.export import export_decks
from mallette_print.core.model import GameData
from mallette_print.core.sheetio import MAX_ROWS
from mallette_print.core.validate import load_game
from mallette_print.pipeline.options import BuildOptions
from mallette_print.pipeline.registry import Registry
from mallette_print.pipeline.run import run_build
from mallette_print.pipeline.watch import CARDS, classify

REPO = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "data" / "sample"


def _copy_game(dest: Path, source_cards: Path = SAMPLE / "cards") -> Path:
    shutil.copytree(source_cards, dest / "cards")
    shutil.copytree(REPO / "assets", dest / "assets")
    return dest


def _swap(game: Path, files: list[tuple[str, bytes]]) -> None:
    """Replace the YAML decks named in game.yaml by the exported files."""
    manifest = game / "cards" / "game.yaml"
    text = manifest.read_text(encoding="utf-8")
    for name, content in files:
        stem = name.rsplit(".", 1)[0]
        (game / "cards" / name).write_bytes(content)
        (game / "cards" / f"{stem}.yaml").unlink()
        text, n = re.subn(rf"\b{re.escape(stem)}\.yaml\b", name, text)
        assert n == 1, stem
    manifest.write_text(text, encoding="utf-8")


def _cards_pdf(data: GameData, out: Path) -> bytes:
    """Build cards.pdf alone (verify, fit, draw the cards)."""
    from mallette_print.cards.layouts import lay_out_cards
    from mallette_print.cards.outputs import produce_cards
    from mallette_print.pipeline.verify import verify_build

    reg = Registry()
    reg.add_layout("verify", verify_build)
    reg.add_layout("layout", lay_out_cards)
    reg.add("cards", produce_cards, cards=True)
    run_build(data, BuildOptions(out=out, lang=data.game.default_language), reg)
    return (out / "cards.pdf").read_bytes()


@pytest.fixture(scope="module")
def yaml_game(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GameData, bytes]:
    game = _copy_game(tmp_path_factory.mktemp("yaml") / "game")
    data = load_game(game)
    return game, data, _cards_pdf(data, game / "out")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_exported_decks_build_the_same_cards_pdf(
    fmt: str, yaml_game: tuple[Path, GameData, bytes], tmp_path: Path
) -> None:
    _, data, pdf = yaml_game
    game = _copy_game(tmp_path / "game")
    files = export_decks(data, fmt)
    assert [n for n, _ in files] == [Path(d.source).stem + f".{fmt}" for d in data.decks]
    _swap(game, files)
    swapped = load_game(game)
    assert [d.source.rsplit(".", 1)[1] for d in swapped.decks] == [fmt] * len(data.decks)
    assert _cards_pdf(swapped, game / "out") == pdf


def test_export_command_writes_every_deck(yaml_game: tuple[Path, GameData, bytes], tmp_path: Path) -> None:
    game, data, _ = yaml_game
    result = CliRunner().invoke(main, ["export", "--game", str(game), "--format", "ods", "--out", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "d").iterdir())
    assert written == sorted(Path(d.source).stem + ".ods" for d in data.decks)
    assert result.output.count(".ods") == len(data.decks)


@pytest.fixture
def xlsx_game(yaml_game: tuple[Path, GameData, bytes], tmp_path: Path) -> tuple[Path, GameData]:
    _, data, _ = yaml_game
    game = _copy_game(tmp_path / "game")
    _swap(game, export_decks(data, "xlsx"))
    return game, data


def _edit_xlsx(path: Path, column: str, row: int, value: object, sheet: int = 0) -> str:
    """Set one cell of the cards sheet (by column name and 0-based card row); the cell's name, e.g. D3."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[sheet]
    names = [c.value for c in ws[1]]
    if column not in names:
        ws.cell(1, len(names) + 1, column)
        names.append(column)
    cell = ws.cell(row + 2, names.index(column) + 1)
    cell.value = value
    wb.save(path)
    return str(cell.coordinate)


def _errors(game: Path) -> list[str]:
    with pytest.raises(DataError) as err:
        load_game(game)
    return [str(p).replace(f"{game}/", "") for p in err.value.problems]


def _yaml_message(tmp_path: Path, deck: str, card_index: int, key: str, yaml_value: str) -> str:
    """The message (after the location) the YAML deck gives for `key: yaml_value` on one card."""
    game = _copy_game(tmp_path / "yamlcopy")
    path = game / "cards" / f"{deck}.yaml"
    from mallette_print.core.yamlio import load_file

    doc = load_file(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if key in doc.data["cards"][card_index]:
        line, col = doc.where(("cards", card_index, key), key=True)
        lines[line - 1] = " " * (col - 1) + f"{key}: {yaml_value}"
    else:
        line, col = doc.where(("cards", card_index, "id"), key=True)
        lines.insert(line, " " * (col - 1) + f"{key}: {yaml_value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (message,) = [e for e in _errors(game) if f"'{key}'" in e]
    return message.split(": ", 1)[1]


@pytest.mark.parametrize(
    ("key", "cell", "yaml_value"),
    [("quantity", True, "true"), ("quantity", "2", '"2"'), ("quantity", 2.5, "2.5"), ("fragile", "TRUE", '"TRUE"')],
)
def test_strict_types_as_in_yaml(
    xlsx_game: tuple[Path, GameData], tmp_path: Path, key: str, cell: object, yaml_value: str
) -> None:
    """A boolean cell, a number stored as text, a decimal: refused with YAML's message, located at the cell."""
    game, data = xlsx_game
    deck = next(d for d in data.decks if d.type == "resource")
    name = _edit_xlsx(game / "cards" / f"{Path(deck.source).stem}.xlsx", key, 0, cell)
    card = deck.cards[0].id
    (error,) = _errors(game)
    sheet = deck.title[data.game.default_language]
    assert error.startswith(f"cards/{Path(deck.source).stem}.xlsx: sheet {sheet}, cell {name}: card '{card}': ")
    assert error.split(": ", 2)[2] == _yaml_message(tmp_path, Path(deck.source).stem, 0, key, yaml_value)


def test_number_where_text_is_expected_and_unknown_column(xlsx_game: tuple[Path, GameData]) -> None:
    game, data = xlsx_game
    deck = data.decks[0]
    path = game / "cards" / f"{Path(deck.source).stem}.xlsx"
    title = _edit_xlsx(path, f"title:{data.game.default_language}", 1, 1789)
    typo = _edit_xlsx(path, "titel", 0, "x")
    errors = _errors(game)
    assert any(
        f"cell {title}: card '{deck.cards[1].id}': 'title': the 'fr' text must be text, got the number 1789" in e
        for e in errors
    ), errors
    assert any(
        f"cell {typo}: card '{deck.cards[0].id}': unknown key 'titel' (did you mean 'title'?)" in e for e in errors
    )


def test_formula_cells_are_refused(xlsx_game: tuple[Path, GameData]) -> None:
    game, data = xlsx_game
    deck = next(d for d in data.decks if d.type == "resource")
    name = _edit_xlsx(game / "cards" / f"{Path(deck.source).stem}.xlsx", "quantity", 0, "=1+1")
    sheet = deck.title[data.game.default_language]
    assert (
        f"cards/{Path(deck.source).stem}.xlsx: sheet {sheet}, cell {name}: card '{deck.cards[0].id}', field "
        "quantity: this cell holds a formula (=1+1): formulas are not computed; paste its value"
    ) in _errors(game)


def test_csv_cells_typed_as_yaml_plain_values(yaml_game: tuple[Path, GameData, bytes], tmp_path: Path) -> None:
    """In CSV, `TRUE` is a boolean and `'2` the text 2: both refused for a quantity, at their cell."""
    _, data, _ = yaml_game
    game = _copy_game(tmp_path / "game")
    _swap(game, export_decks(data, "csv"))
    deck = next(d for d in data.decks if d.type == "resource")
    path = game / "cards" / f"{Path(deck.source).stem}.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    head = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    col = lines[head].split(",").index("quantity")
    for n, value in ((1, "TRUE"), (2, "'2")):
        cells = lines[head + n].split(",")
        cells[col] = value
        lines[head + n] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    letter = chr(ord("A") + col)
    errors = _errors(game)
    stem = Path(deck.source).stem
    assert (
        f"cards/{stem}.csv: cell {letter}{head + 2}: card '{deck.cards[0].id}': 'quantity': expected a whole number, got the boolean true"
        in errors
    )
    assert any(
        e.startswith(
            f"cards/{stem}.csv: cell {letter}{head + 3}: card '{deck.cards[1].id}': 'quantity': expected a whole number, got the text '2'"
        )
        for e in errors
    ), errors


def test_deck_header_errors_point_at_the_deck_sheet(xlsx_game: tuple[Path, GameData]) -> None:
    game, data = xlsx_game
    deck = data.decks[0]
    path = game / "cards" / f"{Path(deck.source).stem}.xlsx"
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["deck"]
    row = next(r for r in ws.iter_rows() if r[0].value == "back.colour")
    row[1].value = "blue"
    wb.save(path)
    (error,) = _errors(game)
    assert error.startswith(f"cards/{path.name}: sheet deck, cell B{row[1].row}: ")
    assert "'back.colour'" in error and "colour like '#E69F00'" in error


def _zip_with(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, content in members.items():
            zf.writestr(name, content)


def test_hostile_spreadsheets_are_refused_within_budget(xlsx_game: tuple[Path, GameData]) -> None:
    game, data = xlsx_game
    path = game / "cards" / f"{Path(data.decks[0].source).stem}.xlsx"
    original = path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    start = time.process_time()
    # Zip bombs: a part of 60 MiB, or parts of 52 MiB together, in a small file; refused before anything is unpacked.
    _zip_with(path, {**parts, "xl/bomb.xml": b" " * (60 * 1024 * 1024)})
    (error,) = _errors(game)
    assert error == (
        f"cards/{path.name}: the part 'xl/bomb.xml' unpacks to 60 MiB (at most 8 MiB): a zip bomb, or a workbook far "
        "larger than a deck"
    )
    _zip_with(path, {**parts, **{f"xl/bomb{i}.xml": b" " * (7 * 1024 * 1024 + 512 * 1024) for i in range(7)}})
    (error,) = _errors(game)
    assert error.startswith(f"cards/{path.name}: the file unpacks to 52 MiB in 17 parts (at most 50 MiB): a zip bomb")
    # A sheet of a million rows (two cells, 999,998 empty rows between them): refused at its row 20,001.
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="A1000000"><v>1</v></c></row>'
    big = parts[sheet].split(b"<sheetData")[0] + f"<sheetData>{rows}</sheetData></worksheet>".encode()
    _zip_with(path, {**parts, sheet: big})
    (error,) = _errors(game)
    sheet_name = data.decks[0].title[data.game.default_language]
    assert error == (
        f"cards/{path.name}: sheet {sheet_name}, row {MAX_ROWS + 1}: more than {MAX_ROWS} rows: a deck is far smaller; "
        "delete the rows below your cards"
    )
    # A huge cell.
    path.write_bytes(original)
    name = _edit_xlsx(path, "flavour:fr", 0, "x" * 100_000)
    (error,) = _errors(game)
    assert re.search(rf"cell {name}: text too long \(\d+ characters; at most 10000 in a cell\)", error), error
    # Not a zip at all.
    path.write_bytes(b"id,title\n")
    (error,) = _errors(game)
    assert error == f"cards/{path.name}: this is not a .xlsx file (not a zip archive): save it again"
    assert time.process_time() - start < 10


def test_ods_repeated_rows_are_counted(xlsx_game: tuple[Path, GameData], tmp_path: Path) -> None:
    """A row repeated a million times (one XML element) is a million rows; repeated empty rows cost nothing."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    from mallette_print.core.sheets import load_sheet
    from mallette_print.core.yamlio import YamlError

    def ods(repeat_full: int, repeat_empty: int) -> Path:
        doc = OpenDocumentSpreadsheet()
        cards = Table(name="Cards")
        for values, times in ((["id"], 1), ([None], repeat_empty), (["x"], repeat_full)):
            row = TableRow(numberrowsrepeated=times)
            for value in values:
                cell = TableCell(valuetype="string") if value else TableCell(numbercolumnsrepeated=16384)
                if value:
                    cell.addElement(P(text=value))
                row.addElement(cell)
            cards.addElement(row)
        doc.spreadsheet.addElement(cards)
        deck = Table(name="deck")
        doc.spreadsheet.addElement(deck)
        out = tmp_path / f"d{repeat_full}.ods"
        doc.save(str(out))
        return out

    start = time.process_time()
    loaded = load_sheet(ods(2, 1_000_000))
    assert [c["id"] for c in loaded.data["cards"]] == ["x", "x"]
    assert loaded.where(("cards", 1, "id")) == (1_000_003, 1)  # row numbers count the empty rows
    with pytest.raises(YamlError) as err:
        load_sheet(ods(1_000_000, 1))
    assert f"sheet Cards, row {MAX_ROWS + 2}: more than {MAX_ROWS} rows" in str(err.value)  # the empty row 2
    assert time.process_time() - start < 5


def test_csv_not_utf8_and_watch_notices_spreadsheets(yaml_game: tuple[Path, GameData, bytes], tmp_path: Path) -> None:
    _, data, _ = yaml_game
    game = _copy_game(tmp_path / "game")
    _swap(game, export_decks(data, "csv"))
    path = game / "cards" / f"{Path(data.decks[0].source).stem}.csv"
    path.write_bytes(path.read_bytes().removeprefix(b"\xef\xbb\xbf").replace("é".encode(), b"\xe9", 1))
    (error,) = _errors(game)
    assert re.match(
        rf"cards/{path.name}: row \d+: the file is not UTF-8 text \(byte 0xe9\): save it as 'CSV UTF-8'", error
    )
    assert classify([path], game) == ({CARDS, "rulebook"}, False)
    assert classify([game / "cards" / "~$actors.xlsx", game / "cards" / ".~lock.actors.ods#"], game) == (set(), False)


def test_messages_after_loading_name_the_sheet(xlsx_game: tuple[Path, GameData]) -> None:
    """Coherence warnings (`mallette check`) and a text that does not fit (the build) are located in the sheet."""
    game, data = xlsx_game
    deck = next(d for d in data.decks if d.type == "actor")
    path = game / "cards" / f"{Path(deck.source).stem}.xlsx"
    sheet = deck.title[data.game.default_language]
    other = next(lang for lang in data.game.languages if lang != data.game.default_language)
    _edit_xlsx(path, f"title:{other}", 1, None)
    result = CliRunner().invoke(main, ["check", "--game", str(game)])
    assert result.exit_code == 0, result.output
    assert f"cards/{path.name}: sheet {sheet}, row 3: deck '{deck.id}': warning: missing the '{other}' text" in (
        result.output.replace(f"{game}/", "")
    )
    name = _edit_xlsx(path, f"description:{data.game.default_language}", 0, "Un texte bien trop long. " * 60)
    with pytest.raises(DataError) as err:
        _cards_pdf(load_game(game), game / "out")
    (problem,) = err.value.problems
    assert (
        str(problem)
        .replace(f"{game}/", "")
        .startswith(
            f"cards/{path.name}: sheet {sheet}, cell {name}: card '{deck.cards[0].id}': the {data.game.default_language} "
            "text of 'description' does not fit"
        )
    )
    assert not (game / "out" / "cards.pdf").exists()


def test_csv_with_semicolons_as_french_spreadsheets_write_it(tmp_path: Path) -> None:
    from mallette_print.core.sheets import load_sheet
    from mallette_print.core.yamlio import YamlError

    path = tmp_path / "actors.csv"
    path.write_text('#id;actors\n\nid;title:fr;resources;quantity\na;Titre, virgule;"x; y";2\n', encoding="utf-8")
    doc = load_sheet(path)
    assert doc.data == {
        "id": "actors",
        "cards": [{"id": "a", "title": {"fr": "Titre, virgule"}, "resources": ["x", "y"], "quantity": 2}],
    }
    assert doc.where(("cards", 0, "resources", 1)) == (4, 3)
    path.write_text("#id;actors\nid;title:fr;resources\na;T;x; y\n", encoding="utf-8")
    with pytest.raises(YamlError) as err:
        load_sheet(path)
    assert str(err.value).endswith("actors.csv: cell D3: a value in a column without a name (name it in row 2)")


def test_texts_that_look_like_numbers_formulas_or_quotes_round_trip(tmp_path: Path) -> None:
    """Texts a spreadsheet would read as something else come back as the same text from every format."""
    game = _copy_game(tmp_path / "game")
    deck = game / "cards" / "resources.yaml"
    lines = deck.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- id:"))
    indent = " " * (len(lines[first]) - len(lines[first].lstrip()) + 2)
    tricky = {"fr": "=1+1", "en": "'1789"}
    lines[first + 1 : first + 1] = [f"{indent}flavour: {{fr: '=1+1', en: \"'1789\"}}"]
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = load_game(game)
    card = next(d for d in data.decks if d.type == "resource").cards[0]
    assert card.flavour == tricky
    for fmt in ("csv", "xlsx", "ods"):
        copy = _copy_game(tmp_path / fmt, game / "cards")
        _swap(copy, export_decks(data, fmt))
        again = load_game(copy)
        assert [d.cards for d in again.decks] == [d.cards for d in data.decks], fmt
