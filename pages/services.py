"""Services initiatives, blame and proactive warnings."""

from orghealth import ui

view = ui.current_view()
ui.page_header(
    "Services initiatives, blame and warnings",
    "Is Professional Services' own improvement work being pushed aside for revenue work, "
    "blamed for problems it warned about, and going quiet about risks?",
    view,
)
ui.signal_family(view, ui.FAMILY_PAGES["pages/services.py"])
