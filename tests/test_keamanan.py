"""Security hardening (issue 8): production settings, headers, CSP, rate limits, lock-out,
two-factor log-in, session expiry, the audit trail of denials, downloads, no secrets."""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from mutasi.models import AuditLog
from pegawai.access import Role
from tests.conftest import PASSWORD
from tests.factories import UserFactory, terbitkan_sk

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def production(**extra) -> dict:
    """The settings the app reads with the environment production sets."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "-uji-" + "x" * 40,
        "ALLOWED_HOSTS": "mutasi.example.go.id",
        **extra,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # Set by the browser tests in this process; production never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k, None) for k in ["
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', "
        "'SECURE_HSTS_SECONDS', 'PASSWORD_HASHERS', 'CONTENT_SECURITY_POLICY', "
        "'CONTENT_SECURITY_POLICY_REPORT_ONLY', 'CACHES', 'SESSION_EXPIRE_AT_BROWSER_CLOSE', "
        "'SESSION_COOKIE_AGE']}, default=str))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "mutasi.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


# --- production settings -------------------------------------------------------------------


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "-uji-" + "x" * 40,
        "ALLOWED_HOSTS": "mutasi.example.go.id",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_cookies_are_https_only_and_passwords_argon2():
    s = production()
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["SECURE_SSL_REDIRECT"]
    assert s["SECURE_HSTS_SECONDS"] >= 31536000
    assert s["PASSWORD_HASHERS"][0].endswith("Argon2PasswordHasher")
    assert s["SESSION_EXPIRE_AT_BROWSER_CLOSE"] and s["SESSION_COOKIE_AGE"] == 8 * 3600


def test_csp_report_only_and_cache_url_come_from_the_environment():
    enforced = production()
    assert (
        enforced["CONTENT_SECURITY_POLICY"] and not enforced["CONTENT_SECURITY_POLICY_REPORT_ONLY"]
    )
    assert "LocMemCache" in enforced["CACHES"]["default"]["BACKEND"]
    trial = production(CSP_REPORT_ONLY="1", CACHE_URL="db://mutasi_cache")
    assert trial["CONTENT_SECURITY_POLICY_REPORT_ONLY"] and not trial["CONTENT_SECURITY_POLICY"]
    assert trial["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "mutasi_cache",
    }


# --- headers and CSP -----------------------------------------------------------------------


def test_pages_carry_the_security_headers(client, login, operator_bkd):
    for response in (
        client.get(reverse("login"), secure=True),
        client.get(reverse("publik:transparansi"), secure=True),
        login(operator_bkd).get(reverse("home"), secure=True),
    ):
        assert response.status_code == 200
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_https_is_enforced_except_for_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("login"))
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get("/healthz").status_code == 200


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def test_no_template_holds_inline_script_style_or_handler():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, INLINE_HANDLER):
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offenders == []


def test_htmx_is_told_not_to_insert_its_indicator_style(client):
    response = client.get(reverse("login"))
    assert '"includeIndicatorStyles": false' in response.text


# --- rate limits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "setting, urls",
    [
        ("BATAS_TRANSPARANSI", ["/transparansi/"]),
        ("BATAS_DATA_TERBUKA", ["/transparansi/data.csv", "/transparansi/data.json"]),
        ("BATAS_VERIFIKASI", ["/verifikasi/", "/verifikasi/AAAAAAAAAAAAAAAA/"]),
    ],
)
def test_public_endpoints_answer_429_after_the_limit(client, settings, setting, urls):
    settings.RATELIMIT_ENABLE = True
    setattr(settings, setting, "3/m")
    statuses = [client.get(urls[i % len(urls)]).status_code for i in range(3)]
    assert 429 not in statuses
    response = client.get(urls[-1])
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "Terlalu banyak permintaan" in response.text
    assert "coba lagi dalam" in response.text
    # Another address has its own allowance.
    assert client.get(urls[0], REMOTE_ADDR="10.1.2.3").status_code != 429


def test_behind_a_proxy_the_limit_is_per_client_and_cannot_be_dodged(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.BATAS_TRANSPARANSI = "2/m"
    settings.PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for forged in ("1.1.1.1", "2.2.2.2"):
        # The client forges the left part; nginx appends the address it really saw.
        header = {"HTTP_X_FORWARDED_FOR": f"{forged}, 203.0.113.7"}
        assert client.get("/transparansi/", **proxy, **header).status_code == 200
    header = {"HTTP_X_FORWARDED_FOR": "9.9.9.9, 203.0.113.7"}
    assert client.get("/transparansi/", **proxy, **header).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert client.get("/transparansi/", **proxy, **other).status_code == 200


def test_rate_limits_can_be_switched_off(client, settings):
    settings.BATAS_TRANSPARANSI = "1/m"
    settings.RATELIMIT_ENABLE = True
    assert client.get("/transparansi/").status_code == 200
    assert client.get("/transparansi/").status_code == 429
    settings.RATELIMIT_ENABLE = False
    assert {client.get("/transparansi/").status_code for _ in range(3)} == {200}


# --- log-in, lock-out, sessions ------------------------------------------------------------


def test_failed_log_ins_are_audited_and_lock_the_account(client, settings):
    user = UserFactory(username="penyerang.sasaran")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": user.username, "password": "tebakan"})
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429 and "dikunci" in response.text
    failed = AuditLog.objects.filter(action="akun.masuk_gagal")
    assert failed.count() >= settings.AXES_FAILURE_LIMIT
    assert failed.first().data["username"] == "penyerang.sasaran"
    assert "tebakan" not in json.dumps(list(failed.values_list("data", flat=True)))
    assert AuditLog.objects.filter(action="akun.dikunci").exists()
    assert not AuditLog.objects.filter(action="akun.masuk").exists()


def test_a_session_expires(client, settings):
    user = UserFactory()
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert client.get(reverse("home")).status_code == 200
    assert AuditLog.objects.filter(action="akun.masuk", actor=user).exists()
    # The cookie lives until the browser closes; the server forgets it after SESSION_MINUTES.
    assert client.cookies[django_settings.SESSION_COOKIE_NAME]["expires"] == ""
    session = Session.objects.get()
    assert (session.expire_date - timezone.now()).total_seconds() == pytest.approx(
        settings.SESSION_COOKIE_AGE, abs=60
    )
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_out_of_scope_404_and_refused_403_are_audited(login, kepala_opd_a, pegawai_b, client):
    user_client = login(kepala_opd_a)
    response = user_client.get(reverse("pegawai:detail", args=[pegawai_b.pk]))
    assert response.status_code == 404
    entry = AuditLog.objects.get(action="akses.tidak_ditemukan")
    assert entry.actor == kepala_opd_a and entry.data["path"].endswith(f"/{pegawai_b.pk}/")
    assert user_client.get(reverse("mutasi:sk_list")).status_code == 403
    assert AuditLog.objects.filter(action="akses.ditolak", actor=kepala_opd_a).exists()
    # Anonymous 404s (scanners) are not written to the audit log.
    client.logout()
    client.get(reverse("pegawai:detail", args=[pegawai_b.pk]))
    assert AuditLog.objects.filter(action="akses.tidak_ditemukan").count() == 1


# --- two-factor log-in ---------------------------------------------------------------------


def code(device, offset=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():0{device.digits}d}"


def log_in(client, user, follow=False):
    return client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, follow=follow
    )


def test_two_factor_enrolment_and_log_in_end_to_end(client):
    user = UserFactory(username="operator.2fa", roles=[Role.OPERATOR_BKD])
    log_in(client, user)
    page = client.get(reverse("otp_atur"))
    assert page.status_code == 200 and "<svg" in page.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert device.config_url.startswith("otpauth://totp/Mutasi%20ASN")

    wrong = client.post(
        reverse("otp_atur"), {"kode": "000000" if code(device) != "000000" else "111111"}
    )
    assert "Kode salah" in wrong.text
    assert AuditLog.objects.filter(action="akun.2fa_gagal", actor=user).exists()
    assert client.post(reverse("otp_atur"), {"kode": "12ab56"}).status_code == 200
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    client.post(reverse("otp_atur"), {"kode": code(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert AuditLog.objects.filter(action="akun.2fa_diaktifkan", actor=user).exists()
    client.post(reverse("logout"))

    # The password alone no longer opens the app.
    response = log_in(client, user)
    assert response.status_code == 302
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("otp_verifikasi") + "?next=")
    assert client.get(reverse("pegawai:list")).status_code == 302
    response = client.post(
        reverse("otp_verifikasi"), {"kode": code(device, offset=30), "next": "/pegawai/"}
    )
    assert response.status_code == 302 and response["Location"] == "/pegawai/"
    assert client.get(reverse("pegawai:list")).status_code == 200
    assert AuditLog.objects.filter(action="akun.2fa_terverifikasi", actor=user).exists()


def test_a_wrong_second_factor_keeps_the_door_shut(client):
    user = UserFactory(roles=[Role.OPERATOR_BKD])
    TOTPDevice.objects.create(user=user, name="hp", confirmed=True)
    log_in(client, user)
    response = client.post(reverse("otp_verifikasi"), {"kode": "99999x"})
    assert "Kode hanya berisi angka" in response.text
    response = client.post(reverse("otp_verifikasi"), {"kode": "000000"})
    response = client.post(reverse("otp_verifikasi"), {"kode": "000001"})
    assert "Kode salah" in response.text or "Terlalu banyak" in response.text
    assert client.get(reverse("home")).status_code == 302
    assert AuditLog.objects.filter(action="akun.2fa_gagal", actor=user).count() >= 2
    # An outside "next" is never followed.
    device = TOTPDevice.objects.get(user=user)
    device.throttling_failure_count = 0
    device.save()
    response = client.post(
        reverse("otp_verifikasi"), {"kode": code(device), "next": "https://jahat.example/"}
    )
    assert response["Location"] == reverse("home")


def test_required_roles_must_enrol_before_working_and_cannot_switch_it_off(client, settings):
    settings.WAJIB_2FA_PERAN = ["Pejabat Penetap", "Admin"]
    pejabat = UserFactory(roles=[Role.PEJABAT_PENETAP])
    log_in(client, pejabat)
    response = client.get(reverse("mutasi:sk_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("otp_atur"))
    page = client.get(reverse("otp_atur"))
    assert "mewajibkan verifikasi dua langkah" in page.text
    device = TOTPDevice.objects.get(user=pejabat)
    client.post(reverse("otp_atur"), {"kode": code(device)})
    assert client.get(reverse("mutasi:sk_list")).status_code == 200
    response = client.post(reverse("otp_atur"), {"kode": code(device, offset=30)}, follow=True)
    assert "tidak dapat dinonaktifkan" in response.text or "mewajibkan" in response.text
    assert TOTPDevice.objects.filter(user=pejabat, confirmed=True).exists()
    # Roles not listed keep the choice.
    client.post(reverse("logout"))
    asn = UserFactory(roles=[Role.OPERATOR_BKD])
    log_in(client, asn)
    assert client.get(reverse("pegawai:list")).status_code == 200


def test_a_user_can_switch_two_factor_off_with_a_code(client):
    user = UserFactory(roles=[Role.OPERATOR_BKD])
    log_in(client, user)
    client.get(reverse("otp_atur"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("otp_atur"), {"kode": code(device)})
    response = client.post(reverse("otp_atur"), {"kode": code(device, offset=30)}, follow=True)
    assert "Verifikasi dua langkah dinonaktifkan." in response.text
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert AuditLog.objects.filter(action="akun.2fa_dinonaktifkan", actor=user).exists()


# --- downloads -----------------------------------------------------------------------------


def test_letter_pdf_download_is_a_safe_attachment(
    login, operator_bkd, pejabat, django_capture_on_commit_callbacks, monkeypatch
):
    from tests.test_sk import draft, make_approved

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    letter = draft(operator_bkd, make_approved(operator_bkd, 1))
    with django_capture_on_commit_callbacks(execute=True):
        terbitkan_sk(letter.pk, pejabat)
    response = login(operator_bkd).get(reverse("mutasi:sk_unduh", args=[letter.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="SK-')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


# --- no secrets in the repository ----------------------------------------------------------

SECRET_PATTERNS = [
    re.compile("-----BEGIN " + r"(RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
    re.compile("AK" + r"IA[0-9A-Z]{16}"),
    re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"),
    re.compile(r"xox[baprs]-[A-Za-z0-9-]{10,}"),
    # A password inside a database or cache URL (user:password@host).
    re.compile(
        r"(postgres(ql)?|redis|mysql)://[^:/\s@]+:(?!\$|<|\{|(?i:pass|password|sandi|rahasia)@)[^@\s/]+@"
    ),
    # A literal Django secret key, other than the development default.
    re.compile(r"SECRET_KEY\s*=\s*['\"](?!django-insecure)[^'\"]{30,}['\"]"),
]


def test_no_secret_is_committed():
    try:
        files = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout.split(b"\0")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    found = []
    for name in filter(None, files):
        path = ROOT / name.decode()
        if not path.is_file() or path.suffix in {".png", ".jpg", ".pdf", ".woff2", ".ttf", ".xlsx"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [
            f"{name.decode()}: {m.group(0)[:40]}" for p in SECRET_PATTERNS for m in p.finditer(text)
        ]
    assert found == []


# --- configuration helpers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url, backend, location",
    [
        ("locmem://", "locmem.LocMemCache", None),
        ("db://mutasi_cache", "db.DatabaseCache", "mutasi_cache"),
        ("redis://127.0.0.1:6379/1", "redis.RedisCache", "redis://127.0.0.1:6379/1"),
        ("file:///var/cache/mutasi", "filebased.FileBasedCache", "/var/cache/mutasi"),
    ],
)
def test_cache_url_names_the_backend(url, backend, location):
    from mutasi.lib.cache import cache_from_url

    cache = cache_from_url(url)
    assert cache["BACKEND"] == f"django.core.cache.backends.{backend}"
    assert cache.get("LOCATION") == location


def test_a_bad_cache_url_stops_the_app_with_a_message():
    from django.core.exceptions import ImproperlyConfigured

    from mutasi.lib.cache import cache_from_url

    with pytest.raises(ImproperlyConfigured, match="not supported"):
        cache_from_url("memcache://x")


def test_an_unreachable_database_host_fails_within_seconds():
    from mutasi.lib.env import database_from_url

    default = database_from_url("postgres://u@db/mutasi")
    assert default["OPTIONS"]["connect_timeout"] == "3"
    assert default["OPTIONS"]["options"] == "-c statement_timeout=30000"
    assert default["CONN_HEALTH_CHECKS"] is True
    assert (default["HEALTH_CHECK_TIMEOUT"], default["CLIENT_TIMEOUT"]) == (3, 35)
    custom = database_from_url("postgres://u@db/mutasi?connect_timeout=2&options=-c%20work_mem=8MB")
    assert custom["OPTIONS"]["connect_timeout"] == "2"
    assert custom["OPTIONS"]["options"] == "-c statement_timeout=30000 -c work_mem=8MB"


def test_database_timeouts_come_from_the_environment_and_bad_values_fail_loudly(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from mutasi.lib.env import database_from_url

    monkeypatch.setenv("DB_STATEMENT_TIMEOUT", "0")
    monkeypatch.setenv("DB_CONNECT_TIMEOUT", "4")
    monkeypatch.setenv("DB_HEALTH_CHECK_TIMEOUT", "2")
    entry = database_from_url("postgres://u@db/mutasi")
    assert entry["OPTIONS"]["options"] == "-c statement_timeout=0"
    assert entry["OPTIONS"]["connect_timeout"] == "4"
    assert (entry["HEALTH_CHECK_TIMEOUT"], entry["CLIENT_TIMEOUT"]) == (2, None)
    monkeypatch.setenv("DB_CONNECT_TIMEOUT", "1")
    with pytest.raises(ImproperlyConfigured, match="at least 2"):
        database_from_url("postgres://u@db/mutasi")
    monkeypatch.setenv("DB_CONNECT_TIMEOUT", "3")
    monkeypatch.setenv("DB_STATEMENT_TIMEOUT", "lama")
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        database_from_url("postgres://u@db/mutasi")
