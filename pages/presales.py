"""Pre-sales drifting into Sales, and how much Sales and Delivery work together."""

from orghealth import ui

view = ui.current_view()
ui.page_header(
    "Pre-sales and collaboration",
    "Are pre-sales engineers being pulled away from delivery, and do delivery people still "
    "take part in sales calls and scoping?",
    view,
)
ui.signal_family(view, ui.FAMILY_PAGES["pages/presales.py"])
