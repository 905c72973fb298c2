"""Board snapshot: the dashboard's numbers as a deck to hand to the board."""

import streamlit as st

from orghealth import ui
from orghealth.errors import InputError
from orghealth.snapshot.build import DOWNLOADS, SnapshotOptions, snapshot_file

view = ui.current_view()
ui.page_header(
    "Board snapshot",
    "One file for the board: the health summary, a page for every sign at watch or act "
    "level with its chart and what to do, the case for an independent reporting line, and "
    "an appendix on method and data quality. The numbers are the ones this dashboard shows "
    "for the same window.",
    view,
)

label = st.radio("Format", list(DOWNLOADS), key="snapshot_format", horizontal=True)
left, right = st.columns(2)
pseudonymize = left.checkbox(
    "Replace people's names with aliases", key="snapshot_pseudonymize",
    help="Every name becomes a stable alias such as 'Person 7F3A', in charts and tables too.")
min_group = right.number_input(
    "Leave out groups smaller than (people)", min_value=1, max_value=100, step=1,
    value=view.min_group_size, key="snapshot_min_group")

if st.button("Build the snapshot", type="primary", key="snapshot_build"):
    bar = st.progress(0.0, text="Starting…")
    options = SnapshotOptions(date_from=view.window[0], date_to=view.window[1],
                              team=view.team, pseudonymize=pseudonymize,
                              min_group_size=int(min_group))
    try:
        built = snapshot_file(view.db, label, options,
                              lambda f, m: bar.progress(min(max(f, 0.0), 1.0), text=m))
    except InputError as exc:
        bar.empty()
        st.error(str(exc))
    else:
        bar.progress(1.0, text=f"Ready: {built[0]}")
        st.session_state["snapshot_built"] = (view.key, label, pseudonymize, int(min_group),
                                              built)

ready = st.session_state.get("snapshot_built")
if ready and ready[:4] == (view.key, label, pseudonymize, int(min_group)):
    name, data, mime = ready[4]
    st.download_button(f"Download {name}", data, file_name=name, mime=mime,
                       key="snapshot_download", on_click="ignore", type="primary")
elif ready:
    st.caption("The options changed since the last snapshot: build it again to download.")
