"""Every number that shapes behaviour lives in the scenario schema, not in model code.

Model code is everything in ``src/ecosim`` but the layers that only run, analyse or show
the model (``app/``, ``analysis/``, ``calibration/``, ``experiments/``, ``cli``). In it:

- no module-level numeric constant (``CROWDING_PENALTY = 0.7``);
- no numeric literal other than 0, 1 and -1, except inside a parameter declaration
  (``param(...)``, ``section(...)``, pydantic's ``Field(...)``), where defaults and
  bounds belong, and the codes of an enumeration (``class Phase(IntEnum)``).

Exempt modules, each for a stated reason: ``units.py`` (the unit conversions, a half
and numerical tolerances), ``scenario/yaml_safety.py`` (input limits against hostile
files), ``scenario/errors.py`` (how long a quoted bad value may be) and
``scenario/hints.py`` (which numbers an error message reads as a percentage) and
``seeds.py`` (the entry points' default seed: which history runs, not how): none of them
shapes what the model does.
"""

import ast

import pytest

from .source_code import model_modules, rel

EXEMPT = {
    "units.py",
    "scenario/yaml_safety.py",
    "scenario/errors.py",
    "scenario/hints.py",
    "seeds.py",
}
DECLARATIONS = {"param", "section", "Field"}
ALLOWED = {0, 1}


def _is_number(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float | complex)
        and not isinstance(node.value, bool)
    )


def _constant_number(node: ast.AST) -> bool:
    """An expression made only of numbers (``0.7``, ``-2``, ``64 + 2``, ``(6, 4)``)."""
    if _is_number(node):
        return True
    if isinstance(node, ast.UnaryOp):
        return _constant_number(node.operand)
    if isinstance(node, ast.BinOp):
        return _constant_number(node.left) and _constant_number(node.right)
    if isinstance(node, ast.Tuple | ast.List):
        return bool(node.elts) and all(_constant_number(e) for e in node.elts)
    return False


def _declaration_nodes(tree: ast.AST) -> set[int]:
    """ids of every node inside a parameter declaration call or an enumeration's body."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(
            ast.unparse(b).endswith("Enum") for b in node.bases
        ):
            inside.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Call):
            fn = node.func
            name = fn.id if isinstance(fn, ast.Name) else getattr(fn, "attr", "")
            if name in DECLARATIONS:
                inside.update(id(n) for n in ast.walk(node))
    return inside


def violations(text: str, rel: str) -> list[str]:
    """Every module-level numeric constant and stray numeric literal of a module's source."""
    tree = ast.parse(text, rel)
    out = []
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        if targets and _constant_number(value):
            names = ", ".join(ast.unparse(t) for t in targets)
            out.append(f"{rel}:{node.lineno}: module-level numeric constant {names}")
    inside = _declaration_nodes(tree)
    for node in ast.walk(tree):
        if _is_number(node) and id(node) not in inside and node.value not in ALLOWED:
            out.append(f"{rel}:{node.lineno}: numeric literal {node.value!r}")
    return out


def test_the_scan_covers_the_model_and_finds_numbers():
    names = {rel(p) for p in model_modules(EXEMPT)}
    assert {"model.py", "development.py", "agents/pharma.py", "conditions/backbone.py"} <= names
    assert not any(n.startswith(("app/", "analysis/", "experiments/")) for n in names)
    planted = (
        "RATE = 0.7\nLIMITS = (2, 3)\n\nclass Kind(IntEnum):\n    A = 2\n\n"
        "def f(x):\n    return x * 2 - 1 + param(0.5)\n"
    )
    found = violations(planted, "probe.py")
    assert any("module-level numeric constant RATE" in v for v in found)
    assert any("module-level numeric constant LIMITS" in v for v in found)
    assert any("numeric literal 2" in v and ":8:" in v for v in found)
    assert not any(":5:" in v for v in found)  # an enumeration's code
    assert not any("0.5" in v or "literal 1" in v for v in found)  # declarations; 1 is fine


@pytest.mark.parametrize("path", model_modules(EXEMPT), ids=rel)
def test_no_numbers_in_model_code(path):
    assert violations(path.read_text(), rel(path)) == []
