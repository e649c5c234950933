from django.db import models
from django.utils.translation import gettext_lazy as _


class KunciKetentuan(models.TextChoices):
    """The thresholds of the checklist a region may set; each defaults to the environment
    variable ``MUTASI_<KUNCI>`` (``mutasi/settings.py``)."""

    MIN_TAHUN_JABATAN = "min_tahun_jabatan", _("Masa minimal dalam jabatan (tahun)")
    MAX_TAHUN_JABATAN = "max_tahun_jabatan", _("Masa jabatan untuk prioritas rotasi (tahun)")
    TAHUN_SKP = "tahun_skp", _("Jumlah tahun SKP yang dinilai")
    MASA_KERJA_PERMINTAAN_SENDIRI = (
        "masa_kerja_permintaan_sendiri",
        _("Masa kerja minimal untuk pindah instansi atas permintaan sendiri (tahun)"),
    )
    TAHUN_SEBELUM_PENSIUN = "tahun_sebelum_pensiun", _("Jarak minimal ke pensiun (tahun)")
    KELAS_NAIK_MAKS = "kelas_naik_maks", _("Kenaikan kelas jabatan paling banyak")


# The least each threshold may be (the environment's own minimums).
NILAI_MINIMAL = {
    KunciKetentuan.MAX_TAHUN_JABATAN: 1,
    KunciKetentuan.TAHUN_SKP: 1,
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
