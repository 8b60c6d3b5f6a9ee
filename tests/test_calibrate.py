"""ecosim calibrate: a known posterior through the same code path, one posterior on any number
of workers, resume after an interruption, bad calibration files, and a short real run."""

import json

import pandas as pd
import pytest

pytest.importorskip("pyabc")

from ecosim import cli  # noqa: E402
from ecosim.calibration.results import identifiability  # noqa: E402
from ecosim.calibration.smc import run_calibration  # noqa: E402
from ecosim.calibration.spec import Calibration, load_calibration  # noqa: E402
from ecosim.experiments.engine import LocalEngine  # noqa: E402
from ecosim.experiments.storage import OutputError  # noqa: E402
from ecosim.experiments.testfunctions import normal_mean  # noqa: E402
from ecosim.scenario import ScenarioError, load_scenario  # noqa: E402

from .conftest import write_tiny  # noqa: E402

OBSERVED = 1.0


def toy(**method) -> Calibration:
    """y ~ N(mu, 1) observed at 1: the posterior of mu is about N(1, 1); nuisance does nothing."""
    settings = dict(
        population=100,
        generations=4,
        max_simulations=2000,
        min_epsilon=0.1,
        noise_replicates=0,
        batch=40,
        predictive=20,
    )
    return Calibration.model_validate(
        {
            "seed": 3,
            "parameters": [
                {"path": "mu", "range": [-5, 5]},
                {"path": "nuisance", "range": [0, 1]},
            ],
            "targets": [
                {
                    "code": "y",
                    "outcome": "approvals",
                    "observed": OBSERVED,
                    "tolerance": 0.5,
                    "source": "toy",
                }
            ],
            "method": settings | method,
        }
    )


@pytest.fixture(scope="module")
def toy_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("toy") / "run"
    with LocalEngine(1) as engine:
        return run_calibration(toy(), None, folder, engine, fn=normal_mean)


def test_the_posterior_of_a_normal_mean_is_recovered(toy_run):
    table = identifiability(toy_run).set_index("parameter")
    mu = table.loc["mu"]
    assert abs(mu.posterior_median - OBSERVED) < 0.5
    assert 0.6 < mu.posterior_sd < 1.4  # the likelihood's sd is 1
    assert mu.verdict == "constrained"
    assert table.loc["nuisance"].verdict == "at its prior"
    assert toy_run.generations["epsilon"].is_monotonic_decreasing


def test_one_and_two_workers_give_the_same_posterior(toy_run, tmp_path):
    with LocalEngine(2) as engine:
        other = run_calibration(toy(), None, tmp_path / "two", engine, fn=normal_mean)
    pd.testing.assert_frame_equal(other.populations, toy_run.populations)
    pd.testing.assert_frame_equal(other.predictive, toy_run.predictive)


class Interrupt:
    """normal_mean that is interrupted (Ctrl-C) at its n-th call."""

    def __init__(self, n: int):
        self.left = n

    def __call__(self, payload):
        self.left -= 1
        if self.left == 0:
            raise KeyboardInterrupt
        return normal_mean(payload)


def test_an_interrupted_calibration_resumes_to_the_same_posterior(toy_run, tmp_path):
    folder = tmp_path / "cut"
    with pytest.raises(KeyboardInterrupt), LocalEngine(1) as engine:
        run_calibration(toy(), None, folder, engine, fn=Interrupt(500))
    saved = len(list((folder / "sims").glob("part-*.parquet")))
    assert saved > 0
    with pytest.raises(OutputError, match="--resume"), LocalEngine(1) as engine:
        run_calibration(toy(), None, folder, engine, fn=normal_mean)
    with LocalEngine(1) as engine:
        calls = Interrupt(10**9)
        resumed = run_calibration(toy(), None, folder, engine, resume=True, fn=calls)
    assert 10**9 - calls.left < toy_run.simulations - 400  # the saved runs were not redone
    pd.testing.assert_frame_equal(resumed.populations, toy_run.populations)


def test_resume_refuses_a_folder_of_another_calibration(toy_run, tmp_path):
    folder = tmp_path / "other"
    with LocalEngine(1) as engine:
        run_calibration(toy(generations=1, quantile=0.3), None, folder, engine, fn=normal_mean)
        with pytest.raises(OutputError, match="another calibration"):
            run_calibration(toy(), None, folder, engine, resume=True, fn=normal_mean)


def test_a_longer_budget_continues_a_shorter_calibration(toy_run, tmp_path):
    folder = tmp_path / "grow"
    with LocalEngine(1) as engine:
        short = run_calibration(
            toy(generations=2, predictive=5), None, folder, engine, fn=normal_mean
        )
        assert len(short.generations) == 2
        calls = Interrupt(10**9)
        longer = run_calibration(toy(), None, folder, engine, resume=True, fn=calls)
    assert 10**9 - calls.left < toy_run.simulations  # the two generations were not redone
    pd.testing.assert_frame_equal(longer.populations, toy_run.populations)
    pd.testing.assert_frame_equal(longer.predictive, toy_run.predictive)  # fresh draws


CALIBRATION = """\
name: tiny
base: {base}
seed: 5
parameters:
  - {{path: {path}{prior}}}
targets:
  - {{code: C2b, outcome: {outcome}, range: [0.219, 0.359], source: BIO 2021}}
method: {{population: 10, generations: 2, max_simulations: 30, batch: 10,
         noise_replicates: 2, predictive: 3}}
"""


def write_calibration(tmp_path, path="pipeline.phase2.success", prior="", outcome=None):
    base = write_tiny(tmp_path / "base.yaml", "base")
    file = tmp_path / "cal.yaml"
    file.write_text(
        CALIBRATION.format(
            base=base, path=path, prior=prior, outcome=outcome or "transition_phase2"
        )
    )
    return file


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"path": "pipeline.phase2.sucess"}, "unknown scenario field 'pipeline.phase2.sucess'"),
        ({"outcome": "transition_phase22"}, "unknown outcome 'transition_phase22'"),
        ({"prior": ", range: [0.1, 1.5]"}, "field 'parameters.0.range': value 1.5"),
        ({"path": "ip.regime"}, "'ip.regime' is not numeric"),
    ],
)
def test_bad_calibration_files_name_the_file_and_the_field(tmp_path, capsys, kwargs, message):
    file = write_calibration(tmp_path, **kwargs)
    with pytest.raises(ScenarioError) as err:
        load_calibration(file)
    assert any(str(file) in m and message in m for m in err.value.messages), err.value.messages
    assert cli.main(["calibrate", str(file), "-q", "-o", str(tmp_path / "out")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_missing_calibration_file_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["calibrate", str(tmp_path / "nope.yaml"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "nope.yaml" in err and "Traceback" not in err


def test_a_short_calibration_of_the_model_writes_its_outputs(tmp_path):
    file = write_calibration(tmp_path, prior=", range: [0.15, 0.4]")
    out = tmp_path / "out"
    assert cli.main(["calibrate", str(file), "-q", "-w", "1", "-o", str(out)]) == 0
    for name in ("posterior.parquet", "fit.csv", "identifiability.csv", "report.md", "fit.png"):
        assert (out / name).is_file(), name
    posterior = pd.read_parquet(out / "posterior.parquet")
    assert posterior["weight"].sum() == pytest.approx(1.0)
    assert posterior["pipeline.phase2.success"].between(0.15, 0.4).all()
    median = load_scenario(out / "posterior-median.yaml")
    table = pd.read_csv(out / "identifiability.csv").set_index("parameter")
    assert median.pipeline.phase2.success == pytest.approx(
        table.loc["pipeline.phase2.success", "posterior_median"]
    )
    assert json.loads((out / "manifest.json").read_text())["worker_versions"] == {}  # local
