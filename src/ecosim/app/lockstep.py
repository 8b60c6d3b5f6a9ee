"""Two worlds on one seed, stepped together: the heart of the classroom app.

The left world runs the siloed baseline, the right world the settings the class chose.
Both models are built from the same ``SeedSequence(seed)``, so with equal settings they
are identical step for step, and every difference on screen comes from the rules.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecosim.experiments.replicates import network_snapshot
from ecosim.model import EcosystemModel
from ecosim.outcomes import RUN, STEP, Outcome
from ecosim.pipeline import PHASE_KEYS
from ecosim.scenario import Scenario
from ecosim.units import MUSD_PER_BUSD

__all__ = [
    "CASCADE_STEPS",
    "STATUS",
    "Lockstep",
    "World",
    "world_cascade",
    "world_pipeline",
    "world_status",
    "world_table",
]

STATUS: dict[str, Outcome] = {
    **{
        name: STEP[name]
        for name in ("approvals", "patients_tested", "patients_matched", "trials_closed_accrual")
    },
    "accrual_closure_share": RUN["accrual_closure_share"],
    **{
        name: STEP[name]
        for name in ("partnerships_active", "partnerships_terminated", "ip_disputes")
    },
    "trust_partners": STEP["trust_partners"],
    "rd_spend_busd": RUN["rd_spend_busd"],
}
"""What each world's status card shows (label and format from the outcome registry): totals
over the run so far, except active partnerships and partner trust (now) and the share of
ended trials closed for poor accrual (of trials ended so far)."""

CASCADE_STEPS: tuple[tuple[str, str], ...] = (
    ("patients_starting_line", "starting a line"),
    ("patients_aware", "aware"),
    ("patients_tested", "tested"),
    ("patients_matched", "matched (precision)"),
    ("patients_treated", "treated (any new therapy)"),
)
"""The patient cascade shown by the app (per-step outcome, label)."""


def world_status(model: EcosystemModel) -> dict[str, float]:
    """One world's :data:`STATUS` values so far."""
    rows = model.recorder.rows
    closed = float(np.sum(rows["trials_closed_accrual"]))
    ended = closed + float(np.sum(rows["trials_completed"]) + np.sum(rows["trials_stopped_other"]))
    return {
        "approvals": float(np.sum(rows["approvals"])),
        "patients_tested": float(np.sum(rows["patients_tested"])),
        "patients_matched": float(np.sum(rows["patients_matched"])),
        "trials_closed_accrual": closed,
        "accrual_closure_share": closed / ended if ended else 0.0,
        "partnerships_active": float(rows["partnerships_active"][-1])
        if rows["partnerships_active"]
        else float(len(model.partnerships.active())),
        "partnerships_terminated": float(np.sum(rows["partnerships_terminated"])),
        "ip_disputes": float(np.sum(rows["ip_disputes"])),
        "trust_partners": float(rows["trust_partners"][-1]) if rows["trust_partners"] else 0.0,
        "rd_spend_busd": float(np.sum(rows["rd_spend_musd"])) / MUSD_PER_BUSD,
    }


def world_pipeline(model: EcosystemModel) -> np.ndarray:
    """Programmes now in each development phase (discovery ... review)."""
    phase = model.programmes.view("phase")
    return np.bincount(phase, minlength=len(PHASE_KEYS) + 2)[: len(PHASE_KEYS)]


def world_cascade(model: EcosystemModel, quarters: int) -> np.ndarray:
    """Patients at each :data:`CASCADE_STEPS` step over the last ``quarters``."""
    rows = model.recorder.rows
    return np.array(
        [np.asarray(rows[col][-quarters:], dtype=float).sum() for col, _ in CASCADE_STEPS]
    )


def world_table(
    model: EcosystemModel, name: str, scenario: str, seed: int, steps: int | None = None
) -> pd.DataFrame:
    """One world's recorded steps (the first ``steps``, default all) with its labels."""
    df = model.recorder.frame()
    if steps is not None:
        df = df.iloc[:steps]
    df.insert(0, "world", name)
    df.insert(1, "scenario", scenario)
    df.insert(2, "seed", seed)
    return df


@dataclass
class World:
    """One simulated ecosystem of the pair."""

    name: str
    scenario: Scenario
    model: EcosystemModel

    def column(self, outcome: str) -> np.ndarray:
        """The per-step values of one outcome so far."""
        return np.asarray(self.model.recorder.rows[outcome], dtype=float)


class Lockstep:
    """A baseline world and a chosen world, run on the same seed in lockstep.

    Args:
        baseline: the siloed scenario (its horizon is set to the chosen one's).
        chosen: the scenario with the class's settings.
        seed: the seed of both worlds.
        names: display names of the two worlds.
    """

    def __init__(
        self,
        baseline: Scenario,
        chosen: Scenario,
        seed: int,
        names: tuple[str, str] = ("siloed", "your settings"),
    ):
        if baseline.years != chosen.years:
            baseline = baseline.model_copy(update={"years": chosen.years})
        self.seed = int(seed)
        self.horizon = chosen.steps
        self.worlds = tuple(
            World(
                name,
                sc,
                EcosystemModel(sc, rng=np.random.default_rng(np.random.SeedSequence(seed))),
            )
            for name, sc in zip(names, (baseline, chosen), strict=True)
        )
        self.steps_done = 0

    @property
    def year(self) -> float:
        """Years simulated so far."""
        return self.steps_done / 4.0

    @property
    def finished(self) -> bool:
        """Whether the horizon has been reached."""
        return self.steps_done >= self.horizon

    def step(self, n: int = 1) -> int:
        """Advance both worlds by up to ``n`` quarters; return how many were done."""
        done = 0
        while done < n and not self.finished:
            for world in self.worlds:
                world.model.step()
            self.steps_done += 1
            done += 1
        return done

    def status(self) -> dict[str, dict[str, float]]:
        """Per world, the :data:`STATUS` values so far."""
        return {w.name: world_status(w.model) for w in self.worlds}

    def pipeline(self) -> dict[str, np.ndarray]:
        """Per world, the programmes now in each phase (discovery ... review)."""
        return {w.name: world_pipeline(w.model) for w in self.worlds}

    def cascade(self, quarters: int = 4) -> dict[str, np.ndarray]:
        """Per world, patients at each :data:`CASCADE_STEPS` step over the last ``quarters``."""
        return {w.name: world_cascade(w.model, quarters) for w in self.worlds}

    def networks(self) -> dict[str, dict]:
        """Per world, live organisations and active partnerships (see ``network_snapshot``)."""
        return {w.name: network_snapshot(w.model) for w in self.worlds}

    def frame(self) -> pd.DataFrame:
        """Every recorded step of both worlds: one row per world and step (wide)."""
        return pd.concat(
            [world_table(w.model, w.name, w.scenario.name, self.seed) for w in self.worlds],
            ignore_index=True,
        )

    def to_csv(self) -> str:
        """The current run's data as CSV text (see :meth:`frame`)."""
        buf = io.StringIO()
        self.frame().to_csv(buf, index=False)
        return buf.getvalue()
