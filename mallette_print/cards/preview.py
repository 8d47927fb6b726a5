"""`mallette preview`: PNGs of card fronts and deck backs, and a static gallery to browse them offline.

The PNGs are drawn by the same painter as cards.pdf (cards/outputs.face_pngs for the fronts). The
gallery, OUT/gallery/index.html, is one self-contained file (inline CSS and JS, no network) that shows every
card by deck, filters them by type, family and fiche, and flips a card to its back on a click. A filter can be
given in the address, `index.html#type=actor&family=association&fiche=f03`, to share a view.

The gallery never mixes languages or sizes: OUT/gallery/images.json records the language, card size and
resolution its PNGs were drawn in; a run with other ones redraws every PNG, and PNGs of cards or decks the game
no longer has are removed. The page states its language and size. `mallette watch --png` keeps it current
(finish_gallery after each card rebuild).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from mallette_print.cards.outputs import card_pages_pdf, face_pngs
from mallette_print.cards.painter import CardLook
from mallette_print.core.cardsize import parse_card_size
from mallette_print.core.diagnostics import suggest
from mallette_print.core.errors import RequestError
from mallette_print.core.i18n import tr
from mallette_print.core.licensing import attribution
from mallette_print.core.model import Card, Deck, GameData
from mallette_print.core.phrasebook import Phrases, text
from mallette_print.draw.markup import escape
from mallette_print.draw.raster import page_pngs
from mallette_print.pipeline.context import BuildContext
from mallette_print.pipeline.files import write_atomic

GALLERY_KEYS = ("type", "family", "fiche", "all", "all_type", "shown", "flip", "back", "reset", "title")


def card_families(card: Card) -> list[str]:
    """The actor families a card belongs to or asks for (actors: its family; cooperations: the families named)."""
    fam = getattr(card, "family", None)
    fams = getattr(card, "families", None) or []
    return [f for f in ([fam] if fam else []) + list(fams)]


def _pick(data: GameData, ids: tuple[str, ...]) -> set[str]:
    """Card ids to render: the given card or deck ids (every card when none)."""
    cards = {c.id: d.id for d, c in data.cards()}
    decks = {d.id: [c.id for c in d.cards] for d in data.decks}
    if not ids:
        return set(cards)
    chosen: set[str] = set()
    for i in ids:
        if i in cards:
            chosen.add(i)
        elif i in decks:
            chosen.update(decks[i])
        else:
            raise RequestError(f"no card or deck '{i}'{suggest(i, [*cards, *decks])}", option="ids")
    return chosen


def back_pngs(
    ctx: BuildContext, data: GameData, lang: str, look: CardLook, dpi: int, decks: list[Deck]
) -> dict[str, bytes]:
    """One PNG of each deck's back, by deck id."""
    pdf = card_pages_pdf(
        data, lang, look, [(deck, None) for deck in decks], text("pdf.previews", lang, data.game.default_language), ctx
    )
    return {deck.id: png for deck, png in zip(decks, page_pngs(pdf, len(decks), dpi))}


STAMP = "gallery/images.json"


def _back_keys(data: GameData) -> dict[str, str]:
    """What each deck's back is drawn from (its back, the game's title), to redraw only the backs that changed."""
    title = json.dumps(data.game.title, sort_keys=True, ensure_ascii=False)
    return {d.id: hashlib.sha256((d.back.model_dump_json() + title).encode()).hexdigest()[:16] for d in data.decks}


def _stamp(lang: str, card_size: str, dpi: int, backs: dict[str, str]) -> bytes:
    body = {"lang": lang, "size": card_size, "dpi": dpi, "backs": backs}
    return (json.dumps(body, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _read_stamp(out: Path) -> dict[str, Any]:
    try:
        body = json.loads((out / STAMP).read_text(encoding="utf-8"))
        return body if isinstance(body, dict) else {}
    except (OSError, ValueError):
        return {}


def gallery_is_current(out: Path, lang: str, card_size: str, dpi: int) -> bool:
    """True when the PNGs in OUT/png/ were drawn in this language, size and resolution (or there are none)."""
    if (out / STAMP).is_file():
        old = _read_stamp(out)
        return (old.get("lang"), old.get("size"), old.get("dpi")) == (lang, card_size, dpi)
    return not any((out / "png").glob("*.png"))


def finish_gallery(
    ctx: BuildContext, data: GameData, out: Path, look: CardLook, card_size: str, dpi: int, lang: str, drawn: set[str]
) -> int:
    """After the fronts of the `drawn` cards were written: redraw the backs that changed (or are missing), remove
    PNGs of cards or decks the game no longer has, write the page and its stamp; return the backs drawn."""
    png_dir = out / "png"
    keys = _back_keys(data)
    before = _read_stamp(out).get("backs", {}) if gallery_is_current(out, lang, card_size, dpi) else {}
    decks = [
        d
        for d in data.decks
        if not (png_dir / f"{d.id}-back.png").is_file()
        or not isinstance(before, dict)
        or before.get(d.id) != keys[d.id]
    ]
    backs = back_pngs(ctx, data, lang, look, dpi, decks) if decks else {}
    for deck_id, png in backs.items():
        write_atomic(png_dir / f"{deck_id}-back.png", png)
    keep = {f"{d.id}-{c.id}.png" for d, c in data.cards()} | {f"{d.id}-back.png" for d in data.decks}
    for old in png_dir.glob("*.png"):
        if old.name not in keep:
            old.unlink()
    write_atomic(out / "gallery" / "index.html", gallery_html(data, lang, card_size).encode("utf-8"))
    write_atomic(out / STAMP, _stamp(lang, card_size, dpi, keys))
    return len(backs)


def build_preview(data: GameData, out: Path, ids: tuple[str, ...], lang: str, card_size: str, dpi: int) -> list[str]:
    """Write the PNGs of the chosen cards (and of any card the gallery lacks) and the gallery; return a report.
    A gallery drawn in another language, size or resolution is redrawn whole."""
    look = CardLook(size=parse_card_size(card_size))
    png_dir = out / "png"
    if gallery_is_current(out, lang, card_size, dpi):
        chosen = _pick(data, ids)
        missing = {c.id for d, c in data.cards() if not (png_dir / f"{d.id}-{c.id}.png").is_file()}
    else:
        _pick(data, ids)  # an unknown id is still an error
        chosen, missing = {c.id for _, c in data.cards()}, set()
    render = chosen | missing
    ctx = BuildContext()
    fronts = face_pngs(data, lang, look, dpi, tuple(sorted(render)), ctx) if render else []
    for o in fronts:
        write_atomic(out / o.name, o.content)
    backs = finish_gallery(ctx, data, out, look, card_size, dpi, lang, render)
    return [
        f"Wrote {len(fronts)} front(s) and {backs} back(s) into {png_dir}/",
        f"Gallery: {(out / 'gallery' / 'index.html').resolve().as_uri()}",
    ]


CSS = """
body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f2;color:#1a1a1a}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:.6em 1em;z-index:2}
h1{font-size:1.3em;margin:.2em 0}h2{font-size:1.1em;margin:1.2em 1em .4em}
form{display:flex;flex-wrap:wrap;gap:1em;align-items:center}label{font-weight:600}select{font-size:1em}
.grid{display:flex;flex-wrap:wrap;gap:14px;padding:0 1em}
figure.card{margin:0;width:190px}figure.card button{border:0;padding:0;background:none;cursor:pointer;display:block}
figure.card img{width:190px;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.35);display:block}
figure.card .back{display:none}figure.card.flipped .front{display:none}figure.card.flipped .back{display:block}
figcaption{font-size:.8em;margin-top:.3em}figcaption code{color:#555}
[hidden]{display:none!important}footer{font-size:.8em;padding:2em 1em;color:#444}
button:focus-visible{outline:3px solid #0072B2;outline-offset:2px}
"""

JS = """
(function(){
  var keys=['type','family','fiche'];
  var cards=[].slice.call(document.querySelectorAll('figure.card'));
  function read(){
    var s=(location.hash||'').replace(/^#/,'')||(location.search||'').replace(/^\\?/,'');
    var out={};s.split('&').forEach(function(kv){var p=kv.split('=');if(p[0])out[decodeURIComponent(p[0])]=decodeURIComponent(p[1]||'');});
    return out;
  }
  function apply(){
    var f={};keys.forEach(function(k){f[k]=document.getElementById('f-'+k).value;});
    var shown=0;
    cards.forEach(function(c){
      var ok=keys.every(function(k){return !f[k]||(' '+c.getAttribute('data-'+k)+' ').indexOf(' '+f[k]+' ')>=0;});
      c.hidden=!ok;if(ok)shown++;
    });
    [].forEach.call(document.querySelectorAll('section.deck'),function(s){
      s.hidden=!s.querySelector('figure.card:not([hidden])');
    });
    document.getElementById('shown').textContent=shown;
    var h=keys.filter(function(k){return f[k];}).map(function(k){return k+'='+encodeURIComponent(f[k]);}).join('&');
    if(history.replaceState)history.replaceState(null,'',h?'#'+h:location.pathname);
  }
  var start=read();
  keys.forEach(function(k){var el=document.getElementById('f-'+k);
    if(start[k]&&[].some.call(el.options,function(o){return o.value===start[k];}))el.value=start[k];
    el.addEventListener('change',apply);});
  document.getElementById('reset').addEventListener('click',function(){keys.forEach(function(k){document.getElementById('f-'+k).value='';});apply();});
  cards.forEach(function(c){c.querySelector('button').addEventListener('click',function(){
    c.classList.toggle('flipped');this.setAttribute('aria-pressed',c.classList.contains('flipped'));});});
  apply();
})();
"""


def _select(key: str, label: str, all_word: str, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in options)
    return (
        f'<label for="f-{key}">{escape(label)}</label>'
        f'<select id="f-{key}" name="{key}"><option value="">{escape(all_word)}</option>{opts}</select>'
    )


def _drawn_in(card_size: str, lang: str, words: Phrases) -> str:
    """The line stating the gallery's language and card size (empty without a size)."""
    if not card_size:
        return ""
    size = parse_card_size(card_size)
    mm = f"{size.w_mm:g}\u00a0×\u00a0{size.h_mm:g}\u00a0mm"
    made = words("gallery.drawn_in", language=words("site.language_name"), size=card_size, mm=mm)
    return f'<p class="drawn-in" style="margin:.3em 0 0;font-size:.85em;color:#444">{escape(made)}</p>'


def _type_name(data: GameData, card_type: str, lang: str, words: Phrases) -> str:
    """A card type's name: from the phrasebook for the six built-in types, from its definition for the game's own."""
    own = data.game.card_types.get(card_type)
    return tr(own.label, lang, data.game.default_language) if own is not None else words(f"card_type.{card_type}")


def gallery_html(data: GameData, lang: str, card_size: str = "") -> str:
    """The gallery page: every card by deck, filters by type, family and fiche, flip to the back; with a card size,
    a line under the title states the language and size the images were drawn in."""
    g = data.game
    dl = g.default_language
    words = Phrases(lang, dl)
    w = {k: words(f"gallery.{k}") for k in GALLERY_KEYS}
    fiche_by_id = {f.id: f for f in g.fiches.items}
    used_fiches = sorted(
        {c.fiche for _, c in data.cards() if c.fiche}, key=lambda f: fiche_by_id[f].number if f in fiche_by_id else 999
    )
    used_families = {f for _, c in data.cards() for f in card_families(c)}
    families = [(f.id, tr(f.label, lang, dl)) for f in g.families if f.id in used_families]
    fiches = [
        (f, f"{fiche_by_id[f].number} — {tr(fiche_by_id[f].title, lang, dl)}" if f in fiche_by_id else f)
        for f in used_fiches
    ]
    deck_types = list(dict.fromkeys(d.type for d in data.decks))
    title = tr(g.title, lang, dl)
    total = sum(len(d.cards) for d in data.decks)
    parts = [
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} – {escape(w['title'])}</title><style>{CSS}</style></head><body>",
        f'<header><h1>{escape(title)} – {escape(w["title"])}</h1><form onsubmit="return false">',
        _select("type", w["type"], w["all_type"], [(t, _type_name(data, t, lang, words)) for t in deck_types]),
        _select("family", w["family"], w["all"], families),
        _select("fiche", w["fiche"], w["all"], fiches),
        f'<button type="button" id="reset">{escape(w["reset"])}</button>'
        f'<span><b id="shown">{total}</b> {escape(w["shown"])} {total}</span>'
        f"<span>{escape(w['flip'])}</span></form>{_drawn_in(card_size, lang, words)}</header><main>",
    ]
    for deck in data.decks:
        deck_title = tr(deck.title, lang, dl)
        parts.append(
            f'<section class="deck" data-deck="{escape(deck.id)}"><h2>{escape(deck_title)} '
            f'({len(deck.cards)})</h2><div class="grid">'
        )
        for card in deck.cards:
            name = tr(card.title, lang, dl)
            qty = f" ×{card.quantity}" if card.quantity > 1 else ""
            parts.append(
                f'<figure class="card" id="card-{escape(card.id)}" data-deck="{escape(deck.id)}" '
                f'data-type="{escape(deck.type)}" data-family="{escape(" ".join(card_families(card)))}" '
                f'data-fiche="{escape(card.fiche or "")}">'
                f'<button type="button" aria-pressed="false">'
                f'<img class="front" loading="lazy" src="../png/{escape(deck.id)}-{escape(card.id)}.png" '
                f'alt="{escape(name)}">'
                f'<img class="back" loading="lazy" src="../png/{escape(deck.id)}-back.png" '
                f'alt="{escape(name)} ({escape(w["back"])})"></button>'
                f"<figcaption>{escape(name)}{qty} <code>{escape(card.id)}</code></figcaption></figure>"
            )
        parts.append("</div></section>")
    parts.append(f"</main><footer>{escape(attribution(data, lang))}</footer><script>{JS}</script></body></html>\n")
    return "".join(parts)
