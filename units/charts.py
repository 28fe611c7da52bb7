"""A business unit's history chart, as a plotly spec drawn by the static figure script."""

from itertools import pairwise
from typing import Any

from assessments.charts import CRO_COLOUR, CSO_COLOUR


def unit_history_figure(points: list[Any]) -> dict[str, Any]:
    """A unit's complexity over time: the threshold as a line, each assessment marked with
    its recommendation, and a dashed line wherever the questionnaire version changed."""
    dates = [point.on.isoformat() for point in points]
    shapes: list[dict[str, Any]] = [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": points[-1].threshold,
            "y1": points[-1].threshold,
            "line": {"dash": "dash", "color": "#4a5260"},
        }
    ]
    annotations = []
    for before, after in pairwise(points):
        if before.version != after.version:
            shapes.append(
                {
                    "type": "line",
                    "yref": "paper",
                    "y0": 0,
                    "y1": 1,
                    "x0": after.on.isoformat(),
                    "x1": after.on.isoformat(),
                    "line": {"dash": "dot", "color": "#6c757d"},
                }
            )
            annotations.append(
                {
                    "x": after.on.isoformat(),
                    "yref": "paper",
                    "y": 1,
                    "text": f"v{after.version}",
                    "showarrow": False,
                }
            )
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers+text",
                "x": dates,
                "y": [point.score for point in points],
                "text": [point.recommendation for point in points],
                "textposition": "top center",
                "marker": {
                    "size": 10,
                    "color": [
                        CRO_COLOUR if p.recommendation == "CRO" else CSO_COLOUR for p in points
                    ],
                },
                "line": {"color": "#4a5260"},
                "hovertemplate": "%{x}: %{y:.1f} (%{text})<extra></extra>",
            }
        ],
        "layout": {
            "height": 320,
            "margin": {"l": 40, "r": 10, "t": 20, "b": 40},
            "yaxis": {"range": [0, 100], "fixedrange": True},
            # Dates only: assessments are days apart, never hours.
            "xaxis": {"fixedrange": True, "type": "date", "tickformat": "%Y-%m-%d", "nticks": 4},
            "shapes": shapes,
            "annotations": annotations,
            "showlegend": False,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
        },
    }
