"""Build a snapshot from a database: gather the content once, scrub it, write the format asked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

from orghealth import charts, signals
from orghealth.db import content_hash
from orghealth.errors import InputError
from orghealth.privacy import Pseudonymizer
from orghealth.render import chart_renderer
from orghealth.snapshot import content, history, model
from orghealth.snapshot.write import (
    Progress,
    _quiet,
    check_folder,
    output_format,
    timed,
    write_deck,
)


@dataclasses.dataclass
class SnapshotOptions:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    pseudonymize: bool = False
    min_group_size: int = 5
    team: str | None = None            # one team only (the dashboard's filter), None for all
    previous: Path | None = None       # an earlier snapshot file to compare with; else the
                                       # latest one in the database's snapshot history
    record_history: bool = False       # add this snapshot's numbers to snapshot_history

    def params(self) -> signals.SignalParams:
        return signals.SignalParams(date_from=self.date_from, date_to=self.date_to,
                                    team=self.team, min_group_size=self.min_group_size)


def build_deck(db_path: str | Path, options: SnapshotOptions | None = None,
               progress: Progress = _quiet, today: dt.date | None = None) -> model.Deck:
    """Every slide's words, numbers and figures, from the database at ``db_path``."""
    opts = options or SnapshotOptions()
    if opts.min_group_size < 1:
        raise InputError("the privacy minimum must be 1 or more")
    if opts.date_from and opts.date_to and opts.date_from > opts.date_to:
        raise InputError("the window starts after it ends", hint="give the earlier date first")
    progress(0.0, "reading the database")
    con = signals.open_database(str(db_path))
    db_hash = content_hash(db_path)
    try:
        params = opts.params()
        bound = params.bound(con)
        results = signals.evaluate_all(con, params)
        progress(0.04, f"evaluated {len(results)} warning signs")
        pz = Pseudonymizer.from_db(con) if opts.pseudonymize else None
        names = content._Names(pz)
        window = content.window_text(bound["date_from"], bound["date_to"])
        slides = [
            None,   # the cover, once the case's verdict is known
            content.summary_slide([names.result(r) for r in results]),
        ]
        flagged = signals.health_summary(results).flagged
        for i, r in enumerate(flagged, start=len(slides) + 1):
            slides.append(content.signal_slide(r, i, names, opts.min_group_size))
        progress(0.06, f"laid out {len(flagged)} amber and red signs")
        verdict: list[str] = []
        slides += content.case_slides(con, params, names, first_index=len(slides) + 1,
                                      verdict_out=verdict)
        progress(0.08, "added the reporting-line case")
        slides[0] = content.title_slide(today or dt.date.today(), window, db_hash,
                                        opts.min_group_size, opts.pseudonymize, opts.team,
                                        results, verdict=verdict[0] if verdict else "",
                                        data_to=bound["date_to"])
        slides.append(content.method_slide(opts.min_group_size, opts.pseudonymize, db_hash))
        numbers = history.deck_numbers(results, today or dt.date.today(), bound["date_to"],
                                       db_hash, verdict[0] if verdict else "")
        before = (history.from_file(opts.previous) if opts.previous
                  else history.last_recorded(con))
        since = history.since_slide(before, numbers, charts.format_value)
        if since is not None:
            slides.insert(2, since)
        slides += content.threshold_slides(signals.load_catalog())
        missing = content.insufficient_slide(results)
        if missing is not None:
            slides.append(names_scrub(missing, pz))
        slides += content.quality_slides(con)
    finally:
        con.close()
    deck = model.Deck(content.DECK_TITLE, content._day(today or dt.date.today()), window,
                      db_hash, slides, pseudonymized=opts.pseudonymize,
                      min_group_size=opts.min_group_size, numbers=numbers)
    if pz is not None:
        deck.slides = [names_scrub(s, pz) for s in deck.slides]
    return deck


def names_scrub(slide: model.Slide, pz: Pseudonymizer | None) -> model.Slide:
    """The last pass: every word on the slide and in its chart, with people replaced."""
    if pz is None:
        return slide
    chart = slide.chart
    if chart is not None:
        chart = dataclasses.replace(chart, figure=pz.figure(chart.figure))
    table = slide.table
    if table is not None:
        table = dataclasses.replace(table, columns=[pz.value(c) for c in table.columns],
                                    rows=[[pz.value(c) for c in row] for row in table.rows])
    return dataclasses.replace(
        slide, title=pz.value(slide.title), subtitle=pz.value(slide.subtitle),
        key_caption=pz.value(slide.key_caption), bullets=[pz.value(b) for b in slide.bullets],
        sections=[(pz.value(h), pz.value(t)) for h, t in slide.sections],
        chart=chart, table=table,
    )


def make_snapshot(db_path: str | Path, out: str | Path, options: SnapshotOptions | None = None,
                  progress: Progress = _quiet, today: dt.date | None = None) -> Path:
    """Build the deck and write it; the format follows ``out`` (.pptx, .pdf, .html or a folder)."""
    output_format(out)  # a wrong ending or folder fails before any work
    check_folder(Path(out))
    # Chromium starts up in the background while the numbers are worked out
    with chart_renderer() as renderer:
        deck = build_deck(db_path, options, progress, today)
        written = write_deck(deck, out, progress, renderer)
    if options is not None and options.record_history and deck.numbers:
        kept = history.record(db_path, deck.numbers)
        progress(0.99, "kept this snapshot's numbers in the database's snapshot history"
                 if kept else "the database is in use, so the snapshot history was not updated "
                 "(the numbers are inside the file)")
    progress(1.0, f"wrote {written}")
    return written


def _print_progress(fraction: float, message: str) -> None:
    print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)


def cli_snapshot(args) -> int:
    options = SnapshotOptions(
        date_from=signals._parse_date(getattr(args, "date_from", None), "--from"),
        date_to=signals._parse_date(getattr(args, "date_to", None), "--to"),
        pseudonymize=bool(getattr(args, "pseudonymize", False)),
        min_group_size=getattr(args, "min_group_size", 5),
        previous=Path(args.since) if getattr(args, "since", None) else None,
        record_history=not getattr(args, "no_history", False),
    )
    if options.previous is not None and not options.previous.is_file():
        raise InputError("there is no earlier snapshot at this path", file=options.previous,
                         hint="give a .pptx or .html snapshot made by orghealth")
    if options.min_group_size < 1:
        raise InputError("--min-group-size must be 1 or more")
    written = make_snapshot(args.db, args.out, options, timed(_print_progress))
    print(written)
    return 0


# what the dashboard offers: label -> (file ending, mime type)
DOWNLOADS = {
    "PowerPoint (.pptx)": (".pptx",
                           "application/vnd.openxmlformats-officedocument.presentationml"
                           ".presentation"),
    "PDF": (".pdf", "application/pdf"),
    "Web page (.html, opens offline)": (".html", "text/html"),
    "Charts as PNG pictures (.zip)": (".zip", "application/zip"),
}


def snapshot_file(db_path: str | Path, label: str, options: SnapshotOptions | None = None,
                  progress: Progress = _quiet, today: dt.date | None = None
                  ) -> tuple[str, bytes, str]:
    """A snapshot as (file name, bytes, mime type) for a download button."""
    import shutil
    import tempfile

    ending, mime = DOWNLOADS[label]
    day = today or dt.date.today()
    stem = f"orghealth-snapshot-{day:%Y-%m-%d}"
    with tempfile.TemporaryDirectory(prefix="orghealth-download-") as tmp:
        if ending == ".zip":
            folder = make_snapshot(db_path, Path(tmp) / stem, options, progress, day)
            archive = shutil.make_archive(str(Path(tmp) / stem), "zip", folder)
            return f"{stem}.zip", Path(archive).read_bytes(), mime
        written = make_snapshot(db_path, Path(tmp) / f"{stem}{ending}", options, progress, day)
        return written.name, written.read_bytes(), mime
