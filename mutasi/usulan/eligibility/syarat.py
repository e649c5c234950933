"""What a line of the checklist is: its statuses and names, its level (blocks, asks for review or
only informs) and whether it may be waived."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from instansi.choices import JenisJabatan
from mutasi.lib.pilihan import label
from mutasi.lib.settings_cache import settings_cached
from mutasi.usulan.choices import StatusUsulan

LULUS, GAGAL, TINJAU, INFO = "lulus", "gagal", "tinjau", "info"
BLOKIR = "blokir"

# A penalty in force, a criminal process, retirement, a full formasi and missing documents
# hold whatever anyone says; so does the equivalence of the post (kind, level and class): a
# move to another kind, level or a lower or much higher class is a demotion or a promotion,
# another procedure, never a mutation with a waiver.
TIDAK_DAPAT_DIKECUALIKAN = frozenset(
    {
        "disiplin",
        "pensiun",
        "lowongan",
        "dokumen",
        "pppk_instansi",
        "pppk_kontrak",
        "setara",
        "kelas",
    }
)

# Before the official decides, a full target may still be proposed with a justification (its
# holder retires, say); from the decision on, a seat must be free.
SEBELUM_PUTUSAN = (
    StatusUsulan.KONSEP,
    StatusUsulan.MENUNGGU_KEPALA,
    StatusUsulan.DIAJUKAN,
    StatusUsulan.TERVERIFIKASI,
    StatusUsulan.DIPERTIMBANGKAN,
)

NAMA_SYARAT = {
    "masa_jabatan": gettext_lazy("Masa dalam jabatan sekarang"),
    "skp": gettext_lazy("Predikat SKP"),
    "disiplin": gettext_lazy("Bebas hukuman disiplin dan proses hukum"),
    "tugas_belajar": gettext_lazy("Tidak tugas belajar atau terikat ikatan dinas"),
    "pns_baru": gettext_lazy("Masa kerja untuk pindah atas permintaan sendiri"),
    "setara": gettext_lazy("Jabatan setara: jenis dan jenjang sama"),
    "kelas": gettext_lazy("Kelas jabatan tidak turun dan tidak melompat"),
    "rumpun": gettext_lazy("Rumpun jabatan sesuai"),
    "golongan": gettext_lazy("Golongan minimal jabatan tujuan"),
    "pendidikan": gettext_lazy("Bidang pendidikan jabatan tujuan"),
    "pensiun": gettext_lazy("Jarak ke batas usia pensiun"),
    "lowongan": gettext_lazy("Lowongan pada formasi tujuan"),
    "unit_asal": gettext_lazy("Unit asal tidak jatuh di bawah kebutuhan"),
    "dokumen": gettext_lazy("Dokumen wajib"),
    "pppk_instansi": gettext_lazy("PPPK: pindah hanya di dalam perangkat daerah perjanjian kerja"),
    "pppk_jabatan": gettext_lazy("PPPK: jabatan fungsional atau pelaksana"),
    "pppk_kontrak": gettext_lazy("PPPK: TMT dalam masa perjanjian kerja"),
}

# The lines of the region's extra rules (``mutasi.ketentuan``), one per kind that applies; each
# carries the message BKD wrote. Never waivable: a region that wants one waived ends the rule.
NAMA_ATURAN_DAERAH = {
    "daerah_dokumen": gettext_lazy("Dokumen wajib aturan daerah"),
    "daerah_masa_kunci": gettext_lazy("Masa kunci aturan daerah"),
    "daerah_larangan": gettext_lazy("Masa larangan mutasi"),
}


@dataclass
class Syarat:
    kode: str
    status: str
    fakta: str
    wajib: bool = True  # False: a failure here never blocks, whatever the level
    pengecualian: object = None  # the PengecualianSyarat asked or granted for this rule
    ketentuan: str = ""  # the versions of the settings applied ("" for a rule with none)

    @property
    def nama(self):
        return NAMA_SYARAT.get(self.kode) or NAMA_ATURAN_DAERAH[self.kode]

    @property
    def tingkat(self) -> str:
        # A regional extra rule blocks when it fails (its own wording says when it only asks).
        return settings.MUTASI_TINGKAT_SYARAT.get(self.kode, BLOKIR) if self.wajib else TINJAU

    @property
    def dapat_dikecualikan(self) -> bool:
        return self.kode in NAMA_SYARAT and self.kode not in TIDAK_DAPAT_DIKECUALIKAN

    @property
    def dikecualikan(self) -> bool:
        """A second person granted an exception (a request alone changes nothing)."""
        return bool(self.pengecualian and self.pengecualian.diberikan and self.dapat_dikecualikan)

    @property
    def menghalangi(self) -> bool:
        return self.status == GAGAL and not self.dikecualikan


def _tingkatkan(syarat: Syarat) -> Syarat:
    """A failed rule takes its level: blocks, needs review, or only informs."""
    if syarat.status == GAGAL:
        tingkat = syarat.tingkat
        if tingkat == TINJAU:
            syarat.status, syarat.wajib = TINJAU, False
        elif tingkat == INFO:
            syarat.status, syarat.wajib = INFO, False
    return syarat


@settings_cached
def memblokir(kode: str) -> bool:
    return settings.MUTASI_TINGKAT_SYARAT[kode] == BLOKIR


def lama(start: datetime.date, end: datetime.date) -> str:
    """'3 tahun 2 bulan' between two dates."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    months = max(months, 0)
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(_("%(n)s tahun") % {"n": years})
    if months or not years:
        parts.append(_("%(n)s bulan") % {"n": months})
    return " ".join(parts)


def tahun_penuh(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _jenis_jenjang(jabatan) -> str:
    if jabatan.jenis == JenisJabatan.PELAKSANA:
        return label(jabatan, "jenis").lower()
    return f"{label(jabatan, 'jenis').lower()} {label(jabatan, 'jenjang')}"
