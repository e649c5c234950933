"""Fixed lists of the proposal workflow (docs/domain.md §4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisMutasi(models.TextChoices):
    """PP 11/2017 Pasal 190; the type decides who approves and which documents are needed."""

    DALAM_OPD = "dalam_opd", _("Rotasi dalam perangkat daerah")
    ANTAR_OPD = "antar_opd", _("Antar perangkat daerah")
    ANTAR_KABKOTA = "antar_kabkota", _("Antar kabupaten/kota dalam provinsi")
    PROVINSI_KABKOTA = "provinsi_kabkota", _("Antara provinsi dan kabupaten/kota")
    ANTAR_PROVINSI = "antar_provinsi", _("Antar provinsi")
    PUSAT_DAERAH = "pusat_daerah", _("Antara instansi pusat dan daerah")


# Types that need BKN's technical opinion (Pertimbangan Teknis) before approval.
PERLU_PERTEK = frozenset(
    {
        JenisMutasi.ANTAR_KABKOTA,
        JenisMutasi.PROVINSI_KABKOTA,
        JenisMutasi.ANTAR_PROVINSI,
        JenisMutasi.PUSAT_DAERAH,
    }
)

# Types that stay inside this government: both sides are here.
JENIS_INTERNAL = frozenset({JenisMutasi.DALAM_OPD, JenisMutasi.ANTAR_OPD})


class ArahMutasi(models.TextChoices):
    """Which side of the move this government is on (mutasi/usulan/kewenangan.py)."""

    INTERNAL = "internal", _("Di dalam pemerintah daerah ini")
    MASUK = "masuk", _("Masuk dari instansi lain")
    KELUAR = "keluar", _("Keluar ke instansi lain")


class JenisInstansiAsal(models.TextChoices):
    PROVINSI = "provinsi", _("Pemerintah provinsi")
    KABKOTA = "kabkota", _("Pemerintah kabupaten/kota")
    PUSAT = "pusat", _("Instansi pusat (kementerian/lembaga)")


class HasilPertek(models.TextChoices):
    DISETUJUI = "disetujui", _("Disetujui")
    TIDAK_DISETUJUI = "tidak_disetujui", _("Tidak disetujui")


class KategoriAlasan(models.TextChoices):
    KEBUTUHAN_ORGANISASI = "kebutuhan_organisasi", _("Kebutuhan organisasi / kekurangan pegawai")
    KESEIMBANGAN_BEBAN = "keseimbangan_beban", _("Keseimbangan beban kerja")
    PENGEMBANGAN_KARIER = "pengembangan_karier", _("Pengembangan karier")
    PENYEGARAN = "penyegaran", _("Penyegaran / rotasi setelah masa jabatan panjang")
    HASIL_PENILAIAN = "hasil_penilaian", _("Hasil penilaian kinerja")
    PERMINTAAN_SENDIRI = "permintaan_sendiri", _("Permintaan sendiri")
    ALASAN_KELUARGA = "alasan_keluarga", _("Alasan keluarga")


class StatusUsulan(models.TextChoices):
    KONSEP = "konsep", _("Konsep")
    MENUNGGU_KEPALA = "menunggu_kepala", _("Menunggu persetujuan Kepala OPD")
    DIAJUKAN = "diajukan", _("Diajukan")
    TERVERIFIKASI = "terverifikasi", _("Terverifikasi")
    DIPERTIMBANGKAN = "dipertimbangkan", _("Dipertimbangkan")
    DISETUJUI = "disetujui", _("Disetujui")
    DITOLAK = "ditolak", _("Ditolak")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")
    DITETAPKAN = "ditetapkan", _("Ditetapkan")
    DILAKSANAKAN = "dilaksanakan", _("Dilaksanakan")


# A proposal is "open" until it is decided or withdrawn; one open proposal per employee.
STATUS_TERBUKA = (
    StatusUsulan.KONSEP,
    StatusUsulan.MENUNGGU_KEPALA,
    StatusUsulan.DIAJUKAN,
    StatusUsulan.TERVERIFIKASI,
    StatusUsulan.DIPERTIMBANGKAN,
    StatusUsulan.DISETUJUI,
)


class JenisDokumen(models.TextChoices):
    SURAT_USULAN = "surat_usulan", _("Surat permohonan / usulan mutasi")
    PERSETUJUAN_PPK_ASAL = "persetujuan_asal", _("Persetujuan PPK instansi asal")
    USULAN_PPK_PENERIMA = "usulan_penerima", _("Usulan PPK instansi penerima")
    SK_PANGKAT = "sk_pangkat", _("SK pangkat terakhir")
    SKP = "skp", _("SKP 2 tahun terakhir")
    BEBAS_HUKDIS = (
        "bebas_hukdis",
        _("Surat pernyataan tidak sedang dijatuhi hukuman disiplin / proses pidana"),
    )
    BEBAS_TUBEL = "bebas_tubel", _("Surat pernyataan tidak tugas belajar / ikatan dinas")
    BEBAS_TEMUAN = "bebas_temuan", _("Surat bebas temuan Inspektorat")
    ANJAB_ABK = "anjab_abk", _("ANJAB/ABK jabatan tujuan")
    PERTEK = "pertek", _("Pertimbangan teknis BKN")


_DASAR = [
    JenisDokumen.SURAT_USULAN,
    JenisDokumen.SK_PANGKAT,
    JenisDokumen.SKP,
    JenisDokumen.BEBAS_HUKDIS,
    JenisDokumen.BEBAS_TUBEL,
]
_ANTAR = [
    JenisDokumen.PERSETUJUAN_PPK_ASAL,
    JenisDokumen.USULAN_PPK_PENERIMA,
    JenisDokumen.BEBAS_TEMUAN,
    JenisDokumen.ANJAB_ABK,
]
DOKUMEN_WAJIB = {
    JenisMutasi.DALAM_OPD: _DASAR + [JenisDokumen.ANJAB_ABK],
    JenisMutasi.ANTAR_OPD: _DASAR + _ANTAR,
    JenisMutasi.ANTAR_KABKOTA: _DASAR + _ANTAR + [JenisDokumen.PERTEK],
    JenisMutasi.PROVINSI_KABKOTA: _DASAR + _ANTAR + [JenisDokumen.PERTEK],
    JenisMutasi.ANTAR_PROVINSI: _DASAR + _ANTAR + [JenisDokumen.PERTEK],
    JenisMutasi.PUSAT_DAERAH: _DASAR + _ANTAR + [JenisDokumen.PERTEK],
}


class StatusDokumen(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu diperiksa")
    DITERIMA = "diterima", _("Diterima")
    PERBAIKI = "perbaiki", _("Perlu diperbaiki")


class SikapPegawai(models.TextChoices):
    SETUJU = "setuju", _("Setuju")
    KEBERATAN = "keberatan", _("Keberatan")


class Rekomendasi(models.TextChoices):
    SETUJUI = "setujui", _("Direkomendasikan untuk disetujui")
    TOLAK = "tolak", _("Direkomendasikan untuk ditolak")
