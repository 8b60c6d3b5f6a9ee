"""The source stays small and readable: module and function sizes, packages, imports."""

import ast

import pytest

from .source_code import model_modules, modules, rel

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


@pytest.mark.parametrize("path", modules(), ids=rel)
def test_no_module_is_over_400_lines(path):
    assert len(path.read_text().splitlines()) <= MAX_MODULE_LINES


def _long_functions(path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]


@pytest.mark.parametrize("path", model_modules(), ids=rel)
def test_no_model_function_is_over_60_lines(path):
    assert _long_functions(path) == []


@pytest.mark.parametrize("path", modules(), ids=rel)
def test_no_module_imports_a_private_name_of_another(path):
    tree = ast.parse(path.read_text())
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ecosim")
        for alias in node.names
        if alias.name.startswith("_") and alias.name != "__version__"
    ]
    assert private == []


@pytest.mark.parametrize("path", [p for p in modules() if p.name == "__init__.py"], ids=rel)
def test_every_package_has_a_docstring_and_all(path):
    tree = ast.parse(path.read_text())
    assert ast.get_docstring(tree), "package without a docstring"
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        targets += [node.target] if isinstance(node, ast.AnnAssign) else []
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    assert "__all__" in names, "package without __all__"


def _intensity_reads(path) -> list[str]:
    tree = ast.parse(path.read_text())
    reads = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("level", "intensity"):
            text = ast.unparse(node)
            if "conditions" in text or "collective_impact" in text:
                reads.append(f"line {node.lineno}: {text}")
    return reads


@pytest.mark.parametrize(
    "path", [p for p in model_modules() if not rel(p).startswith("conditions/")], ids=rel
)
def test_only_the_conditions_read_their_intensities(path):
    # each condition's module is the one place that says what it does (issue 10)
    assert _intensity_reads(path) == []


def test_the_intensity_scan_finds_a_direct_read(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "x = m.conditions.backbone.level\ny = p.collective_impact.backbone.intensity\n"
    )
    assert len(_intensity_reads(probe)) == 2
