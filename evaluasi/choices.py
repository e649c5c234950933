"""Fixed lists of the post-mutation evaluation (docs/domain.md §9): scales with their anchors."""

from django.db import models
from django.utils.translation import gettext_lazy as _

SKOR_MIN, SKOR_MAKS = 1, 5


class Rekomendasi(models.TextChoices):
    """What the supervisor recommends after an evaluation."""

    PERTAHANKAN = "pertahankan", _("Pertahankan di jabatan ini")
    DUKUNGAN = "dukungan", _("Beri dukungan / pendampingan")
    PELATIHAN = "pelatihan", _("Ikutkan pelatihan")
    TINJAU_ULANG = "tinjau_ulang", _("Tinjau ulang penempatan")


class StatusPelatihan(models.TextChoices):
    DIRENCANAKAN = "direncanakan", _("Direncanakan")
    SELESAI = "selesai", _("Selesai")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class StatusEvaluasi(models.TextChoices):
    """Where an evaluation stands; computed from its dates and its two parts."""

    BELUM_JATUH_TEMPO = "belum", _("Belum jatuh tempo")
    JATUH_TEMPO = "jatuh_tempo", _("Jatuh tempo")
    TERLAMBAT = "terlambat", _("Terlambat")
    SELESAI = "selesai", _("Selesai")


# The anchor of each point of each scale: what a 1, a 3 or a 5 means, so two supervisors
# give the same number for the same situation.
JANGKAR = {
    "kinerja": {
        1: _("Jauh di bawah harapan: sebagian besar tugas tidak selesai atau perlu diulang."),
        2: _("Di bawah harapan: banyak tugas terlambat atau perlu banyak perbaikan."),
        3: _("Sesuai harapan: tugas pokok selesai tepat waktu dengan mutu yang cukup."),
        4: _("Di atas harapan: tugas selesai tepat waktu, mutu baik, mulai membantu rekan."),
        5: _("Jauh di atas harapan: hasil sangat baik dan menjadi rujukan di unit."),
    },
    "adaptasi": {
        1: _("Belum menyesuaikan diri: kesulitan memahami tugas dan cara kerja unit."),
        2: _("Menyesuaikan diri dengan lambat: masih sering perlu arahan."),
        3: _("Cukup menyesuaikan diri: memahami tugas, sesekali perlu arahan."),
        4: _("Menyesuaikan diri dengan baik: bekerja mandiri dan diterima tim."),
        5: _("Sangat baik: sepenuhnya mandiri dan aktif memperbaiki cara kerja tim."),
    },
    "kepuasan": {
        1: _("Sangat tidak puas dengan penempatan ini."),
        2: _("Kurang puas."),
        3: _("Cukup puas."),
        4: _("Puas."),
        5: _("Sangat puas."),
    },
    "beban_kerja": {
        1: _("Jauh terlalu ringan: sering tidak ada pekerjaan."),
        2: _("Agak ringan."),
        3: _("Seimbang dengan jam kerja."),
        4: _("Agak berat: sering lembur."),
        5: _("Jauh terlalu berat: pekerjaan tidak terselesaikan dalam jam kerja."),
    },
}


def pilihan_skala(nama: str) -> list[tuple[int, str]]:
    """Choices ``(1, "1 — anchor")`` … ``(5, …)`` for a radio list."""
    return [(n, f"{n} — {label}") for n, label in JANGKAR[nama].items()]
