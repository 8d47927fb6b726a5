"""`mallette new`: start a remix of a game under CC BY-SA, attribution chain included.

The new folder gets a copy of the game data (cards/, rules/, assets/ and the
licence text), a manifest with the new title and authors, and an
`adapted_from` entry crediting the original (title, authors, source, licence)
ahead of the original's own chain, so every PDF of the remix credits it.
"""

from __future__ import annotations

import io
import shutil
import unicodedata
from pathlib import Path
from typing import Any

from mallette_print.core.errors import BuildError, Problem, RequestError, problem
from mallette_print.core.i18n import tr
from mallette_print.core.manifest import YEAR_MAX, YEAR_MIN
from mallette_print.core.model import GameData
from mallette_print.core.phrasebook import text as phrase
from mallette_print.core.validate import GAME_FILE
from mallette_print.core.yamlio import load_file

COPIED = ("cards", "rules", "assets", "LICENSE-CC-BY-SA")
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/game.schema.json"
HEADER = """# A remix of "{original}" under CC BY-SA 4.0. Keep `adapted_from`: it is the
# attribution the licence asks for. Describe your changes in adapted_from[0].changes,
# and set source_url to the public address of your version.
"""


def new_remix(
    data: GameData,
    dest: Path,
    title: str,
    authors: list[str],
    year: int | None = None,
    source_url: str | None = None,
) -> list[str]:
    """Create the remix folder; return lines telling the user what was done.

    game.yaml is edited, not rewritten: its comments, key order and layout stay (ruamel.yaml's round trip).
    """
    from mallette_print.core.checks import url_problem

    for what, value in (("title", title), *(("author", a) for a in authors)):
        why = line_problem(value)
        if why:
            raise RequestError(f"the {what} {why}", option=what)
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        raise RequestError(f"the year must be between {YEAR_MIN} and {YEAR_MAX}, got {year}", option="year")
    if source_url is not None and (why := url_problem(source_url)):
        raise RequestError(f"the source URL: {why}", option="source-url")
    src = Path(data.root)
    inside = dest.resolve()
    if inside == src.resolve() or src.resolve() in inside.parents:
        # Copying a folder into itself copies the copy again, until the path is too long (RecursionError).
        raise BuildError(f"{dest} is inside the game folder {src}; choose a folder outside it")
    if dest.exists() and any(dest.iterdir()):
        raise BuildError(f"{dest} already exists and is not empty; choose a new folder")
    g = data.game
    doc = load_file(src / GAME_FILE)
    original: dict[str, Any] = {
        "title": doc.data["title"],
        "authors": list(g.authors),
        "source_url": g.source_url,
        "licence": {"id": g.licence.id, "name": g.licence.name, "url": g.licence.url},
        "year": g.year,
        "changes": {lang: "" for lang in g.languages},
    }
    text = _edited(
        (src / GAME_FILE).read_text(encoding="utf-8"),
        {lang: title for lang in g.languages},
        authors,
        year,
        source_url,
        original,
    )
    text = _with_header(text, one_line(title_text(original["title"])))
    try:
        dest.mkdir(parents=True, exist_ok=True)
        for name in COPIED:
            path = src / name
            if path.is_dir():
                shutil.copytree(path, dest / name, symlinks=False)
            elif path.is_file():
                shutil.copy2(path, dest / name)
        (dest / GAME_FILE).write_text(text, encoding="utf-8")
        schema_src = src / "schema"
        if schema_src.is_dir():
            shutil.copytree(schema_src, dest / "schema")
    except OSError as exc:
        raise BuildError(f"cannot create the remix in {dest}: {exc.strerror or exc}") from None
    lines = [
        f"Created a remix of {title_text(original['title'])} in {dest}/",
        f"  title: {title}; authors: {', '.join(authors)}; licence: {g.licence.name} (ShareAlike)",
        f"  card notice: made from adapted_from in each build's language, e.g. in {g.default_language}: '"
        + phrase(
            "licence.notice",
            g.default_language,
            g.default_language,
            authors=", ".join(authors),
            title=tr(g.title, g.default_language, g.default_language),
            original=", ".join(g.authors),
            licence=g.licence.name,
        )
        + "'",
        "  adapted_from credits the original in every PDF; say what you changed in adapted_from[0].changes.",
    ]
    if source_url is None:
        lines.append("  source_url is still the original's: set it to your version's address (check warns until then).")
    return [*lines, f"  Build it: mallette build --game {dest}"]


def _edited(
    text: str,
    title: dict[str, str],
    authors: list[str],
    year: int | None,
    source_url: str | None,
    original: dict[str, Any],
) -> str:
    """The original game.yaml with the remix's title, authors and chain: every other line as it was written."""
    from ruamel.yaml import YAML

    rt = YAML()  # round trip: comments, key order, quotes and flow styles are kept
    rt.preserve_quotes = True
    rt.width = 4096  # no re-wrapping of long lines
    rt.indent(mapping=2, sequence=4, offset=2)
    manifest = rt.load(text)
    manifest["title"] = title
    manifest.pop("subtitle", None)  # the original's subtitle names the original
    manifest["authors"] = authors
    manifest["licensor"] = ", ".join(authors)
    manifest.pop("notice", None)  # the original's notice credits the original; the remix's is generated
    manifest["version"] = "0.1"
    if year is not None:
        manifest["year"] = year
    if source_url is not None:
        manifest["source_url"] = source_url
    chain = [original, *manifest.get("adapted_from", [])]
    if "adapted_from" in manifest:
        manifest["adapted_from"] = chain
    else:  # just after source_url, where a reader of the manifest sees it
        keys = list(manifest)
        at = keys.index("source_url") + 1 if "source_url" in keys else len(keys)
        manifest.insert(at, "adapted_from", chain)
    manifest["licence"] = dict(original["licence"])  # ShareAlike: the remix keeps CC BY-SA 4.0
    out = io.StringIO()
    rt.dump(manifest, out)
    return out.getvalue()


def _with_header(text: str, original: str) -> str:
    """The remix's note at the top of game.yaml, under the schema line (which editors want first)."""
    note = HEADER.format(original=original)
    first, _, rest = text.partition("\n")
    if first.strip() == SCHEMA_LINE:
        return f"{first}\n{note}{rest}"
    return f"{SCHEMA_LINE}\n{note}{text}"


def remix_problems(data: GameData) -> list[Problem]:
    """What a remix still owes the licence: its own source_url, and what it changed (located in game.yaml).

    Warnings for `check` and `build`; errors with `check --strict`.
    """
    g = data.game
    if not g.adapted_from:
        return []
    path = Path(data.root) / GAME_FILE
    doc = load_file(path)
    found: list[Problem] = []
    first = g.adapted_from[0]
    if g.source_url == first.source_url:
        line, col = doc.where(("source_url",))
        found.append(
            problem(
                path,
                line,
                col,
                "source_url",
                f"source_url is still the address of the original ({first.source_url}): set it to where your "
                "version can be found (or `mallette new --source-url URL`), so that readers reach your remix",
            )
        )
    changes = first.changes
    written = any(v.strip() for v in changes.values()) if isinstance(changes, dict) else bool((changes or "").strip())
    if not written:
        entry = doc.data["adapted_from"][0] if isinstance(doc.data.get("adapted_from"), list) else {}
        loc = ("adapted_from", 0, "changes") if isinstance(entry, dict) and "changes" in entry else ("adapted_from", 0)
        line, col = doc.where(loc)
        found.append(
            problem(
                path,
                line,
                col,
                "adapted_from[0].changes",
                "say what you changed from the original in adapted_from[0].changes (CC BY-SA 4.0 asks a remix "
                'to indicate its changes), e.g. changes: {fr: "Cartes adaptées à la Bretagne"}',
            )
        )
    return found


def line_problem(text: str) -> str | None:
    """Why a title or an author name given on the command line is refused (None when it is fine)."""
    if not text.strip():
        return "is empty"
    bad = next((ch for ch in text if unicodedata.category(ch) in ("Cc", "Zl", "Zp")), None)
    if bad is not None:
        return f"contains a control character ({ascii(bad)}): write it on one line, without line breaks or tabs"
    return None


def one_line(text: str) -> str:
    """Text safe inside a one-line YAML comment: line breaks and other control characters become spaces."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)


def title_text(title: Any) -> str:
    """A title written as text or {lang: text}, as one string."""
    if isinstance(title, dict):
        return str(next(iter(title.values()), ""))
    return str(title)
