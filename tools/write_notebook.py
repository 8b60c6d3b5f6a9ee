"""Write the notebooks of examples/ (cells kept here, in reviewable Python).

- ``siloed_vs_collective_impact.ipynb``: the lesson notebook (docs/teaching.md);
- ``researchers_sweep_and_discovery.ipynb``: a sweep, its analysis, scenario discovery and
  the results in DuckDB (docs/researchers.md).

Run: .venv/bin/python tools/write_notebook.py   (outputs are left empty; Jupyter fills them)
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).resolve().parents[1] / "examples" / "siloed_vs_collective_impact.ipynb"

CELLS = [
    (
        "md",
        """# Siloed versus collective impact, with the Python API

This notebook walks through one comparison, the same one `make demo` runs, step by step:

1. load the two scenarios and see which rules differ;
2. run **one pair of worlds on the same seed** and watch them diverge;
3. run **replicates** with common random numbers and read the paired differences;
4. change **one lever** and see what it does on its own.

Everything runs offline in about a minute on a laptop. Lesson plans that use it are in
`docs/teaching.md`.""",
    ),
    (
        "code",
        """from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import ecosim
from ecosim.analysis.comparison import comparison_table
from ecosim.experiments.compare import run_comparison

# the scenario library sits beside this folder in the repository
SCENARIOS = next(p for p in (Path("scenarios"), Path("../scenarios")) if p.is_dir())
REPLICATES = 10  # 20 or more for a report; 10 keeps the notebook quick
SEED = 2026""",
    ),
    ("md", "## 1. Two scenarios: which rules differ?"),
    (
        "code",
        """siloed = ecosim.load_scenario(SCENARIOS / "siloed.yaml")
collective = ecosim.load_scenario(SCENARIOS / "collective_impact.yaml")


def flat(d, prefix=""):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from flat(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}", v


a = dict(flat(siloed.model_dump(mode="json")))
b = dict(flat(collective.model_dump(mode="json")))
pd.DataFrame(
    [(k, a[k], b[k]) for k in a if a[k] != b[k] and k not in ("name", "description")],
    columns=["parameter", "siloed", "collective impact"],
)""",
    ),
    (
        "md",
        """## 2. One pair of worlds on one seed

`run_once` runs a scenario to its horizon (30 years, one step per quarter) and returns the
per-step outcomes, the run's summary and the final partnership network. With the same seed
both worlds draw the same random numbers as long as their rules agree, so the differences
below come from the rules.""",
    ),
    (
        "code",
        """one_siloed = ecosim.run_once(siloed, SEED)
one_collective = ecosim.run_once(collective, SEED)

fig, axes = plt.subplots(1, 3, figsize=(13, 3.5), constrained_layout=True)
for result, name in ((one_siloed, "siloed"), (one_collective, "collective impact")):
    steps = result.steps
    axes[0].plot(steps["year"], steps["approvals"].cumsum(), label=name)
    axes[1].plot(steps["year"], steps["patients_matched"], label=name)
    axes[2].plot(steps["year"], steps["trials_closed_accrual"].cumsum(), label=name)
axes[0].set_title("therapies approved (cumulative)")
axes[1].set_title("patients matched per quarter")
axes[2].set_title("trials closed for lack of patients (cumulative)")
for ax in axes:
    ax.set_xlabel("year")
    ax.grid(alpha=0.3)
axes[0].legend()""",
    ),
    (
        "md",
        """One seed is one possible history. Is the difference the rules, or luck? Run both
scenarios many times, each replicate on the same seed in both (common random numbers),
and look at the paired differences.""",
    ),
    ("md", "## 3. Replicates and paired differences"),
    (
        "code",
        """comp = run_comparison([siloed, collective], replicates=REPLICATES, seed=SEED)
table = comparison_table(comp).set_index("outcome")
table.loc[
    ["approvals", "patients_matched", "patients_tested", "cost_per_approval_busd", "qalys"],
    ["label", "base_mean", "other_mean", "diff", "diff_low", "diff_high", "p_ttest"],
].round(3)""",
    ),
    (
        "code",
        """summary = comp.summary()
fig, axes = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
for ax, col in zip(axes, ["approvals", "patients_matched"]):
    wide = summary.pivot(index="replicate", columns="scenario", values=col)
    for _, row in wide.iterrows():  # one line per seed: the pairing
        ax.plot([0, 1], [row[siloed.name], row[collective.name]], color="grey", alpha=0.5)
    ax.set_xticks([0, 1], [siloed.name, collective.name])
    ax.set_title(col.replace("_", " ") + " per run, paired by seed")
    ax.grid(alpha=0.3)""",
    ),
    (
        "md",
        """Read `diff_low` and `diff_high` as the 95 % interval of the mean paired difference.
If it excludes zero, the rules made the difference at this number of replicates. Notice
which outcomes are clear and which are not: more replicates narrow the intervals.""",
    ),
    ("md", "## 4. One lever on its own"),
    (
        "code",
        """# shared measurement alone: the shared data platform, nothing else
lever = ecosim.with_overrides(
    siloed, name="shared_measurement", collective_impact__shared_measurement=1.0
)
solo = run_comparison([siloed, lever], replicates=REPLICATES, seed=SEED)
comparison_table(solo).set_index("outcome").loc[
    ["approvals", "patients_matched", "trial_enrolment_share"],
    ["base_mean", "other_mean", "diff", "diff_low", "diff_high"],
].round(3)""",
    ),
    (
        "md",
        """**Try it:** replace `collective_impact__shared_measurement` with another lever
(`collective_impact__backbone`, `outreach__intensity`, `ip__regime="open"`,
`reimbursement__companion_test_reimbursed=False`) and predict the result before you run
the cell. The same comparison from the command line, with a full report:

```sh
ecosim compare scenarios/siloed.yaml scenarios/collective_impact.yaml --replicates 20 --seed 2026
```""",
    ),
]


RESEARCHERS_OUT = OUT.parent / "researchers_sweep_and_discovery.ipynb"

RESEARCHERS = [
    (
        "md",
        """# A sweep, its analysis, scenario discovery, and the results in DuckDB

A researcher's session with ecosim's Python API, on the bundled experiment
`experiments/when_collective_impact_pays.yaml` (collective impact with what membership
costs and initial trust left open):

1. run a small **sweep** (a Latin hypercube; fewer points and years than the file, so
   that this notebook runs in about a minute);
2. **analyse** it (Spearman rank correlations with intervals, main-effects plots);
3. **scenario discovery**: where in the parameter space does collective impact approve
   fewer therapies? (PRIM and CART, the EMA Workbench's implementations);
4. read the results as **tidy tables** and query them in **DuckDB**.

The full study is `ecosim sweep experiments/when_collective_impact_pays.yaml` then
`ecosim discover results/sweep-when_collective_impact_pays "approvals < 31"`
(docs/researchers.md).""",
    ),
    (
        "code",
        """import tempfile
from pathlib import Path

import duckdb
import pandas as pd
from IPython.display import Image, Markdown, display

import ecosim
from ecosim.analysis.discovery import discover
from ecosim.analysis.sensitivity import analyze_sweep
from ecosim.experiments.design import build_design, load_experiment
from ecosim.experiments.engine import LocalEngine
from ecosim.experiments.sweep import run_sweep

EXPERIMENTS = next(p for p in (Path("experiments"), Path("../experiments")) if p.is_dir())
OUT = Path(tempfile.mkdtemp()) / "sweep"  # results/... in a real study""",
    ),
    ("md", "## 1. The sweep"),
    (
        "code",
        """exp, base = load_experiment(
    EXPERIMENTS / "when_collective_impact_pays.yaml", replicates=1, samples=16, years=8
)
design = build_design(exp)
print(f"{len(design.points)} points x {exp.replicates} replicate, {base.years:g} years")
with LocalEngine(2) as engine:  # or DaskEngine(address) on a cluster
    run_sweep(exp, base, design, OUT, engine)
data = ecosim.read_sweep(OUT)
data.summary.head()""",
    ),
    ("md", "## 2. The analysis"),
    (
        "code",
        """written = analyze_sweep(OUT)
indices = pd.read_csv(written["indices"])
print(written["notes"].read_text())
indices[indices["outcome"] == "approvals"].round(2)""",
    ),
    ("code", """Image(filename=str(written["main_effects"]))"""),
    (
        "md",
        """## 3. Scenario discovery

Which conditions lead to fewer approvals than the median point? PRIM peels the
parameter space down to a box that holds most such points (coverage) and few others
(density); CART splits it into leaves. With 16 points the box is a sketch: the full
experiment's 48 points x 2 replicates, or more, are what to quote.""",
    ),
    (
        "code",
        """found = discover(OUT, "approvals < median")
display(Markdown(found["report"].read_text()))
Image(filename=str(found["plot"]))""",
    ),
    (
        "md",
        """## 4. The results in DuckDB

Each table is a folder of Parquet files (`summary/`, `steps/`, `entities/<table>/`), and
`points.parquet` is the design. Dotted parameter names need double quotes in SQL.""",
    ),
    (
        "code",
        """duckdb.sql(
    f\"\"\"
    SELECT round(p."trust.initial_within_industry", 2) AS initial_trust,
           s.approvals, s.initiative_members_end AS members
    FROM read_parquet('{OUT}/summary/*.parquet') s
    JOIN read_parquet('{OUT}/points.parquet') p USING (point)
    ORDER BY initial_trust
    \"\"\"
).df()""",
    ),
]

NOTEBOOKS = {OUT: CELLS, RESEARCHERS_OUT: RESEARCHERS}
"""Every notebook this file writes, with its cells."""


def build(cells: list[tuple[str, str]] = CELLS) -> nbformat.NotebookNode:
    """A notebook of ``cells`` in order, no outputs."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [new_markdown_cell(t) if k == "md" else new_code_cell(t) for k, t in cells]
    return nb


if __name__ == "__main__":
    OUT.parent.mkdir(exist_ok=True)
    for path, cells in NOTEBOOKS.items():
        nbformat.write(build(cells), path)
        print(f"wrote {path}")
