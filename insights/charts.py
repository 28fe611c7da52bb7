"""The Insights page's plotly figures, built from the figures `insights.queries` returns.
Plain data, drawn by static/js/figure.js, so the strict CSP holds; every chart has a
table beside it on the page with the same numbers."""

from __future__ import annotations

from typing import Any

from assessments.charts import CRO_COLOUR, CSO_COLOUR, short

# Labels pass through `short`: plotly reads them as markup, so they are escaped (and cut).

_LAYOUT: dict[str, Any] = {
    "height": 300,
    "margin": {"l": 50, "r": 10, "t": 10, "b": 60},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
}


def _layout(**extra: Any) -> dict[str, Any]:
    return {**_LAYOUT, **extra}


def funnel(stages: list[dict[str, Any]], labels: dict[str, str]) -> dict[str, Any]:
    return {
        "data": [
            {
                "type": "bar",
                "x": [short(labels[stage["stage"]], 16) for stage in stages],
                "y": [stage["count"] for stage in stages],
                "marker": {"color": CRO_COLOUR},
                "hovertemplate": "%{x}: %{y}<extra></extra>",
            }
        ],
        "layout": _layout(
            yaxis={"rangemode": "tozero"}, margin={"l": 50, "r": 10, "t": 10, "b": 90}
        ),
    }


def score_histogram(scores: dict[str, Any], bands: list[tuple[float, float]]) -> dict[str, Any]:
    """Complexity scores in bins of five, the threshold as a dashed line and the strength
    bands around it shaded, nearest darkest."""
    threshold = scores["threshold"]
    shapes: list[dict[str, Any]] = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": max(0, threshold - width),
            "x1": min(100, threshold + width),
            "y0": 0,
            "y1": 1,
            "fillcolor": CSO_COLOUR,
            "opacity": opacity,
            "line": {"width": 0},
        }
        for width, opacity in bands
    ]
    shapes.append(
        {
            "type": "line",
            "x0": threshold,
            "x1": threshold,
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "line": {"dash": "dash"},
        }
    )
    histogram = scores["histogram"]
    return {
        "data": [
            {
                "type": "bar",
                "x": [(row["from"] + row["to"]) / 2 for row in histogram],
                "y": [row["count"] for row in histogram],
                "width": [row["to"] - row["from"] for row in histogram],
                "marker": {"color": CRO_COLOUR},
                "hovertemplate": "%{x}: %{y}<extra></extra>",
            }
        ],
        "layout": _layout(xaxis={"range": [0, 100]}, shapes=shapes, bargap=0.05),
    }


def monthly(rows: list[dict[str, Any]], near_label: str, cro_label: str) -> dict[str, Any]:
    months = [row["month"] for row in rows]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": near_label,
                "x": months,
                "y": [row["near_threshold_share"] for row in rows],
                "line": {"color": CSO_COLOUR},
            },
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": cro_label,
                "x": months,
                "y": [row["cro_share"] for row in rows],
                "line": {"color": CRO_COLOUR},
            },
        ],
        "layout": _layout(
            yaxis={"range": [0, 1], "tickformat": ".0%"},
            xaxis={"type": "category"},
            legend={"orientation": "h", "y": -0.3},
        ),
    }


def lean_shares(questions: list[dict[str, Any]], labels: dict[str, str]) -> dict[str, Any]:
    ordered = sorted(questions, key=lambda question: question["lean_share"])
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": [short(labels[question["key"]], 28) for question in ordered],
                "x": [question["lean_share"] for question in ordered],
                "marker": {
                    "color": [
                        CRO_COLOUR if question["mean_lean"] >= 0 else CSO_COLOUR
                        for question in ordered
                    ]
                },
                "hovertemplate": "%{y}: %{x:.1%}<extra></extra>",
            }
        ],
        "layout": _layout(
            height=max(200, 28 * len(ordered) + 60),
            margin={"l": 170, "r": 10, "t": 10, "b": 40},
            xaxis={"tickformat": ".0%", "rangemode": "tozero"},
        ),
    }


def answers(by_role: dict[str, list[dict[str, Any]]], names: list[str]) -> dict[str, Any]:
    """One question's answers, CRO and CSO results stacked, one bar per answer or range."""
    return {
        "data": [
            {
                "type": "bar",
                "name": role,
                "x": [short(name, 24) for name in names],
                "y": [row["count"] for row in by_role[role]],
                "marker": {"color": colour},
            }
            for role, colour in (("CRO", CRO_COLOUR), ("CSO", CSO_COLOUR))
        ],
        "layout": _layout(
            height=220,
            barmode="stack",
            xaxis={"type": "category"},
            legend={"orientation": "h", "y": -0.35},
        ),
    }
