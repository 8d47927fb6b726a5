"""gettext PO files for translators: `mallette i18n export` and `mallette i18n import` (docs/translators.md).

One PO file per data file (DIR/cards/actors.po for cards/actors.yaml) and one for the phrasebook
(DIR/phrasebook.po). Each string: `msgctxt` the card id and field (`coop-01.title`) or the YAML path, `msgid`
the source (default) language's text, `msgstr` the translation, the file:line of the source text as reference.

Which source text a translation was made from is kept in `translations/<lang>.json` in the game folder (the full
text, not a hash, so that the PO can show it as the previous msgid `#| msgid` and Poedit or Weblate show the
translator what changed): when the source has changed since, export flags the string `#, fuzzy`. Import writes
that record for every string it writes or that the translator confirmed (not fuzzy); strings never imported have
no record and count as current.

Import edits the YAML text in place: only the changed scalars are rewritten (as double-quoted YAML), a missing
`lang:` text is added beside the source language's (`, es: "..."` in a flow mapping, a new line at the keys'
indentation in a block mapping). Comments and layout stay; with no change, every file stays byte-identical.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polib

from mallette_print.core.phrasebook import FOLDER
from mallette_print.core.translations import SETTINGS, Entry, scan_game, scan_phrasebook

PHRASEBOOK_PO = "phrasebook.po"


@dataclass
class ImportReport:
    """What an import changed."""

    written: list[Path] = field(default_factory=list)  # files rewritten
    strings: int = 0  # translations written
    skipped: list[str] = field(default_factory=list)  # located reasons a translation was not written


def record_path(root: Path, lang: str) -> Path:
    return root / "translations" / f"{lang}.json"


def _record(root: Path, lang: str) -> dict[str, dict[str, str]]:
    path = record_path(root, lang)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def _po(lang: str, project: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.header = f"{project}: the texts to translate into '{lang}' (mallette i18n export; docs/translators.md)"
    po.metadata = {
        "Project-Id-Version": project,
        "PO-Revision-Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000"),
        "Last-Translator": "",  # Poedit and Weblate fill it in
        "Language-Team": lang,
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "X-Generator": "mallette-print",
    }
    return po


def _add(
    po: polib.POFile, ctx: str, source: str, text: str, where: tuple[str, int], previous: str | None, seen: set[str]
) -> None:
    if not source.strip() or ctx in seen:
        return
    seen.add(ctx)
    entry = polib.POEntry(msgctxt=ctx, msgid=source, msgstr=text, occurrences=[(where[0], str(where[1]))])
    if text and previous is not None and previous != source:
        entry.flags.append("fuzzy")
        entry.previous_msgctxt = ctx
        entry.previous_msgid = previous
    po.append(entry)


def _rel(root: Path, path: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def export_po(
    root: Path, languages: list[str], default: str, lang: str, decks: list[str], templates: str, project: str
) -> dict[str, bytes]:
    """PO files for `lang`, by relative path in the output folder."""
    record = _record(root, lang)
    langs = list(dict.fromkeys([*languages, lang]))
    by_file: dict[str, list[Entry]] = {}
    for e in scan_game(root, langs, decks, templates):
        by_file.setdefault(_rel(root, e.file), []).append(e)
    out: dict[str, bytes] = {}
    for rel, entries in by_file.items():
        po, seen, old = _po(lang, project), set[str](), record.get(rel, {})
        for e in entries:
            if default in e.texts:
                src = e.texts[default]
                _add(po, e.context, src, e.texts.get(lang, ""), (rel, e.line[default]), old.get(e.context), seen)
        out[str(Path(rel).with_suffix(".po"))] = po.__unicode__().encode("utf-8")
    po, seen, old = _po(lang, project), set[str](), record.get(PHRASEBOOK_PO, {})
    own = {p.key: p.text for p in scan_phrasebook(FOLDER / f"{lang}.yaml")}
    for p in scan_phrasebook(FOLDER / f"{default}.yaml"):
        if not p.key.startswith(SETTINGS):
            where = (f"mallette_print/phrasebook/{default}.yaml", p.line)
            _add(po, p.key, p.text, own.get(p.key, ""), where, old.get(p.key), seen)
    out[PHRASEBOOK_PO] = po.__unicode__().encode("utf-8")
    return out


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _edits_for(
    text: str, entries: list[Entry], po: polib.POFile, lang: str, default: str, report: ImportReport, rel: str
) -> tuple[list[tuple[int, int, str]], dict[str, str], dict[str, str]]:
    by_ctx = {e.context: e for e in entries}
    edits: list[tuple[int, int, str]] = []
    confirmed: dict[str, str] = {}
    changed: dict[str, str] = {}
    lists: dict[tuple[str | int, ...], list[tuple[Entry, str]]] = {}
    for item in po:
        if item.obsolete or not item.msgstr or "fuzzy" in item.flags:
            continue
        e = by_ctx.get(item.msgctxt or "")
        if e is None:
            report.skipped.append(f"{rel}: '{item.msgctxt}' is no longer in the file")
            continue
        if e.texts.get(default) != item.msgid:
            report.skipped.append(f"{rel}:{e.line.get(default, 0)}: {e.context}: the source text changed since export")
            continue
        confirmed[e.context] = item.msgid
        if e.texts.get(lang) == item.msgstr:
            continue
        report.strings += 1
        if lang in e.span:
            start, end = e.span[lang]
            edits.append((start, end, quoted(item.msgstr)))
        elif e.item >= 0:
            lists.setdefault(e.path[:-1], []).append((e, item.msgstr))
            continue
        elif e.flow:
            edits.append((e.end, e.end, f", {lang}: {quoted(item.msgstr)}"))
        else:
            line = f"{' ' * e.key_col}{lang}: {quoted(item.msgstr)}\n"
            if e.end > 0 and text[e.end - 1] == "\n":  # a block scalar (> or |) ends at the next line's start
                edits.append((e.end, e.end, line))
            else:
                nl = text.find("\n", e.end)
                edits.append((len(text), len(text), "\n" + line) if nl < 0 else (nl + 1, nl + 1, line))
        changed[e.context] = item.msgid
    for items in lists.values():
        e = items[0][0]
        if len(items) != e.items or any(x.item != i for i, (x, _) in enumerate(items)):
            report.skipped.append(f"{rel}:{e.line.get(default, 0)}: {e.context}: translate every item of the list")
            continue
        block = f"{' ' * e.key_col}{lang}:\n" + "".join(f"{' ' * (e.key_col + 2)}- {quoted(t)}\n" for _, t in items)
        if e.end > 0 and text[e.end - 1] == "\n":  # a block list ends at the start of the next line
            edits.append((e.end, e.end, block))
        else:
            nl = text.find("\n", e.end)
            edits.append((len(text), len(text), "\n" + block) if nl < 0 else (nl + 1, nl + 1, block))
        report.strings += len(items)
        for x, _ in items:
            changed[x.context] = x.texts[default]
    return edits, confirmed, changed


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, key=lambda x: (x[0], x[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def import_po(
    root: Path, folder: Path, languages: list[str], default: str, decks: list[str], templates: str
) -> ImportReport:
    """Write the translations of the PO files in `folder` into the game's YAML files (and the phrasebook)."""
    report = ImportReport()
    pos = sorted(folder.rglob("*.po"))
    if not pos:
        report.skipped.append(f"{folder}: no .po file")
        return report
    lang = str(polib.pofile(str(pos[0])).metadata.get("Language", "")).strip()
    if not lang:
        report.skipped.append(f"{pos[0]}: no Language header")
        return report
    langs = list(dict.fromkeys([*languages, lang]))
    by_file: dict[str, list[Entry]] = {}
    for e in scan_game(root, langs, decks, templates):
        by_file.setdefault(_rel(root, e.file), []).append(e)
    record = _record(root, lang)
    for po_path in pos:
        po = polib.pofile(str(po_path))
        rel_po = po_path.relative_to(folder).as_posix()
        if rel_po == PHRASEBOOK_PO:
            _import_phrasebook(po, lang, default, report, record)
            continue
        rel = rel_po[: -len(".po")] + ".yaml"
        if rel not in by_file:
            report.skipped.append(f"{po_path}: no data file {rel} with texts")
            continue
        target = root / rel
        text = target.read_text(encoding="utf-8")
        edits, confirmed, changed = _edits_for(text, by_file[rel], po, lang, default, report, rel)
        _confirm(record, rel, confirmed, changed)
        if edits:
            target.write_text(_apply(text, edits), encoding="utf-8")
            report.written.append(target)
    _save_record(root, lang, record)
    return report


def _confirm(record: dict[str, dict[str, str]], rel: str, confirmed: dict[str, str], changed: dict[str, str]) -> None:
    """Record the source a translation was made from: for every translation written, and for every confirmed one
    that already had a record (a fuzzy string the translator checked)."""
    old = record.get(rel, {})
    for ctx, src in confirmed.items():
        if ctx in changed or ctx in old:
            old[ctx] = src
    if old:
        record[rel] = old


def _save_record(root: Path, lang: str, record: dict[str, dict[str, str]]) -> None:
    path = record_path(root, lang)
    body = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if record and (not path.is_file() or path.read_text(encoding="utf-8") != body):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")


def _import_phrasebook(
    po: polib.POFile, lang: str, default: str, report: ImportReport, record: dict[str, dict[str, str]]
) -> None:
    target = FOLDER / f"{lang}.yaml"
    if not target.is_file():
        report.skipped.append(
            f"no phrasebook file {target.name}: create it with the keys of {default}.yaml, then import again"
        )
        return
    own = {p.key: p for p in scan_phrasebook(target)}
    text = target.read_text(encoding="utf-8") if target.is_file() else ""
    source = {p.key: p for p in scan_phrasebook(FOLDER / f"{default}.yaml")}
    edits: list[tuple[int, int, str]] = []
    for item in po:
        if item.obsolete or not item.msgstr or "fuzzy" in item.flags:
            continue
        key = item.msgctxt or ""
        if key not in own:
            where = source[key].line if key in source else 0
            report.skipped.append(
                f"{target.name}: '{key}' (line {where} of {default}.yaml) is not in {target.name}: add it by hand"
            )
            continue
        if own[key].text != item.msgstr:
            edits.append((*own[key].span, quoted(item.msgstr)))
            report.strings += 1
    if edits:
        target.write_text(_apply(text, edits), encoding="utf-8")
        report.written.append(target)


_ACCENTS = str.maketrans("aeiouycnAEIOUYCN", "áéîöüýçñÅÉÎÖÜÝÇÑ")
_KEEP = re.compile(r"(\{[^}]*\}|:[a-z0-9_-]+:|https?://\S+|\\\\.)")
_PAD = ("löñg", "wördé", "ëxträ", "téxté")


def pseudo(text: str, grow: float = 0.4) -> str:
    """A pseudo-translation: accented letters, about 40 % longer (extra words), placeholders and icons kept."""
    parts = _KEEP.split(text)
    out = "".join(p if i % 2 else p.translate(_ACCENTS) for i, p in enumerate(parts))
    need = round(len(text) * grow)
    pad: list[str] = []
    while need > 0:
        word = _PAD[len(pad) % len(_PAD)]
        word = word[: max(1, need - 1)]
        pad.append(word)
        need -= len(word) + 1
    return out + (" " + " ".join(pad) if pad and text.strip() else "")


def pseudo_po(files: dict[str, bytes]) -> dict[str, bytes]:
    """The exported PO files with every msgstr the pseudo-translation of its msgid."""
    out: dict[str, bytes] = {}
    for name, body in files.items():
        po = polib.pofile(body.decode("utf-8"), wrapwidth=0)
        for entry in po:
            entry.msgstr = pseudo(entry.msgid)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        out[name] = po.__unicode__().encode("utf-8")
    return out
