"""Browser tests: Debian's chromium, driven by Playwright, against pytest-django's live server.

Every test under tests/browser gets the ``browser`` marker. Without /usr/bin/chromium they are
skipped, so the suite still passes on a laptop; in CI (``CI`` set) they fail instead, so a
broken runner cannot hide them.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings
from playwright.sync_api import expect, sync_playwright

# Playwright's sync API keeps an event loop running in the test thread, and Django refuses ORM
# calls from a thread with a running loop. Here the loop only drives the browser, so it is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
# The test machines have no internet: keep chromium from calling Google for updates, sync,
# field trials and QUIC probes, which would only slow it down.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCKING_IMPACTS = {"serious", "critical"}
HERE = Path(__file__).parent
# Screenshots for a person to look at (git ignores test-results/).
SCREENSHOTS = HERE.parent.parent / "test-results" / "screenshots"

# Every visible element that makes the page, or itself, scroll sideways, or sticks out of the
# window: on a phone nothing may need a sideways swipe.
_SIDEWAYS = """
() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.classList.length ? "." + [...el.classList].join(".") : "");
  const found = [];
  if (document.documentElement.scrollWidth > width) {
    found.push(`page: ${document.documentElement.scrollWidth} px wide in ${width}`);
  }
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === "hidden" || (box.width <= 1 && box.height <= 1)) continue;
    if (["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      found.push(`${name(el)} scrolls sideways: ${el.scrollWidth} px in ${el.clientWidth}`);
    }
    if (box.right > width + 1 || box.left < -1) {
      found.push(`${name(el)} sticks out: ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
  }
  return found;
}
"""


def pytest_collection_modifyitems(config, items):
    skip = None
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        skip = pytest.mark.skip(reason=f"{CHROMIUM} not found: apt-get install chromium")
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if skip:
                item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _plain_http_live_server():
    """The live server starts before any function-scoped settings fixture and its security
    middleware reads SECURE_SSL_REDIRECT once, at start-up: switch it off for the session.

    The server runs on the suite's day (tests/conftest.py) while chromium keeps the real
    calendar: cookies that expire by date would be dropped as already expired, so the CSRF
    cookie lives for the browser session, like the session cookie."""
    with override_settings(SECURE_SSL_REDIRECT=False, CSRF_COOKIE_AGE=None):
        yield


# Per module, not per session: Playwright's sync API keeps its event loop marked as running
# in the thread while it is open, and a module run after on the same worker (pytest-xdist)
# that signs a letter (pyHanko calls asyncio.run) would find it.
@pytest.fixture(scope="module")
def playwright():
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found, and CI is set: browser tests must run in CI")
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page in its own context (own cookies) for each test."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID", reduced_motion="reduce")
    context.set_default_timeout(10_000)
    # Assertions wait as long as actions do: under the whole suite on two shared cores an htmx
    # answer can take longer than Playwright's 5 s default.
    expect.set_options(timeout=10_000)
    page = context.new_page()
    yield page
    context.close()


def run_axe(page):
    """Fail the test on any serious or critical accessibility violation on the current page."""
    results = Axe().run(page)
    problems = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    if problems:
        lines = [f"axe found {len(problems)} serious/critical violation(s) on {page.url}:"]
        for v in problems:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
            for node in v["nodes"]:
                why = "; ".join(check["message"] for check in node["any"] + node["all"])
                lines.append(f"    {', '.join(map(str, node['target']))}: {why}")
        pytest.fail("\n".join(lines), pytrace=False)


def sideways(page) -> list[str]:
    """What scrolls sideways or sticks out of the window on the current page (empty: none)."""
    return page.evaluate(_SIDEWAYS)


def submit_login(page, live_server, username, password):
    """Fill and send the log-in form at /masuk/, as a person would."""
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    # Django's Indonesian catalogue labels the field "Sandi"; "Kata sandi" would match too.
    page.get_by_label("sandi").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Masuk", exact=True).click()


@pytest.fixture
def axe_check():
    return run_axe


@pytest.fixture
def log_in():
    return submit_login


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot under test-results/screenshots/, named after the test."""

    def _screenshot(page, label: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        test = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in request.node.name)
        path = SCREENSHOTS / f"{test}-{label}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return _screenshot
