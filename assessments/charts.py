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
                "y": [short(driver.get("short_label") or driver["label"]) for driver in drivers],
                "customdata": [
                    [plain(driver["answer_label"]), driver["points"], plain(driver["reason"])]
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


def plain(text: str) -> str:
    """Plotly reads labels as pseudo-HTML (<a href>, <b>, <br>): a person's name or a bank
    text is escaped, so it shows as typed and can never become a link or markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def short(label: str, limit: int = 48) -> str:
    return plain(shortened(label, limit))


def shortened(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


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


def points_curve(answers: list[int], points: list[float]) -> dict[str, Any]:
    """A small chart of the points each answer of an integer question earns."""
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "x": answers,
                "y": points,
                "line": {"color": CRO_COLOUR, "shape": "hv"},
                "hovertemplate": "%{x}: %{y:.1f}<extra></extra>",
            }
        ],
        "layout": {
            "margin": {"l": 36, "r": 8, "t": 8, "b": 32},
            "height": 140,
            "xaxis": {"fixedrange": True, "title": {"text": ""}},
            "yaxis": {"fixedrange": True, "rangemode": "tozero"},
            "showlegend": False,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
        },
    }


BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, PLOT_WIDTH = 10, 4, 170, 300


def drivers_svg_layout(result: dict[str, Any]) -> dict[str, Any]:
    """The drivers chart for the printed report, as shapes an SVG template draws: the
    same bars as the page's chart (toward a CRO to the right, a CSO to the left), laid
    out here so the PDF needs no browser to draw it."""
    drivers = sorted(result["drivers"], key=lambda driver: driver["lean"], reverse=True)
    reach = max((abs(driver["lean"]) for driver in drivers), default=0) or 1
    zero = LABEL_WIDTH + PLOT_WIDTH / 2
    scale = (PLOT_WIDTH / 2 - 30) / reach  # room for the value beside the longest bar
    bars = []
    for row, driver in enumerate(drivers):
        length = abs(driver["lean"]) * scale
        toward_cro = driver["lean"] >= 0
        bars.append(
            {
                "y": row * (BAR_HEIGHT + BAR_GAP),
                "x": zero if toward_cro else zero - length,
                "width": max(length, 0.5),
                "colour": CRO_COLOUR if toward_cro else CSO_COLOUR,
                # Plain text: the template escapes it for SVG.
                "label": shortened(driver.get("short_label") or driver["label"], 34),
                "value": f"{driver['lean']:+.1f}",
                "value_x": zero + length + 3 if toward_cro else zero - length - 3,
                "anchor": "start" if toward_cro else "end",
            }
        )
    height = len(drivers) * (BAR_HEIGHT + BAR_GAP)
    return {
        "bars": bars,
        "zero": zero,
        "width": LABEL_WIDTH + PLOT_WIDTH,
        "height": height,
        "plot_height": height,
        "bar_height": BAR_HEIGHT,
    }
