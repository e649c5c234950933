"""What the demo's people write in their proposals: public reasons, internal notes, the
verifier's and the panel's remarks, objections and their answers, decisions."""

from mutasi.usulan.choices import JenisDokumen, JenisMutasi, KategoriAlasan
from mutasi.usulan.choices import StatusUsulan as S

# --- Words -------------------------------------------------------------------------------------

ALASAN_PUBLIK = {
    KategoriAlasan.KEBUTUHAN_ORGANISASI: [
        "Mengisi kekurangan {jabatan} di {unit} sesuai hasil analisis beban kerja.",
        "Memenuhi kebutuhan pegawai pada {unit} yang formasinya belum terisi.",
    ],
    KategoriAlasan.KESEIMBANGAN_BEBAN: [
        "Pemerataan beban kerja: unit asal kelebihan pegawai, {unit} masih kekurangan.",
        "Menyeimbangkan beban kerja {jabatan} antarunit sesuai peta jabatan.",
    ],
    KategoriAlasan.PENGEMBANGAN_KARIER: [
        "Pengembangan karier melalui penugasan dengan cakupan tugas yang lebih luas.",
        "Memberi pengalaman kerja di bidang baru sebagai bagian dari pola karier.",
    ],
    KategoriAlasan.PENYEGARAN: [
        "Penyegaran setelah lebih dari lima tahun pada jabatan yang sama.",
        "Rotasi berkala untuk menjaga integritas dan mutu layanan.",
    ],
    KategoriAlasan.HASIL_PENILAIAN: [
        "Penempatan sesuai hasil penilaian kinerja dan uji kompetensi.",
        "Menempatkan pegawai pada jabatan yang paling sesuai dengan kinerjanya.",
    ],
    KategoriAlasan.PERMINTAAN_SENDIRI: [
        "Atas permintaan sendiri pegawai yang bersangkutan.",
        "Permintaan sendiri untuk mengembangkan diri di unit kerja lain.",
    ],
    KategoriAlasan.ALASAN_KELUARGA: [
        "Alasan keluarga, atas permohonan pegawai yang bersangkutan.",
    ],
}
CATATAN_INTERNAL = {
    KategoriAlasan.KEBUTUHAN_ORGANISASI: [
        "Formasi tujuan kosong sejak pejabat sebelumnya pensiun; tugasnya dirangkap pegawai lain.",
        "Diminta kepala unit tujuan melalui nota dinas; unit asal tidak keberatan.",
    ],
    KategoriAlasan.KESEIMBANGAN_BEBAN: [
        "Menurut ABK {tahun} unit asal kelebihan {jabatan}, unit tujuan kekurangan.",
        "Hasil pemetaan keseimbangan pegawai BKD; dipilih karena domisili dekat unit tujuan.",
    ],
    KategoriAlasan.PENGEMBANGAN_KARIER: [
        "Masuk kelompok rencana suksesi (talent pool) {tahun}; direkomendasikan atasan langsung.",
        "Sudah mengikuti pelatihan teknis yang relevan dengan jabatan tujuan.",
    ],
    KategoriAlasan.PENYEGARAN: [
        "Sudah {n} tahun pada jabatan yang sama; rotasi sesuai rekomendasi Inspektorat.",
        "Rotasi rutin pegawai pelayanan langsung; tidak ada catatan kinerja.",
    ],
    KategoriAlasan.HASIL_PENILAIAN: [
        "Hasil uji kompetensi teknis lebih cocok dengan jabatan tujuan.",
        "SKP dua tahun terakhir Sangat Baik; atasan mengusulkan penempatan sesuai keahlian.",
    ],
    KategoriAlasan.PERMINTAAN_SENDIRI: [
        "Ingin lebih dekat dengan tempat tinggal di {kota}; perjalanan sekarang dua jam lebih.",
        "Ingin mendalami pekerjaan di unit tujuan; atasan langsung mendukung.",
    ],
    KategoriAlasan.ALASAN_KELUARGA: [
        "{pasangan} pegawai dipindahtugaskan ke {kota}; anak-anak ikut pindah sekolah.",
        "Merawat orang tua yang sakit di {kota}; surat keterangan dokter terlampir.",
    ],
}
PERBAIKI = {
    JenisDokumen.SK_PANGKAT: "SK pangkat yang diunggah bukan yang terakhir; unggah SK terbaru.",
    JenisDokumen.SKP: "SKP tahun {tahun} belum ada; gabungkan SKP dua tahun terakhir.",
    JenisDokumen.PERSETUJUAN_PPK_ASAL: "Surat persetujuan PPK asal belum ditandatangani.",
    JenisDokumen.BEBAS_TEMUAN: "Surat bebas temuan Inspektorat sudah lebih dari enam bulan.",
    JenisDokumen.SURAT_USULAN: "Surat usulan belum menyebut formasi tujuan.",
    JenisDokumen.ANJAB_ABK: "Lampiran ANJAB/ABK bukan untuk jabatan tujuan.",
}
CATATAN_VERIFIKASI = [
    "Dokumen lengkap dan syarat terpenuhi.",
    "Berkas lengkap; formasi tujuan sesuai peta jabatan.",
    "",
]
CATATAN_DUKUNG = ["Disetujui; pegawai dapat dilepas.", "Mendukung permintaan pegawai.", ""]
KOMENTAR_SETUJU = [
    "Kompetensi dan pengalaman sesuai dengan kebutuhan jabatan tujuan.",
    "Kinerja dua tahun terakhir baik; mutasi mengurangi kekurangan pegawai di unit tujuan.",
    "Sesuai pola karier; unit asal tetap memenuhi kebutuhan minimalnya.",
]
KOMENTAR_TOLAK = [
    "Unit asal akan kekurangan pegawai bila mutasi dilaksanakan.",
    "Kompetensi teknis belum sesuai dengan jabatan tujuan.",
    "Ada calon lain yang lebih sesuai untuk formasi ini.",
]
KEPUTUSAN_SETUJU = [
    "Disetujui sesuai rekomendasi Tim Pertimbangan.",
    "Disetujui; SK diterbitkan bersama usulan periode ini.",
    "",
]
KEPUTUSAN_TOLAK = [
    "Ditolak: unit asal masih kekurangan tenaga untuk jabatan ini.",
    "Ditolak sesuai rekomendasi Tim Pertimbangan; formasi tujuan diisi calon lain.",
    "Ditolak: kebutuhan unit tujuan sudah dipenuhi melalui pengadaan CASN.",
]
CATATAN_BATAL = [
    "Pegawai ditugaskan mengikuti pelatihan kepemimpinan; usulan ditunda.",
    "Formasi tujuan sudah terisi melalui mutasi lain.",
    "Unit asal batal melepas pegawai karena ada pegawai lain yang pensiun.",
    "Dibatalkan atas permintaan pegawai.",
]
KEBERATAN = [
    "Saya sedang merawat orang tua yang sakit; unit tujuan terlalu jauh dari rumah.",
    "Anak saya sedang menyelesaikan sekolah; mohon mutasi ditunda sampai tahun ajaran berakhir.",
    "Saya baru menyelesaikan pelatihan teknis yang hanya terpakai di unit sekarang.",
]
JAWABAN = [  # to each objection above, in order
    "Unit tujuan masih dalam satu kota dengan domisili Anda dan memakai jadwal kerja bergilir.",
    "Keberatan dipertimbangkan; TMT disesuaikan dengan akhir tahun ajaran.",
    "Pelatihan yang Anda ikuti juga dibutuhkan di unit tujuan; kompetensi Anda tetap terpakai.",
]
SETUJU = ["Saya bersedia ditempatkan di unit tujuan.", ""]
PENGECUALIAN = (
    "Kebutuhan mendesak: {unit} tanpa {jabatan} yang aktif. Masa jabatan kurang dari dua "
    "tahun dikecualikan dengan persetujuan Kepala BKD."
)
# Proposals that need BKN's technical opinion: (state, type, reason, destination).
PERTEK = [
    (
        S.DISETUJUI,
        JenisMutasi.ANTAR_KABKOTA,
        KategoriAlasan.ALASAN_KELUARGA,
        "Pemerintah Kabupaten Wonokerto",
    ),
    (
        S.DIPERTIMBANGKAN,
        JenisMutasi.ANTAR_PROVINSI,
        KategoriAlasan.ALASAN_KELUARGA,
        "Pemerintah Provinsi Jawa Timur",
    ),
    (
        S.TERVERIFIKASI,
        JenisMutasi.PUSAT_DAERAH,
        KategoriAlasan.PENGEMBANGAN_KARIER,
        "Kementerian Dalam Negeri",
    ),
]
