"""pipeline/files.py: Ctrl-C at any instant leaves no temporary file and no mix of old and new files; the
temporary files of a killed build are removed by the next one (ours only, by name)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from mallette_print.pipeline import files
from mallette_print.pipeline.options import Output

OLD = {"a.pdf": b"old a", "sub/b.png": b"old b"}
NEW = {"a.pdf": b"new a" * 1000, "sub/b.png": b"new b" * 1000}


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _outputs(contents: dict[str, bytes]) -> list[Output]:
    return [Output(name, body) for name, body in contents.items()]


def test_stale_temporary_files_are_removed_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    stale = [tmp_path / ".a.pdf.k2j_x9q1.tmp", tmp_path / "sub" / ".b.png.abcdefgh.tmp"]
    kept = [
        tmp_path / "notes.tmp",  # not hidden
        tmp_path / ".a.pdf.tmp",  # no random part
        tmp_path / ".a.pdf.ABCDEFGH.tmp",  # not mkstemp's characters
        tmp_path / ".a.pdf.abcdefghi.tmp",  # 9 characters
        tmp_path / "mine.txt",
    ]
    for p in stale + kept:
        p.write_bytes(b"x")
    (tmp_path / ".dir.abcdefgh.tmp").mkdir()  # a folder named like ours is not ours
    (tmp_path / "tts").mkdir()  # a folder this build does not write to (an earlier build with other options did)
    stale.append(tmp_path / "tts" / ".game.json.a1b2c3d4.tmp")
    stale[-1].write_bytes(b"x")
    files.write_all(tmp_path, _outputs(NEW))
    assert not any(p.exists() for p in stale)
    assert all(p.read_bytes() == b"x" for p in kept)
    assert (tmp_path / ".dir.abcdefgh.tmp").is_dir()
    assert (tmp_path / "a.pdf").read_bytes() == NEW["a.pdf"]


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from mallette_print.pipeline import files
    from mallette_print.pipeline.options import Output

    real = files._write_temp
    def slow(path, content, made):
        tmp = real(path, content, made)
        if path.name == "b.png":
            print("written", flush=True)
            time.sleep(60)  # killed here, a temporary file on disk
        return tmp
    files._write_temp = slow
    files.write_all(Path(sys.argv[1]), [Output("a.pdf", b"new a"), Output("sub/b.png", b"new b")])
    """
)


def test_a_build_killed_mid_write_leaves_temporary_files_the_next_build_removes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    files.write_all(out, _outputs(OLD))
    (out / "mine.tmp").write_bytes(b"keep")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "written"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    left = sorted(p.name for p in out.rglob("*.tmp") if p.name != "mine.tmp")
    assert len(left) == 2  # a.pdf's and b.png's: SIGKILL cannot be caught
    assert _tree(out) | {"mine.tmp": b"keep"} == _tree(out)
    assert (out / "a.pdf").read_bytes() == b"old a"
    files.write_all(out, _outputs(NEW))
    assert _tree(out) == {**NEW, "mine.tmp": b"keep"}


def _interrupt_at(step: int, call: Any) -> tuple[int, BaseException | None]:
    """Run `call` sending ourselves SIGINT at the `step`-th bytecode executed in pipeline/files.py."""
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "opcode":
            count += 1
            if count == step:
                os.kill(os.getpid(), signal.SIGINT)
        return local

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        if frame.f_code.co_filename != files.__file__:
            return None
        frame.f_trace_opcodes = True
        return local

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.settrace(tracer)
    try:
        call()
        caught = None
    except KeyboardInterrupt as exc:
        caught = exc
    finally:
        sys.settrace(None)
        signal.signal(signal.SIGINT, previous)
    return count, caught


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_at_every_instant_leaves_no_temporary_file_and_no_mix(tmp_path: Path) -> None:
    total, _ = _interrupt_at(0, lambda: files.write_all(tmp_path / "count", _outputs(NEW)))
    assert 50 < total < 5000
    interrupted = 0
    started = time.monotonic()
    for step in range(1, total + 1):
        out = tmp_path / str(step)
        files.write_all(out, _outputs(OLD))
        _, caught = _interrupt_at(step, lambda out=out: files.write_all(out, _outputs(NEW)))
        interrupted += caught is not None
        assert not list(out.rglob("*.tmp")), f"temporary file left by Ctrl-C at step {step}"
        assert _tree(out) in (OLD, NEW), f"a mix of old and new files at step {step}"
        assert time.monotonic() - started < 60
    assert interrupted > total // 2  # every Ctrl-C is honoured (late ones after the complete new set)


def test_a_file_written_alone_removes_only_its_own_stale_temporary_files(tmp_path: Path) -> None:
    own, other = tmp_path / ".calib.pdf.abcdefgh.tmp", tmp_path / ".notes.txt.abcdefgh.tmp"
    own.write_bytes(b"x")
    other.write_bytes(b"x")
    files.write_atomic(tmp_path / "calib.pdf", b"pdf")
    assert not own.exists() and other.exists()
    assert (tmp_path / "calib.pdf").read_bytes() == b"pdf"
