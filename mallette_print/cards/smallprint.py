"""The licence notice in a card's small print: the longest form that fits, wrapped or shrunk, never dropped.

A remix's notice credits the work it adapts ("© NEW AUTHORS, after TITLE (ORIGINAL AUTHORS) · CC BY-SA 4.0",
core/licensing.notice_forms). The small print is narrow (beside the QR code of a notion card, about 35 mm of a
poker card), so a form may take several lines and shrink down to SMALL_MIN; when even that is too long, the next, shorter
form (without the original's authors, then with "et al."). Nothing fits: the caller reports a located overflow.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

SMALL_MIN = 5.0  # the licence notice is never smaller than 5 pt
NOTICE_LINES = 2  # under a card's body, as high as a one-line notice and the card reference
NOTICE_LINES_UNDER = 3  # at most, when the reference cannot share a line (the body makes way)
NOTICE_LINES_BESIDE = 6  # beside a QR code, under its caption: as many as the height left there takes
STEP = 0.25


def small_print_lines(notice: str, card_ref: str) -> int:
    """How many lines the small print takes: the notice's, then the card reference's (none when it shares one)."""
    return len(notice.split("\n")) + (len(card_ref.split("\n")) if card_ref else 0)


def wrap(text: str, font: str, size: float, width: float, most: int, last: float | None = None) -> list[str] | None:
    """`text` broken at spaces into at most `most` lines no wider than `width` (None when it takes more).

    last: the width of the last line when it is narrower (it shares its line with the card reference).
    """
    lines: list[str] = []
    for word in text.split(" "):
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and stringWidth(joined, font, size) <= width:
            lines[-1] = joined
        elif stringWidth(word, font, size) <= width and len(lines) < most:
            lines.append(word)
        else:
            return None
    if last is not None and stringWidth(lines[-1], font, size) > last:
        return None
    return lines


def fit_notice(
    forms: tuple[str, ...], font: str, small: float, width: float, room: float | None, card_ref: str
) -> tuple[str, float, str] | None:
    """The notice as printed (lines joined by '\n'), its size and the card reference, or None when no form fits.

    First the template's size on one line (a notice that fits so is printed exactly as always), then on more lines
    (two under a body, where the card reference shares the last one, right-aligned after a tab, when it can; as many
    as `room` holds beside a QR code), then smaller sizes down to SMALL_MIN; each form in turn. `room`: the height
    the whole small print may take (None: no limit, the body above makes way), at 1.25 × the size a line.
    """
    if stringWidth(forms[0], font, small) <= width:
        return forms[0], small, card_ref
    sizes = [small]
    while sizes[-1] - STEP >= SMALL_MIN - 1e-9:
        sizes.append(round(sizes[-1] - STEP, 2))
    ref_lines = len(card_ref.split("\n"))
    if room is None:
        # Under a body: first as high as today's small print (one line, or two with the reference on the second),
        # then one or two lines higher, at the smallest size (the body makes way).
        for form in forms:
            for size in sizes:
                if (lines := wrap(form, font, size, width, 1)) is not None:
                    return lines[0], size, card_ref
                share = width - stringWidth(card_ref, font, size) - 2 * size
                if ref_lines == 1 and (lines := wrap(form, font, size, width, NOTICE_LINES, share)) is not None:
                    return "\n".join(lines) + "\t" + card_ref, size, ""
        for most in range(NOTICE_LINES, NOTICE_LINES_UNDER + 1):
            for form in forms:
                for size in reversed(sizes):  # the smallest size: the least height taken from the body
                    if (lines := wrap(form, font, size, width, most)) is not None:
                        return "\n".join(lines), size, card_ref
        return None
    for form in forms:
        for size in sizes:
            for most in range(1, NOTICE_LINES_BESIDE + 1):
                lines = wrap(form, font, size, width, most)
                if lines is None:
                    continue
                if (len(lines) + ref_lines) * size * 1.25 > room:
                    break  # more lines take more height: a smaller size may still fit
                return "\n".join(lines), size, card_ref
    return None
