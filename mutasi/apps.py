from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MutasiConfig(AppConfig):
    name = "mutasi"
    verbose_name = _("Mutasi")

    def ready(self):
        # The receivers that log log-ins, failures and lock-outs, and the 2FA session mark.
        from mutasi import audit  # noqa: F401

        # Every state change keeps the report's time in state up to date (post_transition).
        from mutasi.laporan import lama  # noqa: F401

        # BKD's hand edits of an employee's post respect moves under way and the seats.
        from mutasi.usulan import pindah_manual  # noqa: F401
        from pegawai import otp  # noqa: F401
