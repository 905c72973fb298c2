"""HiBob people export (``id, displayName, email, work.reportsTo, work.department, work.startDate``).

A report saved from HiBob's screens carries the labels the user sees instead of the field
paths, in the language of the user's locale: those headers are renamed to the field paths and
read the same way. Add a language by adding its labels here.
"""

from functools import partial

from orghealth.ingest.formats.base import HR_ROWS, Format, load_csv
from orghealth.ingest.formats.mapping import load_renamed

OPTIONAL = ("email", "firstName", "surname", "work.title", "work.division", "work.site",
            "work.startDate", "internal.terminationDate")

# screen labels → field paths, one table per language
LABELS = {
    ("en", "English"): {
        "Employee ID": "id", "Display name": "displayName", "Email": "email",
        "First name": "firstName", "Last name": "surname", "Reports to": "work.reportsTo",
        "Department": "work.department", "Division": "work.division", "Job title": "work.title",
        "Title": "work.title", "Site": "work.site", "Start date": "work.startDate",
        "Termination date": "internal.terminationDate",
    },
    ("de", "German"): {
        "Mitarbeiter-ID": "id", "Anzeigename": "displayName", "E-Mail": "email",
        "Vorname": "firstName", "Nachname": "surname", "Berichtet an": "work.reportsTo",
        "Abteilung": "work.department", "Bereich": "work.division", "Berufsbezeichnung": "work.title",
        "Titel": "work.title", "Standort": "work.site", "Startdatum": "work.startDate",
        "Austrittsdatum": "internal.terminationDate",
    },
}
SIGNATURE = ("id", "displayName", "work.reportsTo", "work.department")

COMMON = dict(HR_ROWS, optional=OPTIONAL, staging="staging/stg_hibob", key="person_id",
              key_label="employee", date_order="dmy")


def _labelled(code: str, language: str, labels: dict[str, str]) -> Format:
    by_path = {path: label for label, path in labels.items()}
    return Format(
        name=f"hibob_{code}", title=f"HiBob people report ({language} headers)",
        # the start date as well: a report with these labels and no start date reads as BambooHR
        signature=tuple(by_path[p] for p in (*SIGNATURE, "work.startDate")),
        loader=partial(load_renamed, renames=labels), **dict(COMMON, order=9))


FORMATS = [
    Format(name="hibob", title="HiBob people export", signature=SIGNATURE, loader=load_csv,
           **COMMON),
    *(_labelled(code, language, labels) for (code, language), labels in LABELS.items()),
]
