"""One palette for every chart, page and snapshot: status colours, one colour per function,
and a Plotly template with type large enough to read on a projector."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Traffic lights. Text labels go with the colours everywhere, so colour is never the only cue.
STATUS_COLORS = {
    "green": "#1B873F",
    "amber": "#E8A200",
    "red": "#C62828",
    "insufficient_data": "#8A8F98",
}
STATUS_LABELS = {
    "green": "Healthy",
    "amber": "Watch",
    "red": "Act now",
    "insufficient_data": "Not enough data",
}
# st.badge colours closest to each status
STATUS_BADGE = {"green": "green", "amber": "orange", "red": "red", "insufficient_data": "gray"}
STATUS_ORDER = ["red", "amber", "green", "insufficient_data"]

# One colour per function; none of them is a traffic-light colour.
FUNCTION_COLORS = {
    "sales": "#1F5FAD",
    "presales": "#6FA8DC",
    "ps": "#7B3FA0",
    "ops": "#A0522D",
    "support": "#138D90",
    "engineering": "#4A5A6A",
    "exec": "#222222",
    "other": "#B0B4BA",
}
FUNCTION_LABELS = {
    "sales": "Sales",
    "presales": "Pre-sales",
    "ps": "Professional Services",
    "ops": "Operations",
    "support": "Support",
    "engineering": "Engineering",
    "exec": "Leadership",
    "other": "Other",
}
UNKNOWN_FUNCTION_COLOR = "#D5D8DC"

# A highlight for "this Services unit reports into Sales"
HIGHLIGHT = STATUS_COLORS["red"]

# A sequence for groups that are not functions (teams, units), distinct from the statuses.
SERIES_COLORS = ["#1F5FAD", "#7B3FA0", "#138D90", "#A0522D", "#4A5A6A", "#6FA8DC",
                 "#B07AA1", "#76B7B2", "#9C755F", "#BAB0AC"]

# Lines for groups other than the one a sign's status comes from.
NEUTRAL_LINES = ["#6B7785", "#9AA5B1", "#3E4A57", "#B9C2CC", "#7F8C99"]

FONT_FAMILY = "DejaVu Sans, Source Sans Pro, Arial, sans-serif"
TEXT_COLOR = "#1E1E1E"
GRID_COLOR = "#E3E5E8"


def function_color(function: str | None) -> str:
    return FUNCTION_COLORS.get((function or "").lower(), UNKNOWN_FUNCTION_COLOR)


def function_label(function: str | None) -> str:
    if not function:
        return "Unknown"
    return FUNCTION_LABELS.get(function.lower(), function.capitalize())


def status_color(status: str | None) -> str:
    return STATUS_COLORS.get(status or "", STATUS_COLORS["insufficient_data"])


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", STATUS_LABELS["insufficient_data"])


TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=16, color=TEXT_COLOR),
        title=dict(font=dict(size=20), x=0, xanchor="left"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=SERIES_COLORS,
        xaxis=dict(showgrid=False, linecolor="#9AA0A6", ticks="outside",
                   tickfont=dict(size=15), title=dict(font=dict(size=16))),
        yaxis=dict(gridcolor=GRID_COLOR, zeroline=False, tickfont=dict(size=15),
                   title=dict(font=dict(size=16))),
        legend=dict(font=dict(size=15), orientation="h", yanchor="bottom", y=1.02,
                    xanchor="left", x=0, title=dict(text="")),
        hoverlabel=dict(font=dict(size=15)),
        margin=dict(l=60, r=30, t=50, b=50),
    )
)
pio.templates["orghealth"] = TEMPLATE
TEMPLATE_NAME = "orghealth"
