"""Time the employee import (pegawai/importer.py) of a staff file of N rows, CSV and XLSX.

The files are written from the employees in the database (seed it first: seed_demo --pegawai
40000), in the layout of docs/impor-pegawai.md, in two kinds:

* ``ubah``: N existing employees, each with a new domicile and SKP of the last two years,
  so every row updates an employee (with its history row) and its SKP;
* ``baru``: the same people under NIPs nobody has yet (another serial number), so every row
  creates an employee, its history row and two SKP rows.

Each file is checked (``build_plan``, the preview) and committed (``commit``) inside a
transaction that is rolled back at the end: the database is left as it was.
"""

import datetime
import io
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from mutasi.lib import csv_aman
from mutasi.management.commands.bench import operator_bkd
from pegawai import importer
from pegawai.choices import Golongan, TingkatPendidikan
from pegawai.models import Pegawai


class Rollback(Exception):
    """Leaves the benchmark's transaction without keeping anything."""


def rows_of(pegawai: list[Pegawai], kind: str, years: list[int]) -> list[list]:
    """One file row per employee; ``baru`` gives each a NIP that is still free."""
    taken = set(Pegawai.objects.values_list("nip", flat=True))
    predikat = ["Sangat Baik", "Baik", "Baik", "Butuh Perbaikan"]
    rows = []
    for n, p in enumerate(pegawai):
        nip = p.nip
        if kind == "baru":
            nip = next(
                candidate
                for serial in range(1, 1000)
                if (candidate := f"{p.nip[:15]}{(int(p.nip[15:]) + serial) % 1000:03d}")
                not in taken
            )
            taken.add(nip)
        rows.append(
            [
                nip,
                p.nama,
                p.gelar_depan,
                p.gelar_belakang,
                "L" if p.jenis_kelamin == "1" else "P",
                p.tanggal_lahir.isoformat(),
                Golongan(p.golongan).label,
                p.jabatan.nama,
                p.unit.kode,
                p.tmt_jabatan.isoformat(),
                TingkatPendidikan(p.tingkat_pendidikan).label,
                p.bidang_pendidikan.nama if p.bidang_pendidikan_id else "",
                *(predikat[(n + i) % len(predikat)] for i in range(len(years))),
                p.email,
                f"Kota Uji Impor {n % 7}",
            ]
        )
    return rows


def csv_bytes(header, rows) -> bytes:
    out = io.StringIO()
    writer = csv_aman.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(header, rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Pegawai")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class Command(BaseCommand):
    help = (
        "Mengukur impor pegawai (pratinjau dan simpan) dari file CSV dan XLSX berisi N baris; "
        "semua perubahan dibatalkan di akhir."
    )

    def add_arguments(self, parser):
        parser.add_argument("--baris", type=int, default=40_000, help="Baris per file.")
        parser.add_argument("--format", nargs="+", choices=["csv", "xlsx"], default=["csv", "xlsx"])
        parser.add_argument(
            "--jenis", nargs="+", choices=["ubah", "baru"], default=["ubah", "baru"]
        )

    def handle(self, *args, baris, format, jenis, **options):
        pegawai = list(
            Pegawai.objects.select_related("unit", "jabatan", "bidang_pendidikan").order_by("pk")[
                :baris
            ]
        )
        if len(pegawai) < baris:
            raise CommandError(
                f"Hanya ada {len(pegawai)} pegawai; jalankan seed_demo --pegawai {baris} dulu."
            )
        user = operator_bkd()
        years = importer.skp_template_years()
        header = importer.template_columns()
        self.stdout.write(
            f"{'jenis':<5} {'format':<6} {'baris':>7} {'ukuran':>9} {'baca+cek s':>10} "
            f"{'query':>6} {'simpan s':>9} {'query':>6}  hasil"
        )
        for kind in jenis:
            rows = rows_of(pegawai, kind, years)
            for fmt in format:
                data = (csv_bytes if fmt == "csv" else xlsx_bytes)(header, rows)
                upload = SimpleUploadedFile(f"pegawai.{fmt}", data)
                self.stdout.write(self.run(kind, fmt, upload, len(rows), user), ending="\n")
                self.stdout.flush()

    def run(self, kind, fmt, upload, count, user) -> str:
        size = f"{len(upload) / 1024 / 1024:.1f} MB"
        try:
            with transaction.atomic():
                with CaptureQueriesContext(connection) as checked:
                    started = time.perf_counter()
                    plan = importer.build_plan(upload, fmt, today=datetime.date.today())
                    check_s = time.perf_counter() - started
                if not plan.ok:
                    first = plan.problems[0]
                    raise CommandError(
                        f"{len(plan.problems)} masalah, mis. baris {first.line} "
                        f"{first.column}: {first.message}"
                    )
                with CaptureQueriesContext(connection) as saved:
                    started = time.perf_counter()
                    result = importer.commit(plan, user, reason="bench_impor")
                    save_s = time.perf_counter() - started
                raise Rollback
        except Rollback:
            pass
        outcome = f"{result.created} baru, {result.updated} diubah, {result.unchanged} tetap"
        return (
            f"{kind:<5} {fmt:<6} {count:>7} {size:>9} {check_s:>10.1f} {len(checked):>6} "
            f"{save_s:>9.1f} {len(saved):>6}  {outcome}"
        )
