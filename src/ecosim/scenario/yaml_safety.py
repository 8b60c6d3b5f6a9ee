"""Reading YAML safely: plain data only, bounded size, depth and alias expansion.

Scenario and experiment files may come from anyone: the safe loader never builds Python
objects (a ``!!python`` tag is rejected), and the limits below stop files that no
scenario needs (the "billion laughs" document, deeply nested data, huge or binary files).
Problems raise :class:`~ecosim.scenario.errors.ScenarioError` naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ecosim.scenario.errors import ScenarioError

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "key_lines",
    "read_yaml",
    "safe_yaml",
]

MAX_FILE_BYTES = 1_000_000
"""Largest scenario or experiment file read (bytes); real ones are a few kilobytes."""
MAX_YAML_DEPTH = 20
"""Deepest nesting of mappings and lists accepted (a scenario needs 3)."""
MAX_YAML_NODES = 20_000
"""Most YAML nodes after expanding aliases (a full scenario has about 300). Stops the
"billion laughs" attack, where a few nested anchors expand to billions of nodes."""


class _YAMLTooComplexError(Exception):
    """A YAML document deeper or larger (after alias expansion) than any scenario."""


class _GuardedLoader(yaml.SafeLoader):
    """PyYAML's safe loader (no Python objects, no code) with depth and size limits."""

    def compose_node(self, parent, index):  # noqa: D102 (PyYAML's hook)
        self._depth = getattr(self, "_depth", 0) + 1
        if self._depth > MAX_YAML_DEPTH:
            raise _YAMLTooComplexError(f"nested deeper than {MAX_YAML_DEPTH} levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Number of nodes once every alias is expanded (aliases share composed nodes)."""
    key = id(node)
    if key not in memo:
        memo[key] = 1  # a recursive alias counts once; the constructor rejects it anyway
        if isinstance(node, yaml.SequenceNode):
            memo[key] = 1 + sum(_expanded_size(n, memo) for n in node.value)
        elif isinstance(node, yaml.MappingNode):
            memo[key] = 1 + sum(
                _expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value
            )
        if memo[key] > MAX_YAML_NODES:
            raise _YAMLTooComplexError(
                f"more than {MAX_YAML_NODES:,} values once anchors and aliases are expanded"
            )
    return memo[key]


def safe_yaml(text: str) -> Any:
    """Parse YAML text safely: plain data only, bounded depth and expanded size.

    Raises:
        yaml.YAMLError: malformed YAML.
        _YAMLTooComplexError: deeper or larger than any scenario.
    """
    loader = _GuardedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, {})
        return loader.construct_document(node)
    finally:
        loader.dispose()


def key_lines(path: Path) -> dict[str, int]:
    """Dotted key -> the line (from 1) where ``path`` sets it; empty if it cannot be read.

    Used only to point an error at its line, so a file that cannot be parsed (it was
    already reported) gives no lines rather than a second error.
    """
    try:
        loader = _GuardedLoader(path.read_text(encoding="utf-8"))
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except (OSError, ValueError, RecursionError, yaml.YAMLError, _YAMLTooComplexError):
        return {}
    lines: dict[str, int] = {}
    seen: set[int] = set()  # an alias shares its anchor's node: walk each node once

    def walk(node: yaml.Node, prefix: str) -> None:
        if not isinstance(node, yaml.MappingNode) or id(node) in seen:
            return
        seen.add(id(node))
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                dotted = f"{prefix}{key.value}"
                lines[dotted] = key.start_mark.line + 1  # the last of duplicate keys wins
                walk(value, dotted + ".")

    if root is not None:
        walk(root, "")
    return lines


def read_yaml(path: Path, kind: str = "scenario") -> dict[str, Any]:
    """The top-level mapping of a YAML file, read safely.

    Raises:
        ScenarioError: a missing, unreadable, oversized, binary, malformed or empty file,
            or one whose top level is not a mapping; the message names the file.
    """
    if not path.exists():
        raise ScenarioError([f"{path}: file not found"])
    if path.is_dir():
        raise ScenarioError([f"{path}: is a folder, not a {kind} file"])
    if not path.is_file():
        raise ScenarioError([f"{path}: not a regular file (a device, pipe or socket)"])
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioError(
                [
                    f"{path}: {size:,} bytes is too large for a {kind} file "
                    f"(limit {MAX_FILE_BYTES:,})"
                ]
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioError([f"{path}: not UTF-8 text"]) from None
    except OSError as exc:
        raise ScenarioError([f"{path}: cannot read ({exc.strerror})"]) from None
    if "\x00" in text:
        raise ScenarioError([f"{path}: binary data (NUL bytes), not a YAML text file"])
    try:
        data = safe_yaml(text)
    except _YAMLTooComplexError as exc:
        raise ScenarioError([f"{path}: YAML rejected: {exc}"]) from None
    except RecursionError:
        raise ScenarioError([f"{path}: YAML rejected: nested too deeply"]) from None
    except (ValueError, OverflowError) as exc:  # e.g. an integer of thousands of digits
        raise ScenarioError([f"{path}: YAML rejected: a value cannot be read ({exc})"]) from None
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        problem = getattr(exc, "problem", None) or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError):
            raise ScenarioError(
                [f"{path}: YAML rejected{where}: {problem} (only plain data is read, never code)"]
            ) from None
        raise ScenarioError([f"{path}: malformed YAML{where}: {problem}"]) from None
    if data is None or data == {}:
        raise ScenarioError([f"{path}: empty {kind} file (no fields); write at least one field"])
    if not isinstance(data, dict):
        raise ScenarioError([f"{path}: the top level must be a mapping of fields"])
    return data
