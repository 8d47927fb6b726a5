"""Tabletop Simulator export: grids within TTS's limits, the hidden slot, import numbers and saved objects."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from PIL import Image, ImageStat

from mallette_print.cards.tts import PER_SHEET, plan_grid, tts_outputs
from mallette_print.cli import main
from mallette_print.core.cardsize import PRESETS
from mallette_print.core.validate import load_game
from mallette_print.pipeline.options import BuildOptions

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("size", ["poker", "tarot", "mini", "square"])
def test_every_grid_fits_tts_limits_and_keeps_the_last_slot(size: str) -> None:
    for n in range(1, PER_SHEET + 1):
        g = plan_grid(n, PRESETS[size])
        assert 2 <= g.cols <= 10 and 2 <= g.rows <= 7
        assert g.cols * g.rows >= n + 1
        assert max(g.size_px) <= 4096
        w, h = g.card_px
        assert abs(w / h - PRESETS[size].w_mm / PRESETS[size].h_mm) < 0.01
    with pytest.raises(ValueError):
        plan_grid(PER_SHEET + 1, PRESETS["poker"])


def _mean(img: Image.Image) -> list[float]:
    return ImageStat.Stat(img).mean


def test_build_tts_writes_sheets_backs_readme_and_saved_objects(sample_game: Path, tmp_path: Path, runner) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--out", str(out), "--tts", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Tabletop Simulator" in result.output
    data = load_game(sample_game)
    readme = (out / "tts" / "README.txt").read_text(encoding="utf-8")
    for deck in data.decks:
        obj = json.loads((out / "tts" / f"{deck.id}.json").read_text(encoding="utf-8"))
        state = obj["ObjectStates"][0]
        assert state["Name"] == "Deck"
        custom = state["CustomDeck"]["1"]
        assert custom["BackIsHidden"] is True and custom["UniqueBack"] is False
        unique = len(deck.cards)
        grid = plan_grid(unique, PRESETS["poker"])
        assert (custom["NumWidth"], custom["NumHeight"]) == (grid.cols, grid.rows)
        # Every copy is in the deck: quantities are repeated card ids on the sheet.
        assert len(state["DeckIDs"]) == sum(c.quantity for c in deck.cards)
        assert len(set(state["DeckIDs"])) == unique and max(state["DeckIDs"]) == 100 + unique - 1
        face = Path(unquote(urlparse(custom["FaceURL"]).path))
        back = Path(unquote(urlparse(custom["BackURL"]).path))
        assert face == (out / "tts" / f"{deck.id}-1.jpg").resolve() and face.is_file() and back.is_file()
        sheet = Image.open(face)
        assert sheet.size == grid.size_px
        m = re.search(
            rf"{deck.id}-1.jpg: Back image {deck.id}-back.jpg, Width (\d+), Height (\d+), Number (\d+), "
            r"Unique backs off, Back is hidden on",
            readme,
        )
        assert m and tuple(map(int, m.groups())) == (grid.cols, grid.rows, unique)
        # The last slot holds the back, the slot before it (when free) is empty white.
        w, h = grid.card_px
        last = grid.cols * grid.rows - 1
        box = ((last % grid.cols) * w, (last // grid.cols) * h)
        slot = sheet.crop((box[0], box[1], box[0] + w, box[1] + h))
        back_img = Image.open(back).convert("RGB").resize((w, h))
        assert max(abs(a - b) for a, b in zip(_mean(slot), _mean(back_img))) < 6


def test_a_deck_of_more_than_69_faces_goes_on_two_sheets(sample_game: Path, tmp_path: Path) -> None:
    data = load_game(sample_game)
    deck = data.decks[-1]
    cards = tuple(deck.cards[i % len(deck.cards)].model_copy(update={"id": f"c{i}"}) for i in range(75))
    big = data.model_copy(update={"decks": (deck.model_copy(update={"cards": cards}),)})
    outs = {o.name: o for o in tts_outputs(big, BuildOptions(out=tmp_path, lang="fr", card_size="tarot"))}
    assert f"tts/{deck.id}-1.jpg" in outs and f"tts/{deck.id}-2.jpg" in outs
    first, second = (plan_grid(69, PRESETS["tarot"]), plan_grid(6, PRESETS["tarot"]))
    size1 = Image.open(io.BytesIO(outs[f"tts/{deck.id}-1.jpg"].content)).size
    assert size1 == first.size_px and max(size1) <= 4096
    assert Image.open(io.BytesIO(outs[f"tts/{deck.id}-2.jpg"].content)).size == second.size_px
    state = json.loads(outs[f"tts/{deck.id}.json"].content)["ObjectStates"][0]
    assert set(state["CustomDeck"]) == {"1", "2"}
    assert (state["CustomDeck"]["1"]["NumWidth"], state["CustomDeck"]["1"]["NumHeight"]) == (10, 7)
    assert len(state["DeckIDs"]) == 75 and state["DeckIDs"][69] == 200


def _urls(obj: object) -> list[str]:
    """Every image URL in a TTS save (FaceURL, BackURL, ImageURL), wherever it is nested."""
    if isinstance(obj, dict):
        own = [v for k, v in obj.items() if k in ("FaceURL", "BackURL", "ImageURL")]
        return own + [u for v in obj.values() for u in _urls(v)]
    if isinstance(obj, list):
        return [u for v in obj for u in _urls(v)]
    return []


def test_tts_url_one_card_deck_and_the_whole_table(tmp_path: Path) -> None:
    data = load_game(REPO)  # the real game, for its board; two of its decks, cut down
    events, notions = data.deck("events"), data.deck("notions")
    lone = notions.cards[0].model_copy(update={"quantity": 1})
    two = tuple(c.model_copy(update={"quantity": 1}) for c in events.cards[:2])
    cut = {"events": events.model_copy(update={"cards": two}), "notions": notions.model_copy(update={"cards": (lone,)})}
    small = data.model_copy(update={"decks": tuple(cut.get(d.id, d) for d in data.decks)})
    chosen = tuple(c.id for c in (*two, lone))
    base = "https://example.org/kit/tts/"
    opts = BuildOptions(out=tmp_path, lang="fr", cards=chosen, tts_url=base[:-1])
    outs = {o.name: o for o in tts_outputs(small, opts)}
    saves = {n: json.loads(o.content) for n, o in outs.items() if n.endswith(".json")}
    # Every image URL starts with --tts-url (a trailing slash added) and names a file of tts/.
    for save in saves.values():
        for url in _urls(save):
            assert url.startswith(base) and f"tts/{url[len(base) :]}" in outs
    # A deck of one card is saved as a Card (TTS refuses a Deck of one): CardID = deck number × 100 + slot.
    card = saves["tts/notions.json"]["ObjectStates"][0]
    assert card["Name"] == "Card" and card["CardID"] == 100 and card["Description"]
    assert set(card["CustomDeck"]) == {"1"} and card["CustomDeck"]["1"]["FaceURL"] == base + "notions-1.jpg"
    deck = saves["tts/events.json"]["ObjectStates"][0]
    assert deck["Name"] == "Deck" and deck["DeckIDs"] == [100, 101]
    assert [o["CardID"] for o in deck["ContainedObjects"]] == [100, 101]
    # One saved object holds the board and every deck, decks in a row in front of the board, none overlapping.
    table = saves["tts/territoires-en-cooperation.json"]["ObjectStates"]
    assert [o["Name"] for o in table] == ["Custom_Board", "Deck", "Card"]
    board = table[0]
    assert board["CustomImage"]["ImageURL"] == base + "board.jpg" and board["Locked"] is True
    assert board["Transform"]["rotZ"] == 0.0  # face up
    xs = [o["Transform"]["posX"] for o in table[1:]]
    assert xs[1] - xs[0] >= 2.5 and all(o["Transform"]["posZ"] < -5 for o in table[1:])
    # The board image has the board's aspect ratio (A3 landscape by default) and at most 4096 px a side.
    img = Image.open(io.BytesIO(outs["tts/board.jpg"].content))
    assert max(img.size) <= 4096 and abs(img.width / img.height - 420 / 297) < 0.01
    readme = outs["tts/README.txt"].content.decode("utf-8")
    assert "territoires-en-cooperation.json" in readme and base in readme and "--tts-url" in readme
