"""The print plan shown at the end of every build: each file, its pages, size and how to print it.

It speaks the build's language (the how-to of each file comes in that language from its producer), so a
facilitator building the French game reads one language: the phrasebook's `plan.*` entries.
"""

from __future__ import annotations

from mallette_print.core.phrasebook import Phrases
from mallette_print.pipeline.options import BuildReport, partial_name

PLAN_KEYS = ("wrote", "partial", "plan", "pages", "sheets", "instead", "total", "full_page", "tts")


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MiB"


def plan_lines(report: BuildReport, verbose: bool = False, lang: str = "en", default: str | None = None) -> list[str]:
    """Lines of the print plan in `lang` (else `default`); the total counts sheets of paper for everything printable."""
    words = Phrases(lang, default)
    t = {k: words(f"plan.{k}") for k in PLAN_KEYS}
    printable = [o for o in report.outputs if o.pages]
    lines = [t["wrote"].format(n=len(report.outputs), out=report.out) + (t["partial"] if report.partial else "")]
    if printable:
        lines.append(t["plan"])
        width = max(len(o.name) for o in printable)
        for o in printable:
            sheets = f", {o.sheets} {t['sheets']}" if o.sheets else ""
            how = f" — {o.how_to_print}" if o.how_to_print else ""
            if o.instead_of:
                how += t["instead"].format(name=o.instead_of)
            lines.append(f"  {o.name:<{width}}  {o.pages:>3} {t['pages']}{sheets}, {_size(len(o.content))}{how}")
        total = sum(o.sheets for o in printable if not o.instead_of)
        if total:
            lines.append(t["total"].format(n=total) + (t["full_page"] if any(o.instead_of for o in printable) else "."))
    folder = (partial_name("tts/") if report.partial else "tts/").rstrip("/")  # a partial print's: apart
    tts = [o for o in report.outputs if o.name.startswith(f"{folder}/") and o.name.endswith(".jpg")]
    if tts:
        decks = sum(1 for o in report.outputs if o.name.startswith(f"{folder}/") and o.name.endswith("-back.jpg"))
        lines.append(t["tts"].format(decks=decks, images=len(tts), out=report.out, folder=folder))
    # What follows is for designers debugging a build: in English, like the rest of --verbose.
    others = [o for o in report.outputs if not o.pages]
    if others and verbose:
        lines.append("Other files: " + ", ".join(o.name for o in others))
    if verbose:
        lines.append("Timings: " + ", ".join(f"{name} {sec:.2f} s" for name, sec in report.timings))
    return lines
