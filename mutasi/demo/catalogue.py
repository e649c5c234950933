"""What the demo province looks like: its vocabulary, its positions and its agencies.

Plain data, no database: master.py turns it into rows and people.py places employees in it.
Unit codes are derived from the order of the lists here, so append new agencies and units at
the end of their list to keep the codes of a database seeded before. Any change to positions or
staff weights also moves the generated people (see names.py).
"""

import dataclasses
from dataclasses import dataclass, field

from instansi.choices import JenisJabatan, JenisPerangkatDaerah, JenisUnit, Jenjang
from instansi.choices import KategoriKompetensi as K
from instansi.choices import RumpunJabatan as R
from pegawai.choices import Golongan as G


def _items(text: str) -> list[str]:
    """Split a semicolon-separated list, so long vocabularies stay compact and readable."""
    return [item.strip() for item in text.split(";") if item.strip()]


INSTANSI = {
    "nama": "Pemerintah Provinsi Asemrowo",
    "daerah": "Asemrowo",
    "ibu_kota": "Kota Asemrowo",
}

# --- Vocabulary -----------------------------------------------------------------------------

BIDANG_PENDIDIKAN = _items(
    """
    Administrasi Publik; Ilmu Pemerintahan; Ilmu Politik; Administrasi Perkantoran;
    Manajemen; Akuntansi; Ekonomi Pembangunan; Ilmu Hukum; Psikologi; Statistika;
    Matematika; Teknik Informatika; Sistem Informasi; Ilmu Komunikasi; Teknik Sipil;
    Teknik Lingkungan; Perencanaan Wilayah dan Kota; Arsitektur; Teknik Elektro;
    Teknik Mesin; Teknik Geologi; Geografi; Transportasi; Pendidikan Dokter;
    Kedokteran Gigi; Keperawatan; Kebidanan; Farmasi; Kesehatan Masyarakat; Gizi;
    Kesehatan Lingkungan; Analis Kesehatan; Radiologi; Fisioterapi; Rekam Medis;
    Pendidikan Matematika; Pendidikan Bahasa Indonesia; Pendidikan Bahasa Inggris;
    Pendidikan Fisika; Pendidikan Biologi; Pendidikan Kimia; Pendidikan Sejarah;
    Pendidikan Ekonomi; Pendidikan Jasmani; Bimbingan dan Konseling;
    Pendidikan Teknik Mesin; Pendidikan Teknik Informatika; Pendidikan Luar Biasa;
    Agroteknologi; Agribisnis; Proteksi Tanaman; Peternakan; Kedokteran Hewan; Kehutanan;
    Perikanan; Ilmu Kelautan; Pariwisata; Kesejahteraan Sosial; Sosiologi;
    Ilmu Perpustakaan; Kearsipan; Kimia; Biologi; Fisika
"""
)

# The job family each field of study prepares for (``BidangPendidikan.rumpun``).
RUMPUN_BIDANG = {
    **dict.fromkeys(
        _items(
            """Administrasi Publik; Ilmu Pemerintahan; Administrasi Perkantoran; Manajemen;
            Kearsipan"""
        ),
        R.ADMINISTRASI,
    ),
    **dict.fromkeys(
        _items(
            """Ilmu Politik; Ekonomi Pembangunan; Statistika; Matematika;
            Perencanaan Wilayah dan Kota"""
        ),
        R.PERENCANAAN,
    ),
    "Akuntansi": R.KEUANGAN,
    "Ilmu Hukum": R.HUKUM,
    **dict.fromkeys(
        ["Teknik Informatika", "Sistem Informasi", "Ilmu Komunikasi"],
        R.TIK,
    ),
    **dict.fromkeys(
        _items(
            """Teknik Sipil; Teknik Lingkungan; Arsitektur; Teknik Elektro; Teknik Mesin;
            Teknik Geologi; Geografi; Transportasi; Kimia; Biologi; Fisika"""
        ),
        R.TEKNIK,
    ),
    **dict.fromkeys(
        _items(
            """Pendidikan Dokter; Kedokteran Gigi; Keperawatan; Kebidanan; Farmasi;
            Kesehatan Masyarakat; Gizi; Kesehatan Lingkungan; Analis Kesehatan; Radiologi;
            Fisioterapi; Rekam Medis"""
        ),
        R.KESEHATAN,
    ),
    **dict.fromkeys(
        _items(
            """Pendidikan Matematika; Pendidikan Bahasa Indonesia; Pendidikan Bahasa Inggris;
            Pendidikan Fisika; Pendidikan Biologi; Pendidikan Kimia; Pendidikan Sejarah;
            Pendidikan Ekonomi; Pendidikan Jasmani; Bimbingan dan Konseling;
            Pendidikan Teknik Mesin; Pendidikan Teknik Informatika; Pendidikan Luar Biasa;
            Ilmu Perpustakaan"""
        ),
        R.PENDIDIKAN,
    ),
    **dict.fromkeys(
        _items(
            """Agroteknologi; Agribisnis; Proteksi Tanaman; Peternakan; Kedokteran Hewan;
            Kehutanan; Perikanan; Ilmu Kelautan"""
        ),
        R.PERTANIAN,
    ),
    **dict.fromkeys(
        ["Pariwisata", "Kesejahteraan Sosial", "Sosiologi", "Psikologi"],
        R.SOSIAL,
    ),
}

# Fields a generalist may have studied when the position asks for none in particular.
BIDANG_UMUM = _items(
    """
    Administrasi Publik; Manajemen; Akuntansi; Ilmu Hukum; Ilmu Pemerintahan;
    Ekonomi Pembangunan; Ilmu Komunikasi; Sosiologi; Teknik Informatika;
    Administrasi Perkantoran; Psikologi
"""
)

# The managerial and socio-cultural competencies of PermenPANRB 38/2017, then technical ones.
MANAJERIAL = _items(
    """
    Integritas; Kerja Sama; Komunikasi; Orientasi pada Hasil; Pelayanan Publik;
    Pengembangan Diri dan Orang Lain; Mengelola Perubahan; Pengambilan Keputusan
"""
)
SOSIAL_KULTURAL = ["Perekat Bangsa"]
TEKNIS = _items(
    """
    Penyusunan Kebijakan Publik; Analisis Data; Perencanaan Pembangunan Daerah;
    Penganggaran Berbasis Kinerja; Pengelolaan Keuangan Daerah; Akuntansi Pemerintahan;
    Pengelolaan Barang Milik Daerah; Manajemen ASN; Analisis Jabatan dan Beban Kerja;
    Pengadaan Barang/Jasa; Kearsipan; Audit Keuangan; Audit Kinerja;
    Pengawasan Penyelenggaraan Pemerintahan; Legal Drafting; Hubungan Masyarakat; Statistik;
    Pengembangan Aplikasi; Jaringan Komputer; Keamanan Informasi; Pengelolaan Data;
    Pelayanan Administrasi; Pelayanan Kesehatan Dasar; Kegawatdaruratan Medis;
    Asuhan Keperawatan; Asuhan Kebidanan; Kefarmasian; Surveilans Epidemiologi;
    Kesehatan Lingkungan; Gizi Masyarakat; Promosi Kesehatan; Manajemen Pelayanan Kesehatan;
    Laboratorium Kesehatan; Radiodiagnostik; Fisioterapi; Rekam Medis;
    Pembelajaran dan Kurikulum; Penilaian Hasil Belajar; Supervisi Pendidikan;
    Pengelolaan Laboratorium Pendidikan; Pengelolaan Perpustakaan; Penyuluhan Pertanian;
    Perlindungan Tanaman; Kesehatan Hewan; Pengawasan Lingkungan Hidup;
    Analisis Dampak Lingkungan; Perencanaan Jalan dan Jembatan; Pengawasan Konstruksi;
    Pengelolaan Sumber Daya Air; Penataan Ruang; Manajemen Lalu Lintas;
    Pengujian Kendaraan Bermotor; Administrasi Kependudukan; Rehabilitasi Sosial;
    Pemberdayaan Masyarakat; Pelayanan Perizinan; Pengawasan Perikanan;
    Penyuluhan Perikanan; Pemasaran Pariwisata; Penempatan Tenaga Kerja;
    Hubungan Industrial; Pengawasan Ketenagakerjaan; Pelatihan Kerja;
    Penegakan Peraturan Daerah; Penanggulangan Bencana; Perlindungan Hutan;
    Geologi dan Pertambangan; Metrologi Legal; Pengawasan Perdagangan;
    Pemungutan Pajak Daerah; Mengemudi; Kediklatan
"""
)
KOMPETENSI = (
    [(n, K.MANAJERIAL) for n in MANAJERIAL]
    + [(n, K.SOSIAL_KULTURAL) for n in SOSIAL_KULTURAL]
    + [(n, K.TEKNIS) for n in TEKNIS]
)

# --- Positions ------------------------------------------------------------------------------

J = Jenjang
# Kelas jabatan and lowest golongan of each functional level.
JENJANG_FUNGSIONAL = {
    J.PEMULA: (5, G.II_A),
    J.TERAMPIL: (6, G.II_C),
    J.MAHIR: (7, G.III_A),
    J.PENYELIA: (8, G.III_C),
    J.AHLI_PERTAMA: (8, G.III_A),
    J.AHLI_MUDA: (9, G.III_C),
    J.AHLI_MADYA: (11, G.IV_A),
    J.AHLI_UTAMA: (13, G.IV_D),
}
# Spelled out here rather than taken from the translated labels, so names never depend on
# the active language.
JENJANG_NAMA = {
    J.PEMULA: "Pemula",
    J.TERAMPIL: "Terampil",
    J.MAHIR: "Mahir",
    J.PENYELIA: "Penyelia",
    J.AHLI_PERTAMA: "Ahli Pertama",
    J.AHLI_MUDA: "Ahli Muda",
    J.AHLI_MADYA: "Ahli Madya",
    J.AHLI_UTAMA: "Ahli Utama",
}
# How a family's people spread over its levels (relative weights), most at the entry levels.
JENJANG_SHARE = {
    J.PEMULA: 2,
    J.TERAMPIL: 4,
    J.MAHIR: 3,
    J.PENYELIA: 1.5,
    J.AHLI_PERTAMA: 5,
    J.AHLI_MUDA: 4,
    J.AHLI_MADYA: 1.2,
    J.AHLI_UTAMA: 0.1,
}


@dataclass(frozen=True)
class JabatanDef:
    nama: str
    jenis: str
    jenjang: str
    kelas: int
    golongan_minimal: int
    bidang: tuple[str, ...] = ()
    kompetensi: tuple[str, ...] = ()
    family: str = ""  # functional family ("Perawat") for every level of one function
    rumpun: str = ""  # job family (``RumpunJabatan``), from RUMPUN_JABATAN


@dataclass(frozen=True)
class Family:
    """A functional position at several levels: "Perawat Terampil", "Perawat Ahli Muda"."""

    nama: str
    jenjang: tuple[str, ...]
    bidang: tuple[str, ...]
    kompetensi: tuple[str, ...]

    def levels(self) -> list[JabatanDef]:
        return [
            JabatanDef(
                nama=f"{self.nama} {JENJANG_NAMA[j]}",
                jenis=JenisJabatan.FUNGSIONAL,
                jenjang=j,
                kelas=JENJANG_FUNGSIONAL[j][0],
                golongan_minimal=JENJANG_FUNGSIONAL[j][1],
                bidang=self.bidang,
                kompetensi=self.kompetensi,
                family=self.nama,
            )
            for j in self.jenjang
        ]


AHLI = (J.AHLI_PERTAMA, J.AHLI_MUDA, J.AHLI_MADYA)
AHLI_2 = (J.AHLI_PERTAMA, J.AHLI_MUDA)
TERAMPIL_AHLI = (J.TERAMPIL, J.AHLI_PERTAMA, J.AHLI_MUDA)
KETERAMPILAN = (J.TERAMPIL, J.MAHIR, J.PENYELIA)
GURU_BIDANG = tuple(
    _items(
        """
    Pendidikan Matematika; Pendidikan Bahasa Indonesia; Pendidikan Bahasa Inggris;
    Pendidikan Fisika; Pendidikan Biologi; Pendidikan Kimia; Pendidikan Sejarah;
    Pendidikan Ekonomi; Pendidikan Jasmani; Bimbingan dan Konseling;
    Pendidikan Teknik Mesin; Pendidikan Teknik Informatika; Pendidikan Luar Biasa
"""
    )
)
KESEHATAN = ("Kesehatan Masyarakat", "Pendidikan Dokter", "Keperawatan", "Kebidanan")

FAMILIES = [
    Family(
        "Analis Kebijakan",
        AHLI,
        (
            "Administrasi Publik",
            "Ilmu Pemerintahan",
            "Ilmu Politik",
            "Ekonomi Pembangunan",
            "Ilmu Hukum",
        ),
        ("Penyusunan Kebijakan Publik", "Analisis Data"),
    ),
    Family(
        "Perencana",
        AHLI,
        (
            "Perencanaan Wilayah dan Kota",
            "Ekonomi Pembangunan",
            "Administrasi Publik",
            "Statistika",
        ),
        ("Perencanaan Pembangunan Daerah", "Penganggaran Berbasis Kinerja"),
    ),
    Family(
        "Analis Sumber Daya Manusia Aparatur",
        AHLI,
        ("Administrasi Publik", "Psikologi", "Manajemen", "Ilmu Hukum"),
        ("Manajemen ASN", "Analisis Jabatan dan Beban Kerja"),
    ),
    Family(
        "Pranata Sumber Daya Manusia Aparatur",
        KETERAMPILAN,
        ("Administrasi Perkantoran", "Administrasi Publik", "Manajemen"),
        ("Manajemen ASN", "Pelayanan Administrasi"),
    ),
    Family(
        "Auditor",
        AHLI,
        ("Akuntansi", "Manajemen", "Ilmu Hukum", "Teknik Sipil"),
        ("Audit Keuangan", "Audit Kinerja"),
    ),
    Family(
        "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
        AHLI,
        ("Administrasi Publik", "Ilmu Pemerintahan", "Ilmu Hukum", "Akuntansi"),
        ("Pengawasan Penyelenggaraan Pemerintahan", "Audit Kinerja"),
    ),
    Family(
        "Analis Keuangan Pusat dan Daerah",
        AHLI,
        ("Akuntansi", "Manajemen", "Ekonomi Pembangunan"),
        ("Pengelolaan Keuangan Daerah", "Akuntansi Pemerintahan"),
    ),
    Family(
        "Pranata Komputer",
        (J.TERAMPIL, J.MAHIR, J.AHLI_PERTAMA, J.AHLI_MUDA),
        ("Teknik Informatika", "Sistem Informasi", "Teknik Elektro"),
        ("Pengembangan Aplikasi", "Jaringan Komputer", "Pengelolaan Data"),
    ),
    Family(
        "Arsiparis",
        TERAMPIL_AHLI,
        ("Kearsipan", "Ilmu Perpustakaan", "Administrasi Perkantoran"),
        ("Kearsipan",),
    ),
    Family(
        "Pranata Hubungan Masyarakat", TERAMPIL_AHLI, ("Ilmu Komunikasi",), ("Hubungan Masyarakat",)
    ),
    Family("Perancang Peraturan Perundang-undangan", AHLI, ("Ilmu Hukum",), ("Legal Drafting",)),
    Family(
        "Analis Hukum", AHLI_2, ("Ilmu Hukum",), ("Legal Drafting", "Penyusunan Kebijakan Publik")
    ),
    Family(
        "Pengelola Pengadaan Barang/Jasa",
        AHLI,
        ("Manajemen", "Teknik Sipil", "Akuntansi", "Administrasi Publik"),
        ("Pengadaan Barang/Jasa",),
    ),
    Family(
        "Statistisi", TERAMPIL_AHLI, ("Statistika", "Matematika"), ("Statistik", "Analisis Data")
    ),
    Family(
        "Widyaiswara",
        (J.AHLI_PERTAMA, J.AHLI_MUDA, J.AHLI_MADYA, J.AHLI_UTAMA),
        ("Administrasi Publik", "Manajemen", "Psikologi", "Ilmu Pemerintahan"),
        ("Kediklatan",),
    ),
    Family(
        "Dokter",
        AHLI,
        ("Pendidikan Dokter",),
        ("Pelayanan Kesehatan Dasar", "Kegawatdaruratan Medis"),
    ),
    Family("Dokter Gigi", AHLI_2, ("Kedokteran Gigi",), ("Pelayanan Kesehatan Dasar",)),
    Family(
        "Perawat",
        (J.TERAMPIL, J.MAHIR, J.PENYELIA, J.AHLI_PERTAMA, J.AHLI_MUDA),
        ("Keperawatan",),
        ("Asuhan Keperawatan", "Kegawatdaruratan Medis"),
    ),
    Family(
        "Bidan",
        (J.TERAMPIL, J.MAHIR, J.AHLI_PERTAMA, J.AHLI_MUDA),
        ("Kebidanan",),
        ("Asuhan Kebidanan",),
    ),
    Family("Apoteker", AHLI_2, ("Farmasi",), ("Kefarmasian",)),
    Family("Asisten Apoteker", (J.TERAMPIL, J.MAHIR), ("Farmasi",), ("Kefarmasian",)),
    Family(
        "Epidemiolog Kesehatan",
        AHLI_2,
        ("Kesehatan Masyarakat",),
        ("Surveilans Epidemiologi", "Analisis Data"),
    ),
    Family(
        "Sanitarian",
        (J.TERAMPIL, J.AHLI_PERTAMA),
        ("Kesehatan Lingkungan",),
        ("Kesehatan Lingkungan",),
    ),
    Family("Nutrisionis", TERAMPIL_AHLI, ("Gizi",), ("Gizi Masyarakat",)),
    Family(
        "Penyuluh Kesehatan Masyarakat", AHLI_2, ("Kesehatan Masyarakat",), ("Promosi Kesehatan",)
    ),
    Family(
        "Administrator Kesehatan",
        AHLI,
        ("Kesehatan Masyarakat", "Administrasi Publik"),
        ("Manajemen Pelayanan Kesehatan",),
    ),
    Family(
        "Pranata Laboratorium Kesehatan",
        (J.TERAMPIL, J.MAHIR, J.AHLI_PERTAMA),
        ("Analis Kesehatan",),
        ("Laboratorium Kesehatan",),
    ),
    Family("Radiografer", (J.TERAMPIL, J.AHLI_PERTAMA), ("Radiologi",), ("Radiodiagnostik",)),
    Family("Fisioterapis", (J.TERAMPIL, J.AHLI_PERTAMA), ("Fisioterapi",), ("Fisioterapi",)),
    Family("Perekam Medis", (J.TERAMPIL, J.MAHIR), ("Rekam Medis",), ("Rekam Medis",)),
    Family("Guru", AHLI, GURU_BIDANG, ("Pembelajaran dan Kurikulum", "Penilaian Hasil Belajar")),
    Family("Pengawas Sekolah", (J.AHLI_MUDA, J.AHLI_MADYA), GURU_BIDANG, ("Supervisi Pendidikan",)),
    Family(
        "Pranata Laboratorium Pendidikan",
        (J.TERAMPIL, J.AHLI_PERTAMA),
        ("Pendidikan Fisika", "Pendidikan Kimia", "Pendidikan Biologi", "Kimia", "Biologi"),
        ("Pengelolaan Laboratorium Pendidikan",),
    ),
    Family("Pustakawan", TERAMPIL_AHLI, ("Ilmu Perpustakaan",), ("Pengelolaan Perpustakaan",)),
    Family(
        "Penyuluh Pertanian",
        (J.TERAMPIL, J.MAHIR, J.AHLI_PERTAMA, J.AHLI_MUDA),
        ("Agroteknologi", "Agribisnis", "Peternakan"),
        ("Penyuluhan Pertanian",),
    ),
    Family(
        "Pengendali Organisme Pengganggu Tumbuhan",
        TERAMPIL_AHLI,
        ("Agroteknologi", "Proteksi Tanaman"),
        ("Perlindungan Tanaman",),
    ),
    Family("Medik Veteriner", AHLI_2, ("Kedokteran Hewan",), ("Kesehatan Hewan",)),
    Family("Paramedik Veteriner", (J.TERAMPIL, J.MAHIR), ("Peternakan",), ("Kesehatan Hewan",)),
    Family(
        "Pengawas Lingkungan Hidup",
        AHLI,
        ("Teknik Lingkungan", "Kesehatan Lingkungan", "Kimia"),
        ("Pengawasan Lingkungan Hidup",),
    ),
    Family(
        "Pengendali Dampak Lingkungan",
        AHLI_2,
        ("Teknik Lingkungan", "Biologi", "Geografi"),
        ("Analisis Dampak Lingkungan",),
    ),
    Family(
        "Teknik Jalan dan Jembatan",
        (J.TERAMPIL, J.AHLI_PERTAMA, J.AHLI_MUDA, J.AHLI_MADYA),
        ("Teknik Sipil",),
        ("Perencanaan Jalan dan Jembatan", "Pengawasan Konstruksi"),
    ),
    Family(
        "Teknik Pengairan",
        TERAMPIL_AHLI,
        ("Teknik Sipil",),
        ("Pengelolaan Sumber Daya Air", "Pengawasan Konstruksi"),
    ),
    Family(
        "Penata Ruang",
        AHLI_2,
        ("Perencanaan Wilayah dan Kota", "Arsitektur", "Geografi"),
        ("Penataan Ruang",),
    ),
    Family(
        "Teknik Tata Bangunan dan Perumahan",
        AHLI_2,
        ("Arsitektur", "Teknik Sipil"),
        ("Pengawasan Konstruksi",),
    ),
    Family(
        "Penguji Kendaraan Bermotor",
        KETERAMPILAN,
        ("Teknik Mesin", "Transportasi"),
        ("Pengujian Kendaraan Bermotor",),
    ),
    Family(
        "Administrator Database Kependudukan",
        AHLI_2,
        ("Teknik Informatika", "Sistem Informasi"),
        ("Administrasi Kependudukan", "Pengelolaan Data"),
    ),
    Family(
        "Pekerja Sosial",
        TERAMPIL_AHLI,
        ("Kesejahteraan Sosial", "Psikologi"),
        ("Rehabilitasi Sosial",),
    ),
    Family(
        "Penyuluh Sosial",
        AHLI_2,
        ("Kesejahteraan Sosial", "Sosiologi"),
        ("Pemberdayaan Masyarakat",),
    ),
    Family(
        "Penggerak Swadaya Masyarakat",
        AHLI_2,
        ("Sosiologi", "Kesejahteraan Sosial", "Administrasi Publik"),
        ("Pemberdayaan Masyarakat",),
    ),
    Family(
        "Sandiman",
        (J.TERAMPIL, J.AHLI_PERTAMA),
        ("Teknik Informatika", "Matematika"),
        ("Keamanan Informasi",),
    ),
    Family(
        "Penata Perizinan", AHLI_2, ("Administrasi Publik", "Ilmu Hukum"), ("Pelayanan Perizinan",)
    ),
    Family(
        "Pengawas Perikanan",
        TERAMPIL_AHLI,
        ("Perikanan", "Ilmu Kelautan"),
        ("Pengawasan Perikanan",),
    ),
    Family("Penyuluh Perikanan", TERAMPIL_AHLI, ("Perikanan",), ("Penyuluhan Perikanan",)),
    Family(
        "Adyatama Kepariwisataan dan Ekonomi Kreatif",
        AHLI_2,
        ("Pariwisata", "Manajemen"),
        ("Pemasaran Pariwisata",),
    ),
    Family("Pengantar Kerja", AHLI_2, ("Psikologi", "Manajemen"), ("Penempatan Tenaga Kerja",)),
    Family("Mediator Hubungan Industrial", AHLI_2, ("Ilmu Hukum",), ("Hubungan Industrial",)),
    Family(
        "Pengawas Ketenagakerjaan",
        AHLI,
        ("Ilmu Hukum", "Teknik Mesin", "Kesehatan Masyarakat"),
        ("Pengawasan Ketenagakerjaan",),
    ),
    Family(
        "Instruktur",
        TERAMPIL_AHLI,
        ("Teknik Mesin", "Teknik Elektro", "Teknik Informatika"),
        ("Pelatihan Kerja",),
    ),
    Family(
        "Polisi Pamong Praja",
        (J.TERAMPIL, J.MAHIR, J.PENYELIA, J.AHLI_PERTAMA, J.AHLI_MUDA),
        ("Ilmu Hukum", "Ilmu Pemerintahan"),
        ("Penegakan Peraturan Daerah",),
    ),
    Family(
        "Penata Penanggulangan Bencana",
        AHLI_2,
        ("Teknik Geologi", "Geografi", "Teknik Lingkungan", "Kesehatan Masyarakat"),
        ("Penanggulangan Bencana",),
    ),
    Family("Polisi Kehutanan", KETERAMPILAN, ("Kehutanan",), ("Perlindungan Hutan",)),
    Family("Penyuluh Kehutanan", AHLI_2, ("Kehutanan",), ("Pemberdayaan Masyarakat",)),
    Family("Penyelidik Bumi", AHLI_2, ("Teknik Geologi",), ("Geologi dan Pertambangan",)),
    Family(
        "Penera", (J.TERAMPIL, J.AHLI_PERTAMA), ("Teknik Elektro", "Fisika"), ("Metrologi Legal",)
    ),
    Family(
        "Pengawas Perdagangan",
        AHLI_2,
        ("Manajemen", "Ekonomi Pembangunan", "Ilmu Hukum"),
        ("Pengawasan Perdagangan",),
    ),
]

S = JenisJabatan.STRUKTURAL
P = JenisJabatan.PELAKSANA
_JPT = tuple(MANAJERIAL) + ("Perekat Bangsa",)
_ADM = (
    "Integritas",
    "Kerja Sama",
    "Komunikasi",
    "Orientasi pada Hasil",
    "Pengambilan Keputusan",
    "Perekat Bangsa",
)
_PGW = ("Integritas", "Kerja Sama", "Komunikasi", "Orientasi pada Hasil")

STRUKTURAL = [
    JabatanDef("Sekretaris Daerah", S, J.JPT_MADYA, 16, G.IV_C, (), _JPT),
    JabatanDef("Kepala Dinas", S, J.JPT_PRATAMA, 14, G.IV_B, (), _JPT),
    JabatanDef("Kepala Badan", S, J.JPT_PRATAMA, 14, G.IV_B, (), _JPT),
    JabatanDef("Inspektur", S, J.JPT_PRATAMA, 14, G.IV_B, (), _JPT + ("Audit Kinerja",)),
    JabatanDef("Sekretaris DPRD", S, J.JPT_PRATAMA, 14, G.IV_B, (), _JPT),
    JabatanDef("Kepala Biro", S, J.JPT_PRATAMA, 14, G.IV_B, (), _JPT),
    JabatanDef(
        "Direktur Rumah Sakit Umum Daerah",
        S,
        J.JPT_PRATAMA,
        14,
        G.IV_B,
        KESEHATAN[:2],
        _JPT + ("Manajemen Pelayanan Kesehatan",),
    ),
    JabatanDef(
        "Kepala Satuan Polisi Pamong Praja",
        S,
        J.JPT_PRATAMA,
        14,
        G.IV_B,
        (),
        _JPT + ("Penegakan Peraturan Daerah",),
    ),
    JabatanDef(
        "Kepala Pelaksana BPBD",
        S,
        J.JPT_PRATAMA,
        14,
        G.IV_B,
        (),
        _JPT + ("Penanggulangan Bencana",),
    ),
    JabatanDef("Sekretaris", S, J.ADMINISTRATOR, 12, G.III_D, (), _ADM),
    JabatanDef(
        "Inspektur Pembantu", S, J.ADMINISTRATOR, 12, G.III_D, (), _ADM + ("Audit Kinerja",)
    ),
    JabatanDef("Kepala Bidang", S, J.ADMINISTRATOR, 11, G.III_C, (), _ADM),
    JabatanDef("Kepala Bagian", S, J.ADMINISTRATOR, 11, G.III_C, (), _ADM),
    JabatanDef("Kepala UPT", S, J.ADMINISTRATOR, 11, G.III_C, (), _ADM + ("Pelayanan Publik",)),
    JabatanDef(
        "Kepala Cabang Dinas", S, J.ADMINISTRATOR, 11, G.III_C, (), _ADM + ("Supervisi Pendidikan",)
    ),
    JabatanDef("Kepala Seksi", S, J.PENGAWAS, 9, G.III_B, (), _PGW),
    JabatanDef("Kepala Subbagian", S, J.PENGAWAS, 9, G.III_B, (), _PGW),
    JabatanDef("Kepala Subbidang", S, J.PENGAWAS, 9, G.III_B, (), _PGW),
    JabatanDef(
        "Kepala Puskesmas",
        S,
        J.PENGAWAS,
        9,
        G.III_B,
        KESEHATAN,
        _PGW + ("Manajemen Pelayanan Kesehatan",),
    ),
]

PL = J.PELAKSANA
PELAKSANA = [
    JabatanDef("Pengadministrasi Umum", P, PL, 5, G.II_A, (), ("Pelayanan Administrasi",)),
    JabatanDef("Operator Layanan Operasional", P, PL, 5, G.II_A, (), ("Pelayanan Administrasi",)),
    JabatanDef(
        "Pengelola Layanan Operasional",
        P,
        PL,
        6,
        G.II_C,
        (),
        ("Pelayanan Administrasi", "Pengelolaan Data"),
    ),
    JabatanDef(
        "Penata Layanan Operasional",
        P,
        PL,
        7,
        G.III_A,
        ("Administrasi Publik", "Manajemen", "Ilmu Pemerintahan"),
        ("Pelayanan Publik", "Analisis Data"),
    ),
    JabatanDef("Pengolah Data", P, PL, 6, G.II_A, (), ("Pengelolaan Data",)),
    JabatanDef(
        "Pengelola Keuangan",
        P,
        PL,
        7,
        G.II_C,
        ("Akuntansi", "Manajemen"),
        ("Pengelolaan Keuangan Daerah",),
    ),
    JabatanDef(
        "Bendahara",
        P,
        PL,
        7,
        G.II_C,
        ("Akuntansi", "Manajemen"),
        ("Pengelolaan Keuangan Daerah", "Akuntansi Pemerintahan"),
    ),
    JabatanDef(
        "Pengelola Barang Milik Daerah",
        P,
        PL,
        6,
        G.II_C,
        ("Manajemen", "Akuntansi"),
        ("Pengelolaan Barang Milik Daerah",),
    ),
    JabatanDef(
        "Pengelola Kepegawaian",
        P,
        PL,
        7,
        G.II_C,
        ("Administrasi Publik", "Manajemen"),
        ("Manajemen ASN",),
    ),
    JabatanDef(
        "Pengelola Pajak Daerah",
        P,
        PL,
        7,
        G.II_C,
        ("Akuntansi", "Manajemen"),
        ("Pemungutan Pajak Daerah",),
    ),
    JabatanDef("Pengelola Perizinan", P, PL, 6, G.II_C, (), ("Pelayanan Perizinan",)),
    JabatanDef("Pengatur Lalu Lintas", P, PL, 5, G.II_A, (), ("Manajemen Lalu Lintas",)),
    JabatanDef("Pengemudi", P, PL, 3, G.I_C, (), ("Mengemudi",)),
    JabatanDef("Pramu Bakti", P, PL, 1, G.I_A, (), ()),
]


# The job family of each position, or of every level of a functional family.
RUMPUN_JABATAN = {
    **dict.fromkeys(
        _items(
            """Sekretaris Daerah; Kepala Dinas; Kepala Badan; Sekretaris DPRD; Kepala Biro;
            Kepala Pelaksana BPBD; Sekretaris; Kepala Bidang; Kepala Bagian; Kepala UPT;
            Kepala Seksi; Kepala Subbagian; Kepala Subbidang;
            Analis Sumber Daya Manusia Aparatur; Pranata Sumber Daya Manusia Aparatur;
            Arsiparis; Penata Perizinan; Pengadministrasi Umum; Operator Layanan Operasional;
            Pengelola Layanan Operasional; Penata Layanan Operasional; Pengelola Kepegawaian;
            Pengelola Perizinan; Pengemudi; Pramu Bakti"""
        ),
        R.ADMINISTRASI,
    ),
    **dict.fromkeys(["Analis Kebijakan", "Perencana", "Statistisi"], R.PERENCANAAN),
    **dict.fromkeys(
        _items(
            """Analis Keuangan Pusat dan Daerah; Pengelola Pengadaan Barang/Jasa;
            Pengelola Keuangan; Bendahara; Pengelola Barang Milik Daerah;
            Pengelola Pajak Daerah"""
        ),
        R.KEUANGAN,
    ),
    **dict.fromkeys(
        _items(
            """Inspektur; Inspektur Pembantu; Auditor;
            Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah; Pengawas Perdagangan"""
        ),
        R.PENGAWASAN,
    ),
    **dict.fromkeys(
        _items(
            """Kepala Satuan Polisi Pamong Praja; Perancang Peraturan Perundang-undangan;
            Analis Hukum; Polisi Pamong Praja"""
        ),
        R.HUKUM,
    ),
    **dict.fromkeys(
        _items(
            """Pranata Komputer; Pranata Hubungan Masyarakat; Sandiman;
            Administrator Database Kependudukan; Pengolah Data"""
        ),
        R.TIK,
    ),
    **dict.fromkeys(
        _items(
            """Direktur Rumah Sakit Umum Daerah; Kepala Puskesmas; Dokter; Dokter Gigi;
            Perawat; Bidan; Apoteker; Asisten Apoteker; Epidemiolog Kesehatan; Sanitarian;
            Nutrisionis; Penyuluh Kesehatan Masyarakat; Administrator Kesehatan;
            Pranata Laboratorium Kesehatan; Radiografer; Fisioterapis; Perekam Medis"""
        ),
        R.KESEHATAN,
    ),
    **dict.fromkeys(
        _items(
            """Kepala Cabang Dinas; Widyaiswara; Guru; Pengawas Sekolah;
            Pranata Laboratorium Pendidikan; Pustakawan"""
        ),
        R.PENDIDIKAN,
    ),
    **dict.fromkeys(
        _items(
            """Pengawas Lingkungan Hidup; Pengendali Dampak Lingkungan;
            Teknik Jalan dan Jembatan; Teknik Pengairan; Penata Ruang;
            Teknik Tata Bangunan dan Perumahan; Penguji Kendaraan Bermotor;
            Penata Penanggulangan Bencana; Penyelidik Bumi; Penera; Pengatur Lalu Lintas"""
        ),
        R.TEKNIK,
    ),
    **dict.fromkeys(
        _items(
            """Penyuluh Pertanian; Pengendali Organisme Pengganggu Tumbuhan; Medik Veteriner;
            Paramedik Veteriner; Pengawas Perikanan; Penyuluh Perikanan; Polisi Kehutanan;
            Penyuluh Kehutanan"""
        ),
        R.PERTANIAN,
    ),
    **dict.fromkeys(
        _items(
            """Pekerja Sosial; Penyuluh Sosial; Penggerak Swadaya Masyarakat;
            Adyatama Kepariwisataan dan Ekonomi Kreatif; Pengantar Kerja;
            Mediator Hubungan Industrial; Pengawas Ketenagakerjaan; Instruktur"""
        ),
        R.SOSIAL,
    ),
}


def all_jabatan() -> list[JabatanDef]:
    jabatan = list(STRUKTURAL)
    for family in FAMILIES:
        jabatan.extend(family.levels())
    jabatan.extend(PELAKSANA)
    return [dataclasses.replace(d, rumpun=RUMPUN_JABATAN[d.family or d.nama]) for d in jabatan]


# --- Agencies and their units ---------------------------------------------------------------

U = JenisUnit
# The head of a unit by its kind, unless the unit names one; a school has none of its own.
KEPALA_BY_JENIS = {
    U.SEKRETARIAT: "Sekretaris",
    U.BIDANG: "Kepala Bidang",
    U.BAGIAN: "Kepala Bagian",
    U.SUBBAGIAN: "Kepala Subbagian",
    U.SEKSI: "Kepala Seksi",
    U.UPT: "Kepala UPT",
    U.PUSKESMAS: "Kepala Puskesmas",
    U.SEKOLAH: None,
}
Staff = tuple[tuple[str, float], ...]  # (family or jabatan name, weight)


@dataclass(frozen=True)
class UnitDef:
    nama: str
    jenis: str
    staff: Staff = ()
    children: tuple["UnitDef", ...] = ()
    kepala: str | None = ""  # "" = by jenis (KEPALA_BY_JENIS), None = no head
    kota: str = ""  # where the unit is, if not in the capital

    @property
    def kepala_jabatan(self) -> str | None:
        return KEPALA_BY_JENIS[self.jenis] if self.kepala == "" else self.kepala


@dataclass(frozen=True)
class OpdDef:
    kode: str
    nama: str
    singkatan: str
    jenis: str
    kepala: str
    units: tuple[UnitDef, ...]
    staff: Staff = field(default=())  # people placed in the root unit besides the head


ADMIN_STAFF: Staff = (("Pengadministrasi Umum", 0.8), ("Pengolah Data", 0.3))
SUBBAG_UMUM = UnitDef(
    "Subbagian Umum dan Kepegawaian",
    U.SUBBAGIAN,
    (
        ("Pengadministrasi Umum", 2),
        ("Pengelola Kepegawaian", 1),
        ("Analis Sumber Daya Manusia Aparatur", 0.8),
        ("Arsiparis", 0.6),
        ("Pengemudi", 1),
        ("Pramu Bakti", 0.6),
        ("Pranata Komputer", 0.4),
    ),
)
SUBBAG_KEUANGAN = UnitDef(
    "Subbagian Keuangan dan Aset",
    U.SUBBAGIAN,
    (
        ("Pengelola Keuangan", 1.5),
        ("Bendahara", 1),
        ("Analis Keuangan Pusat dan Daerah", 0.8),
        ("Pengelola Barang Milik Daerah", 1),
    ),
)
SEKRETARIAT = UnitDef(
    "Sekretariat",
    U.SEKRETARIAT,
    (("Perencana", 1.2), ("Analis Kebijakan", 0.5), ("Pengolah Data", 0.5)),
    (SUBBAG_UMUM, SUBBAG_KEUANGAN),
)


def bidang(
    nama: str, staff: Staff, *seksi: str, jenis=U.BIDANG, kepala="", sub=U.SEKSI, sub_kepala=""
):
    """A bidang; with seksi, its specialists sit mostly in the seksi under it."""
    if not seksi:
        return UnitDef(nama, jenis, staff + ADMIN_STAFF, kepala=kepala)
    sub_staff = tuple((n, w * 0.5) for n, w in staff) + (("Pengadministrasi Umum", 0.4),)
    children = tuple(UnitDef(s, sub, sub_staff, kepala=sub_kepala) for s in seksi)
    own = tuple((n, w * 0.3) for n, w in staff) + ADMIN_STAFF
    return UnitDef(nama, jenis, own, children, kepala=kepala)


def subbidang(nama: str, staff: Staff, *subs: str):
    """A bidang of a badan, split into subbidang."""
    return bidang(nama, staff, *subs, sub_kepala="Kepala Subbidang")


def upt(nama: str, staff: Staff, kota: str = "", jenis=U.UPT, kepala="", children=()):
    base = (("Pengadministrasi Umum", 1), ("Operator Layanan Operasional", 0.8))
    if jenis == U.SEKOLAH:
        base = (("Pengadministrasi Umum", 1.5), ("Pramu Bakti", 0.5))
    return UnitDef(nama, jenis, staff + base, children, kepala=kepala, kota=kota)


SMA: Staff = (
    ("Guru", 36),
    ("Pranata Laboratorium Pendidikan", 0.8),
    ("Pustakawan", 0.5),
    ("Operator Layanan Operasional", 0.6),
)
SMK: Staff = SMA[:1] + (("Instruktur", 1.5),) + SMA[1:]
PUSKESMAS: Staff = (
    ("Dokter", 2),
    ("Dokter Gigi", 0.6),
    ("Perawat", 6),
    ("Bidan", 5),
    ("Asisten Apoteker", 1),
    ("Sanitarian", 0.8),
    ("Nutrisionis", 0.8),
    ("Pranata Laboratorium Kesehatan", 0.8),
    ("Penyuluh Kesehatan Masyarakat", 0.6),
    ("Perekam Medis", 0.6),
)


def school(nama: str, kota: str, staff: Staff = SMA) -> UnitDef:
    return upt(nama, staff, kota, jenis=U.SEKOLAH)


def cabang_dinas(wilayah: str, *schools: UnitDef) -> UnitDef:
    return upt(
        f"Cabang Dinas Pendidikan Wilayah {wilayah}",
        (("Pengawas Sekolah", 2), ("Analis Kebijakan", 0.4)),
        schools[0].kota,
        kepala="Kepala Cabang Dinas",
        children=schools,
    )


def puskesmas(kecamatan: str, kota: str) -> UnitDef:
    return upt(f"UPT Puskesmas {kecamatan}", PUSKESMAS, kota, jenis=U.PUSKESMAS)


def opd(kode, nama, singkatan, jenis, kepala, *units, staff=(), sekretariat=True) -> OpdDef:
    units = ((SEKRETARIAT,) if sekretariat else ()) + units
    return OpdDef(kode, nama, singkatan, jenis, kepala, units, staff)


D, B = JenisPerangkatDaerah.DINAS, JenisPerangkatDaerah.BADAN
KAB = {
    "Tambakrejo": "Kota Tambakrejo",
    "Wonokerto": "Kabupaten Wonokerto",
    "Sidomulyo": "Kabupaten Sidomulyo",
    "Karangjati": "Kabupaten Karangjati",
    "Banyuasri": "Kabupaten Banyuasri",
    "Gunungsari": "Kabupaten Gunungsari",
    "Pesisir Kidul": "Kabupaten Pesisir Kidul",
}
IBU_KOTA = "Kota Asemrowo"

OPD = [
    opd(
        "4.01.01",
        "Sekretariat Daerah",
        "Setda",
        JenisPerangkatDaerah.SEKRETARIAT,
        "Sekretaris Daerah",
        bidang(
            "Biro Pemerintahan dan Otonomi Daerah",
            (("Analis Kebijakan", 2),),
            "Bagian Pemerintahan",
            "Bagian Otonomi Daerah",
            "Bagian Kerja Sama",
            kepala="Kepala Biro",
            sub=U.BAGIAN,
        ),
        bidang(
            "Biro Hukum",
            (("Perancang Peraturan Perundang-undangan", 2), ("Analis Hukum", 1.5)),
            "Bagian Perundang-undangan",
            "Bagian Bantuan Hukum",
            kepala="Kepala Biro",
            sub=U.BAGIAN,
        ),
        bidang(
            "Biro Perekonomian dan Administrasi Pembangunan",
            (("Analis Kebijakan", 1.5), ("Perencana", 1)),
            "Bagian Perekonomian",
            "Bagian Administrasi Pembangunan",
            kepala="Kepala Biro",
            sub=U.BAGIAN,
        ),
        bidang(
            "Biro Organisasi",
            (("Analis Sumber Daya Manusia Aparatur", 1.5), ("Analis Kebijakan", 1)),
            "Bagian Kelembagaan dan Analisis Jabatan",
            "Bagian Reformasi Birokrasi dan Akuntabilitas Kinerja",
            kepala="Kepala Biro",
            sub=U.BAGIAN,
        ),
        bidang(
            "Biro Umum",
            (
                ("Pengadministrasi Umum", 3),
                ("Pengemudi", 2),
                ("Pengelola Keuangan", 1.5),
                ("Pramu Bakti", 1.5),
                ("Arsiparis", 1),
            ),
            "Bagian Tata Usaha Pimpinan",
            "Bagian Rumah Tangga",
            "Bagian Keuangan",
            kepala="Kepala Biro",
            sub=U.BAGIAN,
        ),
        bidang(
            "Biro Pengadaan Barang dan Jasa",
            (("Pengelola Pengadaan Barang/Jasa", 3),),
            "Bagian Pengelolaan Pengadaan",
            "Bagian Layanan Pengadaan Secara Elektronik",
            kepala="Kepala Biro",
            sub=U.BAGIAN,
        ),
        sekretariat=False,
    ),
    opd(
        "4.02.01",
        "Sekretariat DPRD",
        "Setwan",
        JenisPerangkatDaerah.SEKRETARIAT,
        "Sekretaris DPRD",
        bidang(
            "Bagian Umum dan Keuangan",
            (("Pengelola Keuangan", 1.5), ("Pengadministrasi Umum", 2), ("Pengemudi", 1.5)),
            "Subbagian Tata Usaha dan Kepegawaian",
            "Subbagian Keuangan",
            jenis=U.BAGIAN,
            sub=U.SUBBAGIAN,
        ),
        bidang(
            "Bagian Persidangan dan Perundang-undangan",
            (("Perancang Peraturan Perundang-undangan", 1.5), ("Analis Hukum", 1)),
            jenis=U.BAGIAN,
        ),
        bidang(
            "Bagian Fasilitasi Penganggaran dan Pengawasan",
            (("Analis Kebijakan", 1.5), ("Analis Keuangan Pusat dan Daerah", 1)),
            jenis=U.BAGIAN,
        ),
        bidang(
            "Bagian Hubungan Masyarakat dan Protokol",
            (("Pranata Hubungan Masyarakat", 2),),
            jenis=U.BAGIAN,
        ),
        sekretariat=False,
    ),
    opd(
        "6.01.01",
        "Inspektorat",
        "Inspektorat",
        JenisPerangkatDaerah.INSPEKTORAT,
        "Inspektur",
        *(
            bidang(
                f"Inspektur Pembantu Wilayah {w}",
                (("Auditor", 3), ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", 2.5)),
                kepala="Inspektur Pembantu",
            )
            for w in ("I", "II", "III", "IV")
        ),
    ),
    opd(
        "5.01.01",
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        B,
        "Kepala Badan",
        bidang(
            "Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan",
            (("Perencana", 3), ("Statistisi", 1)),
        ),
        bidang(
            "Bidang Perekonomian dan Sumber Daya Alam",
            (("Perencana", 3), ("Analis Kebijakan", 0.8)),
        ),
        bidang("Bidang Infrastruktur dan Kewilayahan", (("Perencana", 3), ("Penata Ruang", 0.8))),
        bidang(
            "Bidang Pemerintahan dan Pembangunan Manusia",
            (("Perencana", 3), ("Analis Kebijakan", 0.8)),
        ),
    ),
    opd(
        "5.03.01",
        "Badan Kepegawaian Daerah",
        "BKD",
        B,
        "Kepala Badan",
        subbidang(
            "Bidang Pengadaan, Pemberhentian dan Informasi",
            (
                ("Analis Sumber Daya Manusia Aparatur", 2),
                ("Pranata Sumber Daya Manusia Aparatur", 2),
                ("Pranata Komputer", 1),
            ),
            "Subbidang Pengadaan dan Pemberhentian",
            "Subbidang Data dan Sistem Informasi",
        ),
        subbidang(
            "Bidang Mutasi dan Promosi",
            (
                ("Analis Sumber Daya Manusia Aparatur", 3),
                ("Pranata Sumber Daya Manusia Aparatur", 2),
            ),
            "Subbidang Mutasi",
            "Subbidang Promosi dan Jabatan Fungsional",
        ),
        bidang(
            "Bidang Pengembangan Kompetensi Aparatur",
            (("Analis Sumber Daya Manusia Aparatur", 2), ("Widyaiswara", 1)),
        ),
        bidang(
            "Bidang Penilaian Kinerja Aparatur dan Penghargaan",
            (
                ("Analis Sumber Daya Manusia Aparatur", 2),
                ("Pranata Sumber Daya Manusia Aparatur", 1),
            ),
        ),
        upt(
            "UPT Penilaian Kompetensi Pegawai",
            (
                ("Analis Sumber Daya Manusia Aparatur", 2),
                ("Pranata Sumber Daya Manusia Aparatur", 1),
            ),
        ),
    ),
    opd(
        "5.02.01",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "BPKAD",
        B,
        "Kepala Badan",
        bidang(
            "Bidang Anggaran",
            (("Analis Keuangan Pusat dan Daerah", 3), ("Pengelola Keuangan", 1.5)),
        ),
        bidang(
            "Bidang Perbendaharaan",
            (("Analis Keuangan Pusat dan Daerah", 2), ("Pengelola Keuangan", 2), ("Bendahara", 1)),
        ),
        bidang(
            "Bidang Akuntansi dan Pelaporan",
            (("Analis Keuangan Pusat dan Daerah", 2.5), ("Pengelola Keuangan", 1.5)),
        ),
        bidang(
            "Bidang Pengelolaan Barang Milik Daerah",
            (("Pengelola Barang Milik Daerah", 3), ("Analis Keuangan Pusat dan Daerah", 1)),
        ),
    ),
    opd(
        "5.02.02",
        "Badan Pendapatan Daerah",
        "Bapenda",
        B,
        "Kepala Badan",
        bidang(
            "Bidang Pajak Daerah",
            (("Pengelola Pajak Daerah", 3), ("Analis Keuangan Pusat dan Daerah", 1)),
        ),
        bidang(
            "Bidang Retribusi dan Pendapatan Lain-lain",
            (("Pengelola Pajak Daerah", 2), ("Analis Keuangan Pusat dan Daerah", 1)),
        ),
        bidang(
            "Bidang Pengendalian dan Evaluasi Pendapatan",
            (("Analis Keuangan Pusat dan Daerah", 2), ("Statistisi", 0.6)),
        ),
        upt("UPT Samsat Kota Asemrowo", (("Pengelola Pajak Daerah", 4), ("Bendahara", 1))),
        upt(
            "UPT Samsat Wonokerto",
            (("Pengelola Pajak Daerah", 3), ("Bendahara", 1)),
            KAB["Wonokerto"],
        ),
        upt(
            "UPT Samsat Sidomulyo",
            (("Pengelola Pajak Daerah", 3), ("Bendahara", 1)),
            KAB["Sidomulyo"],
        ),
    ),
    opd(
        "1.01.01",
        "Dinas Pendidikan",
        "Disdik",
        D,
        "Kepala Dinas",
        bidang(
            "Bidang Pembinaan Sekolah Menengah Atas",
            (("Analis Kebijakan", 1), ("Pengawas Sekolah", 1)),
            "Seksi Kurikulum dan Penilaian SMA",
            "Seksi Peserta Didik dan Pembangunan Karakter SMA",
        ),
        bidang(
            "Bidang Pembinaan Sekolah Menengah Kejuruan",
            (("Analis Kebijakan", 1), ("Pengawas Sekolah", 1)),
            "Seksi Kurikulum dan Penilaian SMK",
            "Seksi Kelembagaan dan Sarana Prasarana SMK",
        ),
        bidang(
            "Bidang Pembinaan Pendidikan Khusus",
            (("Analis Kebijakan", 1), ("Pengawas Sekolah", 0.6)),
        ),
        bidang(
            "Bidang Guru dan Tenaga Kependidikan",
            (
                ("Analis Sumber Daya Manusia Aparatur", 2),
                ("Pranata Sumber Daya Manusia Aparatur", 1.5),
            ),
        ),
        cabang_dinas(
            "I",
            school("SMA Negeri 1 Kota Asemrowo", IBU_KOTA),
            school("SMA Negeri 2 Kota Asemrowo", IBU_KOTA),
            school("SMA Negeri 3 Kota Asemrowo", IBU_KOTA),
            school("SMK Negeri 1 Kota Asemrowo", IBU_KOTA, SMK),
            school("SMK Negeri 2 Kota Asemrowo", IBU_KOTA, SMK),
            school("SLB Negeri Kota Asemrowo", IBU_KOTA, (("Guru", 8), ("Pekerja Sosial", 0.5))),
        ),
        cabang_dinas(
            "II",
            school("SMA Negeri 1 Tambakrejo", KAB["Tambakrejo"]),
            school("SMA Negeri 1 Wonokerto", KAB["Wonokerto"]),
            school("SMK Negeri 1 Sidomulyo", KAB["Sidomulyo"], SMK),
        ),
        cabang_dinas(
            "III",
            school("SMA Negeri 1 Karangjati", KAB["Karangjati"]),
            school("SMA Negeri 1 Gunungsari", KAB["Gunungsari"]),
            school("SMK Negeri 1 Banyuasri", KAB["Banyuasri"], SMK),
            school("SMA Negeri 1 Pesisir Kidul", KAB["Pesisir Kidul"]),
        ),
    ),
    opd(
        "1.02.01",
        "Dinas Kesehatan",
        "Dinkes",
        D,
        "Kepala Dinas",
        bidang(
            "Bidang Kesehatan Masyarakat",
            (("Nutrisionis", 1.5), ("Penyuluh Kesehatan Masyarakat", 1.5), ("Sanitarian", 1.5)),
            "Seksi Kesehatan Keluarga dan Gizi",
            "Seksi Promosi dan Pemberdayaan Masyarakat",
            "Seksi Kesehatan Lingkungan dan Kesehatan Kerja",
        ),
        bidang(
            "Bidang Pencegahan dan Pengendalian Penyakit",
            (("Epidemiolog Kesehatan", 2), ("Dokter", 1), ("Perawat", 1)),
            "Seksi Surveilans dan Imunisasi",
            "Seksi Pencegahan dan Pengendalian Penyakit Menular",
        ),
        bidang(
            "Bidang Pelayanan Kesehatan",
            (("Administrator Kesehatan", 2), ("Dokter", 1), ("Perawat", 1.5)),
            "Seksi Pelayanan Kesehatan Primer",
            "Seksi Pelayanan Kesehatan Rujukan",
        ),
        bidang(
            "Bidang Sumber Daya Kesehatan",
            (("Apoteker", 1.5), ("Administrator Kesehatan", 1.5)),
            "Seksi Kefarmasian dan Alat Kesehatan",
            "Seksi Sumber Daya Manusia Kesehatan",
        ),
        upt(
            "UPT Laboratorium Kesehatan Daerah",
            (("Pranata Laboratorium Kesehatan", 6), ("Dokter", 1), ("Epidemiolog Kesehatan", 1)),
        ),
        upt("UPT Pelatihan Kesehatan", (("Widyaiswara", 2), ("Administrator Kesehatan", 1))),
        puskesmas("Wonokerto", KAB["Wonokerto"]),
        puskesmas("Karangjati", KAB["Karangjati"]),
        puskesmas("Gunungsari", KAB["Gunungsari"]),
        puskesmas("Pesisir Kidul", KAB["Pesisir Kidul"]),
        puskesmas("Banyuasri", KAB["Banyuasri"]),
    ),
    opd(
        "1.02.02",
        "Rumah Sakit Umum Daerah Asemrowo",
        "RSUD",
        JenisPerangkatDaerah.RSUD,
        "Direktur Rumah Sakit Umum Daerah",
        bidang(
            "Bagian Umum dan Kepegawaian",
            (
                ("Pengadministrasi Umum", 3),
                ("Pengelola Kepegawaian", 1.5),
                ("Pengemudi", 2),
                ("Pramu Bakti", 1),
            ),
            jenis=U.BAGIAN,
        ),
        bidang(
            "Bagian Keuangan",
            (
                ("Pengelola Keuangan", 3),
                ("Bendahara", 1.5),
                ("Analis Keuangan Pusat dan Daerah", 1),
            ),
            jenis=U.BAGIAN,
        ),
        bidang(
            "Bidang Pelayanan Medik",
            (("Dokter", 14), ("Dokter Gigi", 2), ("Perekam Medis", 4)),
            "Seksi Pelayanan Medik Rawat Jalan",
            "Seksi Pelayanan Medik Rawat Inap dan Gawat Darurat",
        ),
        bidang(
            "Bidang Keperawatan",
            (("Perawat", 40), ("Bidan", 10)),
            "Seksi Asuhan Keperawatan",
            "Seksi Etika dan Mutu Keperawatan",
        ),
        bidang(
            "Bidang Penunjang Medik dan Non-Medik",
            (
                ("Apoteker", 3),
                ("Asisten Apoteker", 4),
                ("Pranata Laboratorium Kesehatan", 5),
                ("Radiografer", 3),
                ("Fisioterapis", 2),
                ("Nutrisionis", 2),
                ("Sanitarian", 1),
            ),
            "Seksi Penunjang Medik",
            "Seksi Penunjang Non-Medik",
        ),
        sekretariat=False,
    ),
    opd(
        "1.03.01",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas PUPR",
        D,
        "Kepala Dinas",
        bidang(
            "Bidang Bina Marga",
            (("Teknik Jalan dan Jembatan", 4),),
            "Seksi Pembangunan Jalan dan Jembatan",
            "Seksi Preservasi Jalan dan Jembatan",
        ),
        bidang(
            "Bidang Sumber Daya Air",
            (("Teknik Pengairan", 4),),
            "Seksi Irigasi dan Rawa",
            "Seksi Sungai, Danau dan Pantai",
        ),
        bidang("Bidang Cipta Karya", (("Teknik Tata Bangunan dan Perumahan", 2.5),)),
        bidang("Bidang Penataan Ruang", (("Penata Ruang", 2.5),)),
        bidang(
            "Bidang Bina Konstruksi",
            (("Teknik Jalan dan Jembatan", 1), ("Teknik Tata Bangunan dan Perumahan", 1)),
        ),
        upt(
            "UPT Pengelolaan Jalan dan Jembatan Wilayah I",
            (("Teknik Jalan dan Jembatan", 4), ("Pengemudi", 1)),
            KAB["Tambakrejo"],
        ),
        upt(
            "UPT Pengelolaan Jalan dan Jembatan Wilayah II",
            (("Teknik Jalan dan Jembatan", 4), ("Pengemudi", 1)),
            KAB["Gunungsari"],
        ),
        upt("UPT Pengelolaan Sumber Daya Air", (("Teknik Pengairan", 4),), KAB["Sidomulyo"]),
        upt("UPT Laboratorium Bahan Konstruksi", (("Teknik Jalan dan Jembatan", 2),)),
    ),
    opd(
        "1.05.01",
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        JenisPerangkatDaerah.SATPOL,
        "Kepala Satuan Polisi Pamong Praja",
        bidang("Bidang Penegakan Peraturan Daerah", (("Polisi Pamong Praja", 8),)),
        bidang(
            "Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
            (("Polisi Pamong Praja", 10), ("Pengemudi", 1)),
        ),
        bidang("Bidang Perlindungan Masyarakat", (("Polisi Pamong Praja", 5),)),
        bidang(
            "Bidang Sumber Daya Aparatur",
            (("Polisi Pamong Praja", 2), ("Analis Sumber Daya Manusia Aparatur", 1)),
        ),
    ),
    opd(
        "1.05.02",
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        B,
        "Kepala Pelaksana BPBD",
        bidang("Bidang Pencegahan dan Kesiapsiagaan", (("Penata Penanggulangan Bencana", 3),)),
        bidang(
            "Bidang Kedaruratan dan Logistik",
            (
                ("Penata Penanggulangan Bencana", 2),
                ("Operator Layanan Operasional", 2),
                ("Pengemudi", 1.5),
            ),
        ),
        bidang(
            "Bidang Rehabilitasi dan Rekonstruksi",
            (("Penata Penanggulangan Bencana", 2), ("Teknik Tata Bangunan dan Perumahan", 1)),
        ),
    ),
    opd(
        "1.06.01",
        "Dinas Sosial",
        "Dinsos",
        D,
        "Kepala Dinas",
        bidang(
            "Bidang Perlindungan dan Jaminan Sosial",
            (("Pekerja Sosial", 2), ("Penyuluh Sosial", 1)),
        ),
        bidang(
            "Bidang Rehabilitasi Sosial",
            (("Pekerja Sosial", 3),),
            "Seksi Rehabilitasi Sosial Anak dan Lanjut Usia",
            "Seksi Rehabilitasi Sosial Penyandang Disabilitas",
        ),
        bidang(
            "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
            (("Penyuluh Sosial", 2), ("Pekerja Sosial", 1)),
        ),
        upt(
            "UPT Panti Sosial Tresna Werdha",
            (("Pekerja Sosial", 3), ("Perawat", 1)),
            KAB["Sidomulyo"],
        ),
        upt(
            "UPT Panti Sosial Bina Remaja",
            (("Pekerja Sosial", 3), ("Instruktur", 1)),
            KAB["Wonokerto"],
        ),
    ),
    opd(
        "2.07.01",
        "Dinas Tenaga Kerja dan Transmigrasi",
        "Disnakertrans",
        D,
        "Kepala Dinas",
        bidang("Bidang Pelatihan dan Produktivitas", (("Instruktur", 2), ("Pengantar Kerja", 0.5))),
        bidang("Bidang Penempatan Tenaga Kerja dan Transmigrasi", (("Pengantar Kerja", 3),)),
        bidang(
            "Bidang Hubungan Industrial dan Jaminan Sosial", (("Mediator Hubungan Industrial", 3),)
        ),
        bidang("Bidang Pengawasan Ketenagakerjaan", (("Pengawas Ketenagakerjaan", 2),)),
        upt("UPT Balai Latihan Kerja", (("Instruktur", 6),), KAB["Tambakrejo"]),
        upt(
            "UPT Pengawasan Ketenagakerjaan Wilayah I",
            (("Pengawas Ketenagakerjaan", 3),),
            KAB["Wonokerto"],
        ),
    ),
    opd(
        "2.11.01",
        "Dinas Lingkungan Hidup",
        "DLH",
        D,
        "Kepala Dinas",
        bidang("Bidang Tata Lingkungan", (("Pengendali Dampak Lingkungan", 2.5),)),
        bidang(
            "Bidang Pengelolaan Sampah dan Limbah B3",
            (("Pengawas Lingkungan Hidup", 2), ("Pengendali Dampak Lingkungan", 1)),
        ),
        bidang(
            "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
            (("Pengawas Lingkungan Hidup", 2.5),),
        ),
        bidang(
            "Bidang Penaatan dan Peningkatan Kapasitas Lingkungan",
            (("Pengawas Lingkungan Hidup", 2),),
        ),
        upt(
            "UPT Laboratorium Lingkungan",
            (("Pranata Laboratorium Kesehatan", 2), ("Pengawas Lingkungan Hidup", 1)),
        ),
    ),
    opd(
        "2.12.01",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        D,
        "Kepala Dinas",
        bidang(
            "Bidang Pelayanan Pendaftaran Penduduk",
            (("Operator Layanan Operasional", 2), ("Administrator Database Kependudukan", 1)),
        ),
        bidang(
            "Bidang Pelayanan Pencatatan Sipil",
            (("Operator Layanan Operasional", 2), ("Pengelola Layanan Operasional", 1)),
        ),
        bidang(
            "Bidang Pengelolaan Informasi Administrasi Kependudukan",
            (("Administrator Database Kependudukan", 2.5), ("Pranata Komputer", 1.5)),
        ),
        bidang(
            "Bidang Pemanfaatan Data dan Inovasi Pelayanan",
            (("Statistisi", 1), ("Administrator Database Kependudukan", 1)),
        ),
    ),
    opd(
        "2.15.01",
        "Dinas Perhubungan",
        "Dishub",
        D,
        "Kepala Dinas",
        bidang(
            "Bidang Lalu Lintas dan Angkutan Jalan",
            (("Pengatur Lalu Lintas", 4), ("Penguji Kendaraan Bermotor", 1)),
            "Seksi Manajemen dan Rekayasa Lalu Lintas",
            "Seksi Angkutan Jalan",
        ),
        bidang("Bidang Pelayaran", (("Operator Layanan Operasional", 2),)),
        bidang(
            "Bidang Prasarana dan Keselamatan",
            (("Pengatur Lalu Lintas", 2), ("Teknik Jalan dan Jembatan", 0.8)),
        ),
        upt("UPT Pengujian Kendaraan Bermotor", (("Penguji Kendaraan Bermotor", 5),)),
        upt(
            "UPT Pelabuhan Penyeberangan Pesisir Kidul",
            (("Operator Layanan Operasional", 3), ("Pengatur Lalu Lintas", 2)),
            KAB["Pesisir Kidul"],
        ),
    ),
    opd(
        "2.16.01",
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        D,
        "Kepala Dinas",
        bidang("Bidang Informasi dan Komunikasi Publik", (("Pranata Hubungan Masyarakat", 3),)),
        bidang("Bidang Aplikasi Informatika", (("Pranata Komputer", 4),)),
        bidang("Bidang Infrastruktur Teknologi Informasi", (("Pranata Komputer", 3),)),
        bidang(
            "Bidang Persandian dan Keamanan Informasi", (("Sandiman", 2), ("Pranata Komputer", 1))
        ),
        bidang("Bidang Statistik Sektoral", (("Statistisi", 2.5),)),
    ),
    opd(
        "2.18.01",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        D,
        "Kepala Dinas",
        bidang(
            "Bidang Perencanaan dan Promosi Penanaman Modal",
            (("Analis Kebijakan", 1.5), ("Perencana", 1)),
        ),
        bidang(
            "Bidang Pelayanan Perizinan dan Non-Perizinan",
            (("Penata Perizinan", 3), ("Pengelola Perizinan", 3)),
            "Seksi Perizinan Ekonomi dan Infrastruktur",
            "Seksi Perizinan Sosial Budaya",
        ),
        bidang("Bidang Pengendalian Pelaksanaan Penanaman Modal", (("Penata Perizinan", 2),)),
        bidang(
            "Bidang Pengaduan, Kebijakan dan Pelaporan Layanan",
            (("Pengelola Perizinan", 1.5), ("Analis Kebijakan", 1)),
        ),
    ),
    opd(
        "3.25.01",
        "Dinas Kelautan dan Perikanan",
        "DKP",
        D,
        "Kepala Dinas",
        bidang("Bidang Kelautan, Pesisir dan Pulau-Pulau Kecil", (("Penyuluh Perikanan", 1.5),)),
        bidang("Bidang Perikanan Tangkap", (("Penyuluh Perikanan", 2),)),
        bidang("Bidang Perikanan Budidaya", (("Penyuluh Perikanan", 2),)),
        bidang(
            "Bidang Pengawasan Sumber Daya Kelautan dan Perikanan", (("Pengawas Perikanan", 3),)
        ),
        upt(
            "UPT Pelabuhan Perikanan Pesisir Kidul",
            (("Pengawas Perikanan", 2), ("Operator Layanan Operasional", 2)),
            KAB["Pesisir Kidul"],
        ),
        upt("UPT Balai Benih Ikan", (("Penyuluh Perikanan", 2),), KAB["Banyuasri"]),
    ),
    opd(
        "3.26.01",
        "Dinas Pariwisata",
        "Dispar",
        D,
        "Kepala Dinas",
        bidang(
            "Bidang Destinasi Pariwisata", (("Adyatama Kepariwisataan dan Ekonomi Kreatif", 2.5),)
        ),
        bidang(
            "Bidang Pemasaran Pariwisata",
            (
                ("Adyatama Kepariwisataan dan Ekonomi Kreatif", 2.5),
                ("Pranata Hubungan Masyarakat", 1),
            ),
        ),
        bidang("Bidang Ekonomi Kreatif", (("Adyatama Kepariwisataan dan Ekonomi Kreatif", 2),)),
        bidang(
            "Bidang Pengembangan Sumber Daya Pariwisata",
            (("Adyatama Kepariwisataan dan Ekonomi Kreatif", 1.5), ("Instruktur", 0.5)),
        ),
        upt("UPT Taman Budaya", (("Adyatama Kepariwisataan dan Ekonomi Kreatif", 1.5),)),
    ),
    opd(
        "3.27.01",
        "Dinas Pertanian",
        "Distan",
        D,
        "Kepala Dinas",
        bidang(
            "Bidang Tanaman Pangan",
            (("Pengendali Organisme Pengganggu Tumbuhan", 2), ("Penyuluh Pertanian", 2)),
            "Seksi Produksi Tanaman Pangan",
            "Seksi Perlindungan Tanaman Pangan",
        ),
        bidang(
            "Bidang Hortikultura",
            (("Pengendali Organisme Pengganggu Tumbuhan", 1.5), ("Penyuluh Pertanian", 1.5)),
        ),
        bidang("Bidang Perkebunan", (("Penyuluh Pertanian", 2),)),
        bidang(
            "Bidang Peternakan dan Kesehatan Hewan",
            (("Medik Veteriner", 2), ("Paramedik Veteriner", 2)),
            "Seksi Produksi Peternakan",
            "Seksi Kesehatan Hewan dan Kesehatan Masyarakat Veteriner",
        ),
        bidang("Bidang Penyuluhan dan Sarana Prasarana Pertanian", (("Penyuluh Pertanian", 4),)),
        upt(
            "UPT Balai Benih Induk Padi",
            (("Penyuluh Pertanian", 2), ("Pengendali Organisme Pengganggu Tumbuhan", 1)),
            KAB["Sidomulyo"],
        ),
        upt(
            "UPT Proteksi Tanaman Pangan dan Hortikultura",
            (("Pengendali Organisme Pengganggu Tumbuhan", 4),),
            KAB["Karangjati"],
        ),
        upt(
            "UPT Pusat Kesehatan Hewan",
            (("Medik Veteriner", 2), ("Paramedik Veteriner", 3)),
            KAB["Wonokerto"],
        ),
    ),
    opd(
        "3.28.01",
        "Dinas Kehutanan",
        "Dishut",
        D,
        "Kepala Dinas",
        bidang("Bidang Perencanaan dan Pemanfaatan Hutan", (("Penyuluh Kehutanan", 1.5),)),
        bidang(
            "Bidang Perlindungan Hutan dan Konservasi Sumber Daya Alam", (("Polisi Kehutanan", 3),)
        ),
        bidang("Bidang Rehabilitasi Hutan dan Lahan", (("Penyuluh Kehutanan", 2),)),
        upt(
            "UPT Kesatuan Pengelolaan Hutan Wilayah I",
            (("Polisi Kehutanan", 4), ("Penyuluh Kehutanan", 2)),
            KAB["Gunungsari"],
        ),
        upt(
            "UPT Kesatuan Pengelolaan Hutan Wilayah II",
            (("Polisi Kehutanan", 4), ("Penyuluh Kehutanan", 2)),
            KAB["Banyuasri"],
        ),
    ),
    opd(
        "3.29.01",
        "Dinas Energi dan Sumber Daya Mineral",
        "Dinas ESDM",
        D,
        "Kepala Dinas",
        bidang("Bidang Mineral dan Batubara", (("Penyelidik Bumi", 2),)),
        bidang(
            "Bidang Energi dan Ketenagalistrikan", (("Analis Kebijakan", 1.5), ("Instruktur", 0.5))
        ),
        bidang("Bidang Geologi dan Air Tanah", (("Penyelidik Bumi", 2.5),)),
        upt("UPT ESDM Wilayah Selatan", (("Penyelidik Bumi", 2),), KAB["Pesisir Kidul"]),
    ),
    opd(
        "3.30.01",
        "Dinas Perindustrian dan Perdagangan",
        "Disperindag",
        D,
        "Kepala Dinas",
        bidang("Bidang Perindustrian", (("Analis Kebijakan", 1.5),)),
        bidang("Bidang Perdagangan Dalam Negeri", (("Pengawas Perdagangan", 2),)),
        bidang("Bidang Perdagangan Luar Negeri", (("Analis Kebijakan", 1),)),
        bidang("Bidang Perlindungan Konsumen dan Tertib Niaga", (("Pengawas Perdagangan", 2.5),)),
        upt("UPT Metrologi Legal", (("Penera", 4),)),
    ),
    opd(
        "2.17.01",
        "Dinas Koperasi dan Usaha Kecil Menengah",
        "Dinas KUKM",
        D,
        "Kepala Dinas",
        bidang(
            "Bidang Kelembagaan dan Pengawasan Koperasi",
            (("Analis Kebijakan", 1.5), ("Penggerak Swadaya Masyarakat", 1)),
        ),
        bidang(
            "Bidang Pemberdayaan Usaha Kecil dan Menengah", (("Penggerak Swadaya Masyarakat", 2),)
        ),
        bidang("Bidang Pembiayaan dan Pemasaran", (("Analis Kebijakan", 1),)),
    ),
    opd(
        "2.23.01",
        "Dinas Perpustakaan dan Kearsipan",
        "Dispusip",
        D,
        "Kepala Dinas",
        bidang("Bidang Layanan Perpustakaan", (("Pustakawan", 4),)),
        bidang(
            "Bidang Pengembangan Perpustakaan dan Pembudayaan Gemar Membaca", (("Pustakawan", 2.5),)
        ),
        bidang("Bidang Pengelolaan Arsip", (("Arsiparis", 4),)),
        bidang("Bidang Pembinaan Kearsipan", (("Arsiparis", 2),)),
    ),
    opd(
        "8.01.01",
        "Badan Kesatuan Bangsa dan Politik",
        "Kesbangpol",
        B,
        "Kepala Badan",
        bidang(
            "Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa", (("Analis Kebijakan", 1.5),)
        ),
        bidang(
            "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
            (("Analis Kebijakan", 1.5),),
        ),
        bidang("Bidang Kewaspadaan Nasional dan Penanganan Konflik", (("Analis Kebijakan", 1.5),)),
    ),
    opd(
        "2.08.01",
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "DP3A",
        D,
        "Kepala Dinas",
        bidang(
            "Bidang Kualitas Hidup Perempuan dan Keluarga", (("Penggerak Swadaya Masyarakat", 2),)
        ),
        bidang(
            "Bidang Pemenuhan Hak dan Perlindungan Anak",
            (("Pekerja Sosial", 1.5), ("Analis Kebijakan", 1)),
        ),
        bidang("Bidang Data dan Informasi Gender dan Anak", (("Statistisi", 1.5),)),
        upt(
            "UPT Perlindungan Perempuan dan Anak", (("Pekerja Sosial", 2), ("Penyuluh Sosial", 0.5))
        ),
    ),
    opd(
        "5.05.01",
        "Badan Pengembangan Sumber Daya Manusia",
        "BPSDM",
        B,
        "Kepala Badan",
        bidang(
            "Bidang Sertifikasi Kompetensi dan Pengelolaan Kelembagaan",
            (("Widyaiswara", 1.5), ("Analis Sumber Daya Manusia Aparatur", 1)),
        ),
        bidang("Bidang Pengembangan Kompetensi Teknis", (("Widyaiswara", 3),)),
        bidang("Bidang Pengembangan Kompetensi Manajerial dan Fungsional", (("Widyaiswara", 3),)),
    ),
]


# --- Reading the catalogue ------------------------------------------------------------------

FAMILY_BY_NAME = {family.nama: family for family in FAMILIES}


def expand_staff(staff: Staff) -> list[tuple[str, float]]:
    """Staff entries as (jabatan name, weight): a family spreads over its levels."""
    rows = []
    for name, weight in staff:
        family = FAMILY_BY_NAME.get(name)
        if family is None:
            rows.append((name, weight))
            continue
        shares = [JENJANG_SHARE[j] for j in family.jenjang]
        total = sum(shares)
        for level, share in zip(family.levels(), shares, strict=True):
            rows.append((level.nama, weight * share / total))
    return rows


@dataclass(frozen=True)
class PlacedUnit:
    """A unit of the catalogue with its code, parent and agency worked out."""

    kode: str
    opd_kode: str
    nama: str
    jenis: str
    parent_kode: str | None
    depth: int
    kepala: str | None  # jabatan name of the unit's head, if it has one
    staff: tuple[tuple[str, float], ...]  # (jabatan name, weight)
    kota: str


def walk_units() -> list[PlacedUnit]:
    """Every unit, parents before children. The agency itself is the root unit ("<kode>.00"),
    where its head sits; children number 01, 02, ... in catalogue order."""
    placed = []

    def visit(unit: UnitDef, kode: str, opd_kode: str, parent: str | None, depth: int):
        placed.append(
            PlacedUnit(
                kode=kode,
                opd_kode=opd_kode,
                nama=unit.nama,
                jenis=unit.jenis,
                parent_kode=parent,
                depth=depth,
                kepala=unit.kepala_jabatan,
                staff=tuple(expand_staff(unit.staff)),
                kota=unit.kota or IBU_KOTA,
            )
        )
        for n, child in enumerate(unit.children, start=1):
            visit(
                child,
                f"{kode}.{n:02d}" if depth else f"{opd_kode}.{n:02d}",
                opd_kode,
                kode,
                depth + 1,
            )

    for agency in OPD:
        root = UnitDef(agency.nama, U.PIMPINAN, agency.staff, agency.units, kepala=agency.kepala)
        visit(root, f"{agency.kode}.00", agency.kode, None, 0)
    return placed
