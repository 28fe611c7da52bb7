"""Plotly figure specs, built as plain data and drawn by a static script in the browser.

The page embeds the spec with `json_script`, so no inline script is needed and a strict
Content-Security-Policy holds.
"""

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
                    [driver["answer_label"], driver["points"], driver["reason"]]
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


def _short(label: str, limit: int = 48) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
