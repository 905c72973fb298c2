"""Promises made at the close, scoping, and time to go-live."""

from orghealth import ui

view = ui.current_view()
ui.page_header(
    "Promises, scoping and go-live",
    "Are deals closed with promises Delivery never saw, projects scoped too small, and "
    "customers waiting longer than they were told?",
    view,
)
ui.signal_family(view, ui.FAMILY_PAGES["pages/promises.py"])
