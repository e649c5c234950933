from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PegawaiConfig(AppConfig):
    name = "pegawai"
    verbose_name = _("Pegawai dan akun")

    def ready(self):
        from mutasi.audit import daftarkan
        from pegawai import signals  # noqa: F401

        daftarkan(
            {
                "pegawai.impor": _("Data pegawai diimpor"),
            }
        )
