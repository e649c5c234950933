from django.db import models
from django.utils.translation import gettext_lazy as _


class KunciKetentuan(models.TextChoices):
    """The thresholds a region may set; each defaults to its environment variable
    (``mutasi/settings.py``, named by ``berlaku.nama_lingkungan``): ``MUTASI_<KUNCI>`` for the
    checklist and the objection window, ``PENCOCOKAN_BOBOT_<BAGIAN>`` for the matching
    weights, ``EVALUASI_BULAN`` for the evaluation months."""

    MIN_TAHUN_JABATAN = "min_tahun_jabatan", _("Masa minimal dalam jabatan (tahun)")
    MAX_TAHUN_JABATAN = "max_tahun_jabatan", _("Masa jabatan untuk prioritas rotasi (tahun)")
    TAHUN_SKP = "tahun_skp", _("Jumlah tahun SKP yang dinilai")
    MASA_KERJA_PERMINTAAN_SENDIRI = (
        "masa_kerja_permintaan_sendiri",
        _("Masa kerja minimal untuk pindah instansi atas permintaan sendiri (tahun)"),
    )
    TAHUN_SEBELUM_PENSIUN = "tahun_sebelum_pensiun", _("Jarak minimal ke pensiun (tahun)")
    KELAS_NAIK_MAKS = "kelas_naik_maks", _("Kenaikan kelas jabatan paling banyak")
    JENDELA_SIKAP_HARI = (
        "jendela_sikap_hari",
        _("Waktu pegawai menyatakan setuju atau keberatan (hari)"),
    )
    BOBOT_KOMPETENSI = "bobot_kompetensi", _("Bobot pencocokan: pendidikan dan kompetensi")
    BOBOT_KINERJA = "bobot_kinerja", _("Bobot pencocokan: kinerja (SKP)")
    BOBOT_MASA_JABATAN = "bobot_masa_jabatan", _("Bobot pencocokan: masa dalam jabatan")
    BOBOT_BEBAN_ASAL = "bobot_beban_asal", _("Bobot pencocokan: beban kerja unit asal")
    BOBOT_PREFERENSI = "bobot_preferensi", _("Bobot pencocokan: preferensi pegawai")
    BOBOT_TALENTA = "bobot_talenta", _("Bobot pencocokan: kotak talenta (9-box)")
    EVALUASI_BULAN = "evaluasi_bulan", _("Bulan evaluasi pascamutasi (setelah TMT)")


# The thresholds of the checklist: the decision snapshot keeps the version of each.
KUNCI_SYARAT = (
    KunciKetentuan.MIN_TAHUN_JABATAN,
    KunciKetentuan.MAX_TAHUN_JABATAN,
    KunciKetentuan.TAHUN_SKP,
    KunciKetentuan.MASA_KERJA_PERMINTAAN_SENDIRI,
    KunciKetentuan.TAHUN_SEBELUM_PENSIUN,
    KunciKetentuan.KELAS_NAIK_MAKS,
)
# The matching weights, by the score's part (``mutasi.pencocokan.skor.BAGIAN``).
KUNCI_BOBOT = {
    "kompetensi": KunciKetentuan.BOBOT_KOMPETENSI,
    "kinerja": KunciKetentuan.BOBOT_KINERJA,
    "masa_jabatan": KunciKetentuan.BOBOT_MASA_JABATAN,
    "beban_asal": KunciKetentuan.BOBOT_BEBAN_ASAL,
    "preferensi": KunciKetentuan.BOBOT_PREFERENSI,
    "talenta": KunciKetentuan.BOBOT_TALENTA,
}
# What is set for the whole government only: the matching ranks everyone against one scale,
# and the evaluation programme is one programme.
KUNCI_PEMERINTAH = frozenset({*KUNCI_BOBOT.values(), KunciKetentuan.EVALUASI_BULAN})
# Values that are a list of numbers (``nilai_daftar``), not one number (``nilai``).
KUNCI_DAFTAR = frozenset({KunciKetentuan.EVALUASI_BULAN})
# The furthest evaluation month after the TMT.
BULAN_EVALUASI_MAKS = 60


# The least each threshold may be (the environment's own minimums).
NILAI_MINIMAL = {
    KunciKetentuan.MAX_TAHUN_JABATAN: 1,
    KunciKetentuan.TAHUN_SKP: 1,
    KunciKetentuan.JENDELA_SIKAP_HARI: 1,
}
NILAI_MAKSIMAL = 40


class Lingkup(models.TextChoices):
    """To whom a setting or rule applies, from the least specific to the most specific: of
    two settings in force for a proposal, the more specific one wins."""

    PEMERINTAH = "pemerintah", _("Seluruh pemerintah daerah")
    # The route of appointment: a PNS (CPNS selection) or a PPPK (contract). A graduate's
    # service bond is the employee's own ``ikatan_dinas_sampai`` (the study-leave rule).
    JENIS_ASN = "jenis_asn", _("Satu jenis ASN / jalur pengangkatan (PNS atau PPPK)")
    PERANGKAT_DAERAH = "perangkat_daerah", _("Satu perangkat daerah (asal)")
    JENIS_MUTASI = "jenis_mutasi", _("Satu jenis mutasi")
    RUMPUN = "rumpun", _("Satu rumpun jabatan (jabatan asal)")


KEKHUSUSAN = {value: rank for rank, value in enumerate(Lingkup.values)}


class JenisAturan(models.TextChoices):
    DOKUMEN = "dokumen", _("Dokumen wajib")
    MASA_KUNCI = "masa_kunci", _("Masa kunci (tidak boleh pindah)")
    LARANGAN = "larangan", _("Masa larangan mutasi")


class DihitungDari(models.TextChoices):
    TMT_CPNS = "tmt_cpns", _("Pengangkatan (TMT CPNS; PPPK: awal perjanjian kerja)")
    TMT_JABATAN = "tmt_jabatan", _("TMT jabatan sekarang")


class StatusKetentuan(models.TextChoices):
    """Where a setting or rule stands: filed by one person, in force only once another
    person with the authority has approved it (``mutasi.ketentuan.wewenang``)."""

    DIAJUKAN = "diajukan", _("Diajukan, menunggu persetujuan")
    DISETUJUI = "disetujui", _("Disetujui")
    DITOLAK = "ditolak", _("Ditolak")


class Perkara(models.TextChoices):
    """What a decision is about: the setting itself, or ending it early."""

    MULAI = "mulai", _("Ketentuan baru")
    AKHIR = "akhir", _("Pengakhiran")
