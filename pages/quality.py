"""Data quality: every row accounted for, and what could not be used."""

from orghealth import ui

view = ui.current_view()
ui.page_header(
    "Data quality",
    "Every row of every file is either loaded or set aside with a reason. Fix the reasons in "
    "the exports and load them again to bring the numbers closer to the truth.",
    view,
)
ui.quality_report(view)
