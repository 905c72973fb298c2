"""orghealth dashboard: the router and the shared frame (data source and filters).

Run with `orghealth demo`, `orghealth serve --db FILE`, or `streamlit run app.py` with
ORGHEALTH_DB set. Pages only lay out; the frame and the caches live in orghealth.ui.
"""

from pathlib import Path

import streamlit as st

from orghealth import ui

HERE = Path(__file__).resolve().parent

# Sections of the sidebar, each a list of (page file, title, address).
# Adding a page is one line here. A listed file that does not exist yet is left out.
SECTIONS = {
    "At a glance": [
        ("pages/overview.py", "Overview", "overview"),
    ],
    "Warning signs": [
        ("pages/org.py", "Org structure", "org"),
        ("pages/services.py", "Services initiatives and blame", "services"),
        ("pages/sales_ops.py", "Sales time and operations", "sales-ops"),
        ("pages/promises.py", "Promises, scoping and go-live", "promises"),
        ("pages/presales.py", "Pre-sales and collaboration", "presales"),
    ],
    "For the board": [
        ("pages/case.py", "The case for an independent line", "case"),
        ("pages/snapshot.py", "Board snapshot", "snapshot"),
    ],
    "Behind the numbers": [
        ("pages/rules.py", "Rules", "rules"),
        ("pages/quality.py", "Data quality", "quality"),
    ],
}

st.set_page_config(page_title="orghealth", layout="wide", initial_sidebar_state="expanded")

pages = {
    section: [
        st.Page(HERE / path, title=title, url_path=url, default=(url == "overview"))
        for path, title, url in entries
        if (HERE / path).is_file()
    ]
    for section, entries in SECTIONS.items()
}
navigation = st.navigation({s: p for s, p in pages.items() if p}, expanded=True)
ui.sidebar_frame()
navigation.run()
