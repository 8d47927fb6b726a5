"""The print plan shown at the end of every build: each file, its pages, size and how to print it."""

from __future__ import annotations

from .pipeline import BuildReport


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MiB"


def plan_lines(report: BuildReport, verbose: bool = False) -> list[str]:
    """Lines of the print plan; the total counts sheets of paper for everything printable."""
    printable = [o for o in report.outputs if o.pages]
    lines = [f"Wrote {len(report.outputs)} file(s) to {report.out}/" + (" (partial print)" if report.partial else "")]
    if printable:
        lines.append("Print plan (always at 100% / actual size, never 'fit to page'):")
        width = max(len(o.name) for o in printable)
        for o in printable:
            sheets = f", {o.sheets} sheet(s)" if o.sheets else ""
            how = f" — {o.how_to_print}" if o.how_to_print else ""
            if o.instead_of:
                how += f" (instead of {o.instead_of}: print one or the other)"
            lines.append(f"  {o.name:<{width}}  {o.pages:>3} page(s){sheets}, {_size(len(o.content))}{how}")
        total = sum(o.sheets for o in printable if not o.instead_of)
        if total:
            lines.append(f"  Total: {total} sheet(s) of paper"
                         + (" (counting the full-page versions)." if any(o.instead_of for o in printable) else "."))
    tts = [o for o in report.outputs if o.name.startswith("tts/") and o.name.endswith(".jpg")]
    if tts:
        decks = sum(1 for o in report.outputs if o.name.startswith("tts/") and o.name.endswith(".json"))
        lines.append(f"Tabletop Simulator: {decks} deck(s), {len(tts)} image(s) in {report.out}/tts/ "
                     "(numbers to type and how to load them: tts/README.txt)")
    others = [o for o in report.outputs if not o.pages]
    if others and verbose:
        lines.append("Other files: " + ", ".join(o.name for o in others))
    if verbose:
        lines.append("Timings: " + ", ".join(f"{name} {sec:.2f} s" for name, sec in report.timings))
    return lines
