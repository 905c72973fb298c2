"""Tempo worklogs for Jira, with English headers or headers in the user's language."""

from functools import partial

from orghealth.ingest.formats.base import TIME_ENTRIES, Format, load_csv
from orghealth.ingest.formats.mapping import load_renamed

# German headers → English; add a language by adding its headers here
GERMAN = {
    "Vorgangsschlüssel": "Issue Key", "Vorgangszusammenfassung": "Issue summary",
    "Stunden": "Hours", "Arbeitsdatum": "Work date", "Benutzername": "Username",
    "Vollständiger Name": "Full name", "Zeitraum": "Period", "Kontoschlüssel": "Account Key",
    "Kontoname": "Account Name", "Arbeitsbeschreibung": "Work Description",
    "Übergeordneter Schlüssel": "Parent Key", "Autor": "Reporter", "Abrechenbare Stunden": "Billed Hours",
    "Kunde": "Customer", "Tätigkeit": "Activity", "Komponenten": "Components",
}

OPTIONAL = ("Issue summary", "Full name", "Period", "Account Key", "Account Name",
            "Work Description", "Parent Key", "Billed Hours", "Customer", "Activity", "Components")

COMMON = dict(TIME_ENTRIES, optional=OPTIONAL, staging="staging/stg_tempo", date_order="dmy")

FORMATS = [
    Format(name="tempo", title="Tempo worklogs",
           signature=("Issue Key", "Hours", "Work date", "Username"), loader=load_csv, **COMMON),
    Format(name="tempo_de", title="Tempo worklogs (German headers)",
           signature=("Vorgangsschlüssel", "Stunden", "Arbeitsdatum", "Benutzername"),
           loader=partial(load_renamed, renames=GERMAN), **COMMON),
]
