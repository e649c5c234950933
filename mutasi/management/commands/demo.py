"""Run the app with demo data in one command: migrate, seed_demo, then the development server
and the task worker side by side.

The port is checked before anything is written, and the command stays in charge of its two
processes: when one of them ends (the port taken after all, a crash) or the command is told to
stop (Ctrl+C, SIGTERM to its PID), it stops the other and waits for it, so no worker is left
running without its server.
"""

import errno
import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from mutasi import demo
from mutasi.demo.accounts import account_rows, accounts_table
from mutasi.management.commands.seed_demo import employee_count

HOST = "127.0.0.1"
# Seconds a process gets to finish after SIGTERM before it is killed.
WAKTU_BERHENTI = 10


class Berhenti(Exception):
    """SIGTERM or SIGINT reached the command."""


def port_free(port: int) -> bool:
    """Whether the development server will be able to listen on ``port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # As runserver binds (SO_REUSEADDR): a port left in TIME_WAIT counts as free.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


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
        if not port_free(port):
            raise CommandError(
                f"Port {port} sudah dipakai program lain; tidak ada yang diubah. Hentikan "
                f"program itu atau pilih port lain, misalnya: ./dev run --port {port + 1}\n"
                f"(Port {port} is already in use; nothing was changed. Stop that program or "
                f"choose another port, e.g. ./dev run --port {port + 1})"
            )
        # Links in letters (the QR code) and e-mails point at this server unless told otherwise.
        site_url = os.environ.get("SITE_URL") or f"http://{HOST}:{port}"
        settings.SITE_URL = site_url
        call_command("migrate", interactive=False, verbosity=0)
        # The published demo password is the point here, so --force is safe.
        call_command("seed_demo", pegawai=pegawai, force=True, verbosity=0)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Mutasi ASN berjalan di http://{HOST}:{port}/"))
        self.stdout.write("")
        self.stdout.write(accounts_table(account_rows()))
        self.stdout.write("")
        self.stdout.write("Tekan Ctrl+C untuk berhenti.")
        self.stdout.flush()
        # The demo is served over plain HTTP by runserver: DEBUG keeps a production run's
        # security settings (HTTPS redirect, secure cookies) out of it.
        env = os.environ | {"DEBUG": "1", "SITE_URL": site_url}
        manage = [sys.executable, "manage.py"]
        commands = {
            "server": [*manage, "runserver", f"{HOST}:{port}", "--noreload"],
            # The background worker (PDF letters, e-mails, which it prints).
            "worker": [*manage, "db_worker", "--no-reload", "--no-startup-delay"],
        }
        self._run(commands, env)

    def _run(self, commands, env):
        """Start the processes, wait until one ends or the command is told to stop, then stop
        them all."""

        def stop(signum, frame):
            raise Berhenti(signal.Signals(signum).name)

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        processes = {}
        code = 0
        try:
            for name, command in commands.items():
                processes[name] = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
            while True:
                ended = {n: p.returncode for n, p in processes.items() if p.poll() is not None}
                if ended:
                    name, code = next(iter(ended.items()))
                    if code:
                        self.stderr.write(
                            f"Proses {name} berhenti dengan kode {code}; demo dihentikan. "
                            f"({name} exited with code {code}; the demo stops.)"
                        )
                    break
                time.sleep(0.2)
        except Berhenti:
            pass
        finally:
            # A second Ctrl+C while stopping must not leave a process behind either.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            self._stop(processes.values())
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if code:
            sys.exit(code)

    def _stop(self, processes):
        for process in processes:
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + WAKTU_BERHENTI
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
