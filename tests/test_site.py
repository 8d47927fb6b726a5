"""The kit's website (`mallette site`) and fiches.pdf, checked as a facilitator's phone and a printer would.

One site is built for the module (the sample game with two fiche texts and the project's rules), and one headless
Chromium opens its pages: links resolve, nothing is fetched from another host, no horizontal scrolling at 360 px,
text at least 16 px, tap targets at least 44 px, no console error, and axe-core (tests/vendor/axe.min.js) finds
no serious or critical violation. Every QR code of the built cards.pdf leads to an existing page.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pypdf
import pypdfium2 as pdfium
import pytest
import yaml
import zxingcpp
from click.testing import CliRunner

from mallette_print.cli import main
from mallette_print.core.errors import DataError
from mallette_print.core.validate import load_game

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).is_file()), None)
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def _game(tmp: Path) -> Path:
    game = tmp / "game"
    shutil.copytree(DATA / "sample", game)
    shutil.copytree(REPO / "assets", game / "assets")
    shutil.copytree(REPO / "rules", game / "rules")
    with (game / "rules" / "fr.md").open("a", encoding="utf-8") as f:  # a figure, to check its alt text on the site
        f.write("\n![Une zone du territoire : le quartier](assets/icons/zone-quartier.svg)\n")
    return game


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    game = _game(tmp_path_factory.mktemp("site"))
    out = game.parent / "public"
    result = CliRunner().invoke(main, ["site", "--game", str(game), "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "Home page: file://" in result.output
    return out


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        for key in ("href", "src"):
            if a.get(key):
                self.refs.append((tag, str(a[key])))


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_internal_link_resolves_and_is_relative(site: Path) -> None:
    pages = _pages(site)
    # Home, rules, gallery and 13 fiche pages per language.
    assert len(pages) == 2 * (3 + 13)
    for page in pages:
        parsed = _parse(page)
        for tag, url in parsed.refs:
            u = urlparse(url)
            if u.scheme in ("http", "https", "mailto"):
                assert tag == "a", f"{page}: {tag} loads {url} from another host"
                continue
            assert not u.scheme and not url.startswith("/"), f"{page}: {url} is not a relative link"
            target = (page.parent / unquote(u.path)).resolve() if u.path else page
            assert target.is_file(), f"{page.relative_to(site)}: {url} leads nowhere"
            if u.fragment and target.suffix == ".html" and not u.fragment.startswith("card-"):
                assert u.fragment in _parse(target).ids, f"{page.relative_to(site)}: no #{u.fragment} in {url}"
            if u.fragment.startswith("card-"):
                assert f'id="{u.fragment}"' in target.read_text(encoding="utf-8")
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    for url in re.findall(r"url\(([^)]+)\)", css):
        assert (site / "assets" / url).is_file(), url


def test_every_qr_code_of_every_card_opens_a_page_of_the_site(site: Path) -> None:
    data = load_game(site.parent / "game")
    base = data.game.fiches.base_url
    decoded: list[str] = []
    for variant in ("fr-a4", "en-letter"):
        pdf = pdfium.PdfDocument(site / "downloads" / variant / "cards.pdf")
        for i in range(2, len(pdf), 2):  # the fronts (page 1 is the instructions' back... sheet order: front, back)
            img = pdf[i].render(scale=150 / 72).to_pil()
            decoded += [r.text for r in zxingcpp.read_barcodes(img) if r.format == zxingcpp.BarcodeFormat.QRCode]
        pdf.close()
    expected = [data.fiche_url(c.fiche) for _, c in data.cards() for _ in range(c.quantity) if c.fiche]
    assert sorted(decoded) == sorted(expected * 2)
    for url in set(decoded):
        assert url.startswith(base)
        assert (site / url[len(base) :] / "index.html").is_file(), url


def test_home_lists_every_variant_with_its_files_sizes_sheets_and_zip(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in home and 'href="en/index.html"' in home
    for variant in ("fr-a4", "fr-letter", "en-a4", "en-letter"):
        for name in ("cards.pdf", "rulebook.pdf", "fiches.pdf"):
            assert f'href="downloads/{variant}/{name}"' in home
        zips = list((site / "downloads").glob(f"*-{variant}.zip"))
        assert len(zips) == 1 and f'href="downloads/{zips[0].name}"' in home
        import zipfile

        with zipfile.ZipFile(zips[0]) as z:
            names = sorted(Path(n).name for n in z.namelist())
        assert "fiches.pdf" in names and "cards.pdf" in names
    assert "Total : " in home or "Total\u00a0: " in home.replace("&nbsp;", "\u00a0")
    assert re.search(
        r"fiches\.pdf</a></th><td>A4, à 100\u00a0%, recto seul, une fiche par feuille</td>"
        r'<td class="num">13</td><td class="num">13</td><td class="num">\d+\u00a0ko</td>',
        home,
    )
    en = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in en and "min of play" in en


def test_fiche_page_has_the_text_the_cards_citing_it_and_a_language_switch(site: Path) -> None:
    page = (site / "f01" / "index.html").read_text(encoding="utf-8")
    assert "Fiche compagnon du jeu « Territoires en coopération »" in page.replace("\u00a0", " ")
    assert "Idées clés" in page and "Une épicerie associative" in page
    assert "Prestation pour un bailleur" in page  # the sample's only card citing fiche 1
    assert 'href="../en/f01/index.html"' in page and "CC BY-SA 4.0" in page
    unwritten = (site / "f13" / "index.html").read_text(encoding="utf-8")
    assert "pas encore écrit" in unwritten


def test_rules_page_is_the_markdown_with_a_contents_and_table_headers(site: Path) -> None:
    rules = (site / "rules" / "index.html").read_text(encoding="utf-8")
    assert '<nav class="toc"' in rules and rules.count("<h1") == 1
    assert '<th scope="col"' in rules and "{{" not in rules
    assert re.search(r'<h2 id="[^"]+">Mise en place</h2>', rules)
    assert 'href="#' in rules
    assert '<img src="../media/assets/icons/zone-quartier.svg" alt="Une zone du territoire' in rules
    assert (site / "media" / "assets" / "icons" / "zone-quartier.svg").is_file()


def test_a_variant_of_the_site_is_byte_for_byte_the_build_of_that_language_and_paper(
    site: Path, tmp_path: Path
) -> None:
    # en-letter: built in a worker after en-a4 (layouts shared, checks not run again) and after another language.
    out = tmp_path / "build"
    result = CliRunner().invoke(
        main, ["build", "--game", str(site.parent / "game"), "--out", str(out), "--lang", "en", "--paper", "letter"]
    )
    assert result.exit_code == 0, result.output
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert {"cards.pdf", "rulebook.pdf", "fiches.pdf", "tokens.pdf"} <= set(pdfs)
    assert sorted(p.name for p in (site / "downloads" / "en-letter").glob("*.pdf")) == pdfs
    for name in pdfs:
        assert (site / "downloads" / "en-letter" / name).read_bytes() == (out / name).read_bytes(), name


def test_build_py_site_is_mallette_site() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(REPO / "build.py"), "--site", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "Usage: python build.py site" in out.stdout and "--jobs" in out.stdout


def test_fiches_pdf_one_page_per_fiche_qr_to_its_page_paper_and_fonts(site: Path) -> None:
    data = load_game(site.parent / "game")
    for variant, size in (("fr-a4", A4), ("en-letter", LETTER)):
        path = site / "downloads" / variant / "fiches.pdf"
        reader = pypdf.PdfReader(path)
        assert len(reader.pages) == 13
        assert all(abs(float(p.mediabox.width) - size[0]) < 1 for p in reader.pages)
        assert all(abs(float(p.mediabox.height) - size[1]) < 1 for p in reader.pages)
        for page in reader.pages[:1]:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]  # embedded TrueType
        text = reader.pages[0].extract_text()
        assert ("Fiche compagnon du jeu" if variant == "fr-a4" else "Companion fiche of the game") in text
        assert "CC BY-SA 4.0" in text
        pdf = pdfium.PdfDocument(path)
        found = [r.text for r in zxingcpp.read_barcodes(pdf[0].render(scale=150 / 72).to_pil())]
        pdf.close()
        assert found == [data.fiche_url("economie-plurielle")]


def test_a_fiche_too_long_for_two_pages_is_a_located_error_and_the_site_is_left_as_it_was(tmp_path: Path) -> None:
    game = _game(tmp_path)
    path = game / "cards" / "fiches" / "economie-plurielle.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["example"]["text"]["fr"] = "Une très longue histoire de coopération. " * 700
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "public"
    out.mkdir()
    (out / "index.html").write_text("the site as published yesterday", encoding="utf-8")
    result = CliRunner().invoke(main, ["site", "--game", str(game), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 1
    assert re.search(r"fiches/economie-plurielle\.yaml:1:1: fiche 'economie-plurielle': takes \d+ pages", result.output)
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game", "public"]  # no staging folder left behind
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "the site as published yesterday"


def test_fiche_files_are_validated_with_locations_and_strict_check_lists_missing(tmp_path: Path) -> None:
    game = _game(tmp_path)
    folder = game / "cards" / "fiches"
    (folder / "communs.yaml").write_text(
        "id: communs\nsummary: {fr: Un commun., de: Ein Gemeingut.}\nkey_ideas: [a, b, c, d, e, f]\n"
        "example: {title: T, text: X}\nquestions: [q1]\nreading:\n  - {authors: A, title: B, url: 'ftp://x'}\n",
        encoding="utf-8",
    )
    (folder / "comuns.yaml").write_text("id: comuns\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_game(game)
    lines = str(err.value)
    assert "fiches/communs.yaml:2:" in lines and "language 'de'" in lines
    assert "comuns.yaml: no fiche 'comuns'" in lines and "communs" in lines
    (folder / "comuns.yaml").unlink()
    (folder / "communs.yaml").write_text(
        "id: communs\nsummary: Un commun.\nkey_ideas: [a, b, c, d, e, f]\nexample: {title: T, text: X}\n"
        "questions: [q1]\nreading:\n  - {authors: A, title: B, url: 'ftp://x'}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_game(game)
    assert "fiches/communs.yaml:3:" in str(err.value) and "6 items in 'fr': expected 1 to 5" in str(err.value)
    assert "fiches/communs.yaml:7:" in str(err.value) and "expected an http(s) URL" in str(err.value)
    (folder / "communs.yaml").write_text(
        'id: communs\nsummary: "Un commun \u2603."\nkey_ideas: [a]\nexample: {title: T, text: X}\nquestions: [q]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--strict", "--game", str(game)])
    assert result.exit_code == 1
    assert "fiches/communs.yaml:2:10: field summary: character U+2603 (SNOWMAN) is not in the font" in result.output
    (folder / "communs.yaml").unlink()
    result = CliRunner().invoke(main, ["check", "--strict", "--game", str(game)])
    assert result.exit_code == 1
    assert "fiche 'ptce': no text: write cards/fiches/ptce.yaml" in result.output
    assert "fiche 'economie-plurielle': no text" not in result.output


def test_fiche_schema_accepts_the_fiche_files(tmp_path: Path) -> None:
    import json

    import jsonschema

    schema = json.loads((REPO / "schema" / "fiche.schema.json").read_text(encoding="utf-8"))
    for path in sorted((DATA / "sample" / "cards" / "fiches").glob("*.yaml")) + sorted(
        (REPO / "cards" / "fiches").glob("*.yaml")
    ):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "summary": "s", "key_ideas": ["a"], "exemple": {}}, schema)


def test_a_fiche_url_points_its_qr_codes_and_its_pdf_at_the_official_page(tmp_path: Path) -> None:
    game = _game(tmp_path)
    manifest = game / "cards" / "game.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("      slug: f01\n", "      slug: f01\n      url: https://example.org/plural-economy\n", 1)
    manifest.write_text(text, encoding="utf-8")
    data = load_game(game)
    from mallette_print.fiches.content import fiche_pages

    first = fiche_pages(data, "fr")[0]
    assert first.url == data.fiche_url("economie-plurielle") == "https://example.org/plural-economy"
    assert first.slug == "f01"
    # A slug may not take one of the site's own folders.
    manifest.write_text(text.replace("      slug: f02\n", "      slug: rules\n", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["site", "--game", str(game), "--out", str(tmp_path / "public")])
    assert result.exit_code == 1
    assert re.search(
        r"cards/game\.yaml:\d+:\d+: fiche 'innovation-sociale': slug 'rules' is a folder of the site", result.output
    )
    assert not (tmp_path / "public").exists()


# --- in a real browser ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if CHROMIUM is None:
        pytest.skip(
            "no Chromium found at /usr/bin/chromium: install it (apt-get install chromium) to run the browser tests"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


PHONE_PAGES = (
    "index.html",
    "f01/index.html",
    "f13/index.html",
    "rules/index.html",
    "en/index.html",
    "en/f03/index.html",
)
AUDITED = (*PHONE_PAGES, "en/rules/index.html", "cards/gallery/index.html")

# Everything a reader taps, except links inside a sentence (WCAG's inline exception).
TAPS = """() => [...document.querySelectorAll('a, button, select, input')].filter(e => {
  const r = e.getBoundingClientRect(); if (!r.width) return false;
  return !(e.closest('p, li') && !e.closest('ul.links, ol.links, nav, .button, footer'));
}).filter(e => e.getBoundingClientRect().height < 44).map(e => e.outerHTML.slice(0, 80))"""


def test_pages_on_a_phone_no_scroll_16px_text_44px_targets_nothing_from_elsewhere(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 360, "height": 740})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    for rel in PHONE_PAGES:
        requests.clear()
        page.goto((site / rel).as_uri())
        page.wait_for_load_state("load")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, f"{rel}: {width} px wide at 360 px"
        sizes = page.evaluate(
            "() => [...document.querySelectorAll('main p, main li, main td')].map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert sizes and min(sizes) >= 16, f"{rel}: text at {min(sizes)} px"
        assert page.evaluate(TAPS) == [], rel
        assert page.evaluate("() => document.fonts.check('16px \"Atkinson Hyperlegible\"')"), rel
        assert all(r.startswith("file://") for r in requests), (rel, requests)
        if rel.endswith("f01/index.html") or rel.endswith("f03/index.html"):
            weight = sum(Path(unquote(urlparse(r).path)).stat().st_size for r in set(requests))
            assert weight <= 200_000, f"{rel}: {weight} bytes"
    assert errors == []
    page.close()


def test_axe_finds_no_serious_or_critical_violation(browser, site: Path) -> None:  # type: ignore[no-untyped-def]
    axe = AXE.read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found: dict[str, list[str]] = {}
    for rel in AUDITED:
        page.goto((site / rel).as_uri())
        page.add_script_tag(content=axe)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if bad:
            found[rel] = bad
    page.close()
    assert found == {}
