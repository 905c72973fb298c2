"""Static pictures of Plotly figures and PDF printing, both through the system's Chromium.

Kaleido drives a headless Chromium; starting one costs seconds, so a snapshot opens one server,
sends every figure through it and closes it. Nothing here ever downloads a browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from orghealth.errors import InputError

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_MISSING_HINT = "install Debian's chromium (apt-get install chromium), or set BROWSER_PATH to a Chromium binary"

# Kaleido's server is one per process: snapshots built at the same time take turns.
_server_lock = threading.Lock()


def find_chromium() -> str:
    """The Chromium binary to draw with: BROWSER_PATH if set, else the one on PATH."""
    given = os.environ.get("BROWSER_PATH")
    if given:
        if Path(given).is_file() and os.access(given, os.X_OK):
            return given
        raise InputError(
            f"BROWSER_PATH points at {given}, which is not a program that can be run",
            hint=_MISSING_HINT,
        )
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    raise InputError("Chromium is needed to draw the charts and was not found", hint=_MISSING_HINT)


class ChartRenderer:
    """Turns Plotly figures into PNG or SVG bytes through one running Kaleido server."""

    def __init__(self, kaleido_module) -> None:
        self._kaleido = kaleido_module
        self.count = 0

    def image(self, fig, fmt: str = "png", width: int = 1000, height: int = 600,
              scale: float = 2.0) -> bytes:
        opts = {"format": fmt, "width": width, "height": height,
                "scale": scale if fmt == "png" else 1}
        try:
            data = self._kaleido.calc_fig_sync(fig.to_dict(), opts=opts)
        except Exception as exc:  # the browser died or refused: say so plainly
            raise InputError(
                f"Chromium could not draw a chart ({type(exc).__name__}: {exc})",
                hint=_MISSING_HINT,
            ) from exc
        self.count += 1
        return data


@contextmanager
def chart_renderer() -> Iterator[ChartRenderer]:
    """Start Kaleido's server on the system Chromium once, and stop it afterwards."""
    browser = find_chromium()
    with _server_lock:
        os.environ["BROWSER_PATH"] = browser
        import kaleido

        # mathjax=False: it would otherwise be fetched from the internet on every start.
        kaleido.start_sync_server(silence_warnings=True, mathjax=False)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                yield ChartRenderer(kaleido)
        finally:
            kaleido.stop_sync_server(silence_warnings=True)


def html_to_pdf(html_path: str | Path, pdf_path: str | Path, timeout: float = 120) -> Path:
    """Print an HTML file to PDF with headless Chromium; page size comes from the CSS @page."""
    browser = find_chromium()
    src, out = Path(html_path).resolve(), Path(pdf_path).resolve()
    with tempfile.TemporaryDirectory(prefix="orghealth-print-") as profile:
        cmd = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-pdf-header-footer", f"--user-data-dir={profile}",
            f"--print-to-pdf={out}", src.as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)  # noqa: S603
        except subprocess.TimeoutExpired as exc:
            raise InputError(f"Chromium took longer than {timeout:.0f} s to print the PDF",
                             file=out, hint="try again; if it persists, build HTML instead") from exc
    if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise InputError("Chromium could not print the PDF: " + " / ".join(tail),
                         file=out, hint=_MISSING_HINT)
    return out
