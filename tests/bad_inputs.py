"""The bad-input catalogue: every kind of bad input tried, as data.

Each case builds its input in a folder and gives the command line to run. The tests
(``test_bad_input.py``) assert that each gives exit code 2, a message naming the file
(and the field, where there is one), no traceback and no result; ``tools/write_docs.py
--reliability`` runs them and writes the table of messages into docs/reliability.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
TINY = "name: tiny\nyears: 1\npopulation: {pharma: 2, biotech: 3, academia: 2, care_providers: 3}\n"


@dataclass(frozen=True)
class Case:
    """One bad input: what it is, how to make it, the command, what the message must say."""

    key: str
    what: str
    make: Callable[[Path], list[str]]
    says: tuple[str, ...] = field(default=())


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _validate(name: str, content: str | bytes) -> Callable[[Path], list[str]]:
    return lambda d: ["validate", str(_write(d / name, content))]


def _laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def _extends_outside(d: Path) -> list[str]:
    inner = d / "mine"
    inner.mkdir()
    _write(d / "elsewhere.yaml", TINY)
    return ["validate", str(_write(inner / "child.yaml", "extends: ../elsewhere.yaml\n"))]


def _extends_cycle(d: Path) -> list[str]:
    _write(d / "a.yaml", "extends: b.yaml\n")
    _write(d / "b.yaml", "extends: a.yaml\n")
    return ["validate", str(d / "a.yaml")]


def _truncated(d: Path) -> list[str]:
    text = (SCENARIOS / "collective_impact.yaml").read_text()
    cut = text[: text.index("collective_impact:") + len("collective_impact:\n  common_ag")]
    return ["validate", str(_write(d / "truncated.yaml", cut))]


def _run_into(out: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        scenario = _write(d / "tiny.yaml", TINY)
        return ["run", str(scenario), "-n", "1", "-w", "1", "--out", str(out(d))]

    return make


def _full_folder(d: Path) -> Path:
    (d / "old-run").mkdir()
    _write(d / "old-run" / "manifest.json", "{}")
    return d / "old-run"


def _experiment(name: str, body: str) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        _write(d / "tiny.yaml", TINY)
        path = _write(d / name, body)
        return ["sweep", str(path), "--out", str(d / "sweep-out"), "-w", "1"]

    return make


EXPERIMENT = """name: bad
base: tiny.yaml
design: {{method: factorial}}
parameters:
  - {{path: {path}, levels: {levels}}}
replicates: 1
outcomes: [approvals]
"""

CASES: tuple[Case, ...] = (
    Case(
        "missing",
        "scenario file missing",
        lambda d: ["validate", str(d / "nope.yaml")],
        ("nope.yaml", "file not found"),
    ),
    Case(
        "folder", "a folder given as the scenario", lambda d: ["validate", str(d)], ("is a folder",)
    ),
    Case(
        "device",
        "a device instead of a file (/dev/zero: endless)",
        lambda d: ["validate", "/dev/zero"],
        ("/dev/zero", "not a regular file"),
    ),
    Case(
        "unknown-key",
        "misspelt field (typo)",
        _validate("typo.yaml", "collective_impact:\n  backbnoe: 1\n"),
        ("typo.yaml", "collective_impact.backbnoe", "did you mean 'collective_impact.backbone'"),
    ),
    Case(
        "wrong-type",
        "text where a number belongs",
        _validate("type.yaml", "years: ten\n"),
        ("type.yaml", "'years'"),
    ),
    Case(
        "out-of-range",
        "value out of range",
        _validate("range.yaml", "trust:\n  gain_rate: 1.5\n"),
        ("range.yaml:2", "trust.gain_rate", "at least 0 and at most 1 (per good quarter)"),
    ),
    Case("nan", "NaN", _validate("nan.yaml", "years: .nan\n"), ("nan.yaml", "'years'")),
    Case(
        "huge-float",
        "huge number (1e999, infinity)",
        _validate("huge.yaml", "years: 1e999\n"),
        ("huge.yaml", "'years'"),
    ),
    Case(
        "huge-int",
        "integer of 5,000 digits",
        _validate("digits.yaml", "years: " + "9" * 5000 + "\n"),
        ("digits.yaml", "a value cannot be read"),
    ),
    Case(
        "huge-population",
        "population above its bound",
        _validate("pop.yaml", "population:\n  biotech: 100000000\n"),
        ("pop.yaml:2", "population.biotech", "at most 500 (firms)"),
    ),
    Case(
        "enum",
        "unknown choice",
        _validate("enum.yaml", "ip:\n  regime: closed\n"),
        ("enum.yaml", "ip.regime", "exclusive"),
    ),
    Case(
        "malformed",
        "malformed YAML",
        _validate("bad.yaml", "trust: [0.4, 0.5\nyears: 3\n"),
        ("bad.yaml", "malformed YAML at line"),
    ),
    Case("truncated", "file cut off mid-word", _truncated, ("truncated.yaml", "common_ag")),
    Case("binary", "binary data", _validate("blob.yaml", bytes(range(256)) * 4), ("blob.yaml",)),
    Case(
        "nul",
        "text with NUL bytes",
        _validate("nul.yaml", "years: 3\x00\n"),
        ("nul.yaml", "binary data"),
    ),
    Case(
        "latin1",
        "non-UTF-8 text (Latin-1)",
        _validate("latin.yaml", "description: caf\xe9\n".encode("latin-1")),
        ("latin.yaml", "not UTF-8"),
    ),
    Case(
        "list",
        "a list at the top level",
        _validate("list.yaml", "- years: 3\n"),
        ("list.yaml", "top level must be a mapping"),
    ),
    Case(
        "deep",
        "YAML nested 10,000 deep",
        _validate("deep.yaml", "years: " + "[" * 10000 + "\n"),
        ("deep.yaml",),
    ),
    Case(
        "laughs",
        "anchors that expand to a billion nodes",
        _validate("laughs.yaml", _laughs()),
        ("laughs.yaml", "anchors and aliases"),
    ),
    Case(
        "python-tag",
        "a Python object tag (code execution attempt)",
        _validate("code.yaml", "years: !!python/object/apply:os.system ['echo owned']\n"),
        ("code.yaml", "never code"),
    ),
    Case(
        "too-large",
        "a 2 MB file",
        _validate("big.yaml", "# padding\n" * 200_000),
        ("big.yaml", "too large"),
    ),
    Case(
        "extends-self",
        "extends itself",
        _validate("self.yaml", "extends: self.yaml\n"),
        ("self.yaml", "'extends'", "cycle"),
    ),
    Case("extends-cycle", "extends cycle (a -> b -> a)", _extends_cycle, ("'extends'", "cycle")),
    Case(
        "extends-missing",
        "extends a missing file",
        _validate("orphan.yaml", "extends: ghost.yaml\n"),
        ("orphan.yaml", "'extends'", "file not found"),
    ),
    Case(
        "extends-outside",
        "extends a file outside the scenario folder",
        _extends_outside,
        ("child.yaml", "'extends'", "outside the scenario's folder"),
    ),
    Case(
        "extends-absolute",
        "extends a system file by absolute path",
        _validate("etc.yaml", "extends: /etc/hostname\n"),
        ("etc.yaml", "'extends'"),
    ),
    Case(
        "out-full",
        "output folder already holds a run",
        _run_into(_full_folder),
        ("old-run", "already exists and is not empty"),
    ),
    Case(
        "out-file",
        "output path is a file",
        _run_into(lambda d: _write(d / "file.txt", "x")),
        ("file.txt", "is a file"),
    ),
    Case(
        "out-unwritable",
        "output folder cannot be created (read-only file system)",
        _run_into(lambda d: Path("/proc/ecosim-test/out")),
        ("/proc/ecosim-test", "cannot create"),
    ),
    Case(
        "exp-path",
        "experiment: unknown parameter path",
        _experiment("exp1.yaml", EXPERIMENT.format(path="trust.gain", levels="[0.1]")),
        ("exp1.yaml", "trust.gain"),
    ),
    Case(
        "exp-level",
        "experiment: level out of range",
        _experiment("exp2.yaml", EXPERIMENT.format(path="trust.gain_rate", levels="[0.1, 7]")),
        ("exp2.yaml", "trust.gain_rate"),
    ),
    Case(
        "exp-laughs",
        "experiment: anchors that expand to a billion nodes",
        _experiment("exp3.yaml", _laughs()),
        ("exp3.yaml", "anchors and aliases"),
    ),
    Case(
        "exp-base",
        "experiment: base scenario missing",
        _experiment(
            "exp4.yaml",
            EXPERIMENT.format(path="trust.gain_rate", levels="[0.1]").replace(
                "tiny.yaml", "gone.yaml"
            ),
        ),
        ("gone.yaml",),
    ),
    Case(
        "exp-binary",
        "experiment: binary data",
        _experiment("exp5.yaml", "\x00\x01\x02"),
        ("exp5.yaml", "binary data"),
    ),
    Case(
        "replicates",
        "zero replicates",
        lambda d: ["run", str(_write(d / "t.yaml", TINY)), "-n", "0"],
        ("--replicates",),
    ),
    Case(
        "seed",
        "seed that is not a number",
        lambda d: ["run", str(_write(d / "t.yaml", TINY)), "--seed", "x"],
        ("--seed",),
    ),
)


def run_case(case: Case, folder: Path) -> tuple[int, str, str, set[Path]]:
    """Run a case in ``folder`` through the CLI.

    Returns the exit code, stdout, stderr and the files the command itself wrote.
    """
    import contextlib
    import io

    from ecosim.cli import main

    argv = case.make(folder)
    inputs = set(folder.rglob("*"))
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    try:
        os.chdir(folder)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        os.chdir(cwd)
    return code, out.getvalue(), err.getvalue(), set(folder.rglob("*")) - inputs
