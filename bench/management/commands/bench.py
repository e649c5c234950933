"""Time the main pages against the current database (seed it first: seed_demo --pegawai N).

Each page is fetched ``--runs`` times in this process with Django's test client, after one
warm-up request, as the role that uses it. Per page: median and p95 of the wall time, the
median CPU time of this process (less disturbed than wall time when the machine is busy, but
without the database server's own time) and the query count. See docs/benchmarks.md.

The anchor (issue 17), timed the same way in the same run, first and last: Django's own
admin changelist of the employees (``ANCHORS``), a stock Django list of the same table that
this project's code does not touch. On a busy machine read a page against it, not against a
figure from another day; the load average is printed at the start, after the anchor and at
the end.
"""

import functools
import os
import statistics
import time
import warnings
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Case, Count, Q, When
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from instansi.choices import StatusAnalisis
from instansi.models import AnalisisBebanKerja, UnitKerja
from mutasi.demo.context import angka
from mutasi.models import StatusSK, SuratKeputusan, Usulan
from mutasi.usulan.choices import StatusUsulan
from pegawai.access import Role
from pegawai.models import Pegawai, User

ANONIM = "anonim"


class Page(NamedTuple):
    """A page to time. ``url`` may hold {names} from SAMPLES. ``user`` is a username (None:
    an Operator BKD; ANONIM: no log-in). ``cold`` empties the cache before every request, to
    time the public pages that are otherwise served from it."""

    label: str
    url: str
    user: str | None = None
    cold: bool = False
    htmx: bool = False  # fetch the table partial, as filtering and paging do


# A page whose route does not exist (yet), whose sample is missing or whose user does not
# exist is listed as n/a, so pages of features still being built can be added early.
# Issues 6 and 7: add your pages here (and a sample below if the URL needs one).
PAGES = [
    Page("Beranda", "/"),
    Page("Beranda ASN", "/", "asn"),
    # Employees (issue 2)
    Page("Daftar pegawai", "/pegawai/"),
    Page("Pegawai: filter OPD + golongan", "/pegawai/?opd={opd}&golongan=33"),
    Page("Pegawai: filter unit", "/pegawai/?unit={unit}"),
    Page("Pegawai: cari nama", "/pegawai/?q={nama}"),
    Page("Pegawai: cari NIP (8 digit)", "/pegawai/?q={nip8}"),
    Page("Pegawai: halaman 100, urut unit", "/pegawai/?page=100&sort=unit"),
    Page("Pegawai: halaman 100, urut golongan", "/pegawai/?page=100&sort=golongan"),
    Page("Pegawai: cari nama, tabel htmx", "/pegawai/?q={nama}", htmx=True),
    Page("Daftar pegawai (OPD)", "/pegawai/", "operator.dinkes"),
    Page("Profil pegawai", "/pegawai/{pk}/"),
    Page("Profil sendiri (ASN)", "/pegawai/{asn}/", "asn"),
    Page("Formulir pegawai", "/pegawai/{pk}/ubah/"),
    Page("Impor pegawai", "/pegawai/impor/"),
    Page("Daftar perangkat daerah", "/instansi/opd/"),
    Page("Perangkat daerah", "/instansi/opd/{opd}/"),
    Page("Daftar unit kerja", "/instansi/unit/"),
    Page("Unit kerja (terbesar)", "/instansi/unit/{unit}/"),
    Page("Daftar jabatan", "/instansi/jabatan/"),
    # Needs analysis (issue 3)
    Page("Daftar analisis beban kerja", "/instansi/abk/"),
    Page("Analisis beban kerja (terbesar)", "/instansi/abk/{abk}/"),
    Page("Lowongan", "/usulan/lowongan/"),
    Page("Lowongan: filter OPD", "/usulan/lowongan/?perangkat_daerah={opd}"),
    Page("Keseimbangan beban kerja", "/instansi/keseimbangan/"),
    Page("Keseimbangan: perangkat daerah", "/instansi/keseimbangan/opd/{opd}/"),
    Page("Keseimbangan: unit", "/instansi/keseimbangan/unit/{unit}/"),
    # Proposals (issue 4)
    Page("Daftar usulan", "/usulan/"),
    Page("Usulan: status diajukan", "/usulan/?status=diajukan"),
    Page("Usulan: filter OPD + jenis", "/usulan/?opd={opd}&jenis=antar_opd"),
    Page("Usulan: halaman 100, urut asal", "/usulan/?page=100&sort=asal"),
    Page("Usulan: halaman 100, urut tujuan", "/usulan/?page=100&sort=tujuan"),
    Page("Usulan: cari nama", "/usulan/?q={nama}"),
    Page("Daftar usulan (OPD)", "/usulan/", "kepala.dinkes"),
    Page("Daftar usulan (ASN)", "/usulan/", "asn"),
    Page("Tugas operator", "/usulan/tugas/"),
    Page("Tugas verifikator", "/usulan/tugas/", "verifikator.bkd"),
    Page("Tugas tim pertimbangan", "/usulan/tugas/", "tim.pertimbangan"),
    Page("Tugas pejabat penetap", "/usulan/tugas/", "pejabat.penetap"),
    Page("Tugas kepala OPD", "/usulan/tugas/", "kepala.dinkes"),
    Page("Notifikasi", "/usulan/notifikasi/", "verifikator.bkd"),
    Page("Detail usulan", "/usulan/{usulan}/"),
    Page("Detail usulan (tim)", "/usulan/{usulan}/", "tim.pertimbangan"),
    Page("Formulir usulan baru", "/usulan/baru/"),
    Page("Panel: daftar formasi", "/usulan/panel/", "tim.pertimbangan"),
    Page("Panel: perbandingan kandidat", "/usulan/panel/formasi/{panel}/", "tim.pertimbangan"),
    Page("Laporan usulan", "/usulan/laporan/"),
    # The report scoped to one agency, and narrowed by a filter (the stays looked up by id).
    Page("Laporan usulan (OPD)", "/usulan/laporan/", "kepala.dinkes"),
    Page("Laporan usulan: jenis antar OPD", "/usulan/laporan/?jenis=antar_opd"),
    # Decision letters and the public pages (issue 5)
    Page("Daftar SK", "/usulan/sk/"),
    Page("SK (terbanyak baris)", "/usulan/sk/{sk}/"),
    Page("SK: pratinjau HTML", "/usulan/sk/{sk}/pratinjau/", "pejabat.penetap"),
    Page("Transparansi (cache)", "/transparansi/", ANONIM),
    Page("Transparansi tanpa cache", "/transparansi/", ANONIM, cold=True),
    Page("Transparansi: filter, hlm 50", "/transparansi/?page=50&jenis=antar_opd", ANONIM),
    Page("Transparansi: cari, tanpa cache", "/transparansi/?q={nama}", ANONIM, cold=True),
    # Issue 16: the number search, and the open data's descriptor
    Page("Transparansi: cari nomor, tanpa cache", "/transparansi/?q={nomor}", ANONIM, cold=True),
    Page("Data terbuka: datapackage.json", "/transparansi/datapackage.json", ANONIM),
    Page("Verifikasi", "/verifikasi/", ANONIM),
    Page("Verifikasi SK (cache)", "/verifikasi/{kode}/", ANONIM),
    Page("Verifikasi SK tanpa cache", "/verifikasi/{kode}/", ANONIM, cold=True),
    Page("Health check", "/healthz", ANONIM),
    # Evaluation (issue 6), matching (issue 7), service quality (issue 18), rules (issue 20)
    Page("Evaluasi", "/evaluasi/"),
    Page("Evaluasi (kepala OPD)", "/evaluasi/", "kepala.dinkes"),
    Page("Dasbor evaluasi", "/evaluasi/dasbor/"),
    Page("Pencocokan", "/pencocokan/"),
    Page("Pencocokan: kandidat lowongan", "/pencocokan/lowongan/{panel}/"),
    Page("Kualitas layanan", "/instansi/layanan/"),
    Page("Ketentuan", "/ketentuan/"),
]
# Timed before and after the pages, whatever the filters.
ANCHORS = [
    Page("Jangkar: admin daftar pegawai", "/admin/pegawai/pegawai/", "admin"),
    Page("Jangkar: admin cari pegawai", "/admin/pegawai/pegawai/?q={nama}", "admin"),
]
BENCH_USERNAME = "bench.operator.bkd"


@functools.cache
def _middle_employee():
    count = Pegawai.objects.count()
    if not count:
        raise CommandError("Belum ada pegawai: jalankan dulu seed_demo --pegawai N.")
    return Pegawai.objects.order_by("pk").select_related("unit")[count // 2]


def _biggest_unit():
    return (
        UnitKerja.objects.annotate(n=Count("pegawai", filter=Q(pegawai__aktif=True)))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def _largest_analysis():
    return (
        AnalisisBebanKerja.objects.filter(status=StatusAnalisis.DITERIMA)
        .annotate(n=Count("tugas"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def _fullest_proposal():
    """A proposal the panel has recommended: the fullest proposal page."""
    return (
        Usulan.objects.order_by(
            Case(When(status=StatusUsulan.DIPERTIMBANGKAN, then=0), default=1), "-created"
        )
        .values_list("pk", flat=True)
        .first()
    )


def _panel_formasi():
    from mutasi.panel.perbandingan import formasi_ditinjau

    return formasi_ditinjau().values_list("pk", flat=True).first()


def _largest_letter():
    return (
        SuratKeputusan.objects.filter(status=StatusSK.TERBIT)
        .annotate(n=Count("baris"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def _asn():
    return User.objects.filter(username="asn").values_list("pegawai_id", flat=True).first()


# {name} in a page URL → how to find a value in the data; each runs only when a page needs it.
SAMPLES = {
    "opd": lambda: _middle_employee().unit.perangkat_daerah_id,
    "nama": lambda: _middle_employee().nama.split()[-1],
    "nip8": lambda: _middle_employee().nip[:8],
    "pk": lambda: _middle_employee().pk,
    "unit": _biggest_unit,
    "abk": _largest_analysis,
    "usulan": _fullest_proposal,
    "panel": _panel_formasi,
    "sk": _largest_letter,
    "kode": lambda: (
        SuratKeputusan.objects.filter(status=StatusSK.TERBIT)
        .order_by("pk")
        .values_list("kode_verifikasi", flat=True)
        .first()
    ),
    "asn": _asn,
    "nomor": lambda: (
        SuratKeputusan.objects.filter(status=StatusSK.TERBIT)
        .order_by("pk")
        .values_list("nomor", flat=True)
        .first()
    ),
}


class Samples(dict):
    """SAMPLES computed on first use; None when the data has no such thing."""

    def __missing__(self, name):
        value = SAMPLES[name]() if name in SAMPLES else None
        self[name] = value
        return value


def fill(url: str, samples: Samples) -> str | None:
    """The URL with its {names} filled in, or None when a sample is missing."""
    names = [part.split("}")[0] for part in url.split("{")[1:]]
    values = {name: samples[name] for name in names}
    if any(value is None for value in values.values()):
        return None
    return url.format(**values)


def route_exists(url: str) -> bool:
    try:
        resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return True


def operator_bkd() -> User:
    """An Operator BKD account: the first existing one, else a bench account without a
    password (force_login needs none)."""
    group, _ = Group.objects.get_or_create(name=Role.OPERATOR_BKD.value)
    user = group.user_set.filter(is_active=True).order_by("pk").first()
    if user is None:
        user, created = User.objects.get_or_create(username=BENCH_USERNAME)
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(group)
    return user


def loadavg() -> str:
    """The machine's load (1, 5, 15 minutes): figures on a busy machine mean less."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


class Result(NamedTuple):
    label: str
    url: str
    user: str
    median: float | None = None
    p95: float | None = None
    cpu: float | None = None
    queries: int | None = None
    status: int | None = None


class Command(BaseCommand):
    help = (
        "Mengukur waktu server dan jumlah query halaman-halaman utama pada basis data saat "
        "ini, masing-masing sebagai peran yang memakainya."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50, help="Permintaan per halaman.")
        parser.add_argument(
            "--halaman",
            nargs="+",
            default=[],
            help="Hanya halaman yang label atau URL-nya memuat salah satu kata ini.",
        )
        parser.add_argument(
            "--kecuali",
            nargs="+",
            default=[],
            help="Lewati halaman yang label atau URL-nya memuat salah satu kata ini.",
        )
        parser.add_argument(
            "--markdown", action="store_true", help="Cetak tabel Markdown (untuk dokumen)."
        )

    def handle(self, *args, runs, halaman, kecuali, markdown, **options):
        if runs < 1:
            raise CommandError("--runs minimal 1.")
        samples = Samples()
        operator = operator_bkd()
        clients = {}

        def client_for(username):
            """A client logged in as ``username`` (None: the Operator BKD), or None."""
            if username not in clients:
                clients[username] = None
                if username == ANONIM:
                    clients[username] = Client()
                else:
                    account = (
                        operator
                        if username is None
                        else User.objects.filter(username=username, is_active=True).first()
                    )
                    if account is not None:
                        clients[username] = Client()
                        clients[username].force_login(account)
            return clients[username]

        self.stdout.write(
            f"{angka(Pegawai.objects.count())} pegawai, {angka(Usulan.objects.count())} "
            f"usulan, {connection.vendor}, {runs} permintaan per halaman, load {loadavg()}"
        )
        # WhiteNoise warns that collectstatic has not run; the pages do not need it here.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        results = []
        # The manifest storage of DEBUG=False needs collectstatic, which a checkout has not run.
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(
            ALLOWED_HOSTS=["testserver", "localhost", "127.0.0.1"],
            SECURE_SSL_REDIRECT=False,
            STORAGES=storages,
            RATELIMIT_ENABLE=False,  # the server's time is measured, not the 429 page
        ):
            for page in ANCHORS:
                results.append(self.time_page(page, samples, client_for, runs))
                self.stdout.write(self.line(results[-1]))
            self.stdout.write(f"load {loadavg()}")
            for page in PAGES:
                text = f"{page.label} {page.url}".lower()
                if halaman and not any(word.lower() in text for word in halaman):
                    continue
                if any(word.lower() in text for word in kecuali):
                    continue
                results.append(self.time_page(page, samples, client_for, runs))
                self.stdout.write(self.line(results[-1]))
            for page in ANCHORS:
                results.append(self.time_page(page, samples, client_for, runs))
                self.stdout.write(self.line(results[-1]))
        if markdown:
            self.stdout.write("\n" + self.markdown(results))
        self.stdout.write(f"load sesudahnya {loadavg()}")

    def time_page(self, page, samples, client_for, runs) -> Result:
        user = page.user or operator_bkd().username
        client = client_for(page.user)
        url = fill(page.url, samples)
        if url is None or client is None or not route_exists(url):
            return Result(page.label, url or page.url, user)
        headers = {}
        if page.htmx:
            headers = {"HX-Request": "true", "HX-Target": "tabel"}
        client.get(url, headers=headers)  # warm-up: templates, URL resolver, caches
        times, cpu, queries, status = [], [], 0, None
        for _ in range(runs):
            if page.cold:
                cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(url, headers=headers)
                cpu.append((time.process_time() - started_cpu) * 1000)
                times.append((time.perf_counter() - started) * 1000)
            queries = max(queries, len(captured))
            status = response.status_code
        return Result(
            page.label,
            url,
            user,
            statistics.median(times),
            percentile(times, 95),
            statistics.median(cpu),
            queries,
            status,
        )

    @staticmethod
    def cells(r: Result) -> list[str]:
        if r.median is None:
            return [r.label, r.url, r.user, "n/a", "", "", "", ""]
        return [
            r.label,
            r.url,
            r.user,
            f"{r.median:.0f}",
            f"{r.p95:.0f}",
            f"{r.cpu:.0f}",
            str(r.queries),
            str(r.status),
        ]

    HEADER = ["Halaman", "URL", "peran", "median ms", "p95 ms", "CPU ms", "query", "status"]
    WIDTHS = [34, 44, 17, 9, 7, 7, 5, 6]

    def line(self, r: Result) -> str:
        header = "" if getattr(self, "_header_done", False) else self.header_lines()
        self._header_done = True
        return header + self.row(self.cells(r))

    def row(self, cells) -> str:
        return "  ".join(
            c.rjust(w) if i >= 3 else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, self.WIDTHS, strict=True))
        ).rstrip()

    def header_lines(self) -> str:
        return self.row(self.HEADER) + "\n" + "  ".join("-" * w for w in self.WIDTHS) + "\n"

    def markdown(self, results) -> str:
        lines = ["| " + " | ".join(self.HEADER) + " |", "|" + "---|" * len(self.HEADER)]
        for r in results:
            cells = self.cells(r)
            cells[1] = f"`{cells[1]}`"
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)
