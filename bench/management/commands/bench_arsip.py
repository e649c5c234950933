"""Add the benchmark archive to a demo database: closed proposals of the last five years with
their timelines, and letters for the implemented ones (bench/arsip.py)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from bench.arsip import build_arsip, build_arsip_sk
from instansi.models import PerangkatDaerah
from mutasi import demo
from mutasi.demo.context import Context, angka
from mutasi.demo.workload import demo_users
from mutasi.lib.models import analyze
from mutasi.management.commands.seed_demo import reference_day


def proposal_count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Menambah arsip usulan lima tahun terakhir ke data demo untuk uji kinerja: ditolak, "
        "dibatalkan, disetujui, atau dilaksanakan dengan SK terbit (satu dari lima), dengan "
        "riwayatnya, tanpa dokumen. Jalankan seed_demo dahulu; aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--usulan",
            type=proposal_count,
            required=True,
            help="Jumlah usulan arsip (yang sudah ada dihitung; hanya kekurangannya ditambah).",
        )
        parser.add_argument(
            "--tanggal",
            type=reference_day,
            default=None,
            help="Hari acuan, YYYY-MM-DD (bawaan hari ini), sama dengan seed_demo --tanggal.",
        )

    def handle(self, *args, usulan, tanggal, **options):
        if "operator.bkd" not in demo_users():
            raise CommandError(
                "Belum ada data demo: jalankan seed_demo dahulu. (No demo data: run seed_demo "
                "first.)"
            )

        def log(message):
            if options["verbosity"] >= 1:
                self.stdout.write(message)

        started = time.perf_counter()
        opd = {o.kode: o for o in PerangkatDaerah.objects.all()}
        ctx = Context(pegawai=0, reference=tanggal or timezone.localdate(), log=log, opd=opd)
        log(f"Menambah arsip sampai {angka(usulan)} usulan ...")
        with demo.on(ctx.reference), transaction.atomic():
            build_arsip(ctx, usulan)
            build_arsip_sk(ctx)
        analyze()
        log(self.style.SUCCESS(f"Selesai dalam {time.perf_counter() - started:.1f} detik."))
