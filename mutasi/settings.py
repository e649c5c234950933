"""Settings, read from the environment (see README "Konfigurasi").

With nothing set, the app runs on a SQLite file in the checkout with DEBUG off; the demo
command turns DEBUG on. Production sets at least SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from mutasi.lib.cache import cache_from_url
from mutasi.lib.env import (
    database_from_url,
    envbool,
    envchoice,
    envint,
    envints,
    envlist,
    envmap,
    envrate,
    envstr,
    envtemplate,
    envtext,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)
# The default key starts with "django-insecure", which `check --deploy` reports (W009).
SECRET_KEY = envstr("SECRET_KEY") or "django-insecure-only-for-development-and-tests"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = (envstr("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "django_tasks",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "mutasi",
    # After mutasi: its db_worker (which waits out a lost database) replaces the library's.
    "django_tasks_db",
    "instansi",
    "pegawai",
    "evaluasi",
    # The benchmark commands (bench/), kept out of the product's packages.
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mutasi.lib.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pegawai.otp.WajibVerifikasiMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mutasi.lib.isian.IsianMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "mutasi.audit.DeniedAttemptsMiddleware",
    "mutasi.lib.middleware.MetodeTidakDiizinkanMiddleware",
]

# Notes whether a request added an error, so that what a refused form held is kept for the
# page it redirects to (mutasi.lib.isian).
MESSAGE_STORAGE = "mutasi.lib.isian.PenyimpananPesan"

ROOT_URLCONF = "mutasi.urls"
WSGI_APPLICATION = "mutasi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pegawai.context_processors.roles",
                "mutasi.context_processors.usulan",
            ],
        },
    },
]

DATABASE_URL = envstr("DATABASE_URL")
DATABASES = {"default": database_from_url(DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# A PostgreSQL read replica (streaming standby) for the public pages and the report: their
# reads go there (mutasi.lib.replika); every write and everything else stays on the primary.
DATABASE_REPLICA_URL = envstr("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **database_from_url(DATABASE_REPLICA_URL),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["mutasi.lib.replika.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per process by default. Several app servers (or gunicorn workers that must share the rate
# limits and the public-page cache) use a shared one: db://mutasi_cache or redis://...
CACHES = {"default": cache_from_url(envstr("CACHE_URL") or "locmem://")}

AUTH_USER_MODEL = "pegawai.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "pegawai.auth.NipOrUsernameBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock-out: five wrong passwords for one account from one address, for an hour.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 60, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "pegawai.auth.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Reverse proxies in front of the app (nginx: 1); their X-Forwarded-For gives the client.
PROXY_COUNT = envint("PROXY_COUNT", 0, minimum=0)
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT or None

# Two-factor log-in (TOTP, django-otp): optional for everyone; required for these roles
# (comma-separated role names, e.g. "Pejabat Penetap,Admin"), who must enrol before working.
WAJIB_2FA_PERAN = envlist("WAJIB_2FA_PERAN", [])
OTP_TOTP_ISSUER = "Mutasi ASN"

SESSION_COOKIE_AGE = envint("SESSION_MINUTES", 8 * 60, minimum=5) * 60
# Sessions live in the database, shared by every app server; with a shared cache (CACHE_URL
# redis://...) "cached_db" reads them from the cache and keeps writing them to the database.
SESSION_ENGINE = "django.contrib.sessions.backends." + envchoice(
    "SESSION_STORE", "db", ["db", "cached_db"]
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "id"
# Indonesian on screen for everyone, whatever the browser asks for: no LocaleMiddleware.
LANGUAGES = [("id", _("Bahasa Indonesia"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve straight from STATICFILES_DIRS when collectstatic has not run (demo and tests).
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", True)
WHITENOISE_MANIFEST_STRICT = False
# Uploaded documents and generated letters are private: never under STATIC or a public URL.
MEDIA_ROOT = Path(envstr("MEDIA_ROOT") or BASE_DIR / "media")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "inc/table.html"
# Sorting and paging update the table in place (htmx); row links open pages normally.
DJANGO_TABLES2_TABLE_ATTRS = {
    "class": "table table-hover table-sm align-middle",
    "thead": {"hx-boost": "true"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if envstr("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = envstr("EMAIL_HOST") or "localhost"
EMAIL_PORT = envint("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL") or "mutasi-asn@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", a) for a in envlist("ADMINS", [])]

# Security headers. Behind a TLS proxy, production keeps these on; DEBUG turns them off.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The load balancer's health check may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Content-Security-Policy (django-csp): scripts and styles only from our own static files, no
# inline code. data: images are Bootstrap's form icons. CSP_REPORT_ONLY=1 only reports (to
# CSP_REPORT_URI, if set) while a new policy is being tried.
_csp = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # The letter preview (mutasi:sk_pratinjau) is framed by the letter page; only that
        # response lets itself be framed, by this origin (frame-ancestors 'self').
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
    }
}
if envstr("CSP_REPORT_URI"):
    _csp["DIRECTIVES"]["report-uri"] = [envstr("CSP_REPORT_URI")]
if envbool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp
else:
    CONTENT_SECURITY_POLICY = _csp

# Rate limits of the public pages per client address ("N/s|m|h|d"; empty: none). The counters
# are in the default cache: shared between app servers only with a shared CACHE_URL.
RATELIMIT_ENABLE = envbool("RATELIMIT_ENABLE", True)
RATELIMIT_IP_META_KEY = "mutasi.lib.batas.client_ip"
# A cache that is down must not take the public pages down with it.
RATELIMIT_FAIL_OPEN = True
BATAS_TRANSPARANSI = envrate("BATAS_TRANSPARANSI", "60/m")
BATAS_DATA_TERBUKA = envrate("BATAS_DATA_TERBUKA", "20/m")
BATAS_VERIFIKASI = envrate("BATAS_VERIFIKASI", "30/m")
# The public survey form of a service unit (issue 18): page views and answers per address.
# Generous, as the visitors of one counter may share one network.
BATAS_SURVEI = envrate("BATAS_SURVEI", "60/h")
# The licence the open data is published under (/transparansi/datapackage.json): an SPDX
# identifier, its URL and title. CC BY 4.0 is what Satu Data Indonesia portals commonly use.
DATA_TERBUKA_LISENSI = envstr("DATA_TERBUKA_LISENSI") or "CC-BY-4.0"
DATA_TERBUKA_LISENSI_URL = (
    envstr("DATA_TERBUKA_LISENSI_URL") or "https://creativecommons.org/licenses/by/4.0/"
)
DATA_TERBUKA_LISENSI_JUDUL = (
    envstr("DATA_TERBUKA_LISENSI_JUDUL") or "Creative Commons Attribution 4.0 International"
)

MAX_UPLOAD_MB = envint("MAX_UPLOAD_MB", 10, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL") or "WARNING"},
}

# Domain settings (docs/domain.md): the region the app serves, shown on letters and pages.
NAMA_INSTANSI = envstr("NAMA_INSTANSI") or "Pemerintah Provinsi Asemrowo"
# Needs analysis (docs/domain.md §5): effective working hours per year (PermenPANRB 1/2020) and
# how a fractional need is rounded by default ("ke_atas" or "matematis").
ABK_JAM_EFEKTIF = envint("ABK_JAM_EFEKTIF", 1250, minimum=500)
ABK_PEMBULATAN = envchoice("ABK_PEMBULATAN", "ke_atas", {"ke_atas", "matematis"})
# Eligibility thresholds of a mutation (docs/domain.md §4); regions add their own rules.
MUTASI_MIN_TAHUN_JABATAN = envint("MUTASI_MIN_TAHUN_JABATAN", 2, minimum=0)
MUTASI_MAX_TAHUN_JABATAN = envint("MUTASI_MAX_TAHUN_JABATAN", 5, minimum=1)
MUTASI_TAHUN_SKP = envint("MUTASI_TAHUN_SKP", 2, minimum=1)
# Month from which last year's SKP rating counts (it is set in the first months of the year).
MUTASI_BULAN_SKP_TERSEDIA = envint("MUTASI_BULAN_SKP_TERSEDIA", 4, minimum=1)
if MUTASI_BULAN_SKP_TERSEDIA > 12:
    raise ImproperlyConfigured("MUTASI_BULAN_SKP_TERSEDIA must be a month, 1 to 12")
MUTASI_MASA_KERJA_PERMINTAAN_SENDIRI = envint("MUTASI_MASA_KERJA_PERMINTAAN_SENDIRI", 10, minimum=0)
MUTASI_TAHUN_SEBELUM_PENSIUN = envint("MUTASI_TAHUN_SEBELUM_PENSIUN", 1, minimum=0)
# A mutation goes to an equivalent post (jabatan setara): the job class never drops and rises
# by at most this much (promotion and demotion are other procedures).
MUTASI_KELAS_NAIK_MAKS = envint("MUTASI_KELAS_NAIK_MAKS", 1, minimum=0)
# Days the employee has to record consent or an objection after being notified.
MUTASI_JENDELA_SIKAP_HARI = envint("MUTASI_JENDELA_SIKAP_HARI", 7, minimum=1)
# A PPPK whose work contract ends within this many months of the TMT is a review item.
MUTASI_BULAN_KONTRAK_PPPK = envint("MUTASI_BULAN_KONTRAK_PPPK", 6, minimum=0)
# What a failed rule does (mutasi/usulan/eligibility.py): "blokir" stops the proposal until a second
# person grants an exception, "tinjau" asks for review, "info" only informs.
MUTASI_TINGKAT_SYARAT = envmap(
    "MUTASI_TINGKAT_SYARAT",
    {
        "masa_jabatan": "blokir",
        "skp": "blokir",
        "disiplin": "blokir",
        "tugas_belajar": "blokir",
        "pns_baru": "blokir",
        "setara": "blokir",
        "kelas": "blokir",
        "rumpun": "blokir",
        "golongan": "blokir",
        "pendidikan": "blokir",
        "pensiun": "blokir",
        "lowongan": "blokir",
        "unit_asal": "tinjau",
        "dokumen": "blokir",
        "pppk_instansi": "blokir",
        "pppk_jabatan": "blokir",
        "pppk_kontrak": "blokir",
    },
    {"blokir", "tinjau", "info"},
)
# Exceptions to a blocking rule need two people: one role asks, another grants
# (docs/domain.md §4). The rules in force whatever anyone says are never waivable.
MUTASI_PENGECUALIAN_PEMINTA = envlist("MUTASI_PENGECUALIAN_PEMINTA", ["Verifikator BKD"])
MUTASI_PENGECUALIAN_PEMBERI = envlist("MUTASI_PENGECUALIAN_PEMBERI", ["Pejabat Penetap"])

# Post-mutation evaluation (docs/domain.md §9): months after the TMT at which evaluations are
# due, and the days an evaluation stays open before it is listed as overdue.
EVALUASI_BULAN = envints("EVALUASI_BULAN", [3, 6, 12])
EVALUASI_TENGGAT_HARI = envint("EVALUASI_TENGGAT_HARI", 30, minimum=1)

# Matching and redistribution (docs/domain.md §6): weights of the candidate score's parts
# (non-negative, not all zero) and the most moves the plan takes out of any one unit.
PENCOCOKAN_BOBOT = {
    "kompetensi": envint("PENCOCOKAN_BOBOT_KOMPETENSI", 30, minimum=0),
    "kinerja": envint("PENCOCOKAN_BOBOT_KINERJA", 25, minimum=0),
    "masa_jabatan": envint("PENCOCOKAN_BOBOT_MASA_JABATAN", 15, minimum=0),
    "beban_asal": envint("PENCOCOKAN_BOBOT_BEBAN_ASAL", 15, minimum=0),
    "preferensi": envint("PENCOCOKAN_BOBOT_PREFERENSI", 10, minimum=0),
    "talenta": envint("PENCOCOKAN_BOBOT_TALENTA", 5, minimum=0),
}
PENCOCOKAN_MAKS_KELUAR_PER_UNIT = envint("PENCOCOKAN_MAKS_KELUAR_PER_UNIT", 2, minimum=1)
# Matching leaves alone anyone who moved within this many years (position history and
# carried-out proposals); the fairness audit flags two or more moves within the same window.
PENCOCOKAN_JEDA_PINDAH_TAHUN = envint("PENCOCOKAN_JEDA_PINDAH_TAHUN", 2, minimum=0)
# Points the plan adds to a move into a unit whose public service is poor (IKM C/D or
# complaints rising; issue 18, docs/layanan.md), shown as its own part of the score. 0: off.
PENCOCOKAN_BONUS_PRIORITAS_LAYANAN = envint(
    "PENCOCOKAN_BONUS_PRIORITAS_LAYANAN", 0, minimum=0, maximum=100
)

# Decision letters (docs/domain.md §7). The number pattern takes {urut}, {tahun} and {seri};
# numbers are gap-free per series and year.
SK_NOMOR_POLA = envtemplate(
    "SK_NOMOR_POLA", "800.1.3/{urut}/BKD/{tahun}", {"urut", "tahun"}, {"urut", "tahun", "seri"}
)
SK_SERI = envtext("SK_SERI", "mutasi", max_length=30)
# Where letters are signed; empty means the government's capital (Instansi.ibu_kota).
SK_KOTA = envstr("SK_KOTA") or ""
SK_ALAMAT = (
    envstr("SK_ALAMAT")
    or "Jalan Pahlawan Nomor 1, Kota Asemrowo 60000 · Telepon (031) 000000 · bkd.asemrowo.go.id"
)
# "A4" or "F4" (215 × 330 mm, common in regional offices).
# Automatic attempts at a letter's PDF before it waits for BKD's "Render ulang".
SK_RENDER_PERCOBAAN = envint("SK_RENDER_PERCOBAAN", 3, minimum=1)
SK_KERTAS = envstr("SK_KERTAS") or "A4"
if SK_KERTAS not in ("A4", "F4"):
    raise ImproperlyConfigured(f"SK_KERTAS={SK_KERTAS!r} must be A4 or F4")
SK_MENIMBANG = envstr("SK_MENIMBANG") or (
    "bahwa dalam rangka pembinaan karier dan pemenuhan kebutuhan pegawai sesuai analisis "
    "jabatan dan analisis beban kerja, perlu dilakukan pemindahan Pegawai Negeri Sipil;\n"
    "bahwa Pegawai Negeri Sipil yang namanya tercantum dalam Lampiran Keputusan ini telah "
    "memenuhi persyaratan untuk dipindahkan dan telah mendapat pertimbangan Tim Pertimbangan;\n"
    "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
    "menetapkan Keputusan tentang Pemindahan Pegawai Negeri Sipil;"
)
SK_MENGINGAT = envstr("SK_MENGINGAT") or (
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;\n"
    "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil "
    "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;\n"
    "Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan "
    "Mutasi;\n"
    "Peraturan Daerah tentang Pembentukan dan Susunan Perangkat Daerah;"
)
SK_TEMBUSAN = envstr("SK_TEMBUSAN") or (
    "Kepala Badan Kepegawaian Negara di Jakarta;\n"
    "Kepala Kantor Regional Badan Kepegawaian Negara;\n"
    "Inspektur Daerah;\n"
    "Kepala Perangkat Daerah yang bersangkutan;\n"
    "Pegawai Negeri Sipil yang bersangkutan."
)
# The letterhead: "kepala_daerah" (the Keputusan of the Gubernur/Bupati/Wali Kota carries
# the head of region's: the emblem above the title of office) or "bkd" (the agency's, with
# its address, for letters signed under delegation). SK_KOP_LAMBANG: the emblem's image
# file (Garuda or the regional emblem, as the region's Tata Naskah Dinas says); none if empty.
SK_KOP = envchoice("SK_KOP", "kepala_daerah", {"kepala_daerah", "bkd"})
SK_KOP_LAMBANG = envstr("SK_KOP_LAMBANG") or ""
# The signing official's default, copied into each draft (and editable there).
SK_PENANDATANGAN_NAMA = envstr("SK_PENANDATANGAN_NAMA") or ""
SK_PENANDATANGAN_JABATAN = envstr("SK_PENANDATANGAN_JABATAN") or ""
SK_PENANDATANGAN_PANGKAT = envstr("SK_PENANDATANGAN_PANGKAT") or ""
SK_PENANDATANGAN_NIP = envstr("SK_PENANDATANGAN_NIP") or ""

# Electronic signature of letters (TTE, PAdES; mutasi/sk/tanda_tangan.py). ``demo``: a demo CA
# and signer certificate made by the app under MEDIA_ROOT (the letter says so; passphrase
# ``mutasi-demo``); ``p12``: the region's own PKCS#12 key in SK_TTE_P12, unlocked by the
# passphrase the signer types; ``pkcs11``: a key that never leaves an HSM (the PKCS#11 module
# SK_TTE_PKCS11_MODUL, token SK_TTE_PKCS11_TOKEN, key and certificate labels), the passphrase
# typed being the token's user PIN; ``bsre``: a BSrE-style signing service at SK_TTE_URL. The
# passphrase is typed at signing and never stored.
SK_TTE = envchoice("SK_TTE", "demo", {"demo", "p12", "pkcs11", "bsre"})
SK_TTE_P12 = envstr("SK_TTE_P12") or ""
SK_TTE_PKCS11_MODUL = envstr("SK_TTE_PKCS11_MODUL") or ""
SK_TTE_PKCS11_TOKEN = envstr("SK_TTE_PKCS11_TOKEN") or ""
SK_TTE_PKCS11_KUNCI = envstr("SK_TTE_PKCS11_KUNCI") or ""
SK_TTE_PKCS11_SERTIFIKAT = envstr("SK_TTE_PKCS11_SERTIFIKAT") or SK_TTE_PKCS11_KUNCI
SK_TTE_URL = (envstr("SK_TTE_URL") or "").rstrip("/")
SK_TTE_PENGGUNA = envstr("SK_TTE_PENGGUNA") or ""
SK_TTE_SANDI = envstr("SK_TTE_SANDI") or ""
SK_TTE_BATAS_DETIK = envint("SK_TTE_BATAS_DETIK", 60, minimum=1)
# A time-stamping authority (RFC 3161) put in each signature, where one is available.
SK_TTE_TSA = envstr("SK_TTE_TSA") or ""
# Verification: PEM/DER files of the trusted root certificates (the demo CA is added in demo
# mode), CRL files to check revocation against, and whether to fetch CRL/OCSP online.
SK_TTE_AKAR = envlist("SK_TTE_AKAR", [])
SK_TTE_CRL = envlist("SK_TTE_CRL", [])
SK_TTE_DARING = envbool("SK_TTE_DARING", False)
SK_TTE_CATATAN = envstr("SK_TTE_CATATAN") or (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik "
    "yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi "
    "Negara."
)
if SK_TTE == "p12" and not SK_TTE_P12:
    raise ImproperlyConfigured("SK_TTE=p12 needs SK_TTE_P12, the path of the PKCS#12 file")
if SK_TTE == "pkcs11" and not (SK_TTE_PKCS11_MODUL and SK_TTE_PKCS11_TOKEN and SK_TTE_PKCS11_KUNCI):
    raise ImproperlyConfigured(
        "SK_TTE=pkcs11 needs SK_TTE_PKCS11_MODUL (the PKCS#11 module), SK_TTE_PKCS11_TOKEN "
        "(the token label) and SK_TTE_PKCS11_KUNCI (the key label)"
    )
for _name, _paths in (
    ("SK_TTE_P12", [SK_TTE_P12] if SK_TTE_P12 else []),
    ("SK_TTE_PKCS11_MODUL", [SK_TTE_PKCS11_MODUL] if SK_TTE_PKCS11_MODUL else []),
    ("SK_TTE_AKAR", SK_TTE_AKAR),
    ("SK_TTE_CRL", SK_TTE_CRL),
):
    for _path in _paths:
        if not Path(_path).is_file():
            raise ImproperlyConfigured(f"{_name}: {_path!r} is not a readable file")
if SK_TTE == "bsre" and not SK_TTE_URL:
    raise ImproperlyConfigured("SK_TTE=bsre needs SK_TTE_URL, the signing service's address")
