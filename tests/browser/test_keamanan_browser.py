"""The Content-Security-Policy in a real browser: charts still draw, htmx still swaps, and the
browser reports no blocked script or style on the pages that use them."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.factories import terbitkan_sk
from tests.test_sk import draft, make_approved


@pytest.fixture
def published(transactional_db, operator_bkd, pejabat, monkeypatch):
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    letter = draft(operator_bkd, make_approved(operator_bkd, 3))
    terbitkan_sk(letter.pk, pejabat)
    return letter


def watch(page) -> list[str]:
    """Console errors and CSP violations the page reports."""
    problems = []
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" or "Content Security Policy" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def charts_drawn(page) -> list[bool]:
    page.wait_for_function("() => window.Chart !== undefined")
    return page.evaluate(
        """() => [...document.querySelectorAll('canvas[data-chart]')]
                 .map(c => window.Chart.getChart(c) !== undefined)"""
    )


def test_public_charts_draw_under_the_csp(page, live_server, published):
    problems = watch(page)
    response = page.goto(f"{live_server.url}/transparansi/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    drawn = charts_drawn(page)
    assert drawn and all(drawn)
    assert problems == []


def test_report_charts_and_htmx_sorting_work_under_the_csp(
    page, live_server, log_in, operator_bkd, published
):
    operator_bkd.set_password(PASSWORD)
    operator_bkd.save()
    problems = watch(page)
    log_in(page, live_server, operator_bkd.username, PASSWORD)
    page.goto(f"{live_server.url}{reverse('mutasi:laporan')}")
    drawn = charts_drawn(page)
    assert drawn and all(drawn)

    page.goto(f"{live_server.url}{reverse('pegawai:list')}")
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    # No <style> element added by htmx (it would be blocked by style-src 'self').
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    header = page.locator("thead a").first
    with page.expect_response(lambda r: "sort=" in r.url and r.status == 200):
        header.click()
    expect(page).to_have_url(re.compile(r"sort="))
    assert problems == []


@pytest.mark.parametrize("lebar", [390, 1280])
def test_the_letter_preview_shows_the_letter_in_its_frame(
    page, live_server, log_in, axe_check, operator_bkd, lebar
):
    """The frame on the letter page used to stay grey: refused by X-Frame-Options DENY and
    frame-ancestors 'none' (issue 15 point 6)."""
    approved = make_approved(operator_bkd, 2)
    letter = draft(operator_bkd, approved)
    operator_bkd.set_password(PASSWORD)
    operator_bkd.save()
    page.set_viewport_size({"width": lebar, "height": 900})
    problems = watch(page)
    log_in(page, live_server, operator_bkd.username, PASSWORD)
    page.goto(f"{live_server.url}{reverse('mutasi:sk_detail', args=[letter.pk])}")
    frame = page.frame_locator("iframe[title='Pratinjau surat keputusan']")
    expect(frame.get_by_text("MEMUTUSKAN")).to_be_visible()
    expect(frame.get_by_text(approved[0].pegawai.nip).first).to_be_attached()
    axe_check(page)
    assert problems == []
