"""The rulebook and its booklet: what a reader finds on the page, taken from the data."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
import yaml
import zxingcpp
from pypdf import PdfReader

from mallette_print.cli import main
from mallette_print.rulebook.booklet_order import padded

REPO = Path(__file__).resolve().parent.parent
MM = 72 / 25.4


def build(runner, *args: str) -> Path:
    result = runner.invoke(main, ["build", "--out", "out", *args])
    assert result.exit_code == 0, result.output
    return Path("out")


def page_texts(pdf: Path) -> list[str]:
    # The rulebook prints typographic apostrophes (’); the data and these tests write straight ones.
    return [(p.extract_text() or "").replace("\u2019", "'") for p in PdfReader(pdf).pages]


def page_of(texts: list[str], heading: str) -> int:
    """Index of the first page (after the contents) whose text has the heading at a line start."""
    for i, t in enumerate(texts):
        if i > 1 and any(line.strip() == heading for line in t.splitlines()):
            return i
    raise AssertionError(f"no page with heading {heading!r}")


def yaml_counts(game: Path) -> list[tuple[str, int, int]]:
    """(French deck title, distinct cards, printed cards) read straight from the YAML files."""
    manifest = yaml.safe_load((game / "cards" / "game.yaml").read_text(encoding="utf-8"))
    out = []
    for name in manifest["decks"]:
        deck = yaml.safe_load((game / "cards" / name).read_text(encoding="utf-8"))
        title = deck["title"]["fr"] if isinstance(deck["title"], dict) else deck["title"]
        out.append((title, len(deck["cards"]), sum(c.get("quantity", 1) for c in deck["cards"])))
    return out


def test_components_table_equals_yaml_counts(project: Path, runner) -> None:
    # Change a quantity first, so the table cannot be right by accident.
    res = project / "cards" / "resources.yaml"
    res.write_text(res.read_text(encoding="utf-8").replace("quantity: 4", "quantity: 7", 1), encoding="utf-8")
    texts = page_texts(build(runner) / "rulebook.pdf")
    page = texts[page_of(texts, "Matériel")]
    counts = yaml_counts(project)
    for title, distinct, copies in counts:
        assert re.search(rf"{re.escape(title)}\s+{distinct}\s+{copies}\b", page), (title, distinct, copies, page)
    total_d = sum(c[1] for c in counts)
    total_c = sum(c[2] for c in counts)
    assert re.search(rf"Total\s+{total_d}\s+{total_c}\b", page)
    assert f"Le jeu compte {total_c} cartes en {len(counts)} paquets" in page


def test_placeholders_are_filled_from_the_data(project: Path, runner) -> None:
    (project / "rules" / "fr.md").write_text(
        "# Règles\n\nOn joue {{rounds}} tours de {{ actions_per_turn }} actions, à {{players}} joueur·euses.\n\n"
        "# Fin\n\nVersion {{version}} de *{{title}}*.\n",
        encoding="utf-8",
    )
    game_yaml = project / "cards" / "game.yaml"
    game_yaml.write_text(game_yaml.read_text(encoding="utf-8").replace("rounds: 8", "rounds: 9"), encoding="utf-8")
    text = "\n".join(page_texts(build(runner) / "rulebook.pdf"))
    assert "On joue 9 tours de 3 actions, à 3–6 joueur·euses." in text
    assert "Version 0.1 de Territoires en coopération." in text
    assert "{{" not in text


def test_unknown_placeholder_is_an_error_with_its_line(project: Path, runner) -> None:
    (project / "rules" / "fr.md").write_text(
        "# Règles\n\nOn joue\n{{rounds}} tours, puis {{tours}} et {{manches}}.\n", encoding="utf-8"
    )
    result = runner.invoke(main, ["build", "--out", "out"])
    assert result.exit_code == 1
    out = result.output
    assert "rules/fr.md:4:24: rulebook: unknown placeholder '{{tours}}'" in out
    assert "rules/fr.md:4:37: rulebook: unknown placeholder '{{manches}}'" in out
    assert "2 errors found; nothing was written." in out
    assert not Path("out/rulebook.pdf").exists()


def test_section_placeholder_must_stand_alone(project: Path, runner) -> None:
    (project / "rules" / "fr.md").write_text("# A\n\nVoir {{components}} ici.\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--out", "out"])
    assert result.exit_code == 1
    assert "rules/fr.md:3:6:" in result.output and "put it alone on its own line" in result.output


def test_missing_image_is_located(project: Path, runner) -> None:
    (project / "rules" / "fr.md").write_text("# A\n\ntexte\n\n![Le plateau](assets/nope.png)\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--out", "out"])
    assert result.exit_code == 1
    assert "rules/fr.md:5:1: rulebook: image not found: 'assets/nope.png'" in result.output


def test_every_fiche_is_in_the_index_with_a_decodable_qr(project: Path, runner) -> None:
    pdf = build(runner) / "rulebook.pdf"
    texts = page_texts(pdf)
    first = page_of(texts, "Les fiches de la mallette")
    last = page_of(texts, "Guide d'impression")
    manifest = yaml.safe_load((project / "cards" / "game.yaml").read_text(encoding="utf-8"))
    base = manifest["fiches"]["base_url"]
    expected = {base + f["slug"] for f in manifest["fiches"]["items"]}
    assert len(expected) == 13
    doc = pdfium.PdfDocument(str(pdf))
    decoded: set[str] = set()
    for i in range(first, last):
        img = doc[i].render(scale=150 / 72).to_pil()
        decoded |= {r.text for r in zxingcpp.read_barcodes(img)}
    assert decoded == expected
    index = "\n".join(texts[first:last])
    for f in manifest["fiches"]["items"]:
        assert f["title"]["fr"] in index.replace("\n", " ")
        assert base + f["slug"] in index


def test_running_header_page_numbers_and_contents(project: Path, runner) -> None:
    pdf_path = build(runner) / "rulebook.pdf"
    texts = page_texts(pdf_path)
    assert "Territoires en coopération" in texts[0] and "Version 0.1" in texts[0]
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages[1:]:
            head = page.crop((0, 0, page.width, 20 * MM)).extract_text()
            foot = page.crop((0, page.height - 20 * MM, page.width, page.height)).extract_text()
            assert head.startswith("Territoires en coopération · Version 0.1"), head
            assert foot.strip() == str(page.page_number)
    contents = texts[1]
    for chapter in (
        "Matériel",
        "Guide d'animation",
        "Les fiches de la mallette",
        "Guide d'impression",
        "Crédits et licence",
    ):
        assert chapter in contents, chapter


def test_debrief_questions_come_from_the_cards(project: Path, runner) -> None:
    text = " ".join(page_texts(build(runner) / "rulebook.pdf")).replace("\n", " ")
    for name in ("challenges.yaml", "events.yaml", "notions.yaml"):
        deck = yaml.safe_load((project / "cards" / name).read_text(encoding="utf-8"))
        for card in deck["cards"]:
            q = card["question"]["fr"].replace(" ?", "\u00a0?")
            assert q[:40] in text, q


def test_credits_and_print_guide(project: Path, runner) -> None:
    texts = page_texts(build(runner) / "rulebook.pdf")
    all_text = " ".join(texts).replace("\n", " ")
    assert "https://creativecommons.org/licenses/by-sa/4.0/deed.fr" in "".join(all_text.split())
    assert "Atkinson Hyperlegible" in all_text  # from assets/CREDITS
    guide = texts[page_of(texts, "Guide d'impression")]
    n = len(texts)
    assert re.search(rf"rulebook\.pdf.*?{n}\s+{(n + 1) // 2}", guide.replace("\n", " "))


def test_english_and_letter(project: Path, runner) -> None:
    out = build(runner, "--lang", "en", "--paper", "letter")
    reader = PdfReader(out / "rulebook.pdf")
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [612, 792]
    texts = [p.extract_text() for p in reader.pages]
    assert "Components" in texts[1] and "Facilitator guide" in texts[1]
    booklet = PdfReader(out / "rulebook-booklet.pdf")
    assert [round(float(v)) for v in booklet.pages[0].mediabox[2:]] == [792, 612]


def test_booklet_is_a5_two_up_in_saddle_stitch_order(project: Path, runner) -> None:
    out = build(runner)
    booklet = out / "rulebook-booklet.pdf"
    with pdfplumber.open(booklet) as pdf:
        sides = pdf.pages
        assert all(round(p.width / MM) == 297 and round(p.height / MM) == 210 for p in sides)
        n = padded(len(sides) * 2) if len(sides) * 2 % 4 == 0 else None
        assert n == len(sides) * 2  # whole sheets: a multiple of 4 pages
        # The right half of the first side is the cover; its left half is the last page (blank or back cover).
        first = sides[0]
        right = first.crop((first.width / 2, 0, first.width, first.height)).extract_text()
        assert "Territoires en" in right and "coopération" in right
        # Page numbers printed at the foot of each half follow the saddle-stitch order.
        order = []
        for p in sides:
            for half in ((0, p.width / 2), (p.width / 2, p.width)):
                foot = p.crop((half[0], p.height - 16 * MM, half[1], p.height)).extract_text().strip()
                order.append(int(foot) if foot.isdigit() else None)
    from mallette_print.rulebook.booklet_order import imposed_order

    expected = imposed_order(n)
    for got, want in zip(order, expected):
        if got is not None:
            assert got == want
    assert sum(1 for g in order if g is not None) >= n // 2


def test_no_heading_at_a_page_bottom(project: Path, runner) -> None:
    for name in ("rulebook.pdf",):
        with pdfplumber.open(build(runner) / name) as pdf:
            for page in pdf.pages[1:]:
                body = [c for c in page.chars if 25 * MM < c["top"] < page.height - 20 * MM]
                if not body:
                    continue
                bottom = max(c["bottom"] for c in body)
                last = [c for c in body if abs(c["bottom"] - bottom) < 2]
                assert max(c["size"] for c in last) < 12, f"heading left at the bottom of page {page.page_number}"


def test_body_text_is_at_least_10pt(project: Path, runner) -> None:
    out = build(runner)
    for name in ("rulebook.pdf", "rulebook-booklet.pdf"):
        with pdfplumber.open(out / name) as pdf:
            sizes: dict[float, int] = {}
            for page in pdf.pages:
                for c in page.chars:
                    sizes[round(c["size"], 1)] = sizes.get(round(c["size"], 1), 0) + 1
            body = max(sizes, key=lambda s: sizes[s])
            assert body >= 10, (name, body)


def test_card_anatomy_shows_a_real_card_of_each_type(project: Path, runner) -> None:
    texts = page_texts(build(runner) / "rulebook.pdf")
    page = texts[page_of(texts, "Anatomie des cartes")].replace("\n", " ")
    for name in (
        "actors.yaml",
        "resources.yaml",
        "cooperations.yaml",
        "challenges.yaml",
        "events.yaml",
        "notions.yaml",
    ):
        deck = yaml.safe_load((project / "cards" / name).read_text(encoding="utf-8"))
        assert deck["title"]["fr"] in page
        assert deck["cards"][0]["title"]["fr"].split()[0] in page  # the card itself, drawn by the card renderer
    assert page.count("Nom de la carte") == 6 and "QR code" in page


def test_inline_icon_names_are_drawn_not_printed(project: Path, runner) -> None:
    rules = project / "rules" / "fr.md"
    assert ":marchande:" in rules.read_text(encoding="utf-8")
    pdf_path = build(runner) / "rulebook.pdf"
    text = "".join(page_texts(pdf_path))
    assert ":marchande:" not in text and ":non-monetaire:" not in text
    assert "marchandes" in text
    # The icon is drawn from its own form (one per icon and colour), not as text.
    page = next(p for p in PdfReader(pdf_path).pages if "trois sortes" in (p.extract_text() or ""))
    xobjects = page["/Resources"]["/XObject"]
    assert sum(1 for name in xobjects if str(name).startswith("/FormXob.icon_")) >= 3  # the three kinds


def test_unknown_colon_words_stay_text(project: Path, runner) -> None:
    rules = project / "rules" / "fr.md"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("Vous incarnez", "Note :pas-une-icone: Vous incarnez", 1),
        encoding="utf-8",
    )
    text = "".join(page_texts(build(runner) / "rulebook.pdf"))
    assert ":pas-une-icone:" in text


def _booklet_pages(booklet: Path) -> dict[int, str]:
    """The text of each A5 page of the imposed booklet, by the page number printed at its foot."""
    pages: dict[int, str] = {}
    with pdfplumber.open(booklet) as pdf:
        for side in pdf.pages:
            for x0, x1 in ((0, side.width / 2), (side.width / 2, side.width)):
                half = side.crop((x0, 0, x1, side.height))
                foot = side.crop((x0, side.height - 16 * MM, x1, side.height)).extract_text().strip()
                if foot.isdigit():
                    pages[int(foot)] = half.extract_text() or ""
    return pages


def test_booklet_contents_fit_one_a5_page(project: Path, runner) -> None:
    for lang, first, last in (("fr", "Le jeu en bref", "Polices et icônes"), ("en", None, None)):
        out = build(runner, "--lang", lang)
        pages = _booklet_pages(out / "rulebook-booklet.pdf")
        contents = pages[2]
        # Every contents line ends with the page it points to; the last chapter's entries are on page 2 too.
        entries = [line for line in contents.splitlines() if re.search(r"\.\s*\d+$", line)]
        assert len(entries) >= 25, contents
        if first:
            assert first in contents and last in contents
        # Page 3 is the first chapter, not more contents.
        assert not re.search(r"\. \. \.", pages[3]), pages[3][:300]
        first_chapter = re.sub(r"[ .]+\d+$", "", entries[0]).strip()
        assert first_chapter.split()[0] in pages[3], (first_chapter, pages[3][:200])


def test_short_tables_are_never_cut_across_pages(project: Path, runner) -> None:
    # A cut table repeats its header row on the next page: each header must stand on one page only.
    headers = {
        "fr": ("Paquet Cartes différentes Cartes à imprimer", "Étape Horaire Durée Ce qui se passe"),
        "en": ("Deck Different cards Cards to print", "Step Time Length What happens"),
    }
    for lang, wanted in headers.items():
        out = build(runner, "--lang", lang)
        booklet = _booklet_pages(out / "rulebook-booklet.pdf")
        with pdfplumber.open(out / "rulebook.pdf") as pdf:
            full = {page.page_number: page.extract_text() or "" for page in pdf.pages}
        for name, pages in (("booklet", booklet), ("rulebook", full)):
            for header in wanted:
                where = [n for n, text in pages.items() if header in text.replace("\n", " ")]
                assert len(where) == 1, (lang, name, header, where)


def test_cover_shows_the_families_from_the_data(project: Path, runner) -> None:
    manifest = yaml.safe_load((project / "cards" / "game.yaml").read_text(encoding="utf-8"))
    for lang in ("fr", "en"):
        out = build(runner, "--lang", lang)
        with pdfplumber.open(out / "rulebook.pdf") as pdf:
            cover = pdf.pages[0]
            text = cover.extract_text().replace("\n", " ")
            # One tile per family: a filled card-shaped rectangle in its colour, its name below (a long name wraps
            # under its tile, so its words are read one by one).
            words = text.split()
            for family in manifest["families"]:
                assert all(w in words for w in family["label"][lang].split()), (lang, family["label"][lang])
            fills = {tuple(round(v, 3) for v in (r.get("non_stroking_color") or ())) for r in cover.rects}
            for family in manifest["families"]:
                hexa = family["colour"].lstrip("#")
                rgb = tuple(round(int(hexa[i : i + 2], 16) / 255, 3) for i in (0, 2, 4))
                assert rgb in fills, (family["id"], rgb)
        assert "Version 0.1" in text  # the cover is still one page: the version line stays on it


def test_a_failing_pass_reaches_the_caller_and_ends_both_layouts(project: Path, monkeypatch) -> None:
    # Each document is laid out by reportlab's multiBuild in a thread of its own (rulebook/passes.py): an error in
    # any pass must be raised to the caller, and neither thread may be left waiting for an answer.
    import threading

    from reportlab.platypus.doctemplate import LayoutError

    from mallette_print import load_game
    from mallette_print.rulebook import passes
    from mallette_print.rulebook.story import render_both

    data = load_game(project)
    real = passes.RulebookDoc.handle_documentBegin
    for failing in (1, 2, 3, 4):  # the passes of a build: full page, booklet, booklet again, full page again
        started = [0]

        def begin(self: passes.RulebookDoc, failing: int = failing, started: list[int] = started) -> None:
            started[0] += 1
            if started[0] == failing:
                raise LayoutError(f"pass {failing}")
            real(self)

        monkeypatch.setattr(passes.RulebookDoc, "handle_documentBegin", begin)
        try:
            render_both(data, "fr", "a4", [])
        except LayoutError as exc:
            assert str(exc) == f"pass {failing}"
        else:
            raise AssertionError(f"pass {failing}: no error")
        assert not [t for t in threading.enumerate() if t.name == "rulebook-passes"], failing
    monkeypatch.setattr(passes.RulebookDoc, "handle_documentBegin", real)
    full, n_full, booklet, n_booklet = render_both(data, "fr", "a4", [])
    assert full.startswith(b"%PDF") and booklet.startswith(b"%PDF") and n_full > 0 and n_booklet > 0
    assert not [t for t in threading.enumerate() if t.name == "rulebook-passes"]


def _colour_pixels(pdf: Path, rgb: tuple[int, int, int]) -> int:
    """How many pixels of the rendered rulebook are (nearly) this colour."""
    from mallette_print.draw.raster import page_images

    pages = len(PdfReader(pdf).pages)
    count = 0
    for img in page_images(pdf.read_bytes(), [0.5] * pages):
        colours = img.convert("RGB").getcolors(1 << 24) or []
        count += sum(n for n, c in colours if all(abs(a - b) < 40 for a, b in zip(c, rgb)))
    return count


def test_an_edited_svg_figure_is_drawn_anew(project: Path, runner) -> None:
    # `mallette watch` rebuilds in the same process: the rulebook must show the SVG as it is now on disk.
    figure = project / "assets" / "figure.svg"
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="50">'
        '<rect width="{w}" height="50" fill="{c}"/></svg>'
    )
    figure.write_text(svg.format(w=100, c="#FF00FF"), encoding="utf-8")
    rules = project / "rules" / "fr.md"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n![Une figure](assets/figure.svg)\n", encoding="utf-8")
    magenta, cyan = (255, 0, 255), (0, 255, 255)
    pdf = build(runner) / "rulebook.pdf"
    assert _colour_pixels(pdf, magenta) > 100
    assert _colour_pixels(pdf, cyan) == 0

    before = figure.stat().st_mtime_ns
    figure.write_text(svg.format(w=120, c="#00FFFF"), encoding="utf-8")
    os.utime(figure, ns=(before + 2_000_000_000, before + 2_000_000_000))  # a new stamp even on coarse clocks
    pdf = build(runner) / "rulebook.pdf"
    assert _colour_pixels(pdf, cyan) > 100
    assert _colour_pixels(pdf, magenta) == 0


def test_a_block_too_tall_for_a_page_is_a_data_error_not_a_traceback(
    sample_game: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever grows past a page despite the rules' limits is named, with the rules file, instead of crashing."""
    from reportlab.platypus.doctemplate import LayoutError

    from mallette_print.core.errors import DataError
    from mallette_print.core.validate import load_game
    from mallette_print.pipeline.options import BuildOptions
    from mallette_print.rulebook import outputs

    def too_tall(*args: object, **kwargs: object) -> None:
        raise LayoutError("Flowable <Table> ... too large on page 5 in frame 'body'")

    monkeypatch.setattr(outputs, "render_both", too_tall)
    with pytest.raises(DataError) as err:
        outputs.rulebook_outputs(load_game(sample_game), BuildOptions(out=tmp_path / "out", lang="fr"), [])
    assert "rules/fr.md: rulebook: a block is too tall to fit on a page (page 5)" in str(err.value)
