from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluasiConfig(AppConfig):
    name = "evaluasi"
    verbose_name = _("Evaluasi pasca-mutasi")

    def ready(self):
        # The audit log's wording registry lives in mutasi.audit; this app adds its codes.
        from mutasi.audit import daftarkan

        daftarkan(
            {
                "evaluasi.atasan": _("Penilaian atasan pasca-mutasi diisi"),
                "evaluasi.diri": _("Evaluasi diri pasca-mutasi diisi"),
                "evaluasi.pelatihan.dibuat": _("Tindak lanjut pelatihan dicatat"),
                "evaluasi.pelatihan.selesai": _("Pelatihan selesai dengan bukti"),
            }
        )
