"""The few words the renderer adds around the data (labels, print instructions), per language."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "brings": "Apporte",
        "ability": "Capacité",
        "zone": "Zone",
        "zones": "Zones",
        "value": "Valeur",
        "fragile": "Fragile",
        "fragile_text": "peut être retirée par un événement",
        "families": "Acteurs",
        "resources": "Ressources",
        "effects": "Effet",
        "example": "Exemple",
        "issue": "Enjeu",
        "solved_by": "Résolu par",
        "reward": "Récompense",
        "deadline": "Échéance",
        "rounds": "tours",
        "round": "tour",
        "question": "Débrief",
        "effect": "Effet",
        "tracks": "Jauges",
        "fragility": "Fragilité",
        "positive": "Positif",
        "negative": "Négatif",
        "definition": "Définition",
        "fiche": "Fiche",
        "discard_fragile": "Ressources fragiles défaussées",
    },
    "en": {
        "brings": "Brings",
        "ability": "Ability",
        "zone": "Zone",
        "zones": "Zones",
        "value": "Value",
        "fragile": "Fragile",
        "fragile_text": "an event can take it away",
        "families": "Actors",
        "resources": "Resources",
        "effects": "Effect",
        "example": "Example",
        "issue": "Issue",
        "solved_by": "Solved by",
        "reward": "Reward",
        "deadline": "Deadline",
        "rounds": "rounds",
        "round": "round",
        "question": "Debrief",
        "effect": "Effect",
        "tracks": "Tracks",
        "fragility": "Fragility",
        "positive": "Positive",
        "negative": "Negative",
        "definition": "Definition",
        "fiche": "Sheet",
        "discard_fragile": "Fragile resources discarded",
    },
}


def label(key: str, lang: str) -> str:
    """A renderer label in the language (English when the language has none)."""
    return LABELS.get(lang[:2], LABELS["en"]).get(key, LABELS["en"][key])
