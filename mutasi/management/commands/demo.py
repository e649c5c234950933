"""Run the app with demo data in one command: migrate, seed_demo, runserver and db_worker."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from mutasi import demo
from mutasi.demo.accounts import account_rows, accounts_table
from mutasi.management.commands.seed_demo import employee_count


class Command(BaseCommand):
    help = "Menyiapkan basis data, mengisi data demo, lalu menjalankan server pengembangan."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port server (bawaan 8000).")
        parser.add_argument(
            "--pegawai",
            type=employee_count,
            default=demo.DEFAULT_PEGAWAI,
            help=f"Jumlah pegawai demo (bawaan {demo.DEFAULT_PEGAWAI}).",
        )

    def handle(self, *args, port, pegawai, **options):
        if not settings.DEBUG:
            # The demo is served over plain HTTP by runserver: without this the security
            # settings of a production run would redirect to HTTPS and drop the cookies.
            settings.DEBUG = True
            settings.SECURE_SSL_REDIRECT = False
            settings.SESSION_COOKIE_SECURE = False
            settings.CSRF_COOKIE_SECURE = False
            settings.SECURE_HSTS_SECONDS = 0
        # Links in letters (the QR code) and e-mails point at this server unless told otherwise.
        site_url = os.environ.get("SITE_URL") or f"http://127.0.0.1:{port}"
        settings.SITE_URL = site_url
        call_command("migrate", interactive=False, verbosity=0)
        # The published demo password is the point here, so --force is safe.
        call_command("seed_demo", pegawai=pegawai, force=True, verbosity=0)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Mutasi ASN berjalan di http://127.0.0.1:{port}/"))
        self.stdout.write("")
        self.stdout.write(accounts_table(account_rows()))
        self.stdout.write("")
        # The background worker (PDF letters, e-mails, which it prints) runs beside the server
        # and stops with it.
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
            cwd=settings.BASE_DIR,
            env=os.environ | {"DEBUG": "1", "SITE_URL": site_url},
        )
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
