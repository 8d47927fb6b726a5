"""`mallette preview`: PNGs of card fronts and deck backs, and a static gallery to browse them offline.

The PNGs are drawn by the same painter as cards.pdf (cards/outputs.face_pngs for the fronts). The
gallery, OUT/gallery/index.html, is one self-contained file (inline CSS and JS, no network) that shows every
card by deck, filters them by type, family and fiche, and flips a card to its back on a click. A filter can be
given in the address, `index.html#type=actor&family=association&fiche=f03`, to share a view.
"""

from __future__ import annotations

from pathlib import Path

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


def build_preview(data: GameData, out: Path, ids: tuple[str, ...], lang: str, card_size: str, dpi: int) -> list[str]:
    """Write the PNGs of the chosen cards (and of any card the gallery lacks) and the gallery; return a report."""
    look = CardLook(size=parse_card_size(card_size))
    chosen = _pick(data, ids)
    png_dir = out / "png"
    missing = {c.id for d, c in data.cards() if not (png_dir / f"{d.id}-{c.id}.png").is_file()}
    render = chosen | missing
    ctx = BuildContext()
    fronts = face_pngs(data, lang, look, dpi, tuple(sorted(render)), ctx) if render else []
    decks = [
        d for d in data.decks if any(c.id in render for c in d.cards) or not (png_dir / f"{d.id}-back.png").is_file()
    ]
    backs = back_pngs(ctx, data, lang, look, dpi, decks) if decks else {}
    for o in fronts:
        write_atomic(out / o.name, o.content)
    for deck_id, png in backs.items():
        write_atomic(png_dir / f"{deck_id}-back.png", png)
    write_atomic(out / "gallery" / "index.html", gallery_html(data, lang).encode("utf-8"))
    return [
        f"Wrote {len(fronts)} front(s) and {len(backs)} back(s) into {png_dir}/",
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


def _type_name(data: GameData, card_type: str, lang: str, words: Phrases) -> str:
    """A card type's name: from the phrasebook for the six built-in types, from its definition for the game's own."""
    own = data.game.card_types.get(card_type)
    return tr(own.label, lang, data.game.default_language) if own is not None else words(f"card_type.{card_type}")


def gallery_html(data: GameData, lang: str) -> str:
    """The gallery page: every card by deck, filters by type, family and fiche, flip to the back."""
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
        f"<span>{escape(w['flip'])}</span></form></header><main>",
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
