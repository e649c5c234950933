from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PegawaiConfig(AppConfig):
    name = "pegawai"
    verbose_name = _("Pegawai dan akun")

    def ready(self):
        from mutasi.audit import daftarkan
        from pegawai import signals  # noqa: F401
        from pegawai.access import roles_setting

        roles_setting("WAJIB_2FA_PERAN")  # fails at start-up on a role that does not exist

        daftarkan(
            {
                "pegawai.impor": _("Data pegawai diimpor"),
            }
        )
