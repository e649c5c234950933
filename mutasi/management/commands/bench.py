"""Time the main pages against the current database (seed it first: seed_demo --pegawai N)."""

import statistics
import time
import warnings
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Case, Count, When
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from instansi.choices import StatusAnalisis
from instansi.models import AnalisisBebanKerja
from mutasi.choices import StatusUsulan
from mutasi.demo.context import angka
from mutasi.models import Usulan
from pegawai.access import Role
from pegawai.models import Pegawai, User

# (label, URL[, username]). The URL may use {opd}, {nama}, {nip8}, {pk}, {abk} and {usulan},
# filled from the data by sample_values(). Pages are fetched as an Operator BKD unless a
# username is given. A page whose route does not exist (yet), or whose sample is missing,
# or whose user does not exist, is listed as n/a. Add a page here.
PAGES = [
    ("Daftar pegawai", "/pegawai/"),
    ("Pegawai: filter OPD + golongan", "/pegawai/?opd={opd}&golongan=33"),
    ("Pegawai: cari nama", "/pegawai/?q={nama}"),
    ("Pegawai: cari NIP (8 digit)", "/pegawai/?q={nip8}"),
    ("Profil pegawai", "/pegawai/{pk}/"),
    ("Daftar perangkat daerah", "/instansi/opd/"),
    ("Daftar unit kerja", "/instansi/unit/"),
    ("Daftar analisis beban kerja", "/instansi/abk/"),
    ("Analisis beban kerja (terbesar)", "/instansi/abk/{abk}/"),
    ("Lowongan", "/instansi/lowongan/"),
    ("Keseimbangan beban kerja", "/instansi/keseimbangan/"),
    ("Daftar usulan", "/usulan/"),
    ("Usulan: status diajukan", "/usulan/?status=diajukan"),
    ("Tugas verifikator", "/usulan/tugas/", "verifikator.bkd"),
    ("Detail usulan", "/usulan/{usulan}/"),
]
BENCH_USERNAME = "bench.operator.bkd"


def sample_values() -> dict:
    """An employee from the middle of the table and their agency, the accepted analysis
    with the most tasks, and a proposal the panel has recommended (the fullest page)."""
    count = Pegawai.objects.count()
    if not count:
        raise CommandError("Belum ada pegawai: jalankan dulu seed_demo --pegawai N.")
    pegawai = Pegawai.objects.order_by("pk").select_related("unit")[count // 2]
    analisis = (
        AnalisisBebanKerja.objects.filter(status=StatusAnalisis.DITERIMA)
        .annotate(n=Count("tugas"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    usulan = (
        Usulan.objects.order_by(
            Case(When(status=StatusUsulan.DIPERTIMBANGKAN, then=0), default=1), "-created"
        )
        .values_list("pk", flat=True)
        .first()
    )
    return {
        "opd": pegawai.unit.perangkat_daerah_id,
        "nama": pegawai.nama.split()[-1],
        "nip8": pegawai.nip[:8],
        "pk": pegawai.pk,
        "abk": analisis,
        "usulan": usulan,
    }


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


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


class Command(BaseCommand):
    help = (
        "Mengukur waktu server dan jumlah query halaman-halaman utama pada basis data saat "
        "ini, sebagai Operator BKD."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50, help="Permintaan per halaman.")

    def handle(self, *args, runs, **options):
        if runs < 1:
            raise CommandError("--runs minimal 1.")
        values = sample_values()
        user = operator_bkd()
        clients = {}

        def client_for(username):
            """A logged-in client for ``username`` (None: the Operator BKD), or None."""
            if username not in clients:
                account = (
                    user
                    if username is None
                    else User.objects.filter(username=username, is_active=True).first()
                )
                clients[username] = None
                if account is not None:
                    clients[username] = Client()
                    clients[username].force_login(account)
            return clients[username]

        self.stdout.write(
            f"{angka(Pegawai.objects.count())} pegawai, {connection.vendor}, "
            f"{runs} permintaan per halaman, sebagai {user.username}"
        )
        # WhiteNoise warns that collectstatic has not run; the pages do not need it here.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        rows = []
        # The manifest storage of DEBUG=False needs collectstatic, which a checkout has not run.
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(
            ALLOWED_HOSTS=["testserver", "localhost", "127.0.0.1"],
            SECURE_SSL_REDIRECT=False,
            STORAGES=storages,
        ):
            for label, template, *who in PAGES:
                username = who[0] if who else None
                shown = f"{label} ({username})" if username else label
                client = client_for(username)
                missing = any(
                    values.get(name) is None
                    for name in ("abk", "usulan")
                    if "{" + name + "}" in template
                )
                url = template if missing else template.format(**values)
                if missing or client is None or not route_exists(url):
                    rows.append((shown, url, None, None, None, None))
                    continue
                client.get(url)  # warm-up: templates, URL resolver, connection, caches
                times, queries, status = [], 0, None
                for _ in range(runs):
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        response = client.get(url)
                        times.append((time.perf_counter() - started) * 1000)
                    queries = max(queries, len(captured))
                    status = response.status_code
                rows.append(
                    (
                        shown,
                        url,
                        statistics.median(times),
                        percentile(times, 95),
                        queries,
                        status,
                    )
                )
        self.stdout.write(self.table(rows))

    def table(self, rows) -> str:
        header = ("Halaman", "URL", "median ms", "p95 ms", "query", "status")
        cells = [header] + [
            (label, url, "n/a", "", "", "")
            if median is None
            else (label, url, f"{median:.1f}", f"{p95:.1f}", str(q), str(s))
            for label, url, median, p95, q, s in rows
        ]
        widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
        numeric = {2, 3, 4, 5}
        lines = []
        for n, row in enumerate(cells):
            lines.append(
                "  ".join(
                    c.rjust(w) if i in numeric else c.ljust(w)
                    for i, (c, w) in enumerate(zip(row, widths, strict=True))
                ).rstrip()
            )
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)
