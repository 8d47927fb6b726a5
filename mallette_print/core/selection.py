"""Partial prints: which cards a build should print (--only, --cards, --changed-since).

A facilitator who lost three cards prints those three, not the deck; a
designer prints only what changed since the last print run. Changes are found
by comparing a content hash of every card with the same hashes from a saved
build manifest (written by every full build as build-manifest.json) or from the game
as it was at a git ref.

The hash covers the printed face: the card's fields with every text resolved to
the build's language (a translation the build falls back from counts, one in
another language does not), its template and deck back, the game's version and
the card size. So adding Spanish text reprints nothing of a French build, while a
change of the French text, of the template or of the size reprints the card.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from mallette_print.core.cardsize import parse_card_size
from mallette_print.core.diagnostics import suggest
from mallette_print.core.errors import BuildError, DataError, RequestError
from mallette_print.core.i18n import tr
from mallette_print.core.model import Deck, GameData

MANIFEST = "build-manifest.json"


@dataclass(frozen=True)
class Selection:
    """What the user asked to print; empty means everything."""

    decks: tuple[str, ...] = ()
    cards: tuple[str, ...] = ()
    changed_since: str | None = None
    # The build's language and card size: --changed-since compares the faces printed in them.
    lang: str = ""
    size: str = "poker"

    @property
    def active(self) -> bool:
        """True when only part of the game is to be printed."""
        return bool(self.decks or self.cards or self.changed_since)


def _in_language(value: Any, lang: str, default: str, langs: frozenset[str]) -> Any:
    """A dumped model with every translatable text ({lang: text}, keyed by the game's languages, as loading
    stores them, stated fallbacks filled in) replaced by the text printed in `lang`."""
    if isinstance(value, dict):
        if value and all(isinstance(v, str) for v in value.values()) and set(value) <= langs:
            return tr(value, lang, default)
        return {k: _in_language(v, lang, default, langs) for k, v in value.items()}
    if isinstance(value, list):
        return [_in_language(v, lang, default, langs) for v in value]
    return value


def card_hashes(data: GameData, lang: str = "", size: str = "poker") -> dict[str, str]:
    """A content hash per card id of its face printed in `lang` (default: the game's) at card size `size`: its data
    with texts in that language, its deck's template and back, the game's version and the size in millimetres."""
    out: dict[str, str] = {}
    frames: dict[str, str] = {}
    default = data.game.default_language
    lang = lang or default
    langs = frozenset(data.game.languages) | {default}
    card_size = parse_card_size(size)
    face = json.dumps([lang, round(card_size.w_mm, 2), round(card_size.h_mm, 2)])

    def frame(deck: Deck, name: str) -> str:
        key = f"{deck.id}/{name}"
        if key not in frames:
            tpl = data.templates.get(name)
            # Keys at their empty default are left out, so that hashes stay those of builds made before they existed.
            empty = {k for k in ("sizes", "elements", "font") if tpl is not None and not getattr(tpl, k)}
            if tpl is not None and tpl.shape == "rectangle":
                empty.add("shape")
            frames[key] = face + json.dumps(
                _in_language(
                    [
                        tpl.model_dump(mode="json", exclude=empty or None) if tpl else None,
                        deck.back.model_dump(mode="json"),
                        data.game.version,
                    ],
                    lang,
                    default,
                    langs,
                ),
                sort_keys=True,
            )
        return frames[key]

    for deck in data.decks:
        for card in deck.cards:
            dump = card.model_dump(mode="json", exclude={"template"} if card.template is None else None)
            body = json.dumps(_in_language(dump, lang, default, langs), sort_keys=True, ensure_ascii=False)
            out[card.id] = hashlib.sha256((frame(deck, card.template or deck.template) + body).encode()).hexdigest()[
                :16
            ]
    return out


def manifest_bytes(data: GameData, lang: str = "", size: str = "poker") -> bytes:
    """The build manifest saved beside a full build's outputs, for a later --changed-since: the hash of every
    card's face in the build's language and size (partial prints never write one)."""
    lang = lang or data.game.default_language
    body = {
        "game": data.game.title,
        "version": data.game.version,
        "lang": lang,
        "size": size,
        "cards": card_hashes(data, lang, size),
    }
    return (json.dumps(body, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _hashes_at_git_ref(root: Path, ref: str, lang: str, size: str) -> dict[str, str]:
    from mallette_print.core.validate import load_game

    try:
        top = Path(
            subprocess.run(
                ["git", "-C", str(root), "rev-parse", "--show-toplevel"], check=True, capture_output=True, text=True
            ).stdout.strip()
        )
        rel = root.resolve().relative_to(top.resolve())
        paths = [str(rel / p) if str(rel) != "." else p for p in ("cards", "assets")]
        tar = subprocess.run(
            ["git", "-C", str(top), "archive", "--format=tar", ref, "--", *paths], check=True, capture_output=True
        ).stdout
    except (OSError, subprocess.CalledProcessError, ValueError) as exc:
        err = getattr(exc, "stderr", b"") or b""
        detail = err.decode("utf-8", "replace").strip() if isinstance(err, bytes) else str(err)
        raise RequestError(
            f"'{ref}' is neither a saved build manifest nor a git ref of this game{': ' + detail if detail else ''}",
            option="changed_since",
        ) from None
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(tar)) as archive:
            archive.extractall(tmp, filter="data")
        try:
            old = load_game(Path(tmp) / rel)
        except DataError as exc:
            raise BuildError(
                f"the game at '{ref}' does not validate, so changes since it cannot be computed:\n{exc.message}"
            ) from None
        return card_hashes(old, lang, size)


def baseline(root: Path, ref: str, lang: str = "", size: str = "poker") -> dict[str, str]:
    """Card hashes of the reference: a build-manifest.json (or a build folder holding one), or a git ref (its game
    hashed in `lang` at `size`). A manifest of another language or size holds other faces: every card differs."""
    path = Path(ref)
    if path.is_dir() and (path / MANIFEST).is_file():
        path = path / MANIFEST
    if path.is_file():
        try:
            cards = json.loads(path.read_text(encoding="utf-8"))["cards"]
            return {str(k): str(v) for k, v in cards.items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            raise RequestError(
                f"{ref} is not a build manifest written by mallette build", option="changed_since"
            ) from None
    return _hashes_at_git_ref(root, ref, lang, size)


def select(data: GameData, sel: Selection) -> GameData:
    """A copy of the game with only the selected cards (decks with no card left are dropped)."""
    if not sel.active:
        return data
    deck_ids = [d.id for d in data.decks]
    for d in sel.decks:
        if d not in deck_ids:
            raise RequestError(f"no deck '{d}'{suggest(d, deck_ids)}; decks: {', '.join(deck_ids)}", option="only")
    card_ids = [c.id for _, c in data.cards()]
    for c in sel.cards:
        if c not in card_ids:
            raise RequestError(f"no card '{c}'{suggest(c, card_ids)}", option="cards")
    changed: set[str] | None = None
    if sel.changed_since:
        before = baseline(Path(data.root), sel.changed_since, sel.lang, sel.size)
        now = card_hashes(data, sel.lang, sel.size)
        changed = {cid for cid, h in now.items() if before.get(cid) != h}
    decks: list[Deck] = []
    for deck in data.decks:
        if sel.decks and deck.id not in sel.decks:
            continue
        cards = tuple(
            c for c in deck.cards if (not sel.cards or c.id in sel.cards) and (changed is None or c.id in changed)
        )
        if cards:
            decks.append(deck.model_copy(update={"cards": cards}))
    return data.model_copy(update={"decks": tuple(decks)})
