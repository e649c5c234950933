"""Daily cron entry: enqueue the evaluation reminders for the worker, or run them now."""

from django.core.management.base import BaseCommand

from evaluasi import services
from evaluasi.tasks import kirim_pengingat


class Command(BaseCommand):
    help = "Kirim pengingat evaluasi pasca-mutasi yang jatuh tempo dan peringatan terlambat."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sekarang",
            action="store_true",
            help="Jalankan langsung di proses ini, bukan lewat antrean db_worker.",
        )

    def handle(self, *args, sekarang=False, **options):
        if sekarang:
            result = services.kirim_pengingat()
            self.stdout.write(
                f"{len(result['pengingat'])} pengingat, {len(result['terlambat'])} terlambat"
            )
        else:
            kirim_pengingat.enqueue()
            self.stdout.write("Pengingat evaluasi dimasukkan ke antrean.")
