"""The building blocks of validation: a collector of located problems, model validation, file loading, and the
checks on paths and URLs written in the data (paths stay inside the game folder; URLs are http(s))."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pydantic import BaseModel, ValidationError

from mallette_print.core.assets import asset_problem
from mallette_print.core.charset import describe
from mallette_print.core.diagnostics import closest, from_validation
from mallette_print.core.errors import SHEET_SUFFIXES, Problem, problem
from mallette_print.core.yamlio import Located, YamlError, load_file

ASSET_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg"}
FONT_SUFFIXES = {".ttf"}


@dataclass
class Collector:
    """Problems found so far, and where each id was defined."""

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def add(self, doc: Located, loc: tuple[Any, ...], ctx: str, msg: str, key: bool = False) -> None:
        self.problems.append(doc.problem(loc, ctx, msg, key=key))


def validate_model(
    model: type[BaseModel],
    data: Any,
    doc: Located,
    col: Collector,
    context: dict[str, Any],
    prefix: tuple[Any, ...] = (),
) -> Any:
    """The validated model, or None with its located problems added to `col`."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        col.problems.extend(from_validation(exc, doc, model, prefix))
        return None


def load_located(path: Path, col: Collector, models: Mapping[str, type[BaseModel]] | None = None) -> Located | None:
    """The file as located YAML (or a spreadsheet deck, core/sheets.py, its cells read by the card `models` of the
    game), or None with the problems that stop it from loading added to `col`."""
    try:
        if path.suffix.lower() in SHEET_SUFFIXES:
            from mallette_print.core.sheets import load_sheet

            return load_sheet(path, models)
        return load_file(path)
    except YamlError as exc:
        col.problems.extend(exc.problems)
        return None


def data_path(
    root: Path, raw: str, base: Path, doc: Located, loc: tuple[Any, ...], ctx: str, col: Collector, suffixes: set[str]
) -> Path | None:
    """Resolve a path written in the data; it must stay inside the game folder and exist."""
    if raw.startswith(("/", "\\")) or (len(raw) > 1 and raw[1] == ":"):
        col.add(doc, loc, ctx, f"absolute paths are not allowed, got '{raw}' (write it relative to the game folder)")
        return None
    candidate = base / raw
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError):
        col.add(doc, loc, ctx, f"cannot resolve path '{raw}'")
        return None
    if root not in resolved.parents:
        col.add(doc, loc, ctx, f"path '{raw}' leaves the game folder (through '..' or a symbolic link)")
        return None
    if resolved.exists() and not resolved.is_file():
        col.add(doc, loc, ctx, f"'{raw}' is not a regular file (a folder?)")
        return None
    if not resolved.is_file():
        siblings = [p.name for p in resolved.parent.glob("*")] if resolved.parent.is_dir() else []
        hint = closest(resolved.name, siblings)
        more = f" (closest: {', '.join(hint)})" if hint else ""
        col.add(doc, loc, ctx, f"file not found: '{raw}'{more}")
        return None
    if resolved.suffix.lower() not in suffixes:
        col.add(doc, loc, ctx, f"expected a file ending in {', '.join(sorted(suffixes))}, got '{raw}'")
        return None
    if suffixes is ASSET_SUFFIXES:
        why = asset_problem(resolved, root)
        if why:
            col.add(doc, loc, ctx, f"'{raw}': {why}")
            return None
    return resolved


# Characters a URL never holds as they are (RFC 3986): spaces, quotes, angle brackets and the like. A quote in
# a URL would end the attribute it is printed into; they must be percent-encoded (%22).
_URL_BAD = re.compile(r"[\s\"'<>\\^`{|}]")
# A URL is printed as a QR code: beyond this many bytes no QR code holds it (and a printed one is unreadable).
MAX_URL_BYTES = 1000


def url_problem(url: str) -> str | None:
    """Why a URL cannot be printed and linked, or None: http(s) with a host, no raw quote or space, not huge."""
    try:
        parsed = urlparse(url)
        host = parsed.hostname
    except ValueError:
        parsed, host = None, None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.netloc or not host:
        return f"expected an http(s) URL, got '{url[:60]}'"
    bad = _URL_BAD.search(url)
    if bad:
        return (
            f"character {describe(bad.group())} is not allowed in a URL: percent-encode it "
            f"(a space is %20, a quote %22), got '{url[:60]}'"
        )
    size = len(url.encode("utf-8"))
    if size > MAX_URL_BYTES:
        return f"URL too long ({size} bytes; at most {MAX_URL_BYTES}, so that its QR code can be printed and read)"
    return None


def icon_folder_problems(root: Path) -> list[Problem]:
    """Problems of the SVG files in assets/icons: card text draws any of them by name (`:name:`), unnamed in YAML."""
    icons = root / "assets" / "icons"
    found: list[Problem] = []
    for path in sorted(icons.glob("*.svg")) if icons.is_dir() else []:
        if root.resolve() not in path.resolve().parents:
            found.append(problem(path, 0, 0, "icon", "this file leaves the game folder (a symbolic link); copy it in"))
            continue
        why = asset_problem(path, root)
        if why:
            head, _, rest = why.partition(": ")
            line = int(head[5:]) if head.startswith("line ") and head[5:].isdigit() else 0
            found.append(problem(path, line, 1 if line else 0, "icon", rest if line else why))
    return found


def check_url(url: str | None, doc: Located, loc: tuple[Any, ...], ctx: str, col: Collector) -> None:
    """Add a problem unless the URL is absent or a printable http(s) URL (see url_problem)."""
    if url is None:
        return
    why = url_problem(url)
    if why:
        col.add(doc, loc, ctx, why)


def unique(items: Iterable[Any], what: str, doc: Located, list_loc: tuple[Any, ...], col: Collector) -> set[str]:
    """The ids of the items, with a located problem for each id defined twice."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            first = doc.where(list_loc + (seen[item.id],))[0]
            col.add(doc, list_loc + (i, "id"), f"{what} '{item.id}'", f"duplicate id (first defined on line {first})")
        else:
            seen[item.id] = i
    return set(seen)
