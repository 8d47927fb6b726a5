"""Safe YAML loading that remembers file:line:col for every key and value.

We compose the YAML node graph with PyYAML's safe composer, then build plain
Python values ourselves so that we can:
- refuse any non-standard tag (no Python objects, ever);
- refuse duplicate keys (PyYAML silently keeps the last one);
- bound the work done expanding aliases (a "billion laughs" document is
  refused after a fixed number of nodes instead of eating memory);
- record a location for every path into the document.

Booleans follow YAML 1.2 (only true/false), so a French "Non" or an id "no"
stays text, and dates stay text.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mallette_print.core.charset import FORBIDDEN, field_context, forbidden_message
from mallette_print.core.errors import Problem, problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_DIGITS = 18  # an integer in the data (a quantity, a year, a number of players) is far smaller

PathKey = tuple[Any, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and no implicit timestamps."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_CLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoaderImpl(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        """libyaml's parser (about 100 times faster) with the same YAML 1.2 resolvers."""

    _CLoaderImpl.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _CLoader = _CLoaderImpl

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


@dataclass
class Located:
    """A YAML document as plain Python data, with the location of every path in it."""

    path: Path
    data: Any
    value_at: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    _card_positions: dict[str, list[int]] | None = field(default=None, repr=False, compare=False)

    def card_position(self, card_id: str, nth: int = 0) -> int:
        """Position of the nth card (0: the first) with this id in the file's `cards` list (0 if none).

        Indexed once per file: a scan per card made loading a big deck quadratic.
        """
        if self._card_positions is None:
            self._card_positions = {}
            cards = self.data.get("cards", []) if isinstance(self.data, dict) else []
            for i, raw in enumerate(cards if isinstance(cards, list) else []):
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    self._card_positions.setdefault(raw["id"], []).append(i)
        found = self._card_positions.get(card_id, [0])
        return found[min(nth, len(found) - 1)]

    def where(self, loc: PathKey, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of a path, or of its closest located parent."""
        table = self.key_at if key else self.value_at
        loc = tuple(loc)
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.value_at:
                return self.value_at[loc]
            loc = loc[:-1]
        return self.value_at.get((), (1, 1))


class YamlError(Exception):
    """Raised with the problems that stop a file from loading."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _fail(path: Path, line: int, col: int, message: str) -> YamlError:
    return YamlError([problem(path, line, col, "", message)])


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _describe(node: Node) -> str:
    return {"ScalarNode": "a value", "SequenceNode": "a list", "MappingNode": "a mapping"}.get(
        type(node).__name__, "a node"
    )


class _Builder:
    """Turns a composed node graph into Python values, with a budget and locations."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self.doc = Located(path, None)
        self.scalars = _Loader("")
        # Forbidden characters found in strings: (path into the document, line, col, character).
        self.bad: list[tuple[PathKey, int, int, str]] = []

    def _text(self, node: Node, text: str, loc: PathKey) -> str:
        m = FORBIDDEN.search(text)
        if m:
            line, col = _mark(node)
            self.bad.append((loc, line, col, m.group()))
        return text

    def build(self, node: Node, loc: PathKey, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            line, col = _mark(node)
            raise _fail(
                self.path,
                line,
                col,
                f"document expands to more than {MAX_NODES} values (aliases expanding out of control?)",
            )
        if depth > MAX_DEPTH:
            line, col = _mark(node)
            raise _fail(self.path, line, col, f"nesting deeper than {MAX_DEPTH} levels")
        if loc not in self.doc.value_at:
            self.doc.value_at[loc] = _mark(node)
        if node.tag not in _ALLOWED_TAGS:
            line, col = _mark(node)
            raise _fail(self.path, line, col, f"tag {node.tag!r} is not allowed (only plain YAML data)")
        if isinstance(node, ScalarNode):
            if node.tag == "tag:yaml.org,2002:str":  # most values: the text as written
                return self._text(node, node.value, loc)
            if node.tag == "tag:yaml.org,2002:int" and len(node.value.lstrip("+-0").replace("_", "")) > MAX_DIGITS:
                line, col = _mark(node)
                raise _fail(
                    self.path,
                    line,
                    col,
                    f"number too large ({len(node.value)} digits; at most {MAX_DIGITS}): write a smaller one",
                )
            return self.scalars.construct_object(node, deep=True)
        if isinstance(node, SequenceNode):
            return [self.build(child, loc + (i,), depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, depth)
        raise _fail(self.path, *_mark(node), "unsupported YAML node")

    def _mapping(self, node: MappingNode, loc: PathKey, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, col = _mark(key_node)
                raise _fail(self.path, line, col, "merge keys ('<<') are not supported; write the keys out")
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                line, col = _mark(key_node)
                raise _fail(self.path, line, col, f"a key must be plain text, got {_describe(key_node)}")
            key = self._text(key_node, str(key_node.value), loc)
            kline, kcol = _mark(key_node)
            if key in seen:
                pline, _ = seen[key]
                raise _fail(self.path, kline, kcol, f"duplicate key '{key}' (first defined on line {pline})")
            seen[key] = (kline, kcol)
            self.doc.key_at[loc + (key,)] = (kline, kcol)
            out[key] = self.build(value_node, loc + (key,), depth + 1)
        return out


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw:
        raise _fail(path, 1, 1, "this is a binary file, not YAML text")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail(
            path, line, col, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        ) from None


def _syntax_error(path: Path, text: str, exc: yaml.MarkedYAMLError) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or "syntax error"
    lines = text.splitlines()
    if mark and mark.line < len(lines):
        src = lines[mark.line]
        if "\t" in src[: mark.column + 1] or (mark.column < len(src) and src[mark.column] == "\t"):
            return _fail(path, line, col, "tab character in indentation; YAML needs spaces")
    if exc.context:
        what = f"{exc.context}, {what}"
    return _fail(path, line, col, f"YAML syntax error: {what}")


C_SAFE_DEPTH = 1000  # libyaml composes this deep on a 512 KiB thread stack (it crashed past 2,000 there)


def _depth_bound(text: str) -> int:
    """An upper bound of a document's nesting depth, from its text alone (cheap: no parsing).

    Along any path of nested collections, the flow ones each start at a distinct '[' or '{'; the block ones
    are indented further at least every second level (a block sequence may sit at its parent key's
    indentation, its own children may not), and an indentation is a column of some line. Flow collections
    hold no block ones. So depth <= brackets + 2 * (longest line + 1).
    """
    longest = max(map(len, text.splitlines()), default=0)
    return text.count("[") + text.count("{") + 2 * (longest + 1)


def _fast_compose(text: str) -> Node | None:
    """Compose with libyaml when it is there and the text is well-formed; None to use the pure-Python parser.

    libyaml's composer recurses in C and crashes the interpreter on very deep nesting. A text whose depth
    bound is within C_SAFE_DEPTH is composed at once (the builder then refuses anything deeper than MAX_DEPTH,
    with its line); otherwise the event stream (parsed without recursion) is walked first and anything nested
    deeper than MAX_DEPTH goes to the pure parser. Syntax errors too go to the pure parser, whose messages
    (syntax errors, tabs, nesting) are the ones users see.
    """
    if _CLoader is None:
        return None
    from yaml.events import CollectionEndEvent, CollectionStartEvent

    try:
        if _depth_bound(text) <= C_SAFE_DEPTH:  # most files: provably shallow, no need to walk the events
            return yaml.compose(text, Loader=_CLoader)
        depth = 0
        for event in yaml.parse(text, Loader=_CLoader):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
        return yaml.compose(text, Loader=_CLoader)
    except yaml.YAMLError:
        return None


def load_text(path: Path, text: str) -> Located:
    """Parse YAML text into located plain data; raise YamlError on any problem.

    The cyclic garbage collector is paused meanwhile: loading only adds objects (a node graph, then the values
    and their locations), so a collection in the middle finds nothing to free but scans everything built so
    far, again and again on a big file (a third of the time of loading 2,000 cards).
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _load_text(path, text)
    finally:
        if paused:
            gc.enable()


def _load_text(path: Path, text: str) -> Located:
    try:
        node = _fast_compose(text) or yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(path, text, exc) from None
    except yaml.YAMLError as exc:
        raise _fail(path, 1, 1, f"YAML error: {exc}") from None
    except RecursionError:
        raise _fail(path, 1, 1, f"nesting deeper than {MAX_DEPTH} levels") from None
    builder = _Builder(path)
    if node is None:
        builder.doc.data = None
        return builder.doc
    try:
        builder.doc.data = builder.build(node, (), 0)
    except RecursionError:
        raise _fail(path, 1, 1, f"nesting deeper than {MAX_DEPTH} levels") from None
    except yaml.constructor.ConstructorError as exc:
        raise _syntax_error(path, text, exc) from None
    if builder.bad:
        data = builder.doc.data
        raise YamlError(
            [
                problem(path, line, col, field_context(data, loc), forbidden_message(ch))
                for loc, line, col, ch in builder.bad
            ]
        )
    return builder.doc


def load_file(path: Path) -> Located:
    """Read and parse a YAML file; raise YamlError for unreadable, oversized or invalid files."""
    try:
        if not path.is_file():
            raise _fail(path, 0, 0, "file not found" if not path.exists() else "not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _fail(path, 0, 0, f"file too large ({size // 1024} KiB; at most {MAX_FILE_BYTES // 1024} KiB)")
        raw = path.read_bytes()
    except PermissionError:
        raise _fail(path, 0, 0, "permission denied: cannot read the file") from None
    except OSError as exc:
        raise _fail(path, 0, 0, f"cannot read the file: {exc.strerror or exc}") from None
    return load_text(path, _decode(path, raw))
