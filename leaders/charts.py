"""Leader-fit charts, as plotly specs drawn by the static figure script."""

from typing import Any

from assessments.charts import CRO_COLOUR, CSO_COLOUR, plain, short


def traits_figure(profile: Any) -> dict[str, Any]:
    """One bar per trait, coloured by the role it leans toward."""
    traits = [trait for trait in profile.traits if trait.rating is not None]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [trait.rating for trait in traits],
                "y": [short(trait.statement, 40) for trait in traits],
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
                "name": plain(name),
                "x": [trait.rating for trait in profile.traits],
                "y": [short(trait.statement, 40) for trait in profile.traits],
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
