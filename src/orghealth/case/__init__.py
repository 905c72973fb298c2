"""The case for an independent reporting line, shared by the case page, `orghealth compare` and
the board snapshot.

- ``measures``: what is measured (the case's measures, the design, a finding), no SQL, no numbers
- ``statistics``: intervals by resampling whole units or people, never single rows
- ``compare``: the comparison itself, from the SQL in ``queries/compare/``
- ``words``: the sentences a board reads, from the numbers
- ``charts``: the Plotly figures, for the page and the snapshot only (``compare`` draws nothing)
- ``view``: the comparison as the dashboard caches it
"""
