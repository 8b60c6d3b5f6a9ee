"""Loading scenario files: ``extends`` chains, deep merge over the defaults, validation.

A file may say ``extends: siloed.yaml`` to inherit another scenario and override some of
its values (deep merge, paths relative to the extending file, or a name in the scenario
library). Cycles are an error, and so is a parent outside the scenario's folder and the
library (a file received from someone else cannot make ecosim read other files).

Errors never escape as tracebacks: :func:`load_scenario` raises
:class:`~ecosim.scenario.errors.ScenarioError`, whose messages name the file that set
the field and the dotted field path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ecosim.scenario.aliases import normalise
from ecosim.scenario.errors import ScenarioError, close_names, describe
from ecosim.scenario.schema import Scenario
from ecosim.scenario.yaml_safety import read_yaml

__all__ = ["load_scenario", "merge", "scenario_from_dict"]


def merge(
    base: dict,
    override: dict,
    origin: dict[str, Path] | None = None,
    path: Path | None = None,
    prefix: str = "",
) -> dict:
    """Deep-merge ``override`` into ``base``; record in ``origin`` which file set each field."""
    merged = dict(base)
    for key, value in override.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value, origin, path, dotted + ".")
        else:
            merged[key] = value
            if origin is not None and path is not None:
                origin[dotted] = path
    return merged


def _library_folder() -> Path:
    from ecosim.library import library_dir

    return library_dir("scenarios").resolve()


def _exists(path: Path) -> bool:
    """``path.exists()``, False for names the file system rejects (too long, bad bytes)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def library_path(path: Path) -> Path:
    """``path``, or the library scenario a bare name (``siloed``) stands for.

    A bare name is looked up in ``./scenarios``, then in the bundled library; anything
    else (an existing file, a path with a folder or a suffix) is returned as it is.
    """
    if path.suffix or len(path.parts) != 1 or _exists(path):
        return path
    for folder in (Path("scenarios"), _library_folder()):
        candidate = folder / f"{path.name}.yaml"
        if candidate.is_file():
            return candidate
    return path


def _parent_path(path: Path, parent: Any, home: Path) -> Path:
    """The file ``extends: parent`` in ``path`` names, checked to be allowed."""
    if not isinstance(parent, str) or not parent.strip():
        raise ScenarioError([f"{path}: field 'extends': must be a file name"])
    parent_path = (path.parent / parent).resolve()
    if not _exists(parent_path) and "/" not in parent and "\\" not in parent:
        in_library = _library_folder() / (parent if parent.endswith(".yaml") else f"{parent}.yaml")
        parent_path = in_library if _exists(in_library) else parent_path
    if not _exists(parent_path):
        message = f"{path}: field 'extends': file not found: {parent_path}"
        raise ScenarioError([message + _suggest_parent(path, parent)])
    if not (parent_path.is_relative_to(home) or parent_path.is_relative_to(_library_folder())):
        raise ScenarioError(
            [
                f"{path}: field 'extends': {parent} is outside the scenario's folder "
                f"({home}) and the scenario library; copy it beside the scenario"
            ]
        )
    return parent_path


def _suggest_parent(path: Path, parent: str) -> str:
    """Names close to a mistyped ``extends``, beside ``path`` and in the library.

    Returns " (did you mean 'siloed'?)", or the library's names when none is close.
    """
    stem = Path(parent).stem if parent.endswith((".yaml", ".yml")) else Path(parent).name
    beside = {p.stem: p.name for p in path.parent.glob("*.yaml") if p != path}
    library = {p.stem: p.stem for p in _library_folder().glob("*.yaml")}
    names = {**library, **beside}
    close = close_names(stem, list(names))
    if not close:
        return f" (library scenarios: {', '.join(sorted(library))})"
    return " (did you mean " + " or ".join(f"'{names[c]}'" for c in close) + "?)"


def _resolve(
    path: Path, chain: list[Path], origin: dict[str, Path], renamed: dict[str, str]
) -> dict[str, Any]:
    """Read ``path`` and everything it extends, merged; ``chain`` holds the extending files."""
    path = path.resolve()
    if path in chain:
        cycle = " -> ".join(p.name for p in [*chain, path])
        raise ScenarioError([f"{chain[-1]}: field 'extends': cycle ({cycle})"])
    data = normalise(read_yaml(path), Scenario, renamed)
    base: dict[str, Any] = {}
    if data.get("extends") is not None:
        home = (chain[0] if chain else path).parent
        parent_path = _parent_path(path, data["extends"], home)
        base = _resolve(parent_path, [*chain, path], origin, renamed)
        base.pop("name", None)
        base.pop("description", None)
    return merge(base, data, origin, path)


def _defaults() -> dict[str, Any]:
    """The default scenario as nested plain data.

    User data is deep-merged over it before validation, so that a partial section
    (``review: {duration_years: 1.5}``) keeps the other defaults *of that phase* rather
    than the generic defaults of its type.
    """
    return Scenario().model_dump(mode="python", exclude={"name", "description", "extends"})


def _validate(
    data: dict[str, Any], origin: dict[str, Path], source: Path, renamed: dict[str, str]
) -> Scenario:
    data = merge(_defaults(), data)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        errors = [describe(e, origin, source, Scenario, renamed) for e in exc.errors()]
        raise ScenarioError(errors) from None


def scenario_from_dict(data: dict[str, Any], source: Path | str = "<dict>") -> Scenario:
    """Validate a plain mapping as a scenario, raising :class:`ScenarioError`."""
    if not isinstance(data, dict):
        raise ScenarioError([f"{source}: the top level must be a mapping of fields"])
    renamed: dict[str, str] = {}
    return _validate(normalise(data, Scenario, renamed), {}, Path(str(source)), renamed)


def load_scenario(path: str | Path, overrides: dict[str, Any] | None = None) -> Scenario:
    """Load and validate a scenario file, following ``extends``.

    Args:
        path: YAML file.
        overrides: optional nested mapping merged over the file before validation.

    Returns:
        The validated scenario; its ``name`` defaults to the file stem.

    Raises:
        ScenarioError: with one message per problem, each naming file and field.
    """
    path = library_path(Path(path))
    if not path.suffix and len(path.parts) == 1 and not _exists(path):
        known = sorted(p.stem for p in _library_folder().glob("*.yaml"))
        raise ScenarioError(
            [
                f"{path}: no such file and no library scenario of that name "
                f"(known: {', '.join(known)})"
            ]
        )
    origin: dict[str, Path] = {}
    renamed: dict[str, str] = {}
    data = _resolve(path, [], origin, renamed)
    if overrides:
        extra = normalise(overrides, Scenario, renamed)
        data = merge(data, extra, origin, Path("<command line>"))
    data.setdefault("name", path.stem)
    return _validate(data, origin, path, renamed)
