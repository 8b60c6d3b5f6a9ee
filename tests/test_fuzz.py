"""Fuzzing the scenario and experiment loaders with mangled files.

Hypothesis mutates the bundled files (truncation, byte flips, inserted bytes, spliced
YAML fragments such as anchors, tags and deep brackets) and feeds them to
``ecosim validate`` and to the experiment loader. Every input must end in exit 0 or 2
with a message, never a traceback, a hang or unbounded memory. ``ECOSIM_FUZZ_EXAMPLES``
sets the number of inputs per loader (default 150; docs/reliability.md quotes a long
campaign).
"""

import contextlib
import io
import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosim.cli import main
from ecosim.experiments.design import load_experiment
from ecosim.scenario import ScenarioError

from .conftest import write_artifact

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [p.read_bytes() for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
EXPERIMENT_SEEDS = [p.read_bytes() for p in sorted((ROOT / "experiments").glob("*.yaml"))]
EXAMPLES = int(os.environ.get("ECOSIM_FUZZ_EXAMPLES", "150"))
HANG_SECONDS = 30  # an input still loading after this long counts as a hang
FRAGMENTS = [
    b"&a [1, 2]",
    b"*a",
    b"*undefined",
    b"!!python/object/apply:os.system ['true']",
    b"!!binary AAAA",
    b"[" * 500,
    b"{" * 500,
    b"1e999",
    b"-.inf",
    b".nan",
    b"9" * 5000,
    b"\x00",
    b"\xff\xfe",
    b"extends: /etc/passwd",
    b"extends: ../../../../etc/passwd",
    b"extends: .",
    b"<<: *a",
    b"? [a, b]\n: c",
    b"%YAML 1.1\n---\n",
    b"--- !!map\n...",
]
COUNT = {"scenario": 0, "experiment": 0}


def _mutate(data: st.DataObject, seed: bytes) -> bytes:
    ops = data.draw(st.lists(st.integers(0, 3), min_size=1, max_size=4))
    out = bytearray(seed)
    for op in ops:
        at = data.draw(st.integers(0, len(out)))
        if op == 0:  # truncate
            del out[at:]
        elif op == 1 and len(out):  # flip bytes
            for _ in range(data.draw(st.integers(1, 8))):
                i = data.draw(st.integers(0, max(len(out) - 1, 0)))
                out[i] = data.draw(st.integers(0, 255))
        elif op == 2:  # insert random bytes
            out[at:at] = data.draw(st.binary(min_size=1, max_size=64))
        else:  # splice a hostile YAML fragment
            out[at:at] = data.draw(st.sampled_from(FRAGMENTS))
    return bytes(out)


@contextlib.contextmanager
def _no_hang():
    def alarm(*_):
        raise TimeoutError(f"loading took longer than {HANG_SECONDS} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(data=st.data())
def test_mangled_scenarios_never_crash_the_loader(data, tmp_path):
    seed = data.draw(st.sampled_from(SEEDS))
    path = tmp_path / "fuzzed.yaml"
    path.write_bytes(_mutate(data, seed))
    err = io.StringIO()
    with _no_hang(), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["validate", str(path)])
    COUNT["scenario"] += 1
    assert code in (0, 2), err.getvalue()
    text = err.getvalue()
    assert "Traceback" not in text and "internal error" not in text, text
    if code == 2:
        assert str(path) in text


@FUZZ
@given(data=st.data())
def test_mangled_experiments_never_crash_the_loader(data, tmp_path):
    seed = data.draw(st.sampled_from(EXPERIMENT_SEEDS))
    folder = tmp_path / "experiments"
    folder.mkdir(exist_ok=True)
    path = folder / "fuzzed.yaml"
    path.write_bytes(_mutate(data, seed))
    with _no_hang():
        try:
            load_experiment(path)
        except ScenarioError as exc:
            assert exc.messages and all(isinstance(m, str) for m in exc.messages)
    COUNT["experiment"] += 1


@pytest.fixture(scope="module", autouse=True)
def _report_inputs_tried():
    """Write how many fuzzed inputs ran to test-artifacts/ (quoted in the docs)."""
    yield
    write_artifact(
        "fuzz-inputs.txt", f"scenario {COUNT['scenario']}\nexperiment {COUNT['experiment']}\n"
    )
