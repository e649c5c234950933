"""Fixed lists of the instansi app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisInstansi(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class JenisPerangkatDaerah(models.TextChoices):
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    RSUD = "rsud", _("Rumah Sakit Daerah")
    SATPOL = "satpol", _("Satuan Polisi Pamong Praja")


class JenisUnit(models.TextChoices):
    PIMPINAN = "pimpinan", _("Pimpinan")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    BIDANG = "bidang", _("Bidang")
    BAGIAN = "bagian", _("Bagian")
    SUBBAGIAN = "subbagian", _("Subbagian")
    SEKSI = "seksi", _("Seksi")
    UPT = "upt", _("UPT")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    SEKOLAH = "sekolah", _("Sekolah")


class JenisJabatan(models.TextChoices):
    STRUKTURAL = "struktural", _("Struktural")
    FUNGSIONAL = "fungsional", _("Fungsional")
    PELAKSANA = "pelaksana", _("Pelaksana")


class Jenjang(models.TextChoices):
    """Level of a jabatan; it decides the default retirement age (BUP)."""

    JPT_MADYA = "jpt_madya", _("JPT Madya")
    JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    PELAKSANA = "pelaksana", _("Pelaksana")
    PEMULA = "pemula", _("Pemula")
    TERAMPIL = "terampil", _("Terampil")
    MAHIR = "mahir", _("Mahir")
    PENYELIA = "penyelia", _("Penyelia")
    AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
    AHLI_MUDA = "ahli_muda", _("Ahli Muda")
    AHLI_MADYA = "ahli_madya", _("Ahli Madya")
    AHLI_UTAMA = "ahli_utama", _("Ahli Utama")


class RumpunJabatan(models.TextChoices):
    """Job families (rumpun jabatan). A mutation stays within the family of the employee's
    current post or of their education (``mutasi.usulan.eligibility``, rule "rumpun"); a post and a
    field of study each belong to one family."""

    ADMINISTRASI = "administrasi", _("Administrasi umum dan manajemen pemerintahan")
    PERENCANAAN = "perencanaan", _("Perencanaan, kebijakan dan statistik")
    KEUANGAN = "keuangan", _("Keuangan, aset dan pengadaan")
    PENGAWASAN = "pengawasan", _("Pengawasan dan pemeriksaan")
    HUKUM = "hukum", _("Hukum dan ketertiban")
    TIK = "tik", _("Teknologi informasi dan komunikasi")
    KESEHATAN = "kesehatan", _("Kesehatan")
    PENDIDIKAN = "pendidikan", _("Pendidikan, perpustakaan dan pelatihan")
    TEKNIK = "teknik", _("Teknik, tata ruang, perhubungan dan lingkungan")
    PERTANIAN = "pertanian", _("Pertanian, peternakan, kelautan dan kehutanan")
    SOSIAL = "sosial", _("Sosial, ketenagakerjaan dan pariwisata")


# The levels each kind of post has: a pelaksana post is never "ahli utama".
JENJANG_PER_JENIS = {
    JenisJabatan.STRUKTURAL: (
        Jenjang.JPT_MADYA,
        Jenjang.JPT_PRATAMA,
        Jenjang.ADMINISTRATOR,
        Jenjang.PENGAWAS,
    ),
    JenisJabatan.FUNGSIONAL: (
        Jenjang.PEMULA,
        Jenjang.TERAMPIL,
        Jenjang.MAHIR,
        Jenjang.PENYELIA,
        Jenjang.AHLI_PERTAMA,
        Jenjang.AHLI_MUDA,
        Jenjang.AHLI_MADYA,
        Jenjang.AHLI_UTAMA,
    ),
    JenisJabatan.PELAKSANA: (Jenjang.PELAKSANA,),
}

# Retirement age (BUP, docs/domain.md §3), by law, not by region: 58 for administrative posts
# and junior functional posts, 60 for JPT and ahli madya, 65 for ahli utama (PP 11/2017 Pasal
# 239); teachers at 60 whatever their level (UU 14/2005 Pasal 40, PP 19/2017).
BUP_BY_JENJANG = {
    Jenjang.JPT_MADYA: 60,
    Jenjang.JPT_PRATAMA: 60,
    Jenjang.AHLI_MADYA: 60,
    Jenjang.AHLI_UTAMA: 65,
}
BUP_DEFAULT = 58
BUP_GURU = 60
# A teacher's post is named "Guru ..." (Guru Ahli Pertama, Guru Kelas Ahli Muda ...).
PREFIKS_GURU = "Guru "


def batas_usia_pensiun(jenis: str, jenjang: str, nama: str) -> int:
    """The retirement age the law gives a post of this kind, level and name."""
    if jenis == JenisJabatan.FUNGSIONAL and nama.startswith(PREFIKS_GURU):
        return max(BUP_GURU, BUP_BY_JENJANG.get(jenjang, BUP_DEFAULT))
    return BUP_BY_JENJANG.get(jenjang, BUP_DEFAULT)


class KategoriKompetensi(models.TextChoices):
    TEKNIS = "teknis", _("Teknis")
    MANAJERIAL = "manajerial", _("Manajerial")
    SOSIAL_KULTURAL = "sosial_kultural", _("Sosial kultural")


class StatusAnalisis(models.TextChoices):
    KONSEP = "konsep", _("Konsep")
    DIAJUKAN = "diajukan", _("Diajukan")
    DITERIMA = "diterima", _("Diterima")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")


class Pembulatan(models.TextChoices):
    """How a fractional staff need becomes a whole number of people (docs/domain.md §5)."""

    KE_ATAS = "ke_atas", _("Ke atas (0,75 → 1; 1,02 → 2)")
    MATEMATIS = "matematis", _("Matematis (0,5 ke atas → 1; 1,49 → 1)")


class KategoriEJ(models.TextChoices):
    """Bands of job efficiency EJ (PermenPANRB 1/2020), named by what they say about the
    workload of the holders (``instansi.beban``): A above 1,00, B 0,90–1,00, C 0,70–0,89,
    D 0,50–0,69, E below 0,50."""

    A = "A", _("beban berlebih")
    B = "B", _("beban penuh")
    C = "C", _("beban cukup")
    D = "D", _("beban kurang")
    E = "E", _("beban sangat kurang")
