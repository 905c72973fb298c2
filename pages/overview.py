"""The overview: every warning sign at a glance, and what changed."""

from orghealth import ui

view = ui.current_view()
ui.page_header(
    "Is the Sales and Services relationship healthy?",
    "Each card is one warning sign. Open a card to see the chart and the rows behind it.",
    view,
)
results = ui.signal_results(view)
ui.health_headline(results)
ui.signal_cards(results)
ui.what_changed(view, results)
