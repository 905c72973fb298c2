"""The dashboard's shared frame: where the data comes from, the filters, the caches, and the
widgets every page uses. Pages call these and only lay out what they get back."""

from __future__ import annotations

import html
import os
import re
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas  # noqa: F401  (see below)
import polars as pl
import streamlit as st

from orghealth import charts, db, export, sql, theme
from orghealth.errors import InputError

# pandas is imported whole here, before sessions run side by side: Plotly and Streamlit pick it
# out of sys.modules, and a session could otherwise find it half-imported by another.

DB_ENV = "ORGHEALTH_DB"
ALL_TEAMS = "All teams"
MIN_GROUP_SIZE = 5

# Which page shows which signs. A sign missing here still shows on the overview.
FAMILY_PAGES = {
    "pages/org.py": ["ps_reports_into_sales"],
    "pages/services.py": ["deferred_initiatives", "scapegoating", "proactive_decline"],
    "pages/sales_ops.py": ["sales_in_operations", "ops_understaffed"],
    "pages/promises.py": ["promises_without_delivery", "underscoping", "time_to_live"],
    "pages/presales.py": ["presales_drift", "cross_team_collaboration"],
}
PAGE_OF_SIGNAL = {sid: page for page, ids in FAMILY_PAGES.items() for sid in ids}

# Column names that read better said differently than display_name would say them.
COLUMN_WORDS = {
    "person_id": "Person", "ticket_id": "Ticket", "deal_id": "Deal", "project_id": "Project",
    "n": "Based on", "value": "Value", "ps": "Professional Services", "unit": "Team",
    "ps_under_sales": "Services under Sales", "rows_read": "Rows read",
    "rows_loaded": "Rows loaded", "rows_rejected": "Rows set aside", "out_of": "Out of", "rule_set": "Rule set",
    "class": "Class", "matched": "Rows matched", "created_at": "Created", "resolved_at": "Resolved",
    "closed_at": "Closed", "direct_reports": "Direct reports",
    "total_reports": "Everyone below", "unit_headcount": "Team headcount",
    "unit_layers": "Layers in the team", "unit_median_span": "Typical span in the team", "go_live_at": "Went live", "promised_go_live": "Promised go-live",
}


# ---------------------------------------------------------------- where the data is

def data_folder() -> Path:
    """The app's own folder for uploads and their databases."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "orghealth"


def safe_file_name(name: str) -> str:
    """An uploaded file's name reduced to a plain name: no folders, no hidden files."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^A-Za-z0-9._ ()-]", "_", base).strip(" .")
    stem, dot, ext = base.rpartition(".")
    if len(base) > 120 and dot and len(ext) <= 10:   # shorten the name, keep its type
        return stem[:110] + "." + ext
    return base[:120] or "export"


@dataclass(frozen=True)
class View:
    """What the viewer has chosen: the database and the filters."""

    db: str
    fingerprint: str
    first_day: date | None
    last_day: date | None
    date_from: date | None
    date_to: date | None
    team: str | None
    min_group_size: int = MIN_GROUP_SIZE

    @property
    def window(self) -> tuple[date | None, date | None]:
        """The window as signals take it: None where it is the data's own bound."""
        start = None if self.date_from == self.first_day else self.date_from
        end = None if self.date_to == self.last_day else self.date_to
        return start, end

    @property
    def key(self) -> tuple:
        return (self.db, self.fingerprint, *self.window, self.team, self.min_group_size)


@st.cache_resource(max_entries=8, show_spinner=False)
def _connection(path: str, fingerprint: str):
    """One read-only connection per database file version; a new file gets a new one.

    DuckDB hands out the database it already has open under the same file name, even once an
    ingest has swapped a new file in (a link is no help: it resolves the name). So each version
    is opened through a hard link of its own, removed again once the file is open."""
    target = Path(path)
    link = target.with_name(f".{target.name}.view-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        os.link(target, link)
    except OSError:   # a folder we cannot write to: open the file by its name
        return db.connect_readonly(path)
    try:
        return db.connect_readonly(link)
    except InputError as exc:
        exc.file = target   # speak of the file the viewer chose
        raise
    finally:
        try:
            link.unlink()
        except OSError:
            pass


def cursor(view: View):
    """A cursor of its own for each query: one connection is not safe across threads."""
    return _connection(view.db, view.fingerprint).cursor()


@st.cache_data(max_entries=1024, show_spinner=False)
def _query(path: str, fingerprint: str, name: str, params: tuple) -> pl.DataFrame:
    return sql.run(_connection(path, fingerprint).cursor(), name, dict(params))


@st.cache_data(max_entries=64, show_spinner=False)
def _data_window(path: str, fingerprint: str) -> tuple[date | None, date | None]:
    from orghealth.signals import data_window

    return data_window(_connection(path, fingerprint).cursor())


def query(view: View, name: str, **params) -> pl.DataFrame:
    """A named query's rows, cached on the query, its parameters and the database version."""
    return _query(view.db, view.fingerprint, name, tuple(sorted(params.items())))


def _signal_params(window, team, min_group_size):
    from orghealth.signals import SignalParams

    return SignalParams(date_from=window[0], date_to=window[1], team=team,
                        min_group_size=min_group_size)


@st.cache_data(max_entries=256, show_spinner=False)
def _evidence(path: str, fingerprint: str, signal_id: str, window: tuple, team, min_group):
    from orghealth import signals

    con = _connection(path, fingerprint).cursor()
    return signals.evidence(con, signal_id, _signal_params(window, team, min_group))


@st.cache_data(max_entries=32, show_spinner=False)
def _check(path: str, fingerprint: str) -> dict:
    from orghealth.check import check_report

    return check_report(_connection(path, fingerprint).cursor())


@st.cache_data(max_entries=256, show_spinner="Working out the warning signs…")
def _signals_and_earlier(path: str, fingerprint: str, window: tuple, team: str | None,
                         min_group: int, earlier_to: date | None):
    """The signs for the view and, for "what changed", for the same view ending earlier: each
    sign's query runs once for both."""
    from orghealth import signals

    con = _connection(path, fingerprint).cursor()
    params = _signal_params(window, team, min_group)
    if earlier_to is None:
        return signals.evaluate_all(con, params), None
    return signals.evaluate_all_and_earlier(con, params, earlier_to)


def signal_results(view: View) -> list:
    return _signals_and_earlier(view.db, view.fingerprint, view.window, view.team,
                                view.min_group_size, earlier_end(view))[0]


def earlier_results(view: View) -> list | None:
    """The signs for the same view ending CHANGE_MONTHS earlier (None when the period is too
    short to hold both)."""
    return _signals_and_earlier(view.db, view.fingerprint, view.window, view.team,
                                view.min_group_size, earlier_end(view))[1]


def signal_result(view: View, signal_id: str):
    for r in signal_results(view):
        if r.id == signal_id:
            return r
    return None


def evidence(view: View, signal_id: str) -> pl.DataFrame:
    return _evidence(view.db, view.fingerprint, signal_id, view.window, view.team,
                     view.min_group_size)


def check_report(view: View) -> dict:
    return _check(view.db, view.fingerprint)


def health_summary(results: list):
    from orghealth.signals import health_summary as summarise

    return summarise(results)


# ---------------------------------------------------------------- the sidebar frame

SOURCE_LABELS = {
    "env": "The database this dashboard was opened on",
    "bundled": "The bundled demo company",
    "file": "A database file on this computer",
    "upload": "Exports I upload here",
}


def _source_options() -> list[str]:
    opts = ["env"] if os.environ.get(DB_ENV) else []
    return opts + ["bundled", "file", "upload"]


def _bundled_db() -> Path:
    from orghealth.serve import ensure_demo_db

    with st.spinner("Loading the bundled company (first time only)…"):
        return ensure_demo_db()


def _choose_database() -> Path | None:
    """The data-source part of the sidebar; returns the database to show, if any."""
    with st.sidebar.expander("Data source", expanded=not os.environ.get(DB_ENV)):
        source = st.radio("Show", _source_options(), format_func=SOURCE_LABELS.get,
                          key="source", label_visibility="collapsed")
        if source == "env":
            path = Path(os.environ[DB_ENV])
        elif source == "bundled":
            path = _bundled_db()
        elif source == "file":
            typed = st.text_input("Database file", key="source_path",
                                  placeholder="/path/to/orghealth.duckdb")
            path = Path(typed).expanduser() if typed.strip() else None
        else:
            path = _upload_panel()
    if path is not None and not path.is_file():
        st.sidebar.warning(f"There is no database at {path}. Build one with "
                           "`orghealth ingest <exports> --db <file>`, or pick another source.")
        return None
    return path


def _upload_panel() -> Path | None:
    files = st.file_uploader(
        "Exports (CSV or JSON from Jira, Harvest, BambooHR, HubSpot…)",
        type=[t.lstrip(".") for t in UPLOAD_TYPES], accept_multiple_files=True,
        key="upload_files", help="Several files at once, or one zip of them.",
    )
    if files and st.button("Load these exports", key="upload_load", type="primary"):
        _ingest_uploads(files)
    summary = st.session_state.get("upload_summary")
    if summary is not None:
        st.caption("What each file gave")
        st.dataframe(summary, hide_index=True)
    found = st.session_state.get("upload_db")
    return Path(found) if found else None


def _ingest_uploads(files) -> None:
    from orghealth.ingest import ingest_paths

    batch = data_folder() / "uploads" / f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    inbox = batch / "files"
    inbox.mkdir(parents=True, exist_ok=True)
    try:
        paths = save_uploads([(f.name, f.getvalue()) for f in files], inbox)
    except InputError as exc:
        st.error(str(exc))
        return
    bar = st.progress(0.0, text="Reading the files…")

    def progress(*args, **kwargs):
        fraction, text = _progress_of(args, kwargs)
        if fraction is not None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=text or "Loading…")

    target_db = batch / "orghealth.duckdb"
    try:
        ingest_paths(paths, target_db, progress=progress)
    except InputError as exc:
        bar.empty()
        st.error(f"These files could not be loaded.\n\n{exc}")
        return
    bar.progress(1.0, text="Loaded.")
    st.session_state["upload_db"] = str(target_db)
    con = db.connect_readonly(target_db)
    try:
        st.session_state["upload_summary"] = display_frame(
            sql.run(con, "views/ingest_accounting"))
    finally:
        con.close()


MAX_UNPACKED_BYTES = 2 << 30  # what a zip may unpack to
MAX_ZIP_MEMBERS = 5000
MAX_FILE_BYTES = 200 << 20    # one uploaded file (as server.maxUploadSize)
UPLOAD_TYPES = (".csv", ".tsv", ".txt", ".json", ".parquet", ".zip")


def check_upload(name: str, size: int, shown_as: str | None = None) -> None:
    """Refuse, in plain words, a file of a kind or size the dashboard does not load."""
    ext = Path(safe_file_name(name)).suffix.lower()
    if ext not in UPLOAD_TYPES:
        raise InputError(f"files of type '{ext or 'without an extension'}' cannot be loaded",
                         file=shown_as or name,
                         hint="upload CSV, JSON or Parquet exports, or one zip of them")
    if size > MAX_FILE_BYTES:
        raise InputError(f"the file is {size / 2**20:,.0f} MB, more than the "
                         f"{MAX_FILE_BYTES >> 20} MB one upload may be", file=shown_as or name,
                         hint="load very large exports with 'orghealth ingest' instead")


def save_uploads(files: list[tuple[str, bytes]], inbox: Path) -> list[Path]:
    """Write uploaded files (and the files inside uploaded zips) into ``inbox`` under plain,
    unique names. Nothing lands outside ``inbox``, whatever the names say."""
    inbox = inbox.resolve()
    inbox.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def put(name: str, data: bytes) -> None:
        base = safe_file_name(name)
        target, k = inbox / base, 1
        while target.exists():
            k += 1
            stem, dot, ext = base.rpartition(".")
            target = inbox / (f"{stem} ({k}){dot}{ext}" if dot else f"{base} ({k})")
        if target.resolve().parent != inbox:
            raise InputError("an uploaded file name could not be used", file=name)
        target.write_bytes(data)
        written.append(target)

    for name, data in files:
        check_upload(name, len(data))
        if name.lower().endswith(".zip"):
            _unpack_zip(name, data, put)
        else:
            put(name, data)
    return written


def _unpack_zip(name: str, data: bytes, put) -> None:
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError("this is not a readable zip file", file=name,
                         hint="zip the exports again, or upload them one by one") from exc
    members = [m for m in archive.infolist() if not m.is_dir()
               and "__MACOSX" not in m.filename and not safe_file_name(m.filename) == "export"
               and not m.filename.rsplit("/", 1)[-1].startswith(".")]
    if len(members) > MAX_ZIP_MEMBERS:
        raise InputError(f"the zip holds {len(members):,} files, more than {MAX_ZIP_MEMBERS:,}",
                         file=name, hint="upload the export folders one at a time")
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise InputError("the zip unpacks to more than 2 GB", file=name,
                         hint="load very large exports with 'orghealth ingest' instead")
    for m in members:
        if m.filename.lower().endswith(".zip"):
            raise InputError("a zip inside the zip cannot be loaded", file=f"{name}: {m.filename}",
                             hint="unpack the inner zip and upload its files")
        check_upload(m.filename, m.file_size, shown_as=f"{name}: {m.filename}")
    for m in members:
        put(m.filename, archive.read(m))


def _progress_of(args, kwargs) -> tuple[float | None, str | None]:
    """Read a progress report whatever its shape: (fraction), (done, total) or text."""
    nums = [a for a in args if isinstance(a, int | float) and not isinstance(a, bool)]
    texts = [a for a in args if isinstance(a, str)]
    text = kwargs.get("message") or kwargs.get("text") or (texts[0] if texts else None)
    if "done" in kwargs and kwargs.get("total"):
        return kwargs["done"] / kwargs["total"], text
    if len(nums) >= 2 and nums[1]:
        return nums[0] / nums[1], text
    if len(nums) == 1:
        return float(nums[0]), text
    return None, text


# ---------------------------------------------------------------- who is looking

def access_settings() -> dict:
    """The [orghealth] table of .streamlit/secrets.toml: require_login,
    hide_names_unless_signed_in (docs/reliability.md). Empty when there is no secrets file."""
    try:
        return dict(st.secrets.get("orghealth", {}))
    except Exception:   # no secrets file at all
        return {}


def signed_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:   # no [auth] configured: nobody can be signed in
        return False


def require_sign_in() -> None:
    """With require_login on, a viewer who is not signed in sees only a sign-in button."""
    if access_settings().get("require_login") and not signed_in():
        st.title("orghealth")
        st.write("Sign in to see the dashboard.")
        st.button("Sign in", key="sign_in", on_click=st.login, type="primary")
        st.stop()


@st.cache_resource(max_entries=8, show_spinner=False)
def _pseudonymizer(path: str, fingerprint: str):
    from orghealth.privacy import Pseudonymizer

    return Pseudonymizer.from_db(_connection(path, fingerprint).cursor())


def hiding_names() -> object | None:
    """The aliaser when names are hidden from this viewer, else None."""
    view = st.session_state.get("_view")
    if view is None or not access_settings().get("hide_names_unless_signed_in") or signed_in():
        return None
    return _pseudonymizer(view.db, view.fingerprint)


def sidebar_frame() -> View | None:
    """The data source and filters in the sidebar; the chosen view for the pages."""
    require_sign_in()
    path = _choose_database()
    if path is None:
        st.session_state["_view"] = None
        return None
    path = path.resolve()
    fp = db.fingerprint(path)
    try:
        # the same default window as 'orghealth signals', so a fresh view matches the CLI
        first, last = _data_window(str(path), fp)
        teams = _query(str(path), fp, "views/teams", (("min_group_size", MIN_GROUP_SIZE),))
        # a team under the privacy minimum is not offered: its name would single it out
        teams = teams.filter(pl.col("headcount") >= MIN_GROUP_SIZE)
    except InputError as exc:
        st.sidebar.error(str(exc))
        st.session_state["_view"] = None
        return None
    date_from, date_to = first, last
    if first is not None and last is not None:
        picked = st.sidebar.date_input(
            "Period", value=(first, last), min_value=first, max_value=last, key="period",
            bind="query-params", format="YYYY-MM-DD",
            help="The months the warning signs look at. The link in the address bar keeps it.",
        )
        if isinstance(picked, tuple | list) and len(picked) == 2:
            date_from, date_to = picked
        elif isinstance(picked, tuple | list) and len(picked) == 1:
            date_from = picked[0]
    # plain names as options: the link in the address bar carries the name as it is shown
    team = st.sidebar.selectbox(
        "Team", [ALL_TEAMS, *teams["unit"].to_list()], key="team", bind="query-params",
        help="Only this team's people and work.",
    )
    view = View(db=str(path), fingerprint=fp, first_day=first, last_day=last,
                date_from=date_from, date_to=date_to,
                team=None if team in (None, ALL_TEAMS) else team)
    st.sidebar.caption(f"Data: {path.name}" + (f" · {first:%b %Y} to {last:%b %Y}"
                                                if first and last else ""))
    st.session_state["_view"] = view
    return view


def _through_the_router() -> None:
    """Streamlit sees the pages/ folder beside app.py and, until app.py has run once in this
    server, serves a page on its own (no sidebar frame, its own page list). A link straight
    to a page right after the server starts would land there: run it again through app.py."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_view() -> View:
    """The view the sidebar set up; stops the page with a plain explanation when there is none."""
    _through_the_router()
    view = st.session_state.get("_view")
    if view is None:
        st.info("There is no data to show yet. Open **Data source** in the sidebar and pick the "
                "bundled demo company, a database file, or upload your own exports.")
        st.stop()
    return view


# ---------------------------------------------------------------- shared widgets

def page_header(title: str, intro: str, view: View | None = None) -> None:
    st.title(title)
    st.markdown(intro)
    if view is not None:
        st.caption(describe_view(view))


def describe_view(view: View) -> str:
    parts = []
    if view.date_from and view.date_to:
        parts.append(f"{view.date_from:%d %b %Y} to {view.date_to:%d %b %Y}")
    parts.append(view.team or "all teams")
    return "Showing " + ", ".join(parts) + f". Groups under {view.min_group_size} people are hidden."


def display_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows for people's eyes: column names said in words, empty text as blank."""
    aliaser = hiding_names()
    if aliaser is not None:
        frame = aliaser.frame(frame)
    text = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(pl.col(text).fill_null("")).rename(
        {c: display_column(c) for c in frame.columns})


def display_column(column: str) -> str:
    return COLUMN_WORDS.get(column, charts.display_name(column))


def status_stripe(container_key: str, status: str) -> None:
    """A thick left edge in the status colour on a bordered container, readable from the
    back of a room."""
    key = re.sub(r"[^A-Za-z0-9_-]", "", container_key)
    st.html(f"<style>.st-key-{key} {{ border-left: 10px solid {theme.status_color(status)} "
            f"!important; }}</style>")


def status_badge(status: str) -> None:
    st.badge(theme.status_label(status), color=theme.STATUS_BADGE.get(status, "gray"))


def show_rows(frame: pl.DataFrame, key: str, file_stem: str, label: str = "Show the rows") -> None:
    """A drill-down: the rows behind a number, and a spreadsheet-safe CSV of them."""
    with st.expander(f"{label} ({frame.height:,})"):
        if frame.is_empty():
            st.write("No rows behind this number in the current view.")
            return
        st.dataframe(display_frame(frame), hide_index=True, key=f"rows_{key}")
        st.download_button(
            "Download these rows (CSV)", export.to_csv_bytes(display_frame(frame)),
            file_name=f"{safe_file_name(file_stem)}.csv", mime="text/csv",
            key=f"csv_{key}", on_click="ignore",
        )


def chart(fig, key: str) -> None:
    aliaser = hiding_names()
    if aliaser is not None:
        fig = aliaser.figure(fig)
    st.plotly_chart(fig, key=key, theme=None, config={"displaylogo": False})


def signal_card(result, page: str | None) -> None:
    """One sign on the overview: traffic light, value, trend, one line of meaning, a link."""
    status_stripe(f"card_{result.id}", result.status)
    with st.container(border=True, key=f"card_{result.id}"):
        status_badge(result.status)
        if result.status == "insufficient_data":
            st.metric(result.title, "–", help=result.reason)
            st.caption(f"Not enough data: {result.reason}." if result.reason else
                       "Not enough data yet.")
        else:
            st.metric(result.title, charts.format_value(result.value, result.unit),
                      help=threshold_words(result))
            st.caption(value_words(result))
            trend = charts.sparkline_svg(result)
            if trend:
                # st.html drops SVG; the SVG carries no text from the data
                st.markdown(trend, unsafe_allow_html=True)
        st.caption(first_sentence(result.meaning))
        if page:
            st.page_link(page, label="See why", width="stretch")


def value_words(result) -> str:
    """What the number is of, and where it comes from: '… in PS North, Oct 2026'."""
    text = getattr(result, "unit_label", "") or ""
    where = [str(w) for w in (getattr(result, "group", None),) if w]
    period = getattr(result, "period", None)
    if period:
        where.append(f"{period:%b %Y}")
    return (text + (" · " if text and where else "") + ", ".join(where)).strip()


def first_sentence(text: str | None) -> str:
    text = (text or "").strip().replace("\n", " ")
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text


def threshold_words(result) -> str:
    unit = result.unit
    worse = "above" if getattr(result, "higher_is_worse", True) else "below"
    parts = []
    if result.amber is not None:
        parts.append(f"watch {worse} {charts.format_value(result.amber, unit)}")
    if result.red is not None:
        parts.append(f"act {worse} {charts.format_value(result.red, unit)}")
    return "Thresholds: " + ", ".join(parts) if parts else ""


def signal_block(view: View, result) -> None:
    """One sign in full on its family page: status, number, chart with thresholds, rows."""
    status_stripe(f"sign_{result.id}", result.status)
    with st.container(border=True, key=f"sign_{result.id}"):
        st.subheader(result.title, anchor=result.id)
        left, right = st.columns([1, 3], vertical_alignment="top")
        with left:
            status_badge(result.status)
            if result.status == "insufficient_data":
                st.metric(result.title, "–", label_visibility="collapsed")
            else:
                st.metric(result.title, charts.format_value(result.value, result.unit),
                          label_visibility="collapsed")
                st.markdown(value_words(result))
                st.caption(threshold_words(result))
                if getattr(result, "n", None) is not None:
                    st.caption(f"Based on {result.n:,} {getattr(result, 'n_label', '')}".strip())
                if getattr(result, "since", None):
                    st.caption(f"{theme.status_label(result.status)} since {result.since:%B %Y}")
            st.markdown(result.meaning or "")
        with right:
            if result.status == "insufficient_data" and (result.series is None
                                                         or result.series.is_empty()):
                reason = result.reason or ""
                st.info(f"**Not enough data to judge this sign.** {reason[:1].upper()}"
                        f"{reason[1:]}\n\n"
                        "The Data quality page shows what each loaded file gave.")
            else:
                chart(charts.signal_figure(result), key=f"fig_{result.id}")
        why, action = getattr(result, "why", None), getattr(result, "action", None)
        if why or action:
            with st.expander("Why it matters and what to do"):
                if why:
                    st.markdown(f"**Why it matters.** {why}")
                if action:
                    st.markdown(f"**What to do.** {action}")
        show_rows(evidence(view, result.id), key=result.id, file_stem=result.id)


def signal_family(view: View, signal_ids: list[str]) -> None:
    """Every sign of one page, in the catalog's words."""
    results = {r.id: r for r in signal_results(view)}
    shown = [results[s] for s in signal_ids if s in results]
    if not shown:
        st.info("These warning signs are not available for this database.")
        return
    for result in shown:
        signal_block(view, result)


# ---------------------------------------------------------------- overview

def health_headline(results: list) -> None:
    """One line an executive reads first: how many signs need action, and which."""
    summary = health_summary(results)
    counts = [(len(summary.red), "red"), (len(summary.amber), "amber"),
              (len(summary.green), "green"), (len(summary.insufficient), "insufficient_data")]
    with st.container(horizontal=True, key="health_counts"):
        for count, status in counts:
            st.metric(theme.status_label(status), count, border=True, width=180)
    if summary.flagged:
        lines = []
        for r in summary.flagged:
            since = f", since {r.since:%B %Y}" if r.since else ""
            lines.append(f"- **{html.escape(r.title)}**: {theme.status_label(r.status).lower()}"
                         f" at {charts.format_value(r.value, r.unit)}{since}")
        st.markdown("\n".join(lines))
    elif results:
        st.success("No warning sign is amber or red in this period.")


def signal_cards(results: list, per_row: int = 3) -> None:
    ordered = sorted(results, key=lambda r: theme.STATUS_ORDER.index(r.status)
                     if r.status in theme.STATUS_ORDER else len(theme.STATUS_ORDER))
    for start in range(0, len(ordered), per_row):
        for col, result in zip(st.columns(per_row), ordered[start:start + per_row],
                               strict=False):
            with col:
                signal_card(result, PAGE_OF_SIGNAL.get(result.id))


CHANGE_MONTHS = 3   # "what changed" looks this far back


def _months_before(day: date, months: int) -> date:
    m = day.month - 1 - months
    year, month = day.year + m // 12, m % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31,
            30, 31, 31, 30, 31, 30, 31][month - 1]
    return date(year, month, min(day.day, last))


def earlier_end(view: View, months: int = CHANGE_MONTHS) -> date | None:
    """Where the earlier view of "what changed" ends; None when the period is too short."""
    if view.date_to is None:
        return None
    earlier = _months_before(view.date_to, months)
    if view.date_from and earlier <= view.date_from:
        return None
    return earlier


def what_changed(view: View, results: list) -> None:
    """Signs whose status moved compared with the same view ending a few months earlier."""
    st.header("What changed")
    if view.date_to is None:
        return
    earlier_end_day = earlier_end(view)
    if earlier_end_day is None:
        st.write("The period is too short to compare with an earlier one.")
        return
    before = {r.id: r for r in earlier_results(view)}
    rows = []
    for r in results:
        old = before.get(r.id)
        if old is None or old.status == r.status:
            continue
        rows.append(f"- **{html.escape(r.title)}**: {theme.status_label(old.status).lower()} "
                    f"({charts.format_value(old.value, old.unit)}) → "
                    f"{theme.status_label(r.status).lower()} "
                    f"({charts.format_value(r.value, r.unit)})")
    st.caption(f"Compared with the same view as of {earlier_end_day:%d %B %Y}.")
    if rows:
        st.markdown("\n".join(rows))
    else:
        st.write(f"No warning sign changed colour since {earlier_end_day:%B %Y}.")


# ---------------------------------------------------------------- tables and pickers

RULE_SET_TITLES = {
    "function": "Departments and titles to functions",
    "ticket": "Tickets: initiatives, revenue work, warnings, escalations",
    "time": "Time entries: selling, operations, delivery, scoping",
    "deferral": "Ticket changes that count as deferring",
}


def groups(frame: pl.DataFrame, column: str):
    """(value, rows) for each value of a column, in order of first appearance."""
    if frame.is_empty():
        return []
    return [(v, frame.filter(pl.col(column) == v))
            for v in frame[column].unique(maintain_order=True).to_list()]


def with_function_names(frame: pl.DataFrame, column: str = "function") -> pl.DataFrame:
    return frame.with_columns(pl.col(column).map_elements(theme.function_label,
                                                          return_dtype=pl.String))


def table(frame: pl.DataFrame, key: str, empty: str = "Nothing to show.") -> None:
    if frame.is_empty():
        st.write(empty)
        return
    st.dataframe(display_frame(frame), hide_index=True, key=key)


def function_legend() -> None:
    """The function colours as a legend (charts that colour by function share them)."""
    items = "".join(
        f'<div style="margin:4px 0;font-size:1rem"><span style="display:inline-block;'
        f'width:16px;height:16px;border-radius:3px;background:{color};margin-right:8px;'
        f'vertical-align:middle"></span>{html.escape(label)}</div>'
        for label, color in charts.function_legend()
    )
    items += (f'<div style="margin:10px 0 4px;font-size:1rem"><span style="display:inline-block;'
              f'width:16px;height:16px;border:4px solid {theme.HIGHLIGHT};margin-right:8px;'
              f'vertical-align:middle"></span>Services under Sales</div>')
    st.markdown(items, unsafe_allow_html=True)


def month_end(month: date) -> date:
    """The last day of a month: reporting lines are read as of that day."""
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def month_picker(view: View, key: str) -> date | None:
    """Pick a month with people in it; starts at the last month of the period."""
    months = query(view, "views/months")["month"].to_list()
    if not months:
        return None
    default = max((m for m in months if view.date_to is None or m <= view.date_to),
                  default=months[-1])
    if key in st.session_state and st.session_state[key] not in months:
        del st.session_state[key]
    return st.select_slider("As of", options=months, value=default, key=key,
                            format_func=lambda m: f"{m:%b %Y}")


# ---------------------------------------------------------------- data quality

def mask_small_units(frame: pl.DataFrame, unit: str, size: str, minimum: int) -> pl.DataFrame:
    """Rows of a team under the privacy minimum keep their numbers but not the team's name."""
    if frame.is_empty() or unit not in frame.columns or size not in frame.columns:
        return frame
    return frame.with_columns(
        pl.when(pl.col(size) >= minimum).then(pl.col(unit))
        .otherwise(pl.lit(f"A team of fewer than {minimum} people")).alias(unit))


def records(rows: list[dict], drop: tuple[str, ...] = ()) -> pl.DataFrame:
    """A list of report rows as a frame, without the columns that are only for machines."""
    frame = pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()
    return frame.drop([c for c in drop if c in frame.columns])


TABLE_WORDS = {
    "people": "People", "hr_rows": "People (HR rows)", "tickets": "Tickets",
    "ticket_events": "Ticket history", "time_entries": "Time entries", "deals": "Deals",
    "projects": "Projects",
}


def table_words(frame: pl.DataFrame) -> pl.DataFrame:
    """Canonical table and column names, as they appear in a report, said in words."""
    out = frame
    if "table" in out.columns:
        out = out.with_columns(pl.col("table").replace(TABLE_WORDS))
    if "column" in out.columns:
        out = out.with_columns(pl.col("column").map_elements(display_column,
                                                             return_dtype=pl.String))
    return out


def short_file_names(frame: pl.DataFrame) -> pl.DataFrame:
    if "file" not in frame.columns:
        return frame
    return frame.with_columns(pl.col("file").str.extract(r"([^/\\]+)$", 1).alias("file"))
