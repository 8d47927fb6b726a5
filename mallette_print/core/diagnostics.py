"""Turn pydantic validation errors into located, readable problems.

Pydantic knows *what* is wrong and at which path; `yamlio.Located` knows
*where* that path is in the file. Here we join the two and phrase the message
as `'key' expected X, got Y`, with "did you mean" suggestions for unknown keys.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from mallette_print.core.errors import Problem
from mallette_print.core.i18n import describe
from mallette_print.core.yamlio import Located

# List names in the data -> the word used for one element in messages.
ELEMENT_NAMES = {
    "cards": "card",
    "families": "family",
    "items": "fiche",
    "resource_kinds": "resource kind",
    "zones": "zone",
    "tracks": "track",
    "templates": "template",
    "adapted_from": "attribution",
    "spaces": "space",
}

_PATTERNS = {
    "^[a-z0-9][a-z0-9_-]*$": "an id (lowercase letters, digits, '-' or '_', e.g. 'scic-energie')",
    "^#[0-9A-Fa-f]{6}$": "a colour like '#E69F00'",
    r"^\s*-?\d+(\.\d+)?\s*(mm|cm|in|pt)\s*$": "a length with a unit, like '63mm' or '9pt'",
    "^[a-z]{2,3}(-[A-Z]{2})?$": "a language code like 'fr' or 'en'",
}


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a close choice exists, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def closest(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Up to n existing choices closest to a word."""
    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.4)


def _unwrap(tp: Any) -> list[Any]:
    """The model classes reachable through Optional/list/dict/Annotated wrappers."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (list, tuple, dict, typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    return [tp] if isinstance(tp, type) and issubclass(tp, BaseModel) else []


def fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed in the mapping found at `loc` inside data for `model`."""
    current: list[type[BaseModel]] = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        nxt: list[type[BaseModel]] = []
        for m in current:
            f = m.model_fields.get(part)
            if f is not None:
                nxt.extend(_unwrap(f.annotation))
        current = nxt
    names: list[str] = []
    for m in current:
        names.extend(m.model_fields)
    return names


def context_for(data: Any, loc: tuple[Any, ...], default: str = "") -> tuple[str, tuple[Any, ...]]:
    """The innermost element with an id along `loc` ("card 'scic'") and the rest of the path."""
    ctx, rest_start = default, 0
    if len(loc) > 1 and loc[0] == "templates":
        ctx, rest_start = f"template '{loc[1]}'", 2
    node = data
    for i, part in enumerate(loc):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and i > 0 and isinstance(node, dict):
            name = ELEMENT_NAMES.get(str(loc[i - 1]), str(loc[i - 1]))
            ident = node.get("id")
            ctx = f"{name} '{ident}'" if isinstance(ident, str) else f"{name} #{part + 1}"
            rest_start = i + 1
    return ctx, loc[rest_start:]


def dotted(path: tuple[Any, ...]) -> str:
    """('effects', 'emploi') -> 'effects.emploi'; list indexes as [n] (1-based)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_SCALAR_TYPES = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
}


def _scalar_phrase(kind: str, value: Any, got: str) -> str:
    """Whole numbers, numbers and booleans are strict (as the JSON Schema): '3' in quotes is text, not a number."""
    expected = _SCALAR_TYPES[kind]
    if isinstance(value, str):
        hint = ""
        if kind.startswith(("int", "float")) and value.strip().lstrip("+-").replace(".", "", 1).isdigit():
            hint = f" (write {value.strip()} without quotes)"
        elif kind.startswith("bool"):
            hint = " (write true or false, without quotes)"
        return f"expected {expected}, got the text {got}{hint}"
    if isinstance(value, bool) and not kind.startswith("bool"):
        return f"expected {expected}, got the boolean {got}"
    return f"expected {expected}, got {got}"


def _phrase(err: dict[str, Any]) -> str:
    kind = err["type"]
    got = describe(err.get("input"))
    ctx = err.get("ctx") or {}
    if kind in _SCALAR_TYPES:
        return _scalar_phrase(kind, err.get("input"), got)
    if kind == "string_type":
        return f"expected text, got {got}"
    if kind == "list_type":
        return f"expected a list, got {got}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of keys and values, got {got}"
    if kind == "literal_error":
        value = err.get("input")
        hint = suggest(value, re.findall(r"'([^']*)'", str(ctx.get("expected", "")))) if isinstance(value, str) else ""
        return f"expected one of {ctx.get('expected')}, got {got}{hint}"
    if kind == "string_pattern_mismatch":
        what = _PATTERNS.get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
        return f"expected {what}, got {got}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        bound = next(iter(ctx.values()), "?")
        return f"expected a number {sign} {bound}, got {got}"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s), got {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"expected at most {ctx.get('max_length')} item(s), got {ctx.get('actual_length')}"
    if kind == "string_too_short":
        return f"expected at least {ctx.get('min_length')} character(s), got {got}"
    if kind == "string_too_long":
        return f"expected at most {ctx.get('max_length')} characters, got {len(str(err.get('input')))}"
    if kind.startswith("text_"):
        return str(err["msg"])
    return f"{err['msg']} (got {got})"


def from_validation(
    exc: ValidationError, doc: Located, model: type[BaseModel], prefix: tuple[Any, ...] = (), default_ctx: str = ""
) -> list[Problem]:
    """Located problems for a pydantic ValidationError raised on data at `prefix` in `doc`."""
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        full = prefix + loc
        ctx, rest = context_for(doc.data, full, default_ctx)
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            allowed = [f for f in fields_at(model, loc[:-1])]
            at, on_key = full, True
            msg = f"unknown key '{key}'{suggest(key, allowed)}"
        elif kind == "missing":
            at, on_key = full[:-1], False
            msg = f"missing required key '{loc[-1]}'"
            rest = rest[:-1]
        else:
            at, on_key = full, False
            msg = _phrase(dict(err))
            if rest:
                msg = f"'{dotted(rest)}': {msg}"
            rest = ()
        if kind in ("missing", "extra_forbidden") and rest:
            msg = f"in '{dotted(rest)}': {msg}" if kind == "missing" else msg
        problems.append(doc.problem(at, ctx, msg, key=on_key))
    return problems
