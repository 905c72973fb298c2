"""Sales time spent on operations, and the operations capacity behind it."""

from orghealth import ui

view = ui.current_view()
ui.page_header(
    "Sales time and operations capacity",
    "Are salespeople doing order handling and billing instead of selling, and is that because "
    "operations is short of people?",
    view,
)
ui.signal_family(view, ui.FAMILY_PAGES["pages/sales_ops.py"])
