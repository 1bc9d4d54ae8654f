"""`pearl report`: one self-contained HTML page of charts for analysts (plotly, its JS inlined,
so the file opens offline and can be mailed). Not to be confused with tasks/core/report.py, the
summary of one run for operators."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots

from tasks.core import store

DEFAULT_THEME = "村级工业园改造"
RISING, STEADY, GRID = "#c0392b", "#2c6fad", "#e5e8ec"
COLUMNS = 4  # small multiples per row
TOP_SPEAKERS = 14
FONT = "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, sans-serif"


@dataclass
class ReportData:
    """Everything the page shows, read in one go from a read-only connection."""

    overview: dict[str, Any]
    momentum: list[dict[str, Any]]
    shares: list[dict[str, Any]]
    theme: str
    speeches: list[dict[str, Any]]
    metric: str
    series: list[dict[str, Any]]
    runs: list[dict[str, Any]]


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: list[Any] | None = None) -> list:
    cur = con.execute(store.sql(f"queries/{name}"), params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def read_data(con: duckdb.DuckDBPyConnection, theme: str, metric: str | None) -> ReportData:
    """Query the views; an unknown theme raises ValueError naming the known ones."""
    momentum = _rows(con, "report_theme_momentum")
    known = [m["theme_id"] for m in momentum]
    if theme not in known:
        raise ValueError(f"unknown theme {theme!r}; themes: {', '.join(known)}")
    found = _rows(con, "report_metric_default", [metric, metric])
    if metric is not None and not found:
        raise ValueError(f"no figure quoted as {metric!r} (an object of metric_series_yearly)")
    metric, unit = (found[0]["object"], found[0]["base_unit"]) if found else ("", "")
    return ReportData(
        overview=_rows(con, "report_overview")[0],
        momentum=momentum,
        shares=_rows(con, "report_theme_shares"),
        theme=theme,
        speeches=_rows(con, "report_theme_speeches", [theme]),
        metric=metric,
        series=_rows(con, "report_metric_series", [metric, unit]),
        runs=_rows(con, "report_runs"),
    )


def _tint(colour: str, alpha: float = 0.15) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _layout(fig: go.Figure, height: int, **extra: Any) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 50, "r": 20, "t": 40, "b": 40},
        font={"family": FONT, "size": 12},
        plot_bgcolor="white",
        paper_bgcolor="white",
        **extra,
    )
    fig.update_xaxes(showgrid=True, gridcolor=GRID)
    fig.update_yaxes(showgrid=True, gridcolor=GRID)
    return fig


def theme_small_multiples(data: ReportData) -> go.Figure:
    """Every theme's share of articles by month, one panel each, rising themes in red."""
    themes = [m for m in data.momentum if m["total"] > 0]
    rows = math.ceil(len(themes) / COLUMNS)
    titles = [f"<b>{m['theme_id']}</b> ▲ rising" if m["rising"] else m["theme_id"] for m in themes]
    fig = make_subplots(
        rows=rows,
        cols=COLUMNS,
        subplot_titles=titles,
        shared_xaxes=True,
        shared_yaxes=True,
        vertical_spacing=0.5 / rows,
        horizontal_spacing=0.03,
    )
    for i, m in enumerate(themes):
        points = [s for s in data.shares if s["theme_id"] == m["theme_id"]]
        colour = RISING if m["rising"] else STEADY
        fig.add_trace(
            go.Scatter(
                x=[p["month"] for p in points],
                y=[p["share_of_articles"] for p in points],
                customdata=[[p["articles"], p["all_articles"]] for p in points],
                mode="lines",
                line={"color": colour, "width": 1.8},
                fill="tozeroy",
                fillcolor=_tint(colour),
                name=m["theme_id"],
                hovertemplate="%{x|%Y-%m}: %{y:.0%} (%{customdata[0]}/%{customdata[1]} articles)"
                "<extra>" + m["theme_id"] + "</extra>",
            ),
            row=i // COLUMNS + 1,
            col=i % COLUMNS + 1,
        )
    top = max((s["share_of_articles"] for s in data.shares), default=0) or 1
    fig.update_yaxes(tickformat=".0%", range=[0, top * 1.05])
    return _layout(fig, 170 * rows + 60, showlegend=False)


def theme_speakers_chart(data: ReportData) -> go.Figure:
    """Who spoke about the chosen theme and when: one row per person (the most frequent first),
    one dot per speech; hovering shows the title held that day and the words."""
    counts: dict[str, int] = {}
    for sp in data.speeches:
        counts[sp["speaker_id"]] = counts.get(sp["speaker_id"], 0) + 1
    top = sorted(counts, key=lambda k: (-counts[k], k))[:TOP_SPEAKERS]
    labels = {sp["speaker_id"]: sp["speaker_label"] for sp in data.speeches}
    fig = go.Figure()
    for speaker_id in reversed(top):
        mine = [sp for sp in data.speeches if sp["speaker_id"] == speaker_id]
        label = f"{labels[speaker_id]} ({len(mine)})"
        fig.add_trace(
            go.Scatter(
                x=[sp["issue_date"] for sp in mine],
                y=[label] * len(mine),
                mode="markers",
                marker={"size": 10, "color": STEADY, "opacity": 0.75, "line": {"width": 0}},
                customdata=[[sp["title"] or "—", _short(sp["text"], 60)] for sp in mine],
                hovertemplate="%{x|%Y-%m-%d} · %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
                name=label,
            )
        )
    return _layout(fig, 60 + 34 * max(len(top), 3), showlegend=False)


def metric_chart(data: ReportData) -> go.Figure:
    """The chosen figure across years, one line per subject: the median of the year, with the
    range of the values quoted that year as error bars."""
    fig = go.Figure()
    for subject in sorted({r["subject"] for r in data.series}):
        mine = [r for r in data.series if r["subject"] == subject]
        fig.add_trace(
            go.Scatter(
                x=[str(r["year"]) for r in mine],
                y=[r["median_value"] for r in mine],
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [r["max_value"] - r["median_value"] for r in mine],
                    "arrayminus": [r["median_value"] - r["min_value"] for r in mine],
                    "thickness": 1,
                },
                customdata=[[r["quoted"], r["base_unit"]] for r in mine],
                mode="lines+markers",
                name=subject,
                hovertemplate=f"{subject} %{{x}}: median %{{y:,}} %{{customdata[1]}}"
                " (quoted %{customdata[0]}×)<extra></extra>",
            )
        )
    years = sorted({str(r["year"]) for r in data.series})
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=years, title_text="year")
    unit = data.series[0]["base_unit"] if data.series else ""
    fig.update_yaxes(title_text=f"{data.metric} ({unit})", rangemode="tozero")
    return _layout(fig, 380, legend={"orientation": "v"})


def runs_chart(data: ReportData) -> go.Figure:
    """The last runs: articles new, updated, unchanged and failed, failed runs marked."""
    x = [f"{r['started_at']:%m-%d %H:%M} {r['status']}" for r in data.runs]
    fig = go.Figure()
    for key, colour in (
        ("articles_new", STEADY),
        ("articles_updated", "#7fb3d5"),
        ("articles_unchanged", "#c8d3dd"),
        ("articles_failed", RISING),
    ):
        fig.add_trace(
            go.Bar(x=x, y=[r[key] for r in data.runs], name=key.split("_")[1], marker_color=colour)
        )
    return _layout(fig, 300, barmode="stack", legend={"orientation": "h", "y": -0.25})


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _e(value: Any) -> str:
    return html.escape(str(value if value is not None else ""))


def _speech_table(data: ReportData) -> str:
    rows = "".join(
        f"<tr><td>{sp['issue_date']}</td><td>{_e(sp['speaker_label'])}</td>"
        f"<td>{_e(sp['title'])}</td><td>{_e(_short(sp['text'], 90))}</td>"
        f'<td><a href="{_e(sp["url"])}">{_e(sp["article_title"])}</a></td></tr>'
        for sp in reversed(data.speeches)
    )
    return (
        "<details open><summary>All "
        f"{len(data.speeches)} speeches about {_e(data.theme)}, newest first</summary>"
        '<div class="scroll"><table><thead><tr><th>date</th><th>speaker</th><th>title that day</th>'
        f"<th>said</th><th>article</th></tr></thead><tbody>{rows}</tbody></table></div></details>"
    )


def _runs_table(data: ReportData) -> str:
    rows = "".join(
        f'<tr class="{"bad" if r["status"] != "Completed" else ""}"><td>{r["started_at"]:%Y-%m-%d %H:%M}</td>'
        f"<td>{_e(r['status'])}</td><td>{r['date_from']} … {r['date_to']}</td>"
        f"<td>{r['articles_new']}</td><td>{r['articles_failed']}</td><td>{r['speeches']}</td>"
        f"<td>{r['seconds'] or 0:.0f} s</td><td>{_e(_short(r['failure'], 80))}</td></tr>"
        for r in reversed(data.runs)
    )
    return (
        "<table><thead><tr><th>started</th><th>status</th><th>dates</th><th>new</th>"
        "<th>failed</th><th>speeches</th><th>took</th><th>failure</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


STYLE = f"""
body {{ font-family: {FONT}; margin: 0 auto; max-width: 1200px; padding: 24px; color: #1d2733; }}
h1 {{ font-size: 26px; margin-bottom: 4px; }} h2 {{ font-size: 19px; margin-top: 36px; }}
.lede {{ color: #5a6773; margin-top: 0; }} .note {{ color: #5a6773; font-size: 13px; }}
.chart {{ border: 1px solid #e5e8ec; border-radius: 6px; padding: 6px; }}
table {{ border-collapse: collapse; font-size: 13px; width: 100%; margin-top: 8px; }}
th, td {{ text-align: left; padding: 4px 8px; border-bottom: 1px solid #e5e8ec; vertical-align: top; }}
tr.bad td {{ color: {RISING}; }} a {{ color: {STEADY}; }} td:first-child {{ white-space: nowrap; }}
#render-errors {{ display: none; background: #fdecea; color: {RISING}; padding: 8px 12px; }}
.rising {{ color: {RISING}; font-weight: bold; }}
.scroll {{ max-height: 340px; overflow-y: auto; }} summary {{ cursor: pointer; color: #5a6773; }}
"""

# Shows, on the page itself, any script error while the charts render: a report whose charts
# silently failed would otherwise look merely empty.
ERROR_BANNER = """
<div id="render-errors"></div>
<script>
(function () {
  var box = document.getElementById("render-errors");
  function show(message) {
    box.style.display = "block";
    box.textContent += "A chart failed to render: " + message + " ";
    document.body.setAttribute("data-render-errors", box.textContent);
  }
  window.addEventListener("error", function (e) { show(e.message); });
  var original = console.error;
  console.error = function () { show(Array.prototype.join.call(arguments, " ")); original.apply(console, arguments); };
})();
</script>
"""


def _figure(fig: go.Figure, chart_id: str) -> str:
    body = pio.to_html(
        fig,
        include_plotlyjs=False,
        full_html=False,
        div_id=chart_id,
        config={"displaylogo": False, "responsive": True},
    )
    return f'<div class="chart" data-chart="{chart_id}">{body}</div>'


def render(data: ReportData) -> str:
    """The whole page as one HTML string, plotly.js inlined."""
    o = data.overview
    rising = [m["theme_id"] for m in data.momentum if m["rising"]]
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    people = len({sp["speaker_id"] for sp in data.speeches})
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>pearl · 珠江时报 themes, speakers and figures</title>
<style>{STYLE}</style>
<script>{get_plotlyjs()}</script></head>
<body>
{ERROR_BANNER}
<h1>珠江时报: themes, speakers and figures</h1>
<p class="lede">{o["articles"]} articles from {o["first_issue"]} to {o["last_issue"]}, {o["speeches"]} speeches,
{o["metrics"]} figures, {o["themes"]} themes. Generated {generated} by <code>pearl report</code>.</p>

<h2>Attention to each theme: share of the month's articles</h2>
<p class="note">One panel per theme (themes never found are left out), all on the same scale;
months with fewer than 5 articles are left out.
<span class="rising">Red ▲ rising</span>: its share of the last 3 months is at least 1.5 times
that of the 12 months before{": " + _e(", ".join(rising)) if rising else " (none now)"}.
Source: <code>theme_mentions_monthly</code>.</p>
{_figure(theme_small_multiples(data), "theme-shares")}

<h2>Who spoke about {_e(data.theme)}, and when</h2>
<p class="note">{len(data.speeches)} speeches by {people} people; one dot per speech, the
{TOP_SPEAKERS} most frequent speakers. Hover for the title held that day and the words; the
table below links every article. Source: <code>theme_speeches</code>.</p>
{_figure(theme_speakers_chart(data), "theme-speakers")}
{_speech_table(data)}

<h2>A figure across years: {_e(data.metric)}</h2>
<p class="note">Median of the values quoted each year, per town or body, with the range quoted
that year. Source: <code>metric_series_yearly</code>.</p>
{_figure(metric_chart(data), "metric-series")}

<h2>Health of the last runs</h2>
<p class="note">Articles each run loaded, by outcome; failed runs in red. Source: <code>runs</code>.</p>
{_figure(runs_chart(data), "runs")}
{_runs_table(data)}
</body></html>
"""


def write_report(
    db: Path, out: Path, theme: str = DEFAULT_THEME, metric: str | None = None
) -> Path:
    """Read the published database (read-only) and write the report to `out`."""
    con = store.connect(db, read_only=True)
    try:
        data = read_data(con, theme, metric)
    finally:
        con.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(data), encoding="utf-8")
    return out
