"""Plotly figure specs, built as plain data and drawn by a static script in the browser.

The page embeds the spec with `json_script`, so no inline script is needed and a strict
Content-Security-Policy holds.
"""

from itertools import pairwise
from typing import Any

CRO_COLOUR = "#1f5f99"
CSO_COLOUR = "#b4561f"


def drivers_figure(result: dict[str, Any], *, axis_title: str) -> dict[str, Any]:
    """A horizontal bar per answer: how far it pushes toward a CRO (right) or a CSO (left)."""
    drivers = sorted(result["drivers"], key=lambda driver: driver["lean"])
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [driver["lean"] for driver in drivers],
                # Snapshots from before short labels existed fall back to the full text.
                "y": [_short(driver.get("short_label") or driver["label"]) for driver in drivers],
                "customdata": [
                    [_plain(driver["answer_label"]), driver["points"], _plain(driver["reason"])]
                    for driver in drivers
                ],
                "hovertemplate": "%{customdata[0]} · %{customdata[1]} pts<br>"
                "%{customdata[2]}<extra></extra>",
                "marker": {
                    "color": [CRO_COLOUR if d["lean"] >= 0 else CSO_COLOUR for d in drivers]
                },
            }
        ],
        "layout": {
            "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
            "height": 60 + 34 * len(drivers),
            "xaxis": {
                "title": {"text": axis_title},
                "zeroline": True,
                "zerolinewidth": 2,
                "fixedrange": True,
            },
            "yaxis": {"automargin": True, "fixedrange": True},
            "showlegend": False,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
        },
    }


def _plain(text: str) -> str:
    """Plotly reads labels as pseudo-HTML (<a href>, <b>, <br>): a person's name or a bank
    text is escaped, so it shows as typed and can never become a link or markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _short(label: str, limit: int = 48) -> str:
    shortened = label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
    return _plain(shortened)


def traits_figure(profile: Any) -> dict[str, Any]:
    """One bar per trait, coloured by the role it leans toward."""
    traits = [trait for trait in profile.traits if trait.rating is not None]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [trait.rating for trait in traits],
                "y": [_short(trait.statement, 40) for trait in traits],
                "marker": {
                    "color": [CRO_COLOUR if t.leans == "CRO" else CSO_COLOUR for t in traits]
                },
                "hovertemplate": "%{y}: %{x}<extra></extra>",
            }
        ],
        "layout": _trait_layout(len(traits)),
    }


def traits_comparison_figure(people: list[tuple[str, Any]]) -> dict[str, Any]:
    """Side-by-side bars: each person's rating of each trait."""
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": _plain(name),
                "x": [trait.rating for trait in profile.traits],
                "y": [_short(trait.statement, 40) for trait in profile.traits],
                # The name comes from the trace, never pasted into the template itself.
                "hovertemplate": "%{fullData.name}: %{x}<extra></extra>",
            }
            for name, profile in people
        ],
        "layout": {
            **_trait_layout(len(people[0][1].traits) * max(1, len(people) // 2)),
            "barmode": "group",
            "showlegend": True,
            "legend": {"orientation": "h"},
        },
    }


def _trait_layout(rows: int) -> dict[str, Any]:
    return {
        "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
        "height": 80 + 32 * rows,
        "xaxis": {"range": [0, 5.2], "dtick": 1, "fixedrange": True},
        "yaxis": {"automargin": True, "fixedrange": True, "autorange": "reversed"},
        "showlegend": False,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
    }


def impact_histogram(old: list[float], new: list[float], threshold: float) -> dict[str, Any]:
    """Complexity scores before and after a draft, overlaid, with the threshold marked."""
    bins = {"start": 0, "end": 100, "size": 2.5}
    return {
        "data": [
            {
                "type": "histogram",
                "x": old,
                "name": "stored",
                "opacity": 0.6,
                "xbins": bins,
                "marker": {"color": CSO_COLOUR},
            },
            {
                "type": "histogram",
                "x": new,
                "name": "draft",
                "opacity": 0.6,
                "xbins": bins,
                "marker": {"color": CRO_COLOUR},
            },
        ],
        "layout": {
            "barmode": "overlay",
            "height": 320,
            "margin": {"l": 50, "r": 10, "t": 10, "b": 40},
            "xaxis": {"title": {"text": "complexity score"}, "range": [0, 100]},
            "shapes": [
                {
                    "type": "line",
                    "x0": threshold,
                    "x1": threshold,
                    "yref": "paper",
                    "y0": 0,
                    "y1": 1,
                    "line": {"dash": "dash"},
                }
            ],
        },
    }


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
            "xaxis": {"fixedrange": True},
            "shapes": shapes,
            "annotations": annotations,
            "showlegend": False,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
        },
    }
