"""`mallette preview`: PNG fronts and backs, and an offline gallery whose filters and flipping work in a browser."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from mallette_print.cli import main
from mallette_print.core.validate import load_game

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


class Page(HTMLParser):
    """The parts of the gallery a test checks: cards, images, options, links."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[dict[str, str]] = []
        self.images: list[dict[str, str]] = []
        self.options: dict[str, list[str]] = {}
        self.urls: list[str] = []
        self.hidden: list[str] = []
        self._select = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "figure" and "card" in a.get("class", ""):
            self.cards.append(a)
            if "hidden" in a:
                self.hidden.append(a["id"])
        if tag == "img":
            self.images.append(a)
        if tag == "select":
            self._select = a["id"]
            self.options[self._select] = []
        if tag == "option" and self._select:
            self.options[self._select].append(a.get("value", ""))
        for key in ("src", "href"):
            if key in a:
                self.urls.append(a[key])


def _parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture
def gallery(sample_game: Path, tmp_path: Path, runner) -> Path:
    out = tmp_path / "preview"
    result = runner.invoke(main, ["preview", "--out", str(out), "--dpi", "40"])
    assert result.exit_code == 0, result.output
    return out


def test_every_card_is_in_the_gallery_with_its_images_and_the_filters_list_families_and_fiches(
    sample_game: Path, gallery: Path
) -> None:
    data = load_game(sample_game)
    page = _parse((gallery / "gallery" / "index.html").read_text(encoding="utf-8"))
    assert [c["id"] for c in page.cards] == [f"card-{c.id}" for _, c in data.cards()]
    titles = {c.title["fr"] if isinstance(c.title, dict) else c.title for _, c in data.cards()}
    fronts = [i for i in page.images if i["class"] == "front"]
    assert {i["alt"] for i in fronts} <= {str(t) for t in titles} or len(fronts) == len(page.cards)
    for img in page.images:
        assert (gallery / "gallery" / img["src"]).resolve().is_file(), img["src"]
    assert not [u for u in page.urls if re.match(r"^(https?:)?//", u)], "the gallery must work offline"
    families = {
        f for _, c in data.cards() for f in ([getattr(c, "family", None)] + list(getattr(c, "families", []))) if f
    }
    assert set(page.options["f-family"]) == {""} | families
    assert set(page.options["f-fiche"]) == {""} | {c.fiche for _, c in data.cards() if c.fiche}
    assert set(page.options["f-type"]) == {""} | {d.type for d in data.decks}
    front = Image.open(gallery / "png" / f"{data.decks[0].id}-{data.decks[0].cards[0].id}.png")
    assert abs(front.size[0] - 63 / 25.4 * 40) <= 1 and abs(front.size[1] - 88 / 25.4 * 40) <= 1
    assert (gallery / "png" / f"{data.decks[0].id}-back.png").is_file()


def test_preview_of_given_cards_and_unknown_ids(sample_game: Path, gallery: Path, runner) -> None:
    png = gallery / "png" / "actors-regie-quartier.png"
    other = gallery / "png" / "actors-scic-energie.png"
    before = (png.stat().st_mtime_ns, other.stat().st_mtime_ns)
    time.sleep(0.01)
    result = runner.invoke(main, ["preview", "regie-quartier", "--out", str(gallery), "--dpi", "40"])
    assert result.exit_code == 0, result.output
    assert "Wrote 1 front(s)" in result.output
    assert png.stat().st_mtime_ns != before[0] and other.stat().st_mtime_ns == before[1]
    bad = runner.invoke(main, ["preview", "regie-quartie", "--out", str(gallery)])
    assert bad.exit_code == 2 and "did you mean 'regie-quartier'" in bad.output


def test_the_gallery_never_mixes_languages_or_sizes(sample_game: Path, gallery: Path, runner) -> None:
    page = (gallery / "gallery" / "index.html").read_text(encoding="utf-8")
    assert "Langue\u00a0: Français — format poker (63\u00a0×\u00a088\u00a0mm)" in page
    (gallery / "png" / "actors-old-card.png").write_bytes(b"stale")  # a card the game no longer has
    # Only one card asked, but in English at another size: every image is drawn again, in English, at that size.
    result = runner.invoke(main, ["preview", "regie-quartier", "--out", str(gallery), "--dpi", "40", "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = load_game(sample_game)
    assert f"Wrote {len(list(data.cards()))} front(s) and {len(data.decks)} back(s)" in result.output
    assert not (gallery / "png" / "actors-old-card.png").exists()
    page = (gallery / "gallery" / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in page and "Language: English — size poker" in page
    # The same language, size and resolution again: only the card asked is drawn, no back.
    again = runner.invoke(main, ["preview", "commune", "--out", str(gallery), "--dpi", "40", "--lang", "en"])
    assert "Wrote 1 front(s) and 0 back(s)" in again.output
    tarot = runner.invoke(
        main, ["preview", "commune", "--out", str(gallery), "--dpi", "40", "--lang", "en", "--size", "tarot"]
    )
    assert f"Wrote {len(list(data.cards()))} front(s)" in tarot.output
    img = Image.open(gallery / "png" / "actors-regie-quartier.png")
    assert abs(img.size[0] - 70 / 25.4 * 40) <= 1 and abs(img.size[1] - 120 / 25.4 * 40) <= 1


needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _chromium(args: list[str], tmp_path: Path) -> str:
    run = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],  # type: ignore[list-item]
        capture_output=True,
        text=True,
        timeout=60,
    )
    return run.stdout


@needs_chromium
def test_a_filter_in_the_address_shows_only_matching_cards_in_a_real_browser(
    sample_game: Path, gallery: Path, tmp_path: Path
) -> None:
    data = load_game(sample_game)
    url = (gallery / "gallery" / "index.html").resolve().as_uri()
    everything = _parse(_chromium(["--dump-dom", url], tmp_path))
    assert len(everything.cards) == sum(len(d.cards) for d in data.decks) and not everything.hidden
    family = next(c.family for d, c in data.cards() if d.type == "actor")  # type: ignore[attr-defined]
    dom = _chromium(["--dump-dom", f"{url}#type=actor&family={family}"], tmp_path)
    page = _parse(dom)
    visible = [c for c in page.cards if "hidden" not in c]
    expected = [c.id for d, c in data.cards() if d.type == "actor" and getattr(c, "family", None) == family]
    assert [c["id"] for c in visible] == [f"card-{i}" for i in expected] and expected
    assert re.search(rf'<b id="shown">{len(expected)}</b>', dom)


class Cdp:
    """A minimal Chrome DevTools Protocol client over a websocket (enough to evaluate JS)."""

    def __init__(self, ws_url: str) -> None:
        m = re.match(r"ws://([^:/]+):(\d+)(/.*)", ws_url)
        assert m
        self.sock = socket.create_connection((m.group(1), int(m.group(2))), timeout=20)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {m.group(3)} HTTP/1.1\r\nHost: {m.group(1)}:{m.group(2)}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        assert b" 101 " in head.split(b"\r\n")[0]
        self.n = 0

    def _recv_exact(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            assert chunk
            data += chunk
        return data

    def call(self, method: str, **params: Any) -> Any:
        self.n += 1
        body = json.dumps({"id": self.n, "method": method, "params": params}).encode()
        mask = os.urandom(4)
        n = len(body)
        header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + n.to_bytes(2, "big"))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(body)))
        while True:
            b0, b1 = self._recv_exact(2)
            size = b1 & 0x7F
            if size == 126:
                size = int.from_bytes(self._recv_exact(2), "big")
            elif size == 127:
                size = int.from_bytes(self._recv_exact(8), "big")
            payload = self._recv_exact(size)
            if b0 & 0x0F == 1:
                msg = json.loads(payload)
                if msg.get("id") == self.n:
                    assert "error" not in msg, msg
                    return msg["result"]

    def js(self, expr: str) -> Any:
        got = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        assert "exceptionDetails" not in got, got
        return got["result"].get("value")


@needs_chromium
def test_clicking_a_card_turns_it_over_and_changing_a_select_filters(gallery: Path, tmp_path: Path) -> None:
    url = (gallery / "gallery" / "index.html").resolve().as_uri()
    proc = subprocess.Popen(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'cdp'}",  # type: ignore[list-item]
            "--remote-debugging-port=0",
            url,
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ws = ""
        deadline = time.monotonic() + 30
        assert proc.stderr is not None
        while not ws and time.monotonic() < deadline:
            line = proc.stderr.readline()
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            ws = m.group(1) if m else ""
        port = re.match(r"ws://[^:]+:(\d+)/", ws).group(1)  # type: ignore[union-attr]
        import urllib.request

        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10).read())
        page = Cdp(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
        ready = "document.readyState == 'complete' && document.querySelectorAll('figure.card').length > 0"
        while not page.call("Runtime.evaluate", expression=ready, returnByValue=True)["result"].get("value"):
            assert time.monotonic() < deadline  # the page may still be about:blank, or navigating
            time.sleep(0.1)
        first = "document.querySelector('figure.card')"
        assert page.js(f"getComputedStyle({first}.querySelector('img.back')).display") == "none"
        page.js(f"{first}.querySelector('button').click()")
        assert page.js(f"getComputedStyle({first}.querySelector('img.back')).display") == "block"
        assert page.js(f"getComputedStyle({first}.querySelector('img.front')).display") == "none"
        while not page.js(f"{first}.querySelector('img.back').naturalWidth > 0"):  # the back image loads (lazily)
            assert time.monotonic() < deadline
            time.sleep(0.1)
        page.js("var s=document.getElementById('f-type'); s.value='event'; s.dispatchEvent(new Event('change'))")
        shown = page.js(
            "[].filter.call(document.querySelectorAll('figure.card'), c => !c.hidden).map(c => c.dataset.type)"
        )
        assert shown and set(shown) == {"event"}
        assert page.js("location.hash") == "#type=event"
    finally:
        proc.terminate()
        proc.wait(10)
