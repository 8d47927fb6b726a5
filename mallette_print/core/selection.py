"""Partial prints: which cards a build should print (--only, --cards, --changed-since).

A facilitator who lost three cards prints those three, not the deck; a
designer prints only what changed since the last print run. Changes are found
by comparing a content hash of every card with the same hashes from a saved
build manifest (written by every build as build-manifest.json) or from the game
as it was at a git ref.
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

from mallette_print.core.diagnostics import suggest
from mallette_print.core.errors import BuildError, DataError, RequestError
from mallette_print.core.model import Deck, GameData

MANIFEST = "build-manifest.json"


@dataclass(frozen=True)
class Selection:
    """What the user asked to print; empty means everything."""

    decks: tuple[str, ...] = ()
    cards: tuple[str, ...] = ()
    changed_since: str | None = None

    @property
    def active(self) -> bool:
        """True when only part of the game is to be printed."""
        return bool(self.decks or self.cards or self.changed_since)


def card_hashes(data: GameData) -> dict[str, str]:
    """A content hash per card id: what is printed on it (its data, its deck's template and back, the version)."""
    out: dict[str, str] = {}
    frames: dict[str, str] = {}

    def frame(deck: Deck, name: str) -> str:
        key = f"{deck.id}/{name}"
        if key not in frames:
            tpl = data.templates.get(name)
            # Keys at their empty default are left out, so that hashes stay those of builds made before they existed.
            empty = {k for k in ("sizes", "elements", "font") if tpl is not None and not getattr(tpl, k)}
            if tpl is not None and tpl.shape == "rectangle":
                empty.add("shape")
            frames[key] = json.dumps(
                [
                    tpl.model_dump(mode="json", exclude=empty or None) if tpl else None,
                    deck.back.model_dump(mode="json"),
                    data.game.version,
                ],
                sort_keys=True,
            )
        return frames[key]

    for deck in data.decks:
        for card in deck.cards:
            dump = card.model_dump(mode="json", exclude={"template"} if card.template is None else None)
            body = json.dumps(dump, sort_keys=True, ensure_ascii=False)
            out[card.id] = hashlib.sha256((frame(deck, card.template or deck.template) + body).encode()).hexdigest()[
                :16
            ]
    return out


def manifest_bytes(data: GameData) -> bytes:
    """The build manifest saved beside the outputs, for a later --changed-since."""
    body = {"game": data.game.title, "version": data.game.version, "cards": card_hashes(data)}
    return (json.dumps(body, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _hashes_at_git_ref(root: Path, ref: str) -> dict[str, str]:
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
        return card_hashes(old)


def baseline(root: Path, ref: str) -> dict[str, str]:
    """Card hashes of the reference: a build-manifest.json (or a build folder holding one), or a git ref."""
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
    return _hashes_at_git_ref(root, ref)


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
        before = baseline(Path(data.root), sel.changed_since)
        now = card_hashes(data)
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
