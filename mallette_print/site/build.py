"""`mallette site --out DIR`: the kit's static website, its four variants built in parallel.

DIR/index.html is the home page in the game's default language (other languages under DIR/<lang>/), each fiche
at DIR/<slug>/index.html so that `fiches.base_url + slug` resolves once DIR is published at `base_url`; the
downloads of each variant (language x paper) in DIR/downloads/<lang>-<paper>/ with a zip beside them; the rules
and the card gallery of each language; the style sheet and the fonts in DIR/assets/.

The variants (full builds) and the galleries run in a process pool on every core; the pages are written when
they are all done, each file atomically.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from mallette_print.core.model import GameData
from mallette_print.draw.fonts import atkinson_files
from mallette_print.fiches.content import fiche_pages
from mallette_print.pipeline.files import write_all
from mallette_print.pipeline.options import Output
from mallette_print.site.pages import FileRow, Variant, fiche_page, home_page
from mallette_print.site.rules import rules_page
from mallette_print.site.shell import CSS, Page, prefix, render

PAPERS = ("a4", "letter")
GALLERY_DPI = 72  # the gallery's card images: sharp at the size they are shown (190 px wide), light to download
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # every zip entry dated alike: the same kit gives the same zip


def _build_variant(root: str, lang: str, paper: str, out: str) -> list[tuple[str, int, int, int, str, str]]:
    """One full build (in a worker process): the files it wrote, as (name, pages, sheets, bytes, how, instead_of)."""
    from mallette_print.core.validate import load_game
    from mallette_print.pipeline.options import BuildOptions
    from mallette_print.pipeline.registry import default_registry
    from mallette_print.pipeline.run import run_build

    data = load_game(Path(root))
    opts = BuildOptions(out=Path(out), lang=lang, paper=paper)
    report = run_build(data, opts, default_registry(opts))
    return [(o.name, o.pages, o.sheets, len(o.content), o.how_to_print, o.instead_of) for o in report.outputs]


def _build_gallery(root: str, lang: str, out: str) -> None:
    """The card gallery of one language (in a worker process): PNGs and gallery/index.html under `out`."""
    from mallette_print.cards.preview import build_preview
    from mallette_print.core.validate import load_game

    build_preview(load_game(Path(root)), Path(out), (), lang, "poker", GALLERY_DPI)


def _zip(folder: Path, names: list[str], top: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(names):
            info = zipfile.ZipInfo(f"{top}/{name}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, (folder / name).read_bytes())
    return buf.getvalue()


def _file_slug(text: str) -> str:
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "kit"


def build_site(
    data: GameData, out: Path, progress: Callable[[str], None] | None = None, jobs: int | None = None
) -> list[str]:
    """Build the whole site into `out`; return the lines of a short report."""
    from mallette_print.core.i18n import tr

    out = Path(out)
    root = str(Path(data.root))
    langs = list(data.game.languages)
    d = data.game.default_language
    tasks: dict[Any, tuple[str, str]] = {}
    results: dict[tuple[str, str], list[tuple[str, int, int, int, str, str]]] = {}
    workers = max(1, jobs or os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for lang in langs:
            for paper in PAPERS:
                folder = out / "downloads" / f"{lang}-{paper}"
                tasks[pool.submit(_build_variant, root, lang, paper, str(folder))] = (lang, paper)
        for lang in langs:
            tasks[pool.submit(_build_gallery, root, lang, str(out / f"{prefix(data, lang)}cards"))] = (lang, "gallery")
        for done in as_completed(tasks):
            lang, what = tasks[done]
            got = done.result()  # a DataError or BuildError of a worker is raised here, as is
            if what != "gallery":
                results[(lang, what)] = got
            if progress:
                progress(f"{lang} {what}")
    if progress:
        progress("pages")
    slug = _file_slug(tr(data.game.title, d, d))
    variants: list[Variant] = []
    files: list[Output] = []
    for lang in langs:
        for paper in PAPERS:
            rows = tuple(FileRow(*r) for r in results[(lang, paper)] if r[1])  # the printable files
            folder = f"downloads/{lang}-{paper}"
            zip_name = f"downloads/{slug}-{lang}-{paper}.zip"
            content = _zip(out / folder, [r.name for r in rows], f"{slug}-{lang}-{paper}")
            files.append(Output(zip_name, content))
            variants.append(Variant(lang, paper, folder, rows, zip_name, len(content)))
    pages: list[Page] = []
    by_lang = {lang: fiche_pages(data, lang) for lang in langs}

    def others(make: Callable[[str], str], lang: str) -> tuple[tuple[str, str], ...]:
        return tuple((x, make(x)) for x in langs if x != lang)

    for lang in langs:
        p = prefix(data, lang)
        pages.append(
            home_page(data, lang, variants, by_lang[lang], others(lambda x: f"{prefix(data, x)}index.html", lang))
        )
        pages.append(
            rules_page(data, lang, by_lang[lang], others(lambda x: f"{prefix(data, x)}rules/index.html", lang))
        )
        for f in by_lang[lang]:
            other = others(lambda x, s=f.slug: f"{prefix(data, x)}{s}/index.html", lang)
            pages.append(fiche_page(data, lang, f, other))
        del p
    files += [Output(page.path, render(data, page).encode("utf-8")) for page in pages]
    files.append(Output("assets/site.css", CSS.lstrip().encode("utf-8")))
    fonts = atkinson_files()
    for style in ("regular", "bold"):
        files.append(Output(f"assets/fonts/{fonts[style].name}", fonts[style].read_bytes()))
    write_all(out, files, sweep=False)
    return [
        f"Site written in {out}/: {len(pages)} pages, {len(variants)} variants "
        f"({', '.join(f'{v.lang}-{v.paper}' for v in variants)}), each with its zip.",
        f"Home page: {(out / 'index.html').resolve().as_uri()}",
        f"Publish {out}/ at {data.game.fiches.base_url} (fiches.base_url) so that the QR codes lead to its pages.",
    ]
