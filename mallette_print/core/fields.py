"""The field types every data model shares: ids, colours, lengths, language codes, translatable text, URLs,
asset paths, and the Strict base model (unknown keys are errors, values are frozen)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, WithJsonSchema

from mallette_print.core.i18n import coerce_text

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Length = Annotated[str, StringConstraints(pattern=r"^\s*-?\d+(\.\d+)?\s*(mm|cm|in|pt)\s*$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]
# Translatable text: a plain string (in the game's default language) or {lang: text};
# always stored as {lang: text}.
Text = Annotated[
    dict[str, str],
    BeforeValidator(coerce_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Z]{2})?$"},
                },
            ],
            "description": "Text in the default language, or a mapping {language: text}",
        }
    ),
]
Url = Annotated[str, StringConstraints(max_length=2000)]
AssetPath = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class Strict(BaseModel):
    """Base of every data model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)
