"""Every benchmark and tool script imports: a moved helper must not break them unseen.

The scripts are run by hand (figures for the docs) and not by the tests; a helper they
import moved once (the browser fixtures, to ``tests/app_browser.py``) and the class-load
benchmark failed at its first line for a session. Importing each (its ``main`` guarded
by ``__name__``) catches that.
"""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted([*ROOT.glob("benchmarks/*.py"), *ROOT.glob("tools/*.py")])


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_script_imports(path: Path):
    source = path.read_text()
    assert 'if __name__ == "__main__":' in source, "a script must not run when imported"
    spec = importlib.util.spec_from_file_location(f"script_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
