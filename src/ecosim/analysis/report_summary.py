"""The report's executive summary and health-economic view, as Markdown and HTML parts.

The numbers come from :mod:`ecosim.analysis.summary` and
:mod:`ecosim.analysis.health_economics`; this module only words and lays them out, and
draws the acceptability curve (:func:`plot_acceptability`).
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd

from ecosim.analysis.health_economics import GAINS, acceptability, increments
from ecosim.analysis.plots import plt, save_figure, scenario_colour
from ecosim.analysis.summary import Summary, plain_name
from ecosim.experiments.compare import Comparison

__all__ = ["health_economics_parts", "plot_acceptability", "summary_parts", "usd"]

GAIN_WORDS = {
    "approvals": "extra approval",
    "patients_matched": "extra patient matched",
    "qalys": "extra QALY",
}


def usd(value: float) -> str:
    """Money for a slide: "7.9 bn USD", "597 M USD", "168,000 USD", "n/a"."""
    if not np.isfinite(value):
        return "n/a"
    size = abs(value)
    if size >= 1e9:
        return f"{value / 1e9:,.1f} bn USD"
    if size >= 1e6:
        return f"{value / 1e6:,.0f} M USD"
    return f"{value:,.0f} USD"


def _cost_rows(summary: Summary) -> tuple[list[str], list[list[str]]]:
    header = ["who pays", "extra spend (95 % interval)"]
    header += [f"per {GAIN_WORDS[g]}" for g in GAINS]
    rows = []
    for _, r in summary.costs.iterrows():
        rows.append(
            [
                str(r["who"]),
                f"{usd(r['extra_usd'])} ({usd(r['low'])} to {usd(r['high'])})",
                *(usd(r[f"per_{g}"]) for g in GAINS),
            ]
        )
    return header, rows


def _icer_sentence(summary: Summary) -> str:
    i = summary.icer
    spent = i["cost_usd"]
    cost = (
        f"{usd(spent)} more spent by payers and the backbone"
        if spent >= 0
        else f"{usd(-spent)} saved by payers and the backbone"
    )
    gain = f"{i['qalys']:,.0f} QALYs (95 % interval {i['qalys'] - i['qalys_half']:,.0f} to "
    gain += f"{i['qalys'] + i['qalys_half']:,.0f})"
    if not i["defined"]:
        if np.isfinite(i["qalys_half"]) and i["qalys"] + i["qalys_half"] < 0:
            return f"{cost}, for a clear loss of health: {gain}. Nothing is bought."
        return (
            f"{cost}, for a QALY gain that is not clear: {gain}. The incremental cost per "
            "QALY is not a meaningful number here; read the net monetary benefit and the "
            "acceptability curve."
        )
    if spent < 0:
        return f"Dominant: {cost} and {gain} gained (less cost, more health)."
    return (
        f"Incremental cost per QALY (ICER, payers and backbone): {usd(i['icer'])} per QALY "
        f"(95 % bootstrap interval {usd(i['low'])} to {usd(i['high'])}); {cost} for {gain}."
    )


def _nmb_rows(summary: Summary) -> tuple[list[str], list[list[str]]]:
    header = ["threshold", "net monetary benefit (95 % interval)", "replicates cost-effective"]
    rows = [
        [
            f"{usd(r['threshold_usd_per_qaly'])} per QALY",
            f"{usd(r['nmb_usd'])} ({usd(r['low'])} to {usd(r['high'])})",
            f"{100 * r['share_positive']:.0f} %",
        ]
        for _, r in summary.net_benefit.iterrows()
    ]
    return header, rows


def plot_acceptability(comp: Comparison, stem: Path) -> list[Path]:
    """Cost-effectiveness acceptability curves of every scenario against the base.

    Over the replicates (seeds); dashed, over the posterior as well when the comparison
    drew parameter sets from it.
    """
    fig, ax = plt.subplots(figsize=(7.5, 4.2), constrained_layout=True)
    for k, name in enumerate(comp.names[1:], start=1):
        curve = acceptability(increments(comp, name))
        x = curve["threshold_usd_per_qaly"] / 1e3
        colour = scenario_colour(k)
        ax.plot(x, 100 * curve["probability"], color=colour, label=f"{plain_name(name)} (seeds)")
        if comp.with_posterior is not None:
            post = acceptability(increments(comp, name, posterior=True))
            ax.plot(
                x,
                100 * post["probability"],
                color=colour,
                ls="--",
                label=f"{plain_name(name)} (seeds and posterior)",
            )
    ax.set_xlabel("willingness to pay (thousand USD per QALY)")
    ax.set_ylabel("probability cost-effective (%)")
    ax.set_ylim(-2, 102)
    ax.set_title(f"Cost-effectiveness against {plain_name(comp.base)} (payers and backbone)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return save_figure(fig, stem)


def summary_parts(
    comp: Comparison, summary: Summary, setting: str, box: list[str], table
) -> tuple[list[str], list[str]]:
    """The executive summary of one scenario: Markdown lines and HTML fragments."""
    name = plain_name(summary.name)
    title = f"At a glance: {name} against {plain_name(comp.base)}"
    md = [f"## {title}", "", setting, ""] + [f"- {f}" for f in summary.findings] + [""]
    hb = [f'<section class="summary"><h2>{html.escape(title)}</h2>']
    hb.append(f"<p>{html.escape(setting)}</p><ul>")
    hb += [f"<li>{html.escape(f)}</li>" for f in summary.findings] + ["</ul>"]
    header, rows = _cost_rows(summary)
    lead = "What it costs, by who pays, and what it buys (per extra approval, patient, QALY):"
    md += [lead, "", table[0](header, rows), "", _icer_sentence(summary), ""]
    hb += [f"<p>{html.escape(lead)}</p>", table[1](header, rows)]
    hb.append(f"<p>{html.escape(_icer_sentence(summary))}</p>")
    md += ["> **What this rests on.**"] + [f"> - {line}" for line in box] + [""]
    hb.append('<aside class="evidence"><b>What this rests on</b><ul>')
    hb += [f"<li>{html.escape(line)}</li>" for line in box] + ["</ul></aside></section>"]
    return md, hb


def health_economics_parts(summary: Summary, table) -> tuple[list[str], list[str]]:
    """The payer's view of one scenario: ICER, net monetary benefit at stated thresholds."""
    name = plain_name(summary.name)
    md = [f"### Health economics: {name}", "", _icer_sentence(summary), ""]
    hb = [f"<h3>Health economics: {html.escape(name)}</h3>"]
    hb.append(f"<p>{html.escape(_icer_sentence(summary))}</p>")
    header, rows = _nmb_rows(summary)
    md += [table[0](header, rows), ""]
    hb.append(table[1](header, rows))
    return md, hb


def nmb_frame(summaries: list[Summary]) -> pd.DataFrame:
    """Net monetary benefit of every scenario at every threshold (for the CSV tables)."""
    frames = [s.net_benefit.assign(scenario=s.name) for s in summaries]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def write_summary_pdf(
    path: Path, title: str, setting: str, summaries: list[Summary], chart: Path | None
) -> Path:
    """A one-page A4 PDF of the executive summary: findings, the bill, the ICER, one chart."""
    import textwrap

    fig = plt.figure(figsize=(8.27, 11.69))  # A4 portrait, inches
    lines: list[tuple[str, float, str]] = [(title, 14, "bold"), ("", 6, "normal")]
    lines += [(t, 8, "normal") for t in textwrap.wrap(setting, 110)]
    for s in summaries:
        lines += [("", 6, "normal"), (f"{plain_name(s.name)}", 11, "bold")]
        for f in s.findings:
            wrapped = textwrap.wrap(f, 105)
            lines += [("- " + wrapped[0], 8, "normal")] + [
                ("  " + w, 8, "normal") for w in wrapped[1:]
            ]
        for _, r in s.costs.iterrows():
            lines.append(
                (
                    f"Extra spend, {r['who']}: {usd(r['extra_usd'])}; per extra approval "
                    f"{usd(r['per_approvals'])}, per extra QALY {usd(r['per_qalys'])}",
                    8,
                    "normal",
                )
            )
        lines += [("  " + w, 8, "normal") for w in textwrap.wrap(_icer_sentence(s), 105)]
    y = 0.97
    for text, size, weight in lines:
        fig.text(0.06, y, text, fontsize=size, weight=weight, family="sans-serif", va="top")
        y -= size / 11.69 / 72 * 1.5
    if chart is not None and chart.is_file() and y > 0.25:
        ax = fig.add_axes((0.06, 0.03, 0.88, y - 0.05))
        ax.imshow(plt.imread(chart))
        ax.axis("off")
    fig.savefig(path, metadata={"CreationDate": None, "Creator": None, "Producer": None})
    plt.close(fig)
    return path
