"""Fill the database with the demo province (see mutasi/demo/). The benchmark archive is added
after it by ``bench_arsip`` (bench/)."""

import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mutasi import demo
from mutasi.demo.accounts import PASSWORD, accounts_table
from mutasi.demo.context import angka
from mutasi.lib.models import analyze


def employee_count(value: str) -> int:
    number = int(value)
    if number < demo.MIN_PEGAWAI:
        raise ValueError(value)
    return number


def reference_day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


class Command(BaseCommand):
    help = (
        "Mengisi basis data dengan data demo Pemerintah Provinsi Asemrowo: perangkat daerah, "
        "unit kerja, jabatan, formasi, pegawai dan akun demo. Aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pegawai",
            type=employee_count,
            default=demo.DEFAULT_PEGAWAI,
            help=f"Jumlah pegawai (bawaan {demo.DEFAULT_PEGAWAI}, minimal {demo.MIN_PEGAWAI}).",
        )
        parser.add_argument(
            "--tanggal",
            type=reference_day,
            default=None,
            help=(
                "Hari acuan data demo, YYYY-MM-DD (bawaan hari ini): riwayat, SK dan evaluasi "
                "diceritakan dari hari itu."
            ),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Jalankan juga bila DEBUG=False (akun demo memakai kata sandi yang diumumkan).",
        )

    def handle(self, *args, pegawai, tanggal, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                f"seed_demo membuat akun untuk setiap peran dengan kata sandi yang diumumkan "
                f"({PASSWORD!r}). DEBUG=False menandakan server produksi, jadi perintah ini "
                f"ditolak. Bila basis data ini memang untuk demo, jalankan dengan --force."
            )
        verbose = options["verbosity"] >= 1

        def log(message):
            if verbose:
                self.stdout.write(message)

        log(f"Mengisi data demo dengan {angka(pegawai)} pegawai ...")
        started = time.perf_counter()
        ctx = demo.seed(pegawai=pegawai, reference=tanggal, log=log)
        # Fresh planner statistics: the pages are planned for the data just written, not for
        # whatever autovacuum (possibly off) last saw.
        step_started = time.perf_counter()
        analyze()
        ctx.timings["analyze"] = time.perf_counter() - step_started
        elapsed = time.perf_counter() - started
        if options["verbosity"] >= 2:
            for step, seconds in ctx.timings.items():
                log(f"  {step:<28} {seconds:8.2f} s")
        log(self.style.SUCCESS(f"Selesai dalam {elapsed:.1f} detik."))
        log("")
        log(accounts_table(ctx.accounts))
