"""The shape of a fiche's text file (cards/fiches/<id>.yaml), apart from its loading (fiches.py).

Kept apart so that the model (GameData.fiche_texts) can name it without importing the loader and its checks.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StrictInt, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from mallette_print.core.fields import Id, Strict, Text, Url
from mallette_print.core.i18n import coerce_text, describe


def coerce_text_list(value: Any, info: ValidationInfo) -> dict[str, list[str]]:
    """Accept a list of texts (default language) or {lang: [texts]}; check the languages like `Text`."""
    if isinstance(value, list):
        value = {(info.context or {}).get("default_language", "fr"): value}
    if isinstance(value, dict):
        for lang, items in value.items():
            if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
                raise PydanticCustomError(
                    "text_list",
                    "the '{lang}' items must be a list of texts, got {got}",
                    {"lang": lang, "got": describe(items)},
                )
        checked = coerce_text({k: "-" for k in value}, info)  # the same language checks as a text
        return {k: list(value[k]) for k in checked if k in value}  # (a stated fallback fills texts, not lists)
    raise PydanticCustomError(
        "text_list", "expected a list of texts or a mapping {language: [texts]}, got {got}", {"got": describe(value)}
    )


TextList = Annotated[
    dict[str, list[str]],
    BeforeValidator(coerce_text_list),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "array", "items": {"type": "string"}},
                {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    "propertyNames": {"pattern": "^[a-z]{2}(-[A-Z]{2})?$"},
                },
            ],
            "description": "Texts in the default language, or a mapping {language: [texts]}",
        }
    ),
]


class Example(Strict):
    """A real example of the kind the MES's member networks run."""

    title: Text
    text: Text


class Reading(Strict):
    """A checkable reference: a book, an article, a web page."""

    authors: str = Field(min_length=1, max_length=300)
    title: str = Field(min_length=1, max_length=400)
    publisher: str | None = None
    year: StrictInt | None = Field(default=None, ge=1500, le=2200)
    url: Url | None = None


class FicheText(Strict):
    """cards/fiches/<id>.yaml: what a fiche says."""

    id: Id
    summary: Text
    key_ideas: TextList
    example: Example
    questions: TextList
    reading: list[Reading] = Field(default=[], max_length=12)
