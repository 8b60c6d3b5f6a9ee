"""The notebooks in examples/ run from top to bottom without an error."""

import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("notebook", sorted(EXAMPLES.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_runs(notebook):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(notebook, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    images = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if "image/png" in out.get("data", {})
    ]
    # lesson: the single-pair and paired-replicate charts; researchers': main effects
    # and the discovery chart
    assert len(images) >= 2


def test_committed_notebooks_match_their_source():
    """examples/*.ipynb are written by tools/write_notebook.py; the two must agree."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "write_notebook", EXAMPLES.parent / "tools" / "write_notebook.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    nbformat = pytest.importorskip("nbformat")
    assert set(module.NOTEBOOKS) == set(EXAMPLES.glob("*.ipynb"))
    for path, cells in module.NOTEBOOKS.items():
        committed = json.loads(path.read_text())
        built = json.loads(nbformat.writes(module.build(cells)))
        assert [c["source"] for c in committed["cells"]] == [c["source"] for c in built["cells"]], (
            path.name
        )
