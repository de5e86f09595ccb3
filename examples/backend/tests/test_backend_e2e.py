"""End to end: the backend on 127.0.0.1 with a fresh SQLite file, the page in headless Chromium.

Playwright for Python drives Debian's ``chromium`` (``executable_path``; Playwright's
own browser download is never used). Set ``SCHOOLLOGISTICS_CHROMIUM`` to use another
binary. A missing browser or an unbuilt page fails the test, never skips it.
Screenshots go to build/e2e/ (git-ignored), kept by CI as artefacts. Every wait is
bounded, and the server is stopped at the end, also on failure.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[3]
SERVE = ROOT / "examples" / "backend" / "serve.py"
PAGE_JS = ROOT / "examples" / "frontend" / "build" / "web" / "page.js"
SHOTS = ROOT / "build" / "e2e"
SCHOOL = "school-1"
START_TIMEOUT = 30.0
TIMEOUT_MS = 10_000


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _chromium() -> str:
    found = os.environ.get("SCHOOLLOGISTICS_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail("no chromium: apt-get install chromium (examples/backend/e2e.sh does)")
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The backend on a free port with a fresh SQLite file and the demo school."""
    if not PAGE_JS.is_file():
        pytest.fail(f"{PAGE_JS} is not built: run bash examples/frontend/check.sh")
    database = tmp_path_factory.mktemp("backend") / "ledger.sqlite3"
    port = _free_port()
    log = (tmp_path_factory.getbasetemp() / "server.log").open("w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(SERVE), "--db", str(database), "--port", str(port), "--demo", SCHOOL],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"the server exited ({process.returncode}):\n{log.read()}")
            try:
                with urllib.request.urlopen(f"{base}/api/schools/{SCHOOL}/ledger", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"the server did not answer within {START_TIMEOUT} s")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.seek(0)
        print(log.read())
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = _chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
            timeout=TIMEOUT_MS * 3,
        )
        try:
            yield launched
        finally:
            launched.close()


def _context(browser: Browser) -> BrowserContext:
    context = browser.new_context(locale="zh-CN", viewport={"width": 900, "height": 1100})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


def _open(context: BrowserContext, base: str, holder: str) -> Page:
    page = context.new_page()
    page.goto(f"{base}/?school={SCHOOL}")
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    page.select_option("#holder", holder)
    expect(
        page.locator('#holdings tr[data-item="broom"][data-holding="available"]')
    ).to_be_visible()
    return page


def _version(page: Page) -> int:
    return int(page.locator("#version").text_content() or "-1")


def _fill(page: Page, *, quantity: int = 1, handed_back: int = 1, on: str = "2025-09-22") -> None:
    page.fill('input[name="quantity"]', str(quantity))
    page.fill('input[name="handed_back"]', str(handed_back))
    page.fill('input[name="on"]', on)


def _submit(page: Page) -> tuple[int, dict[str, object]]:
    with page.expect_response(lambda r: r.url.endswith("/commands")) as answer:
        page.click("#submit")
    response = answer.value
    return response.status, json.loads(response.text())


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_a_successful_exchange(server: str, browser: Browser) -> None:
    context = _context(browser)
    try:
        page = _open(context, server, "class-32")
        before = _version(page)
        _fill(page)
        status, body = _submit(page)
        assert status == 201, body
        assert body["sequence"] == before + 1
        expect(page.locator("#status")).to_contain_text(f"已登记以旧换新（序号 {before + 1}）")
        expect(page.locator("#version")).to_have_text(str(before + 1))
        row = page.locator('#holdings tr[data-item="broom"][data-holding="available"]')
        expect(row).to_contain_text("4")
        _shot(page, "exchange-ok.png")
    finally:
        context.close()


def test_a_missing_old_unit_is_refused_at_its_field(server: str, browser: Browser) -> None:
    context = _context(browser)
    try:
        page = _open(context, server, "class-31")
        before = _version(page)
        _fill(page, handed_back=0)
        status, body = _submit(page)
        assert status == 422, body
        assert body["path"] == "$.command.handed_back"
        error = page.locator('[data-error-for="handed_back"]')
        expect(error).to_have_text(str(body["message_zh"]))
        expect(error).to_contain_text("须登记遗失方可换新")
        expect(page.locator("#version")).to_have_text(str(before))
        _shot(page, "exchange-refused.png")
    finally:
        context.close()


def test_two_clerks_at_once(server: str, browser: Browser) -> None:
    """Two contexts from one version: one succeeds, the other conflicts, reloads, succeeds."""
    first_context, second_context = _context(browser), _context(browser)
    try:
        first = _open(first_context, server, "class-32")
        second = _open(second_context, server, "class-32")
        seen = _version(first)
        assert _version(second) == seen
        _fill(first)
        _fill(second)
        status, body = _submit(first)
        assert status == 201, body
        status, body = _submit(second)
        assert status == 409, body
        assert body["code"] == "concurrency.version_conflict"
        expect(second.locator("#status")).to_have_text(str(body["message_zh"]))
        expect(second.locator("#status")).to_contain_text("请刷新后重试")
        _shot(second, "exchange-conflict.png")
        second.click("#reload")
        expect(second.locator("#version")).to_have_text(str(seen + 1))
        expect(second.locator("#status")).to_have_text("")
        status, body = _submit(second)
        assert status == 201, body
        assert body["sequence"] == seen + 2
        expect(second.locator("#status")).to_contain_text(f"序号 {seen + 2}")
        _shot(second, "exchange-after-reload.png")
    finally:
        first_context.close()
        second_context.close()
