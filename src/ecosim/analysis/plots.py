"""Charts of per-step outcomes with replicate bands."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

__all__ = ["MAIN_OUTCOMES", "plot_main_outcomes"]

MAIN_OUTCOMES: tuple[tuple[str, str, bool], ...] = (
    # (outcome, title, cumulative)
    ("approvals", "Therapies approved (cumulative)", True),
    ("patients_matched", "Patients matched to a precision therapy (per quarter)", False),
    ("patients_in_trials", "Patients enrolled in trials (per quarter)", False),
    ("rd_spend_musd", "R&D spend (million USD per quarter)", False),
    ("partnerships_active", "Active partnerships", False),
    ("trust_partners", "Mean trust between active partners", False),
)


def plot_main_outcomes(steps: pd.DataFrame, path: Path, title: str = "") -> None:
    """Median and 5-95 % band over replicates of the main outcomes, saved as PNG.

    Args:
        steps: wide per-step outcomes with ``replicate`` and ``year`` columns; may hold
            several scenarios in a ``scenario`` column.
        path: PNG file to write.
        title: figure title.
    """
    scenarios = steps["scenario"].unique() if "scenario" in steps else [None]
    fig, axes = plt.subplots(2, 3, figsize=(13, 7), constrained_layout=True)
    for ax, (col, label, cumulative) in zip(axes.flat, MAIN_OUTCOMES, strict=True):
        for name in scenarios:
            df = steps if name is None else steps[steps["scenario"] == name]
            wide = df.pivot(index="year", columns="replicate", values=col)
            if cumulative:
                wide = wide.cumsum()
            mid = wide.median(axis=1)
            ax.fill_between(
                wide.index,
                wide.quantile(0.05, axis=1),
                wide.quantile(0.95, axis=1),
                alpha=0.25,
            )
            ax.plot(wide.index, mid, label=name or "median")
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("year")
        ax.grid(alpha=0.3)
    axes.flat[0].legend(fontsize=8)
    if title:
        fig.suptitle(title)
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)
