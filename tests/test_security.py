"""Security: local binding, output paths that stay put, no unpickling, no evaluated input."""

import re
from pathlib import Path

import pytest

from ecosim.cli import main

SRC = Path(__file__).resolve().parents[1] / "src" / "ecosim"
FORBIDDEN = {
    r"\bpickle\.loads?\(": "unpickling",
    r"\bread_pickle\(": "unpickling pandas data",
    r"allow_pickle\s*=\s*True": "numpy unpickling",
    r"\byaml\.(load|unsafe_load|full_load)\(": "YAML loading that can build Python objects",
    r"\bUnsafeLoader\b|\byaml\.Loader\b": "unsafe YAML loader",
    r"(?<![\w.])eval\(": "evaluating text as code",
    r"(?<![\w.])exec\(": "executing text as code",
    r"\bshell\s*=\s*True": "shell commands",
}


@pytest.mark.parametrize("pattern", list(FORBIDDEN), ids=list(FORBIDDEN.values()))
def test_no_unsafe_loading_or_evaluation_in_the_code(pattern):
    hits = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(pattern, line)
    ]
    assert hits == [], f"{FORBIDDEN[pattern]}: {hits}"


def test_a_yaml_python_tag_is_refused_not_run(tmp_path, capsys):
    marker = tmp_path / "owned"
    bad = tmp_path / "evil.yaml"
    bad.write_text(f"years: !!python/object/apply:os.system ['touch {marker}']\n")
    assert main(["validate", str(bad)]) == 2
    assert not marker.exists()
    assert "evil.yaml" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["../../escaped", "/tmp/escaped-abs", "..", "a/../../b", "x\x00y"])
def test_scenario_names_cannot_move_outputs(name, tmp_path):
    """A scenario's name ends up in file names of the report; it never leaves --out."""
    folder = tmp_path / "work"
    folder.mkdir()
    tiny = "years: 1\npopulation: {pharma: 2, biotech: 3, academia: 2, care_providers: 3}\n"
    (folder / "a.yaml").write_text(f"name: base\n{tiny}")
    (folder / "b.yaml").write_text(f"name: {name!r}\n{tiny}".replace("\\x00", "\\0"))
    out = folder / "out"
    before = set(tmp_path.rglob("*"))
    code = main(
        [
            "compare",
            str(folder / "a.yaml"),
            str(folder / "b.yaml"),
            "-n",
            "2",
            "-w",
            "1",
            "--out",
            str(out),
        ]
    )
    assert code in (0, 2)
    new = set(tmp_path.rglob("*")) - before
    assert all(p == out or out in p.parents for p in new), sorted(map(str, new))
    assert not Path("/tmp/escaped-abs").exists()
