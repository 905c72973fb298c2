"""The dashboard in a real browser: `streamlit run app.py`, Debian's Chromium through
Playwright. Every page opens with no error element, an export uploads, screenshots are kept in
tests/artifacts/ for a person to look at."""

from __future__ import annotations

import ast
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import chromium_path

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"


def registered_pages() -> list[tuple[str, str]]:
    """(address, file) of every page app.py registers, read from its SECTIONS table."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    sections = next(ast.literal_eval(node.value) for node in tree.body
                    if isinstance(node, ast.Assign)
                    and getattr(node.targets[0], "id", "") == "SECTIONS")
    return [("" if url == "overview" else url, path)
            for entries in sections.values() for path, _title, url in entries
            if (ROOT / path).is_file()]


PAGES = registered_pages()
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not answer on /_stcore/health")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    port = free_port()
    cache = tmp_path_factory.mktemp("browser-cache")
    env = {**os.environ, "ORGHEALTH_DB": str(sample_db), "XDG_CACHE_HOME": str(cache)}
    log = open(cache / "streamlit.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--client.toolbarMode", "viewer"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
        yield base, cache
    finally:
        stop(proc)
        log.close()


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


def settle(page, text: str | None = None, timeout: float = 90_000) -> None:
    """Wait until the script has finished and the page has drawn."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           timeout=timeout)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=timeout)
    if text:
        page.get_by_text(text, exact=False).first.wait_for(timeout=timeout)
    if page.locator(".js-plotly-plot").count():
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=timeout)
        page.wait_for_timeout(1500)


def choose_source(page, label: str, attempts: int = 4) -> None:
    """Pick a data source in the sidebar. On a busy machine a click can land while the
    expander is still opening, so the choice is checked and tried again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    sidebar = page.locator('[data-testid="stSidebar"]')
    option = sidebar.locator('[data-testid="stRadio"] label').filter(has_text=label)
    for _ in range(attempts):
        if not option.is_visible():
            sidebar.get_by_text("Data source").click()
            option.wait_for(state="visible", timeout=30_000)
            page.wait_for_timeout(500)
        option.click()
        page.wait_for_timeout(500)
        settle(page)
        try:
            page.wait_for_function(
                """label => [...document.querySelectorAll('[data-testid="stSidebar"] '
                    + '[data-testid="stRadio"] label')].some(
                    l => l.innerText.includes(label) && l.querySelector('input').checked)""",
                arg=label, timeout=5_000)
        except PlaywrightTimeout:
            continue
        return
    raise AssertionError(f"the sidebar did not switch to {label!r}")


def errors_on(page) -> list[str]:
    found = [e.inner_text() for e in page.locator('[data-testid="stException"]').all()]
    for alert in page.locator('[data-testid="stAlert"]').all():
        if alert.locator('[data-testid="stAlertContentError"]').count():
            found.append(alert.inner_text())
    return found


def test_a_link_to_a_page_works_straight_after_the_server_starts(server, browser):
    base, _ = server
    context = browser.new_context(viewport={"width": 1600, "height": 1400})
    page = context.new_page()
    page.goto(f"{base}/rules?period=2025-01-01&period=2026-06-30", wait_until="domcontentloaded")
    settle(page, "What each rule matched")
    assert "Page not found" not in page.inner_text("body")
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Data source" in sidebar and "Data quality" in sidebar
    context.close()


def test_every_page_opens_without_an_error(server, browser):
    base, _ = server
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1600, "height": 2600})
    page = context.new_page()
    console_errors, failed = [], []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    # the front end probes /<page>/_stcore/... before the root one: expected 404s
    page.on("response", lambda r: failed.append(r.url)
            if r.status >= 400 and "/_stcore/" not in r.url else None)
    assert {f for _, f in PAGES} == {str(p.relative_to(ROOT)) for p in
                                     (ROOT / "pages").glob("*.py")}, "a page is not registered"
    page.goto(base + "/", wait_until="domcontentloaded")
    settle(page, "Is the Sales and Services relationship healthy?")
    for path, file in PAGES:
        page.goto(f"{base}/{path}", wait_until="domcontentloaded")
        settle(page)
        page.locator("h1").first.wait_for(timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / f"page-{path or 'overview'}.png"))
        assert not errors_on(page), (file, errors_on(page))
        assert "Page not found" not in page.inner_text("body"), file
    real = [e for e in console_errors
            if not re.search(r"ERR_NAME_NOT_RESOLVED|favicon|Failed to load resource", e)]
    assert not real, real
    assert not failed, failed
    context.close()


def test_filters_live_in_the_link(server, browser):
    base, _ = server
    context = browser.new_context(viewport={"width": 1600, "height": 1400})
    page = context.new_page()
    page.goto(base + "/", wait_until="domcontentloaded")
    settle(page)
    team = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
    team.click()
    page.get_by_role("option", name=re.compile("North")).first.click()
    settle(page)
    assert "team=" in page.url
    shared = page.url
    other = context.new_page()
    other.goto(shared, wait_until="domcontentloaded")
    settle(other)
    captions = other.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    assert any(c.startswith("Showing") and "North" in c for c in captions), captions
    context.close()


def test_an_export_uploads_through_the_browser(server, browser):
    base, cache = server
    hr = next((ROOT / "sample_data").rglob("bamboohr*.csv"))
    context = browser.new_context(viewport={"width": 1600, "height": 2000})
    page = context.new_page()
    page.goto(base + "/", wait_until="domcontentloaded")
    settle(page, "Is the Sales and Services relationship healthy?")
    choose_source(page, "Exports I upload here")
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(hr))
    page.get_by_role("button", name="Load these exports").wait_for(timeout=30_000)
    page.get_by_role("button", name="Load these exports").click()
    settle(page, "What each file gave", timeout=180_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "upload.png"))
    assert not errors_on(page), errors_on(page)
    written = [p for p in (cache / "orghealth" / "uploads").rglob("*") if p.is_file()]
    assert any(p.name == hr.name for p in written)
    context.close()
