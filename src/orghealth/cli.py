"""The ``orghealth`` command. Each subcommand parses its arguments here and hands over to the
module that does the work; unusable input exits with code 2 and a message, never a traceback."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys

import duckdb

from orghealth.errors import InputError

# subcommand -> "module:function" taking the parsed arguments and returning an exit code
HANDLERS = {
    "ingest": "orghealth.ingest:cli_ingest",
    "check": "orghealth.check:cli_check",
    "signals": "orghealth.signals:cli_signals",
    "compare": "orghealth.case.compare:cli_compare",
    "snapshot": "orghealth.snapshot:cli_snapshot",
    "generate": "orghealth.generate:cli_generate",
    "demo": "orghealth.serve:cli_demo",
    "serve": "orghealth.serve:cli_serve",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orghealth",
        description="The warning signs of a broken Sales and Services relationship, "
        "from your own exports.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="load exports (files or folders) into a database")
    p.add_argument("sources", nargs="*", metavar="SOURCE")
    p.add_argument("--db", required=False, help="the database file to write")
    p.add_argument("--config", help="orghealth.toml with classification rules and mappings")
    p.add_argument("--as", dest="force_format", metavar="FORMAT", help="read every file as FORMAT")
    p.add_argument("--explain", metavar="FILE", help="show how FILE would be read, load nothing")
    p.add_argument("--date-order", choices=["dmy", "mdy"],
                   help="how to read dates like 03/04/2025 when the file cannot tell")

    p = sub.add_parser("check", help="data quality: row accounting, rejects, cycles, orphans")
    p.add_argument("--db", required=True)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("signals", help="the status of every warning sign")
    p.add_argument("--db", required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("--team", help="only this team or unit")
    p.add_argument("--min-group-size", type=int, default=5)

    p = sub.add_parser("compare", help="PS under Sales vs. not, and before vs. after a reorg")
    p.add_argument("--db", required=True)
    p.add_argument("--split", required=True, help="reporting-line or date:YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("--min-group-size", type=int, default=5)

    p = sub.add_parser("snapshot", help="a board deck: PPTX, PDF, HTML or a folder of PNG charts")
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("--pseudonymize", action="store_true")
    p.add_argument("--min-group-size", type=int, default=5)
    p.add_argument("--since", metavar="FILE",
                   help="an earlier snapshot (.pptx or .html) to show what changed since")
    p.add_argument("--no-history", action="store_true",
                   help="do not add this snapshot to the database's snapshot history")

    p = sub.add_parser("generate", help="write a demo company in real export formats")
    p.add_argument("--out", required=True)
    p.add_argument("--people", type=int, default=300)
    p.add_argument("--months", type=int, default=24)
    p.add_argument("--scenario", choices=["troubled", "healthy"], default="troubled")
    p.add_argument("--seed", type=int, default=7)

    p = sub.add_parser("demo", help="load the bundled company and open the dashboard")
    p.add_argument("--port", type=int, default=8501)

    p = sub.add_parser("serve", help="open the dashboard on a database")
    p.add_argument("--db", required=True)
    p.add_argument("--port", type=int, default=8501)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module_name, func_name = HANDLERS[args.command].split(":")
    try:
        handler = getattr(importlib.import_module(module_name), func_name)
        return int(handler(args) or 0)
    except InputError as exc:
        print(f"orghealth {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader (head, less) stopped reading: not an error of ours; Python would print one
        # when it flushes stdout at exit, so point stdout at nothing first
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"orghealth {args.command}: {os_error_words(exc)}", file=sys.stderr)
        return 2
    except duckdb.IOException as exc:
        # DuckDB's own reads and writes (a full disk while the database is written)
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"orghealth {args.command}: the database file could not be written or read "
              f"({first}); check free disk space and that the folder is writable; any previous "
              "database is unchanged", file=sys.stderr)
        return 2


def os_error_words(exc: OSError) -> str:
    """A failed read or write said in one line, with what to do; the previous database is
    never touched by a failed ingest, which builds a new file beside it."""
    where = f" ({exc.filename})" if exc.filename else ""
    what_to_do = {
        errno.ENOSPC: "the disk is full: free some space, or write the database to another disk",
        errno.EROFS: "that folder is read-only: choose a folder you can write to",
        errno.EACCES: "permission denied: choose a file or folder you may write to",
        errno.EPERM: "permission denied: choose a file or folder you may write to",
        errno.ENOENT: "no such file or folder: check the path",
    }.get(exc.errno, f"{exc.strerror or exc}")
    return f"{what_to_do}{where}; any previous database is unchanged"


if __name__ == "__main__":
    sys.exit(main())
