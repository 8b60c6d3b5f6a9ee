"""The comparison report: tables, charts, ``report.md`` and a self-contained ``report.html``.

:func:`write_comparison` writes everything into a folder; the caller moves the folder
into place once it is complete (see :mod:`ecosim.experiments.storage`).
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import numpy as np
import pandas as pd

from ecosim.analysis.comparison import (
    comparison_table,
    findings,
    imprecise_notes,
    scenario_table,
    time_to_benefit_table,
)
from ecosim.analysis.outcomes import OUTCOMES, TIME_TO_BENEFIT
from ecosim.analysis.plots import plot_cascade, plot_differences, plot_main_outcomes, plot_networks
from ecosim.analysis.report_summary import (
    health_economics_parts,
    nmb_frame,
    plot_acceptability,
    summary_parts,
    write_summary_pdf,
)
from ecosim.analysis.summary import (
    calibrated_parameters,
    constant_outcomes,
    evidence_box,
    p_text,
    plain_name,
    setting,
    summarise,
)
from ecosim.analysis.uncertainty import uncertainty_sentences, uncertainty_table
from ecosim.experiments.compare import Comparison
from ecosim.experiments.storage import long_format, write_table

__all__ = ["representative_replicate", "write_comparison"]

CHARTS = (
    ("trajectories", "Main outcomes over time (median and 5-95 % band of the replicates)"),
    ("differences", "Cumulative difference from the base (mean and 95 % interval, paired)"),
    ("cascade", "Patient cascade (patients a year, last 5 years)"),
    ("networks", "Partnership network at the end of a representative run"),
)


def representative_replicate(summary: pd.DataFrame, outcome: str = "approvals") -> int:
    """The replicate whose ``outcome`` is closest to the median (lowest index on ties)."""
    values = summary[outcome].to_numpy(dtype=float)
    return int(summary["replicate"].iloc[int(np.argmin(np.abs(values - np.median(values))))])


def _fmt(col: str, value: float) -> str:
    return OUTCOMES[col].show(value)


def _means_table(
    scen: pd.DataFrame, names: list[str], dropped: set[str]
) -> tuple[list[str], list[list[str]]]:
    header = ["outcome", *map(plain_name, names)]
    rows = []
    for col, info in OUTCOMES.items():
        if col in dropped:
            continue
        row = [info.label]
        for name in names:
            r = scen[(scen["scenario"] == name) & (scen["outcome"] == col)].iloc[0]
            ci = "" if not np.isfinite(r["ci95"]) else f" ± {_fmt(col, r['ci95'])}"
            row.append(_fmt(col, r["mean"]) + ci)
        rows.append(row)
    return header, rows


def _diff_table(
    table: pd.DataFrame, name: str, dropped: set[str]
) -> tuple[list[str], list[list[str]]]:
    header = ["outcome", "base", plain_name(name), "difference (95 % CI)", "change", "p (t-test)"]
    rows = []
    for _, r in table[table["scenario"] == name].iterrows():
        col = r["outcome"]
        if col in dropped:
            continue
        rel = f"{r['rel'] * 100:+.1f} %" if np.isfinite(r["rel"]) else "n/a"
        flag = " (imprecise)" if r["imprecise"] else ""
        rows.append(
            [
                r["label"],
                _fmt(col, r["base_mean"]),
                _fmt(col, r["other_mean"]),
                f"{_fmt(col, r['diff'])} ({_fmt(col, r['diff_low'])} to "
                f"{_fmt(col, r['diff_high'])}){flag}",
                rel,
                p_text(r["p_ttest"]).removeprefix("p = ") if np.isfinite(r["p_ttest"]) else "n/a",
            ]
        )
    return header, rows


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _ttb_text(ttb: pd.DataFrame, name: str) -> list[str]:
    out = []
    for _, r in ttb[ttb["scenario"] == name].iterrows():
        if np.isfinite(r["sure_from"]):
            out.append(
                f"{r['label']}: ahead from year {r['ahead_from']:.1f}, and clearly ahead "
                f"(95 % interval above zero) from year {r['sure_from']:.1f}."
            )
        elif np.isfinite(r["ahead_from"]):
            out.append(
                f"{r['label']}: ahead on average from year {r['ahead_from']:.1f}, but not "
                f"clearly (the interval still includes zero at the end)."
            )
        else:
            out.append(f"{r['label']}: not ahead of the base at the end of the run.")
    return out


def write_comparison(comp: Comparison, folder: Path, command: str = "") -> dict[str, Path]:
    """Write tables, charts and both reports of a comparison into ``folder``.

    Returns:
        The paths written, by short name.
    """
    folder = Path(folder)
    paths: dict[str, Path] = {}
    table = comparison_table(comp)
    scen = scenario_table(comp)
    ttb = time_to_benefit_table(comp)
    steps = comp.steps()
    summary = comp.summary()
    for name, df in (
        ("comparison", table),
        ("scenario_means", scen),
        ("time_to_benefit", ttb),
        ("summary", summary),
    ):
        for ext in (".csv", ".parquet"):
            write_table(df, folder / f"{name}{ext}")
    frames = [long_format(res.steps, n) for n, res in comp.results.items()]
    write_table(pd.concat(frames, ignore_index=True), folder / "steps.parquet")

    by_name = {n: res.steps for n, res in comp.results.items()}
    title = f"{comp.replicates} replicates per scenario, seed {comp.seed}"
    charts = {
        "trajectories": plot_main_outcomes(steps, folder / "trajectories", title=title),
        "differences": plot_differences(by_name, comp.base, TIME_TO_BENEFIT, folder / "differences")
        if len(comp.names) > 1
        else [],
        "cascade": plot_cascade(by_name, folder / "cascade"),
        "networks": plot_networks(
            {
                n: res.networks[representative_replicate(res.summary)]
                for n, res in comp.results.items()
            },
            folder / "networks",
            seed=comp.seed,
        ),
    }
    words = findings(comp, table) if len(table) else {}
    notes = imprecise_notes(table) if len(table) else []
    unknown = uncertainty_table(comp)
    if len(unknown):
        for ext in (".csv", ".parquet"):
            write_table(unknown, folder / f"uncertainty{ext}")
    params = {n: uncertainty_sentences(unknown, n) for n in comp.names[1:]} if len(unknown) else {}

    summaries = [summarise(comp, table, n) for n in comp.names[1:]]
    if summaries:
        charts["acceptability"] = plot_acceptability(comp, folder / "acceptability")
        for ext in (".csv", ".parquet"):
            write_table(nmb_frame(summaries), folder / f"net_benefit{ext}")
    first = {
        "setting": setting(comp),
        "summaries": summaries,
        "boxes": {n: evidence_box(comp, n, calibrated_parameters()) for n in comp.names[1:]},
        "dropped": set(constant_outcomes(comp)),
    }
    md, body = _report_parts(comp, table, scen, ttb, words, notes, charts, command, params, first)
    (folder / "report.md").write_text(md)
    (folder / "report.html").write_text(body)
    paths.update(report_md=folder / "report.md", report_html=folder / "report.html")
    if summaries:
        chart = next((p for p in charts.get("differences") or [] if p.suffix == ".png"), None)
        title = f"ecosim: {' vs '.join(map(plain_name, comp.names))}"
        paths["summary_pdf"] = write_summary_pdf(
            folder / "summary.pdf", title, first["setting"], summaries, chart
        )
    return paths


def _chart(key: str, caption: str, charts: dict) -> tuple[list[str], list[str]]:
    """A chart as Markdown (file link) and HTML (embedded PNG); nothing if not drawn."""
    png = next((p for p in charts.get(key) or [] if p.suffix == ".png"), None)
    if png is None:
        return [], []
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    uri = f"data:image/png;base64,{data}"
    return [f"### {caption}", "", f"![{caption}]({png.name})", ""], [
        f"<h3>{html.escape(caption)}</h3>"
        f'<figure><img alt="{html.escape(caption)}" src="{uri}">'
        f'<figcaption><a class="save-png" download="{png.name}" href="{uri}">'
        "Save as PNG (for a slide)</a></figcaption></figure>"
    ]


def _report_parts(
    comp, table, scen, ttb, words, notes, charts, command, params, first
) -> tuple[str, str]:
    names = comp.names
    dropped = first["dropped"]
    heading = " vs ".join(map(plain_name, names))
    md = [f"# Scenario comparison: {heading}", ""]
    hb = [f"<h1>Scenario comparison: {html.escape(heading)}</h1>"]
    writers = (_md_table, _html_table)
    for summary in first["summaries"]:
        box = first["boxes"][summary.name]
        m, h = summary_parts(comp, summary, first["setting"], box, writers)
        md += m
        hb += h
    m, h = _chart("differences", dict(CHARTS)["differences"], charts)
    md += m
    hb += h
    if first["summaries"]:
        md += ["## Health economics (payers and HTA)", ""]
        hb.append("<h2>Health economics (payers and HTA)</h2>")
        for summary in first["summaries"]:
            m, h = health_economics_parts(summary, writers)
            md += m
            hb += h
        caption = "Cost-effectiveness acceptability curve (share of replicates cost-effective)"
        m, h = _chart("acceptability", caption, charts)
        md += m
        hb += h
    intro = (
        f"Base: **{comp.base}**. Each scenario ran {comp.replicates} times with the same "
        f"seeds (base seed {comp.seed}, common random numbers), so each difference is paired "
        f"replicate by replicate. Intervals are 95 % t intervals; p-values are paired "
        f"t-tests (the Wilcoxon signed-rank p-value is in comparison.csv)."
    )
    md += [intro, ""]
    hb.append(f"<p>{html.escape(intro).replace('**', '')}</p>")
    md += ["## Scenarios", ""]
    hb.append("<h2>Scenarios</h2><ul>")
    for s in comp.scenarios:
        text = html.escape(s.description or "(no description)")  # no raw HTML in Markdown
        md.append(f"- **{html.escape(s.name)}**: {text}")
        hb.append(f"<li><b>{html.escape(s.name)}</b>: {html.escape(s.description or '')}</li>")
    hb.append("</ul>")
    md.append("")
    for name in names[1:]:
        pair = f"{plain_name(name)} compared with {plain_name(comp.base)}: all findings"
        md += [f"## {pair}", "", "### In words", ""]
        hb.append(f"<h2>{html.escape(pair)}</h2>")
        hb.append("<h3>In words</h3><ul>")
        for sentence in words.get(name, []):
            md.append(f"- {sentence}")
            hb.append(f"<li>{html.escape(sentence)}</li>")
        hb.append("</ul>")
        if params.get(name):
            title = "Luck or what we do not know about the world"
            lead = (
                f"Replicate i also drew parameter set i from the calibration's posterior "
                f"({comp.posterior_file or 'posterior sample'}); the intervals above are "
                f"seeds only (the scenarios as given)."
            )
            md += ["", f"### {title}", "", lead, ""] + [f"- {t}" for t in params[name]]
            hb += [f"<h3>{title}</h3>", f"<p>{html.escape(lead)}</p><ul>"]
            hb += [f"<li>{html.escape(t)}</li>" for t in params[name]] + ["</ul>"]
        hb.append("<h3>Time to benefit</h3><ul>")
        md += ["", "### Time to benefit", ""]
        for line in _ttb_text(ttb, name):
            md.append(f"- {line}")
            hb.append(f"<li>{html.escape(line)}</li>")
        hb.append("</ul>")
        header, rows = _diff_table(table, name, dropped)
        md += ["", "### All outcomes", "", _md_table(header, rows), ""]
        hb += ["<h3>All outcomes</h3>", _html_table(header, rows)]
    header, rows = _means_table(scen, names, dropped)
    md += ["## Means by scenario (± 95 % interval)", "", _md_table(header, rows), ""]
    hb += ["<h2>Means by scenario (± 95 % interval)</h2>", _html_table(header, rows)]
    if notes:
        md += ["## Outcomes that need more replicates", ""] + [f"- {n}" for n in notes] + [""]
        hb.append("<h2>Outcomes that need more replicates</h2><ul>")
        hb += [f"<li>{html.escape(n)}</li>" for n in notes]
        hb.append("</ul>")
    md += ["## Charts", ""]
    hb.append("<h2>Charts</h2>")
    for key, caption in CHARTS:
        if key != "differences":  # already on the first screen
            m, h = _chart(key, caption, charts)
            md += m
            hb += h
    footer = (
        "Reproduce with: " + (command or "ecosim compare ...") + ". Tables: comparison.csv, "
        "scenario_means.csv, time_to_benefit.csv, summary.csv (and Parquet); per-step "
        "outcomes: steps.parquet."
    )
    md += ["## Reproducing", "", footer, ""]
    hb.append(f"<h2>Reproducing</h2><p>{html.escape(footer)}</p>")
    style = (
        "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
        "color:#222}table{border-collapse:collapse;font-size:0.85em;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}"
        "td:first-child,th:first-child{text-align:left}img{max-width:100%}"
    )
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>ecosim comparison</title><style>{style}</style></head><body>"
        + "\n".join(hb)
        + "</body></html>\n"
    )
    return "\n".join(md), page
