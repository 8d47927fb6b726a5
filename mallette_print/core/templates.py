"""cards/templates.yaml -> templates with `extends` resolved, each problem pointed at the template that wrote it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mallette_print.core.checks import ASSET_SUFFIXES, Collector, data_path, load_located
from mallette_print.core.diagnostics import from_validation, suggest
from mallette_print.core.errors import Problem
from mallette_print.core.manifest import Game
from mallette_print.core.model import Template
from mallette_print.core.yamlio import Located


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def load_templates(
    root: Path, game: Game, col: Collector, context: dict[str, Any]
) -> tuple[dict[str, Template], set[str]]:
    """Templates with `extends` resolved, and every template name written (even broken ones)."""
    path = root / "cards" / game.templates
    doc = load_located(path, col)
    if doc is None:
        return {}, set()
    data = doc.data
    if not isinstance(data, dict) or set(data) != {"templates"} or not isinstance(data["templates"], dict):
        col.add(doc, (), "", "expected a mapping with one key 'templates: {name: {...}}'")
        return {}, set()
    raw: dict[str, Any] = data["templates"]
    resolved: dict[str, Template] = {}
    for name, body in raw.items():
        if not isinstance(body, dict):
            col.add(doc, ("templates", name), f"template '{name}'", "expected a mapping of template settings")
            continue
        chain, merged, current, ok = [name], dict(body), body, True
        while isinstance(current, dict) and current.get("extends") is not None:
            parent = current["extends"]
            if not isinstance(parent, str) or parent not in raw:
                col.add(
                    doc,
                    ("templates", chain[-1], "extends"),
                    f"template '{chain[-1]}'",
                    f"unknown template '{parent}'{suggest(str(parent), raw)}",
                )
                ok = False
                break
            if parent in chain:
                col.add(
                    doc,
                    ("templates", chain[-1], "extends"),
                    f"template '{chain[-1]}'",
                    f"'extends' makes a cycle: {' -> '.join(chain + [parent])}",
                )
                ok = False
                break
            chain.append(parent)
            current = raw[parent]
            if isinstance(current, dict):
                merged = _merge(current, merged)
        if not ok:
            continue
        merged.pop("extends", None)
        try:
            resolved[name] = Template.model_validate(merged, context=context)
            if resolved[name].icon and "icon" in body:
                data_path(
                    root,
                    str(resolved[name].icon),
                    root,
                    doc,
                    ("templates", name, "icon"),
                    f"template '{name}'",
                    col,
                    ASSET_SUFFIXES,
                )
        except ValidationError as exc:
            # Point at the template that wrote the offending key: check each one's own keys first.
            own = _own_template_problems(chain, raw, doc, context)
            col.problems.extend(own or from_validation(exc, doc, Template, ("templates", name)))
    return resolved, set(raw)


def _own_template_problems(
    chain: list[str], raw: dict[str, Any], doc: Located, context: dict[str, Any]
) -> list[Problem]:
    """Problems in the keys each template of an `extends` chain writes itself (not inherited gaps)."""
    found: list[Problem] = []
    for owner in chain:
        own = {k: v for k, v in raw[owner].items() if k != "extends"}
        try:
            Template.model_validate(own, context=context)
        except ValidationError as exc:
            found.extend(
                p
                for p in from_validation(exc, doc, Template, ("templates", owner))
                if "missing required key" not in p.message
            )
    return found
