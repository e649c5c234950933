"""Time the employee import (pegawai/importer/) of a staff file of N rows, CSV and XLSX.

The files are written from the employees in the database (seed it first: seed_demo --pegawai
40000), in the layout of docs/impor-pegawai.md, in two kinds:

* ``ubah``: N existing employees, each with a new domicile and SKP of the last two years,
  so every row updates an employee (with its history row) and its SKP;
* ``baru``: the same people under NIPs nobody has yet (another serial number), so every row
  creates an employee, its history row and two SKP rows.

and in two styles (``--gaya``): ``templat``, the template's layout in UTF-8; ``kantor``, as an
office's Excel writes it (docs/impor-pegawai.md, "Berkas dari kantor"): Windows-1252 CSV with
semicolons, a title above the table and a total row and signature block under it, a NO
column, degrees inside the name, dates in words and pangkat with golongan.

Each file is checked (``build_plan``, the preview) and committed (``commit``) inside a
transaction that is rolled back at the end: the database is left as it was.

The anchor, measured in the same run on the same plan just before the commit (PostgreSQL
only): ``copy_anchor``, the plain way to write the same rows — COPY into a temporary table,
one UPDATE … FROM and one INSERT … SELECT for the employees, one INSERT … SELECT for their
history rows, COPY + UPDATE … FROM + INSERT … SELECT for their SKP — in its own savepoint,
rolled back. The ratio commit / anchor is the figure to read on a busy machine (issue 17:
at most 2); the load average is printed on every line.
"""

import datetime
import io
import os
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook

from bench.management.commands.bench import operator_bkd
from mutasi.lib import csv_aman
from mutasi.lib.tanggal import tanggal_indonesia
from pegawai import importer
from pegawai.choices import PANGKAT, Golongan, TingkatPendidikan
from pegawai.models import Pegawai, Skp


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


def office_table(header, rows) -> list[list]:
    """The rows as an office writes them, with the title, total and signature around them."""
    column = {name: i for i, name in enumerate(header)}
    office_header = ["NO", *(h for h in header if not h.startswith("GELAR_"))]
    office_header[office_header.index("GOLONGAN")] = "PANGKAT/GOL."
    table = [["DAFTAR NOMINATIF PEGAWAI"], ["Keadaan per 31 Desember"], [], office_header]
    for n, row in enumerate(rows, start=1):
        value = {name: row[i] for name, i in column.items()}
        depan, belakang = value["GELAR_DEPAN"], value["GELAR_BELAKANG"]
        value["NAMA"] = f"{depan} {value['NAMA']}".strip() + (f", {belakang}" if belakang else "")
        golongan = Golongan(next(g for g in Golongan if g.label == value["GOLONGAN"]))
        value["GOLONGAN"] = f"{PANGKAT[golongan]} ({golongan.label})"
        for name in ("TANGGAL_LAHIR", "TMT_JABATAN"):
            value[name] = tanggal_indonesia(datetime.date.fromisoformat(value[name]))
        table.append([str(n), *(value[h] for h in header if not h.startswith("GELAR_"))])
    table += [["", "JUMLAH", f"{len(rows)} orang"], [], ["", "", "Kepala Badan Kepegawaian"]]
    table += [["", "", "Dr. H. Contoh Pejabat, M.Si."], ["", "", "NIP. 19700101 199003 1 001"]]
    return table


def csv_bytes(header, rows, gaya="templat") -> bytes:
    out = io.StringIO()
    if gaya == "kantor":
        csv_aman.writer(out, delimiter=";", lineterminator="\r\n").writerows(
            office_table(header, rows)
        )
        return out.getvalue().encode("cp1252")
    writer = csv_aman.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(header, rows, gaya="templat") -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Pegawai")
    for row in office_table(header, rows) if gaya == "kantor" else [header, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def copy_anchor(plan, user, reason: str) -> None:
    """Write what ``importer.commit`` writes for ``plan`` the plain way (PostgreSQL): the
    changed employees COPYed into a temporary table, then UPDATE … FROM (of the columns the
    file changes) and INSERT … SELECT; a history row per employee (``~`` or ``+``, the user,
    the reason) by one INSERT … SELECT; the SKP COPYed and written by UPDATE … FROM and
    INSERT … SELECT. Fields of study new to the database are not created (the benchmark's
    files have none)."""
    now = timezone.now()
    quote = connection.ops.quote_name
    meta, history, skp = Pegawai._meta, Pegawai.history.model._meta, Skp._meta
    table, skp_table = quote(meta.db_table), quote(skp.db_table)
    fields = list(meta.concrete_fields)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE jangkar_pegawai AS SELECT {columns} FROM {table} LIMIT 0"
        )
        with cursor.copy(f"COPY jangkar_pegawai ({columns}) FROM STDIN") as copy:
            for row in plan.rows:
                if not row.pegawai_changed:
                    continue
                values = []
                for f in fields:
                    value = getattr(row.pegawai, f.attname)
                    if f.attname == "updated" or (f.attname == "created" and value is None):
                        value = now
                    values.append(f.get_db_prep_save(value, connection))
                copy.write_row(values)
        # The columns the file changes, as the importer does: an UPDATE of every column
        # would make the anchor slower than it need be.
        changed = {"updated"} | {
            importer.COLUMN_MODEL_FIELDS.get(column)
            for row in plan.rows
            if row.pegawai_changed and not row.created
            for column in row.changed_columns
        }
        written = [f for f in fields if f.name in changed]
        sets = ", ".join(f"{quote(f.column)} = j.{quote(f.column)}" for f in written)
        cursor.execute(f"UPDATE {table} p SET {sets} FROM jangkar_pegawai j WHERE p.id = j.id")
        new = ", ".join(quote(f.column) for f in fields if not f.primary_key)
        cursor.execute(
            f"INSERT INTO {table} ({new}) SELECT {new} FROM jangkar_pegawai WHERE id IS NULL"
        )
        tracked = [f.column for f in history.concrete_fields if not f.name.startswith("history")]
        cursor.execute(
            f"INSERT INTO {quote(history.db_table)} ({', '.join(map(quote, tracked))}, "
            "history_date, history_change_reason, history_type, history_user_id) "
            f"SELECT {', '.join('p.' + quote(c) for c in tracked)}, %s, %s, "
            f"CASE WHEN j.id IS NULL THEN '+' ELSE '~' END, %s "
            f"FROM {table} p JOIN jangkar_pegawai j ON j.nip = p.nip",
            [now, reason, user.pk],
        )
        cursor.execute(
            f"CREATE TEMP TABLE jangkar_skp AS SELECT p.nip, s.tahun, s.predikat "
            f"FROM {skp_table} s JOIN {table} p ON p.id = s.pegawai_id LIMIT 0"
        )
        with cursor.copy("COPY jangkar_skp (nip, tahun, predikat) FROM STDIN") as copy:
            for row in plan.rows:
                for year, predikat in row.skp.items():
                    copy.write_row([row.pegawai.nip, year, predikat])
        cursor.execute(
            f"UPDATE {skp_table} s SET predikat = x.predikat FROM jangkar_skp x "
            f"JOIN {table} p ON p.nip = x.nip WHERE s.pegawai_id = p.id AND s.tahun = x.tahun"
        )
        cursor.execute(
            f"INSERT INTO {skp_table} (pegawai_id, tahun, predikat) "
            f"SELECT p.id, x.tahun, x.predikat FROM jangkar_skp x JOIN {table} p ON p.nip = x.nip "
            f"WHERE NOT EXISTS (SELECT 1 FROM {skp_table} s "
            "WHERE s.pegawai_id = p.id AND s.tahun = x.tahun)"
        )


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


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
        parser.add_argument(
            "--gaya", nargs="+", choices=["templat", "kantor"], default=["templat", "kantor"]
        )

    def handle(self, *args, baris, format, jenis, gaya, **options):
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
        # CPU s: this process alone; the wall-clock time also counts other work on the cores.
        self.stdout.write(f"{connection.vendor}, load {load()}")
        self.stdout.write(
            f"{'jenis':<5} {'gaya':<7} {'format':<6} {'baris':>7} {'ukuran':>9} "
            f"{'baca+cek s':>10} {'CPU s':>6} {'query':>6} {'simpan s':>9} {'query':>6} "
            f"{'jangkar s':>9} {'rasio':>5}  {'load':<14}  hasil"
        )
        for kind in jenis:
            rows = rows_of(pegawai, kind, years)
            for style in gaya:
                for fmt in format:
                    data = (csv_bytes if fmt == "csv" else xlsx_bytes)(header, rows, style)
                    upload = SimpleUploadedFile(f"pegawai.{fmt}", data)
                    line = self.run(kind, fmt, upload, len(rows), user)
                    self.stdout.write(f"{line[:5]} {style:<7} {line[6:]}", ending="\n")
                    self.stdout.flush()
        self.stdout.write(f"load sesudahnya {load()}")

    def run(self, kind, fmt, upload, count, user) -> str:
        size = f"{len(upload) / 1024 / 1024:.1f} MB"
        try:
            with transaction.atomic():
                with CaptureQueriesContext(connection) as checked:
                    started, cpu = time.perf_counter(), time.process_time()
                    plan = importer.build_plan(upload, fmt, today=datetime.date.today())
                    check_s = time.perf_counter() - started
                    check_cpu = time.process_time() - cpu
                if not plan.ok:
                    first = plan.problems[0]
                    raise CommandError(
                        f"{len(plan.problems)} masalah, mis. baris {first.line} "
                        f"{first.column}: {first.message}"
                    )
                load_before = os.getloadavg()[0]
                anchor_s = self.anchor(plan, user)
                with CaptureQueriesContext(connection) as saved:
                    started = time.perf_counter()
                    result = importer.commit(plan, user, reason="bench_impor")
                    save_s = time.perf_counter() - started
                raise Rollback
        except Rollback:
            pass
        outcome = f"{result.created} baru, {result.updated} diubah, {result.unchanged} tetap"
        anchor = "n/a" if anchor_s is None else f"{anchor_s:.1f}"
        ratio = "" if anchor_s is None else f"{save_s / anchor_s:.1f}"
        loads = f"{load_before:.2f}-{os.getloadavg()[0]:.2f}"
        return (
            f"{kind:<5} {fmt:<6} {count:>7} {size:>9} {check_s:>10.2f} {check_cpu:>6.2f} "
            f"{len(checked):>6} "
            f"{save_s:>9.1f} {len(saved):>6} {anchor:>9} {ratio:>5}  {loads:<14}  {outcome}"
        )

    @staticmethod
    def anchor(plan, user) -> float | None:
        """Seconds of ``copy_anchor`` on ``plan``, in a savepoint rolled back (None off
        PostgreSQL)."""
        if connection.vendor != "postgresql":
            return None
        try:
            with transaction.atomic():
                started = time.perf_counter()
                copy_anchor(plan, user, "bench_impor")
                elapsed = time.perf_counter() - started
                raise Rollback
        except Rollback:
            return elapsed
