"""Daily cron entry: enqueue the reminders for the worker, or run them now: evaluations due
and overdue, and moves whose TMT has come (``mutasi.sk.pelaksanaan.ingatkan_pelaksanaan``)."""

from django.core.management.base import BaseCommand

from evaluasi import services
from evaluasi.tasks import kirim_pengingat
from mutasi.sk import pelaksanaan
from mutasi.sk.tasks import ingatkan_pelaksanaan


class Command(BaseCommand):
    help = (
        "Kirim pengingat evaluasi pasca-mutasi yang jatuh tempo, peringatan terlambat, dan "
        "pengingat mutasi yang TMT-nya sudah tiba tetapi belum dicatat pelaksanaannya."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sekarang",
            action="store_true",
            help="Jalankan langsung di proses ini, bukan lewat antrean db_worker.",
        )

    def handle(self, *args, sekarang=False, **options):
        if sekarang:
            result = services.kirim_pengingat()
            moves = pelaksanaan.ingatkan_pelaksanaan()
            self.stdout.write(
                f"{len(result['pengingat'])} pengingat, {len(result['terlambat'])} terlambat, "
                f"{len(moves)} mutasi siap dicatat pelaksanaannya"
            )
        else:
            kirim_pengingat.enqueue()
            ingatkan_pelaksanaan.enqueue()
            self.stdout.write("Pengingat dimasukkan ke antrean.")
