"""`mallette site --out DIR`: the kit's static website, its variants built in parallel.

DIR/index.html is the home page in the game's default language (other languages under DIR/<lang>/), each fiche
at DIR/<slug>/index.html so that `fiches.base_url + slug` resolves once DIR is published at `base_url`; the
downloads of each variant (language x paper) in DIR/downloads/<lang>-<paper>/ with a zip beside them; the rules
and the card gallery of each language; the style sheet and the fonts in DIR/assets/.

The variants (full builds) and the galleries run in worker processes on every core: one process per language
(its papers and its gallery share the fitted card layouts and the checks), forked from this one so that they
start with its imports and its loaded game; with a core for every variant, one process per variant. Every PDF
is byte for byte what `mallette build --lang L --paper P` writes. The pages are written when they are all done,
each file atomically.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from mallette_print.core.errors import BuildError, DataError, Problem
from mallette_print.core.model import GameData
from mallette_print.draw.fonts import atkinson_files
from mallette_print.fiches.content import fiche_pages
from mallette_print.pipeline.files import write_all
from mallette_print.pipeline.options import Output
from mallette_print.site.pages import FileRow, Variant, fiche_page, home_page
from mallette_print.site.rules import rules_page
from mallette_print.site.shell import CSS, Page, prefix, render

PAPERS = ("a4", "letter")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # every zip entry dated alike: the same kit gives the same zip


Row = tuple[str, int, int, int, str, str]  # an output as (name, pages, sheets, bytes, how to print, instead of)


# The game as the parent process loaded it: worker processes forked from the parent use it as it is instead of
# loading the game again (set just before the pool starts; spawned workers, on systems without fork, load it).
_GAME: GameData | None = None


def _build_unit(root: str, out: str, lang: str, papers: tuple[str, ...], gallery: str) -> dict[str, list[Row]]:
    """In a worker process: full builds of one language on each paper, then its card gallery, sharing one build
    context (the fitted card layouts serve every paper and the gallery). The rows of each build, by paper.

    What depends on the language only is done once: the data and the rules are verified before the first paper
    (the later ones skip the `verify` stage, which would check the same texts again), the cards are fitted once.
    """
    from mallette_print.core.validate import load_game
    from mallette_print.pipeline.context import BuildContext
    from mallette_print.pipeline.options import BuildOptions
    from mallette_print.pipeline.registry import default_registry
    from mallette_print.pipeline.run import run_build
    from mallette_print.site.gallery import write_gallery

    data = _GAME if _GAME is not None and str(Path(_GAME.root)) == root else load_game(Path(root))
    ctx = BuildContext()
    rows: dict[str, list[Row]] = {}
    for i, paper in enumerate(papers):
        opts = BuildOptions(out=Path(out) / "downloads" / f"{lang}-{paper}", lang=lang, paper=paper)
        registry = default_registry(opts)
        if i:
            registry.layouts = [(name, step) for name, step in registry.layouts if name != "verify"]
        report = run_build(data, opts, registry, ctx=ctx)
        rows[paper] = [
            (o.name, o.pages, o.sheets, len(o.content), o.how_to_print, o.instead_of) for o in report.outputs
        ]
    if gallery:
        langs = data.game.languages
        other = tuple((x, f"{prefix(data, x)}cards/gallery/index.html") for x in langs if x != lang)
        write_gallery(data, lang, Path(out) / gallery, ctx, f"{gallery}/gallery/index.html", other)
    return rows


def workers(jobs: int | None) -> int:
    """The cores to use: `jobs`, else every core."""
    return max(1, jobs or os.cpu_count() or 1)


def units(langs: list[str], workers: int) -> list[tuple[str, tuple[str, ...], bool]]:
    """What each worker process builds: (language, papers, with the gallery). One variant each when there are
    cores for all of them; else one language each, so that its papers and its gallery share their card layouts."""
    if workers >= len(langs) * len(PAPERS):
        return [(lang, (paper,), paper == PAPERS[0]) for lang in langs for paper in PAPERS]
    return [(lang, PAPERS, True) for lang in langs]


def processes(plan: int, workers: int) -> int:
    """Worker processes for `plan` units on `workers` cores: one per unit, up to twice the cores.

    The units of a language are alike in size; three of them on two cores, one process each, finish together
    (the system shares the cores between them) where two processes would leave the third unit to run alone
    once the first two are done: 1.5 units of time instead of 2.
    """
    return max(1, min(plan, 2 * workers))


def _warm_imports() -> None:
    """Import what the workers run, here, once: forked workers start with it (0.4 s of imports each)."""
    from mallette_print.pipeline.registry import default_registry
    from mallette_print.site.gallery import write_gallery

    default_registry()
    del write_gallery


def _pool(size: int) -> ProcessPoolExecutor:
    """A pool of `size` processes, forked from this one where the system can (they start with its imports and
    its loaded game), else started afresh."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        return ProcessPoolExecutor(max_workers=size, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(max_workers=size)


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


def _gallery_dir(data: GameData, lang: str, gallery: bool) -> str:
    """Where a unit writes its language's gallery ("" for none)."""
    return f"{prefix(data, lang)}cards" if gallery else ""


def _check_slugs(data: GameData) -> None:
    """A fiche's page may not take a folder of the site's own (`rules/`, `en/`...): DataError located on it."""
    from mallette_print.fiches.content import fiche_slug

    taken = {"assets", "downloads", "cards", "rules", "index.html", *data.game.languages}
    problems = []
    for f in data.game.fiches.items:
        top = fiche_slug(data, f.id).split("/")[0]
        if top in taken:
            path, line, col = data.where(f"fiche:{f.id}")
            problems.append(
                Problem(
                    path, line, col, f"fiche '{f.id}'", f"slug '{top}' is a folder of the site itself: choose another"
                )
            )
    if problems:
        raise DataError(problems)


def _stage(out: Path) -> Path:
    """A new folder beside `out` where the site is built before it replaces anything in `out`."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    except OSError as exc:
        raise BuildError(f"cannot write to {out}: {exc.strerror or exc}") from None


def _move_in(stage: Path, out: Path) -> None:
    """Move every file built in `stage` to its place in `out` (other files of `out` are left as they are)."""
    try:
        for path in sorted(p for p in stage.rglob("*") if p.is_file()):
            target = out / path.relative_to(stage)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
    except OSError as exc:
        raise BuildError(f"cannot write to {out}: {exc.strerror or exc}") from None


def build_site(
    data: GameData, out: Path, progress: Callable[[str], None] | None = None, jobs: int | None = None
) -> list[str]:
    """Build the whole site into `out`; return the lines of a short report.

    Everything is built in a folder beside `out` first, and moved into `out` only when every variant, gallery
    and page has been made: a failed build (bad data in one variant) leaves `out` as it was.
    """
    out = Path(out)
    _check_slugs(data)
    stage = _stage(out)
    try:
        lines = _build(data, out, stage, progress, jobs)
        _move_in(stage, out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return lines


def _in_workers(
    data: GameData,
    stage: str,
    plan: list[tuple[str, tuple[str, ...], bool]],
    n: int,
    progress: Callable[[str], None] | None,
    results: dict[tuple[str, str], list[Row]],
) -> None:
    """Run the units in a pool of worker processes, the largest first; their rows go to `results`."""
    _warm_imports()
    root = str(Path(data.root))
    with _pool(processes(len(plan), n)) as pool:
        gc.freeze()  # forked at the first submit, the workers' garbage collector leaves what they inherit alone
        try:
            tasks = {
                pool.submit(_build_unit, root, stage, lang, papers, _gallery_dir(data, lang, gallery)): (lang, papers)
                for lang, papers, gallery in sorted(plan, key=lambda u: (-len(u[1]), not u[2]))
            }
        finally:
            gc.unfreeze()
        try:
            for done in as_completed(tasks):
                lang, papers = tasks[done]
                for paper, rows in done.result().items():  # a worker's DataError or BuildError is raised here
                    results[(lang, paper)] = rows
                if progress:
                    progress(f"{lang} {'+'.join(papers)}")
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # what has not started never will
            raise


def _build(
    data: GameData, out: Path, stage: Path, progress: Callable[[str], None] | None, jobs: int | None
) -> list[str]:
    from mallette_print.core.i18n import tr

    root = str(Path(data.root))
    langs = list(data.game.languages)
    d = data.game.default_language
    results: dict[tuple[str, str], list[Row]] = {}
    n = workers(jobs)
    plan = units(langs, n)
    global _GAME
    _GAME = data  # the units use the game as loaded here, in this process or in forked ones
    try:
        if n == 1:  # one job: no worker process, the builds run one after the other here
            for lang, papers, gallery in plan:
                for paper, rows in _build_unit(
                    root, str(stage), lang, papers, _gallery_dir(data, lang, gallery)
                ).items():
                    results[(lang, paper)] = rows
                if progress:
                    progress(f"{lang} {'+'.join(papers)}")
        else:
            _in_workers(data, str(stage), plan, n, progress, results)
    finally:
        _GAME = None
    if progress:
        progress("pages")
    slug = _file_slug(tr(data.game.title, d, d))
    variants: list[Variant] = []
    files: list[Output] = []
    for lang in langs:
        for paper in PAPERS:
            printable = tuple(FileRow(*r) for r in results[(lang, paper)] if r[1])
            folder = f"downloads/{lang}-{paper}"
            zip_name = f"downloads/{slug}-{lang}-{paper}.zip"
            content = _zip(stage / folder, [r.name for r in printable], f"{slug}-{lang}-{paper}")
            files.append(Output(zip_name, content))
            variants.append(Variant(lang, paper, folder, printable, zip_name, len(content)))
    pages: list[Page] = []
    by_lang = {lang: fiche_pages(data, lang) for lang in langs}

    def others(lang: str, path: str) -> tuple[tuple[str, str], ...]:
        """The same page (`path` below a language's folder) in the other languages."""
        return tuple((x, f"{prefix(data, x)}{path}") for x in langs if x != lang)

    for lang in langs:
        pages.append(home_page(data, lang, variants, by_lang[lang], others(lang, "index.html")))
        pages.append(rules_page(data, lang, by_lang[lang], others(lang, "rules/index.html")))
        for fiche in by_lang[lang]:
            pages.append(fiche_page(data, lang, fiche, others(lang, f"{fiche.slug}/index.html")))
    files += [Output(page.path, render(data, page).encode("utf-8")) for page in pages]
    shown = {name: source for page in pages for name, source in page.files}
    files += [Output(name, Path(source).read_bytes()) for name, source in sorted(shown.items())]
    files.append(Output("assets/site.css", CSS.lstrip().encode("utf-8")))
    fonts = atkinson_files()
    for style in ("regular", "bold"):
        files.append(Output(f"assets/fonts/{fonts[style].name}", fonts[style].read_bytes()))
    write_all(stage, files, sweep=False)
    return [
        f"Site written in {out}/: {len(pages)} pages, {len(variants)} variants "
        f"({', '.join(f'{v.lang}-{v.paper}' for v in variants)}), each with its zip.",
        f"Home page: {(out / 'index.html').resolve().as_uri()}",
        f"Publish {out}/ at {data.game.fiches.base_url} (fiches.base_url) so that the QR codes lead to its pages.",
    ]
