from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstansiConfig(AppConfig):
    name = "instansi"
    verbose_name = _("Instansi dan jabatan")

    def ready(self):
        from mutasi.audit import daftarkan

        daftarkan(
            {
                "instansi.abk.dibuat": _("Analisis beban kerja dibuat"),
                "instansi.abk.diubah": _("Uraian tugas diubah"),
                "instansi.abk.diimpor": _("Uraian tugas diimpor dari Excel"),
                "instansi.abk.diajukan": _("Diajukan ke BKD"),
                "instansi.abk.diterima": _("Diterima BKD; kebutuhan formasi ditetapkan"),
                "instansi.abk.dikembalikan": _("Dikembalikan untuk diperbaiki"),
                "instansi.skm.disimpan": _("Hasil survei kepuasan masyarakat (SKM) disimpan"),
                "instansi.pengaduan.diimpor": _("Rekap pengaduan bulanan diimpor"),
            }
        )
