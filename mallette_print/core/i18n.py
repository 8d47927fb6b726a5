"""Translatable text: {lang: text} mappings with a fallback to the game's default language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationInfo
from pydantic_core import PydanticCustomError


def coerce_text(value: Any, info: ValidationInfo) -> dict[str, str]:
    """Accept a plain string (default language) or {lang: text}; check the languages used."""
    ctx = info.context or {}
    default = ctx.get("default_language", "fr")
    languages = ctx.get("languages")
    if isinstance(value, str):
        return {default: value}
    if not isinstance(value, dict):
        raise PydanticCustomError(
            "text_type", "expected text or a mapping {language: text}, got {got}", {"got": describe(value)}
        )
    for lang, text in value.items():
        if languages is not None and lang not in languages:
            raise PydanticCustomError(
                "text_language",
                "language '{lang}' is not one of the game's languages ({known})",
                {"lang": lang, "known": ", ".join(languages)},
            )
        if not isinstance(text, str):
            raise PydanticCustomError(
                "text_type", "the '{lang}' text must be text, got {got}", {"lang": lang, "got": describe(text)}
            )
    if default not in value:
        raise PydanticCustomError(
            "text_default_missing",
            "missing the '{lang}' text (the game's default language; other languages fall back to it)",
            {"lang": default},
        )
    out = dict(value)
    # A stated fallback chain ({es: [pt]}) fills a missing text from its languages; the default language comes
    # last, in tr(). `mallette check --strict --lang` and the build still name each such text (core/translations).
    for lang, via in (ctx.get("fallback") or {}).items():
        if not out.get(lang) and isinstance(via, list):
            found = next((out[x] for x in via if isinstance(x, str) and out.get(x) and x != default), None)
            if found is not None:
                out[lang] = found
    return out


def tr(text: Mapping[str, str] | str | None, lang: str, default: str = "fr") -> str:
    """The text in `lang`, else in the default language, else empty."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(default) or next(iter(text.values()), "")


def missing_languages(text: Mapping[str, str] | None, languages: list[str]) -> list[str]:
    """Languages of the game for which this text has no translation."""
    if not text:
        return []
    return [lang for lang in languages if not text.get(lang)]


def describe(value: Any) -> str:
    """A short, user-readable description of a value for error messages."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
