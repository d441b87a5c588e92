"""The review desk in a real browser: Playwright for Python driving Debian's Chromium, headless, against the app
served by uvicorn on a free loopback port.

Chromium comes from the system (``apt-get install chromium``; Playwright's own browser download is not used).
Without it these tests are skipped, unless ``VOICEOFBUYER_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes that
a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from voiceofbuyer.results import load_result
from voiceofbuyer.store import STORE_NAME, Store
from voiceofbuyer.web import create_app

CHROMIUM = Path(os.environ.get("VOICEOFBUYER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
]  # fmt: skip

if not CHROMIUM.is_file():
    if os.environ.get("VOICEOFBUYER_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"{CHROMIUM} not found (fix: apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def served(desk_run, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """(address, output folder) of a review desk running in a background thread."""
    import uvicorn

    out = tmp_path_factory.mktemp("browser-desk")
    shutil.copy(desk_run[1] / STORE_NAME, out / STORE_NAME)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(out), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the review desk did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", out
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, served) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page: Page, address: str, name: str = "Jo Rivera") -> None:
    page.goto(address + "/")
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Start reviewing").click()
    expect(page.locator("[data-reviewer]")).to_have_text(name)


def test_review_correct_approve_and_export_a_persona(page: Page, served):
    address, _ = served
    sign_in(page, address)
    page.get_by_role("link", name="Finance Leader").click()
    expect(page.locator("h1")).to_have_text("Finance Leader")

    card = page.locator("section#sec-goal li.theme").first
    theme_id = card.get_attribute("data-theme")
    card = page.locator(f'[id="theme-{theme_id}"]')
    second = card.locator(".quotes .quote").first
    rejected = second.get_attribute("data-statement")
    second.get_by_role("button", name="Reject quote").click()
    expect(card.locator(".rejected-quotes summary")).to_have_text("Rejected quotes: 1")
    expect(card.locator(f'.quotes [data-statement="{rejected}"]')).to_have_count(0)

    card.get_by_label("New name for the theme").fill("Month-end crunch")
    card.get_by_role("button", name="Rename").click()
    expect(card.locator("[data-label]")).to_have_text("Month-end crunch")

    pains = page.locator("section#sec-pain")
    options = pains.locator('select[name="from"] option')
    kept, merged = options.nth(0).get_attribute("value"), options.nth(1).get_attribute("value")
    pains.locator('select[name="from"]').select_option(merged)
    pains.locator('select[name="into"]').select_option(kept)
    pains.get_by_role("button", name="Merge themes").click()
    expect(page.locator(f'[id="theme-{merged}"]')).to_have_count(0)

    page.get_by_role("button", name="Approve persona as Jo Rivera").click()
    expect(page.locator("[data-unreviewed]")).to_contain_text("themes are not reviewed yet")
    page.get_by_role("button", name="Approve anyway as Jo Rivera").click()
    expect(page.locator("[data-approval]")).to_contain_text("Approved by Jo Rivera on")

    page.reload()  # everything above was kept
    card = page.locator(f'[id="theme-{theme_id}"]')
    expect(card.locator("[data-label]")).to_have_text("Month-end crunch")
    expect(card.locator(f'.rejected-quotes [data-statement="{rejected}"]')).to_have_count(1)
    expect(page.locator(f'[id="theme-{merged}"]')).to_have_count(0)
    expect(page.locator(f'[id="theme-{kept}"]')).to_have_count(1)

    with page.expect_download() as download:
        page.get_by_role("link", name="Markdown").click()
    markdown = Path(download.value.path()).read_text("utf-8")
    assert "*Month-end crunch*" in markdown
    assert re.search(r"approved by Jo Rivera on \d{4}-\d\d-\d\d", markdown)

    page.get_by_role("link", name="Decision log").click()
    expect(page.locator("table.log tbody tr")).to_have_count(4)


def test_an_audio_quote_plays_from_its_time(page: Page, served):
    address, out = served
    store = Store(out / STORE_NAME)
    result = load_result(store)
    store.close()
    statement = min(
        (s for s in result.statements if s.interview_id == "northwind-ap-manager" and s.start and s.start > 60),
        key=lambda s: s.start or 0,
    )
    page.goto(f"{address}/evidence/{quote(statement.id, safe='/@')}")
    page.get_by_role("button", name=re.compile("Play from")).click()
    page.wait_for_function("() => { const a = document.getElementById('recording'); return !a.paused; }")
    position = page.evaluate("document.getElementById('recording').currentTime")
    assert statement.start <= position < statement.start + 5


def test_a_hostile_transcript_renders_as_text(page: Page, served):
    address, _ = served
    for path in ("/interview/hostile-cfo", "/search?q=vendor+script"):
        page.goto(address + path)
        expect(page.get_by_text("<script>window.__pwned = 1</script>", exact=False).first).to_be_visible()
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator("main img, main script").count() == 0
    page.goto(address + "/interview/hostile-cfo")
    expect(page.get_by_text('<img src=x onerror="window.__pwned = 2">', exact=False)).to_be_visible()
    assert page.evaluate("window.__pwned === undefined")


def test_every_persona_of_the_sample_prints_on_at_most_two_pages_of_a4_or_letter(browser: Browser, tmp_path):
    """The one-page persona is what a marketer hands to sales: Chromium's print to PDF, pages counted."""
    import re as regex

    from voiceofbuyer.pipeline import run

    from .conftest import SAMPLE, SAMPLE_CONFIG

    out = tmp_path / "out"
    run(SAMPLE, out, SAMPLE_CONFIG, show_progress=False)
    personas = sorted(p for p in (out / "personas").glob("*.html") if not p.name.endswith("-evidence.html"))
    assert len(personas) == 4
    page = browser.new_page()
    try:
        for persona in personas:
            page.goto(persona.resolve().as_uri())
            for paper in ("A4", "Letter"):  # Letter is shorter: a persona on two A4 pages had taken three
                pdf = page.pdf(format=paper)
                pages = len(regex.findall(rb"/Type\s*/Page[^s]", pdf))
                assert 1 <= pages <= 2, (persona.name, paper, pages)
            evidence = persona.with_name(persona.stem + "-evidence.html").read_text("utf-8")
            assert "Mentioned once (not yet a pattern)" in evidence  # every theme and quote is still there
    finally:
        page.close()


DUPLICATE_NAMES = """() => {
  const names = [...document.querySelectorAll('button, a[href], select, input:not([type=hidden])')]
    .filter(e => e.offsetParent !== null || e.closest('details'))
    .map(e => (e.getAttribute('aria-label') || e.textContent || '').trim());
  const seen = new Map();
  names.forEach(n => seen.set(n, (seen.get(n) || 0) + 1));
  return [...seen].filter(([n, c]) => c > 1 && /quote|theme|Rename|Merge/i.test(n));
}"""


def test_on_a_phone_no_page_scrolls_sideways_and_every_button_says_what_it_acts_on(browser: Browser, served, desk_run):
    """At 390 px wide (a phone), the desk's pages and the published documents fit the width; a screen reader
    tells the many "Approve quote" buttons of a persona apart by the quote each acts on."""
    address, _ = served
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        sign_in(page, address)
        page.get_by_role("link", name="Finance Leader").click()
        persona = page.url
        assert page.evaluate(DUPLICATE_NAMES) == []
        approve = page.get_by_role("button", name=re.compile("^Approve quote: "))
        assert approve.count() >= 5
        theme = page.locator("a[href^='/theme/']").first.get_attribute("href")
        evidence = page.locator("a[href^='/evidence/']").first.get_attribute("href")
        page.goto(address + evidence)
        interview = page.locator("a[href^='/interview/']").first.get_attribute("href")
        pages = [address + "/", persona, address + theme, address + evidence, address + interview,
                 address + "/search?q=invoice", address + "/decisions"]  # fmt: skip
        out = desk_run[1]
        documents = [out / "index.html", out / "compare.html", *sorted((out / "personas").glob("*.html"))]
        pages += [p.resolve().as_uri() for p in documents]
        for url in pages:
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (url, width)
        page.goto(address + theme)
        assert page.evaluate(DUPLICATE_NAMES) == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def shared_run(desk_run, tmp_path_factory) -> Path:
    """The desk batch run again (from its cache) with ``shared_similarity`` 0.6, so that some concern is shared by
    two roles whatever the sample's themes are this version: the page's links are under test, not the threshold."""
    from voiceofbuyer.pipeline import run

    from .conftest import SAMPLE_CONFIG

    out = tmp_path_factory.mktemp("shared") / "outputs"
    shutil.copytree(desk_run[1], out, symlinks=True)
    personas = SAMPLE_CONFIG.personas.model_copy(update={"shared_similarity": 0.6})
    config = SAMPLE_CONFIG.model_copy(update={"personas": personas})
    run(desk_run[0], out, config, show_progress=False)
    return out


def test_roles_side_by_side_link_each_count_to_the_theme_on_the_roles_evidence_page(page: Page, shared_run):
    out = shared_run
    page.goto((out / "index.html").resolve().as_uri())
    page.get_by_role("link", name="roles side by side").click()
    expect(page.get_by_role("heading", name="Roles side by side")).to_be_visible()
    shared = page.locator("tr.shared").first
    expect(shared).to_contain_text("roles")
    cell = shared.get_by_role("link", name=re.compile(r"^\d+ of \d+$")).first
    count = cell.inner_text()
    cell.click()
    assert "-evidence.html#" in page.url
    theme = page.locator(f"[id='{page.url.split('#', 1)[1]}']")
    expect(theme).to_be_visible()
    assert count.split(" of ")[1].isdigit()
