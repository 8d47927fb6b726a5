"""The build's progress bar: on a terminal only, after about a second, erased at the end."""

from __future__ import annotations

import io
import time

from mallette_print.pipeline.progress import BuildProgress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_shows_steps_and_elapsed_time_then_erases_itself() -> None:
    out = Tty()
    with BuildProgress(3, out, delay=0.0, interval=0.01) as bar:
        bar.step("cards")
        bar.step("board")
        bar.step("rulebook")
        time.sleep(0.1)
    text = out.getvalue()
    assert "[################........] 2/3 rulebook" in text
    assert text.endswith("\r\x1b[K")


def test_no_bar_when_not_a_terminal_or_when_the_build_is_quick() -> None:
    pipe = io.StringIO()
    with BuildProgress(3, pipe, delay=0.0, interval=0.01) as bar:
        bar.step("cards")
        time.sleep(0.05)
    assert pipe.getvalue() == ""
    tty = Tty()
    with BuildProgress(3, tty, delay=5.0) as bar:
        bar.step("cards")
    assert tty.getvalue() == ""
