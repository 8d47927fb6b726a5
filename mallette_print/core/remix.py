"""`mallette new`: start a remix of a game under CC BY-SA, attribution chain included.

The new folder gets a copy of the game data (cards/, rules/, assets/ and the
licence text), a manifest with the new title and authors, and an
`adapted_from` entry crediting the original (title, authors, source, licence)
ahead of the original's own chain, so every PDF of the remix credits it.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from mallette_print.core.errors import BuildError, RequestError
from mallette_print.core.manifest import YEAR_MAX, YEAR_MIN
from mallette_print.core.model import GameData
from mallette_print.core.validate import GAME_FILE
from mallette_print.core.yamlio import load_file

COPIED = ("cards", "rules", "assets", "LICENSE-CC-BY-SA")
HEADER = """# yaml-language-server: $schema=../schema/game.schema.json
# A remix of "{original}" under CC BY-SA 4.0. Keep `adapted_from`: it is the
# attribution the licence asks for. Describe your changes in adapted_from[0].changes,
# and set source_url to the public address of your version.
"""


def new_remix(data: GameData, dest: Path, title: str, authors: list[str], year: int | None = None) -> list[str]:
    """Create the remix folder; return lines telling the user what was done."""
    for what, value in (("title", title), *(("author", a) for a in authors)):
        why = line_problem(value)
        if why:
            raise RequestError(f"the {what} {why}", option=what)
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        raise RequestError(f"the year must be between {YEAR_MIN} and {YEAR_MAX}, got {year}", option="year")
    src = Path(data.root)
    inside = dest.resolve()
    if inside == src.resolve() or src.resolve() in inside.parents:
        # Copying a folder into itself copies the copy again, until the path is too long (RecursionError).
        raise BuildError(f"{dest} is inside the game folder {src}; choose a folder outside it")
    if dest.exists() and any(dest.iterdir()):
        raise BuildError(f"{dest} already exists and is not empty; choose a new folder")
    g = data.game
    doc = load_file(src / GAME_FILE)
    manifest: dict[str, Any] = dict(doc.data)
    original = {
        "title": manifest["title"],
        "authors": list(g.authors),
        "source_url": g.source_url,
        "licence": {"id": g.licence.id, "name": g.licence.name, "url": g.licence.url},
        "year": g.year,
    }
    manifest["title"] = {lang: title for lang in g.languages}
    manifest.pop("subtitle", None)
    manifest["authors"] = authors
    manifest["licensor"] = ", ".join(authors)
    manifest["notice"] = card_notice(authors, g.licence.name, str(g.notice or ""))
    manifest["version"] = "0.1"
    if year is not None:
        manifest["year"] = year
    manifest["adapted_from"] = [original, *manifest.get("adapted_from", [])]
    manifest["licence"] = dict(original["licence"])  # ShareAlike: the remix keeps CC BY-SA 4.0
    try:
        dest.mkdir(parents=True, exist_ok=True)
        for name in COPIED:
            path = src / name
            if path.is_dir():
                shutil.copytree(path, dest / name, symlinks=False)
            elif path.is_file():
                shutil.copy2(path, dest / name)
        text = HEADER.format(original=one_line(title_text(original["title"]))) + yaml.safe_dump(
            manifest, allow_unicode=True, sort_keys=False, width=100
        )
        (dest / GAME_FILE).write_text(text, encoding="utf-8")
        schema_src = src / "schema"
        if schema_src.is_dir():
            shutil.copytree(schema_src, dest / "schema")
    except OSError as exc:
        raise BuildError(f"cannot create the remix in {dest}: {exc.strerror or exc}") from None
    return [
        f"Created a remix of {title_text(original['title'])} in {dest}/",
        f"  title: {title}; authors: {', '.join(authors)}; licence: {g.licence.name} (ShareAlike)",
        f"  card notice: '{manifest['notice']}' (edit `notice` in cards/game.yaml; keep it about as short)",
        "  adapted_from credits the original in every PDF; say what you changed in adapted_from[0].changes.",
        f"  Build it: mallette build --game {dest}",
    ]


def card_notice(authors: list[str], licence: str, original: str) -> str:
    """The short notice for the remix's cards: the new authors if it fits where the original's did.

    The small print of a card has room for little more than the original notice (a notion card, with its larger
    QR code, for about 24 characters); a longer one would stop the remix's first build. The full attribution is
    in every PDF's metadata and in the rulebook's credits anyway.
    """
    room = max(len(original), 20)
    for text in (f"© {', '.join(authors)} · {licence}", f"© {authors[0]} · {licence}"):
        if len(text) <= room:
            return text
    return licence


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
