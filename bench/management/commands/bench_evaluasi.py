"""Time the evaluation dashboard on many implemented moves (issue 6: 100,000, p95 < 500 ms).

    createdb -h 127.0.0.1 -U postgres mutasi_bench_eval
    DATABASE_URL=postgres://postgres@127.0.0.1/mutasi_bench_eval \\
        uv run python manage.py migrate
    DATABASE_URL=... uv run python manage.py bench_evaluasi --mutasi 100000

Seeds the demo first when the database is empty (``--pegawai``), then adds implemented
moves spread over five years — each with its letter, its evaluations, assessments for most
of those past due, trainings and SKP after the move — until there are ``--mutasi`` of them,
with the demo's own inserter (COPY on PostgreSQL). Then requests the dashboard as an
Operator BKD: unfiltered, filtered by agency and period, and the XLSX export; prints the
median and p95 in ms and the number of queries. ``--periksa`` also checks that
PostgreSQL's ``percentile_cont`` agrees with the Python percentile on the same days.

The anchor, in the same run before the pages: two raw SQL aggregates, the implemented moves
per origin unit and every evaluation per agency and month (count, latest due date), the
scans a fresh dashboard cannot do without; the load average is printed on every line.
"""

import datetime
import os
import random
import statistics
import time
import warnings
from collections import defaultdict

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bench.evaluasi import sisipkan_mutasi
from bench.management.commands.bench import operator_bkd, percentile
from evaluasi import dasbor, hitungan
from evaluasi.models import Evaluasi, HitunganDasbor
from evaluasi.tasks import hitung_dasbor
from instansi.models import Formasi
from mutasi import audit
from mutasi.demo.context import angka
from mutasi.demo.workload import demo_users
from mutasi.laporan.hitung import persentil
from mutasi.models import SuratKeputusanUsulan, Usulan
from pegawai.models import Pegawai

CHUNK = 10_000


class Command(BaseCommand):
    help = "Mengukur waktu dasbor evaluasi mutasi pada data mutasi terlaksana yang besar."

    def add_arguments(self, parser):
        parser.add_argument("--mutasi", type=int, default=100_000)
        parser.add_argument("--pegawai", type=int, default=20_000)
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--periksa", action="store_true")

    def handle(self, *args, mutasi, pegawai, runs, periksa, **options):
        if runs < 1:
            raise CommandError("--runs minimal 1.")
        if not Pegawai.objects.exists():
            started = time.perf_counter()
            call_command("seed_demo", pegawai=pegawai, force=True, verbosity=0)
            self.stdout.write(
                f"seed_demo --pegawai {pegawai}: {time.perf_counter() - started:.0f} s"
            )
        have = dasbor.mutasi_terlaksana().count()
        if have < mutasi:
            started = time.perf_counter()
            self.tambah(mutasi - have)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            self.stdout.write(
                f"{angka(mutasi - have)} mutasi ditambahkan: {time.perf_counter() - started:.0f} s"
            )
        self.ukur(runs, periksa)

    def tambah(self, jumlah: int):
        users = demo_users()
        operator, pejabat = users["operator.bkd"], users["pejabat.penetap"]
        today = timezone.localdate()
        employees = list(
            Pegawai.objects.filter(aktif=True).values_list(
                "pk", "unit_id", "jabatan_id", "unit__perangkat_daerah_id"
            )
        )
        formasi = list(
            Formasi.objects.values_list("pk", "unit_id", "jabatan_id", "unit__perangkat_daerah_id")
        )
        by_jabatan = defaultdict(list)
        for row in formasi:
            by_jabatan[row[2]].append(row)
        rng = random.Random(606)
        done = 0
        while done < jumlah:
            moves = []
            for _i in range(min(CHUNK, jumlah - done)):
                pk, unit, jabatan, opd = employees[rng.randrange(len(employees))]
                targets = [f for f in by_jabatan.get(jabatan, ()) if f[1] != unit] or formasi
                target = rng.choice(targets)
                moves.append(
                    {
                        "pegawai": pk,
                        "asal_unit": unit,
                        "asal_jabatan": jabatan,
                        "asal_opd": opd,
                        "formasi": target[0],
                        "unit": target[1],
                        "jabatan": target[2],
                        "opd": target[3],
                        "tmt": today - datetime.timedelta(days=rng.randint(30, 5 * 365)),
                    }
                )
            with transaction.atomic():
                sisipkan_mutasi(moves, today, operator.pk, pejabat.pk, seed=606 + done)
            done += len(moves)
            self.stdout.write(f"  {angka(done)} / {angka(jumlah)}")

    def ukur(self, runs: int, periksa: bool):
        moves = dasbor.mutasi_terlaksana()
        opd, dari = (
            moves.values_list(
                "usulan__formasi_tujuan__unit__perangkat_daerah_id", flat=True
            ).first(),
            (timezone.localdate() - datetime.timedelta(days=730)).isoformat(),
        )
        self.stdout.write(
            f"{angka(moves.count())} mutasi terlaksana, {connection.vendor}, {runs} permintaan"
        )
        if periksa:
            self.periksa()
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        self.jangkar(runs)
        client, penulis = Client(), operator_bkd()
        client.force_login(penulis)

        def lupakan():  # nothing kept: the view computes, as for a filter seen first
            HitunganDasbor.objects.all().delete()

        def ubah():  # something logged since: the view shows the kept figures and queues
            audit.log("akun.masuk", penulis, penulis)
            HitunganDasbor.objects.update(diminta_pada=None)

        pages = [
            # (label, URL, what to do before each request)
            ("Dasbor, dihitung", "/evaluasi/dasbor/", lupakan),
            ("Dasbor, tersimpan", "/evaluasi/dasbor/", None),
            ("Dasbor, data berubah", "/evaluasi/dasbor/", ubah),
            (
                "Dasbor OPD+2 th, dihitung",
                f"/evaluasi/dasbor/?perangkat_daerah={opd}&dari={dari}",
                lupakan,
            ),
            ("Dasbor: XLSX, tersimpan", "/evaluasi/dasbor/?export=xlsx", None),
            ("Evaluasi: terlambat", "/evaluasi/?status=terlambat", None),
            ("Pelatihan terbuka", "/evaluasi/pelatihan/", None),
        ]
        antrean = DBTaskResult.objects.filter(task_path=hitung_dasbor.module_path)
        sebelum = set(antrean.values_list("pk", flat=True))
        with override_settings(
            ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, STORAGES=storages
        ):
            for label, url, before in pages:
                client.get(url)
                times, queries = [], 0
                for _ in range(runs):
                    if before:
                        before()
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        response = client.get(url)
                        times.append((time.perf_counter() - started) * 1000)
                    queries = max(queries, len(captured))
                assert response.status_code == 200, (url, response.status_code)
                self.stdout.write(
                    f"{label:<28} median {statistics.median(times):7.1f} ms  "
                    f"p95 {percentile(times, 95):7.1f} ms  {queries} query  load {load()}"
                )
        # What the worker then does for each queued recomputation, timed the same way.
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            hitungan.simpan([])
            times.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            f"{'Worker: hitung ulang':<28} median {statistics.median(times):7.1f} ms  "
            f"p95 {percentile(times, 95):7.1f} ms  load {load()}"
        )
        antrean.exclude(pk__in=sebelum).delete()  # the bench's own queued recomputations

    def jangkar(self, runs: int):
        """The anchor: two raw aggregates, the implemented moves per origin unit and every
        evaluation per agency and month, timed like the pages."""
        quote = connection.ops.quote_name
        rows, usulan = SuratKeputusanUsulan._meta, Usulan._meta
        evaluasi = Evaluasi._meta

        def col(meta, name):
            return quote(meta.get_field(name).column)

        moves = (
            f"SELECT u.{col(usulan, 'unit_asal')}, COUNT(*) FROM {quote(rows.db_table)} s "
            f"JOIN {quote(usulan.db_table)} u ON u.{quote(usulan.pk.column)} = "
            f"s.{col(rows, 'usulan')} WHERE s.{col(rows, 'aktif')} "
            f"AND s.{col(rows, 'dilaksanakan_pada')} IS NOT NULL "
            f"GROUP BY u.{col(usulan, 'unit_asal')}"
        )
        group = ", ".join(col(evaluasi, n) for n in ("perangkat_daerah", "bulan"))
        evaluations = (
            f"SELECT {group}, COUNT(*), MAX({col(evaluasi, 'jatuh_tempo')}) "
            f"FROM {quote(evaluasi.db_table)} GROUP BY {group}"
        )
        times = []
        with connection.cursor() as cursor:
            for _ in range(runs):
                started = time.perf_counter()
                for sql in (moves, evaluations):
                    cursor.execute(sql)
                    cursor.fetchall()
                times.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            f"{'Jangkar: SQL mentah':<28} median {statistics.median(times):7.1f} ms  "
            f"p95 {percentile(times, 95):7.1f} ms  2 query  load {load()}"
        )

    def periksa(self):
        """percentile_cont in the database against the Python percentile on the same days."""
        moves = dasbor.mutasi_terlaksana()
        median, p90 = dasbor._durasi(moves)
        days = dasbor._hari()
        values = sorted(
            float(v)
            for v in moves.filter(sk__tanggal_terbit__isnull=False)
            .annotate(d=days)
            .values_list("d", flat=True)
        )
        expected = (persentil(values, 50), persentil(values, 90))
        self.stdout.write(f"percentile_cont: {median}, {p90}; Python: {expected}")
        if abs(median - expected[0]) > 1e-6 or abs(p90 - expected[1]) > 1e-6:
            raise CommandError("percentile_cont dan persentil Python berbeda.")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
