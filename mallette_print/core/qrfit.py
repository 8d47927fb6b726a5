"""Can a phone read a printed QR code? Its modules must be at least 0.4 mm at the printed size.

Pure arithmetic: a QR code of version V has 17 + 4V modules a side, plus a quiet zone of 4 on each side (as
draw/qr.py draws it), so a code printed S mm wide has modules of S / (25 + 4V) mm. The version a URL needs at
error correction M is the smallest whose byte-mode capacity holds its UTF-8 bytes (the standard's table, below);
hence the longest URL that fits a printed size. Also the sizes the outputs print their codes at.
"""

from __future__ import annotations

from mallette_print.core.errors import Problem
from mallette_print.core.model import GameData

MIN_MODULE_MM = 0.4
QUIET_MODULES = 4
# Byte-mode capacity at error correction M, versions 1 to 40 (ISO/IEC 18004, table 7).
BYTES_M = (
    (14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666)
    + (711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099)
    + (2213, 2331)
)
# The printed sizes (quiet zone included) of the codes outside the card faces.
FICHE_QR_MM = 20.0  # the rulebook's list of fiches
LICENCE_QR_MM = 24.0  # the rulebook's credits (the licence deed)
BOARD_QR_MAX_MM = 40.0  # the board's code, at most this wide (at A3 scale), never wider than its box
# A card's code (cards/faces.py): the template's size, reduced on a narrow card down to a minimum.
CARD_QR_GAP_MM = 2.0
CARD_QR_MIN_MM = 20.0  # the smallest code, quiet zone included, that a card gets when it must shrink
CARD_TEXT_BESIDE_QR_MM = 27.0  # room kept beside the code for the fiche caption and the small print


def card_qr_size(qr: float, card_w: float, safe: float, unit: float) -> float:
    """The printed size of a card's QR code: the template's `qr`, reduced on a narrow card; all in one unit.

    A large code (a notion's 26 mm) on a narrow card (bridge, mini) would squeeze the fiche caption and the small
    print beside it: it gives up room down to the minimum, never below the template's own size. `unit` is one
    millimetre in the unit used (the tolerance lets poker cards have exactly the room for a 26 mm code).
    """
    room = card_w - 2 * safe - CARD_QR_GAP_MM * unit - CARD_TEXT_BESIDE_QR_MM * unit
    if qr > room + 0.01:
        qr = max(room, min(qr, CARD_QR_MIN_MM * unit))
    return qr


def version_needed(url: str) -> int | None:
    """The QR version a URL needs at error correction M (byte mode); None when no version holds it."""
    n = len(url.encode("utf-8"))
    return next((v for v, cap in enumerate(BYTES_M, 1) if cap >= n), None)


def modules(version: int) -> int:
    """Modules a side of a code of this version, quiet zone included."""
    return 17 + 4 * version + 2 * QUIET_MODULES


def largest_version(size_mm: float) -> int:
    """The largest version whose modules are still 0.4 mm at this printed size (0 when none is)."""
    v = 0
    while v < len(BYTES_M) and size_mm / modules(v + 1) >= MIN_MODULE_MM - 1e-9:
        v += 1
    return v


def qr_size_problem(url: str, size_mm: float, where: str, when: str = "") -> str | None:
    """Why a phone could not read this URL's code printed `size_mm` wide (None when it can): the message to show."""
    version = version_needed(url)
    n = len(url.encode("utf-8"))
    fits = largest_version(size_mm)
    if version is not None and version <= fits:
        return None
    longest = BYTES_M[fits - 1] if fits else 0
    shown = url if len(url) <= 60 else url[:57] + "..."
    module = f"{size_mm / modules(version):.2f} mm modules" if version else "no code at all (too long for any QR code)"
    return (
        f"the QR code of '{shown}' ({n} characters) would print with {module} at {size_mm:g} mm {where}; "
        f"phones need {MIN_MODULE_MM} mm, so the longest URL that fits is {longest} characters: "
        "shorten the URL (a shorter slug, url or base_url) or print the code larger" + (f" ({when})" if when else "")
    )


def qr_problems(data: GameData, card_size: str, board_page_mm: tuple[float, float] | None, when: str) -> list[Problem]:
    """Every printed QR code phones could not read, located: cards (at `card_size`), the board (on a page of
    `board_page_mm`, design scaled to fit), the rulebook's fiches and credits. `when` says at which sizes."""
    from mallette_print.core.cardsize import parse_card_size
    from mallette_print.core.licensing import deed_url
    from mallette_print.core.units import parse_length, to_mm

    out: list[Problem] = []

    def add(where: tuple[str, int, int], ctx: str, url: str, size_mm: float, what: str) -> None:
        why = qr_size_problem(url, size_mm, what, when)
        if why:
            out.append(Problem(where[0], where[1], where[2], ctx, why))

    try:
        size = parse_card_size(card_size)
    except ValueError:
        size = None  # the build refuses it with its own message
    if size is not None:
        for deck, card in data.cards():
            tpl = data.templates[deck.template].at(size.name, size.w, size.h)  # its size variants applied
            if card.fiche and tpl.qr:
                qr = to_mm(card_qr_size(parse_length(tpl.qr_size), size.w, size.safe, parse_length("1mm")))
                url = data.fiche_url(card.fiche)
                where = data.where(f"card:{card.id}")
                add(where, f"card '{card.id}': 'fiche'", url, qr, f"on the card (fiche '{card.fiche}')")
    for f in data.game.fiches.items:
        add(
            data.where(f"fiche:{f.id}"),
            f"fiche '{f.id}'",
            data.fiche_url(f.id),
            FICHE_QR_MM,
            "in the rulebook's list of fiches",
        )
    for lang in data.game.languages:
        where = data.where("licence")
        add(where, "licence", deed_url(data, lang), LICENCE_QR_MM, f"in the rulebook's credits ({lang})")
    if data.board is not None and board_page_mm is not None:
        from mallette_print.core.board import board_qr_url, box_mm, point_mm

        b = data.board.board
        dw, dh = point_mm(b.size)
        scale = min(board_page_mm[0] / dw, board_page_mm[1] / dh)
        qr = min(box_mm(b.qr.box).w, BOARD_QR_MAX_MM) * scale
        why = qr_size_problem(board_qr_url(data), qr, "on the board", when)
        if why:
            out.append(data.board.problem(("qr", "box"), "qr", why))
    return out
