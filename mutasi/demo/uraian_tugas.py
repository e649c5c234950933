"""The tasks of the demo's posts for their workload analyses: plain data, by functional family
or by the name of a structural or pelaksana post (``mutasi.demo.workload`` sizes them)."""

# (uraian tugas, satuan hasil, minutes per result, share of the post's time). Keyed by
# functional family, or by jabatan name for structural and pelaksana posts.
Tugas = tuple[str, str, int, int]
TUGAS: dict[str, list[Tugas]] = {
    # Structural posts.
    "_jpt": [
        ("Merumuskan kebijakan teknis dan rencana strategis", "dokumen", 2400, 2),
        ("Memimpin rapat koordinasi pimpinan", "rapat", 180, 3),
        ("Menetapkan dan menandatangani naskah dinas", "naskah", 20, 3),
        ("Membina dan mengevaluasi kinerja pejabat di bawahnya", "laporan", 240, 2),
        ("Menghadiri rapat koordinasi dengan kepala daerah dan DPRD", "rapat", 240, 2),
    ],
    "Sekretaris": [
        ("Mengoordinasikan penyusunan rencana kerja dan anggaran", "dokumen", 1800, 2),
        ("Memverifikasi naskah dinas sebelum ditandatangani pimpinan", "naskah", 30, 3),
        ("Mengendalikan administrasi umum, kepegawaian dan keuangan", "laporan", 480, 2),
        ("Menyusun laporan kinerja instansi pemerintah (LKjIP)", "dokumen", 2400, 1),
        ("Memimpin rapat staf sekretariat", "rapat", 120, 1),
    ],
    "Inspektur Pembantu": [
        ("Mengendalikan pelaksanaan audit wilayah", "penugasan", 960, 3),
        ("Mereviu laporan hasil pemeriksaan", "laporan", 480, 3),
        ("Memantau tindak lanjut hasil pemeriksaan", "rekomendasi", 60, 2),
    ],
    "_administrator": [
        ("Menyusun rencana program dan kegiatan", "dokumen", 1200, 2),
        ("Mengoordinasikan pelaksanaan kegiatan", "kegiatan", 480, 3),
        ("Memeriksa dan memaraf konsep naskah dinas", "naskah", 30, 2),
        ("Mengevaluasi capaian kinerja unit", "laporan", 600, 2),
        ("Memberi arahan dan membina staf", "pertemuan", 90, 1),
    ],
    "Kepala UPT": [
        ("Menyusun rencana operasional UPT", "dokumen", 1200, 1),
        ("Mengendalikan pelayanan teknis UPT", "laporan", 480, 3),
        ("Membina dan menilai kinerja pegawai UPT", "pegawai", 120, 2),
        ("Menyusun laporan bulanan UPT", "laporan", 480, 2),
    ],
    "Kepala Cabang Dinas": [
        ("Melaksanakan supervisi manajerial ke satuan pendidikan", "sekolah", 480, 3),
        ("Mengoordinasikan pengawas sekolah di wilayah", "rapat", 180, 2),
        ("Menyusun laporan penyelenggaraan pendidikan wilayah", "laporan", 960, 1),
        ("Memverifikasi usulan kebutuhan guru dan sarana sekolah", "usulan", 120, 2),
    ],
    "_pengawas": [
        ("Menyusun rencana kerja seksi", "dokumen", 600, 1),
        ("Membagi tugas dan membimbing pelaksana", "kegiatan", 60, 3),
        ("Memeriksa hasil kerja pelaksana", "berkas", 30, 3),
        ("Menyusun laporan pelaksanaan kegiatan", "laporan", 360, 2),
    ],
    "Kepala Puskesmas": [
        ("Menyusun rencana usulan kegiatan puskesmas", "dokumen", 1800, 1),
        ("Memimpin lokakarya mini puskesmas", "rapat", 180, 2),
        ("Melakukan supervisi pelayanan kesehatan", "kunjungan", 240, 3),
        ("Menyusun laporan penilaian kinerja puskesmas", "laporan", 600, 2),
    ],
    # Pelaksana.
    "Pengadministrasi Umum": [
        ("Mengagendakan surat masuk dan keluar", "surat", 10, 3),
        ("Menyiapkan konsep naskah dinas", "naskah", 45, 3),
        ("Mengarsipkan dokumen unit", "berkas", 15, 2),
        ("Menyiapkan bahan dan notula rapat", "rapat", 120, 1),
    ],
    "Operator Layanan Operasional": [
        ("Melayani permintaan layanan masyarakat", "layanan", 20, 4),
        ("Menginput data layanan ke aplikasi", "data", 10, 3),
        ("Menyusun rekap harian layanan", "laporan", 60, 1),
    ],
    "Pengelola Layanan Operasional": [
        ("Memverifikasi kelengkapan berkas layanan", "berkas", 20, 3),
        ("Mengatur jadwal dan antrean layanan", "hari", 60, 2),
        ("Menyusun laporan bulanan layanan", "laporan", 300, 1),
    ],
    "Penata Layanan Operasional": [
        ("Menganalisis data layanan dan menyusun rekomendasi", "kajian", 960, 2),
        ("Menyusun bahan kebijakan teknis", "dokumen", 720, 2),
        ("Mengoordinasikan pelaksanaan layanan", "kegiatan", 240, 2),
    ],
    "Pengolah Data": [
        ("Mengumpulkan dan memvalidasi data", "data", 15, 3),
        ("Memutakhirkan basis data", "rekaman", 10, 3),
        ("Menyajikan data dalam tabel dan grafik", "laporan", 240, 1),
    ],
    "Pengelola Keuangan": [
        ("Memverifikasi surat pertanggungjawaban (SPJ)", "SPJ", 30, 4),
        ("Menyiapkan SPP dan SPM", "dokumen", 45, 2),
        ("Menyusun laporan realisasi anggaran", "laporan", 480, 1),
    ],
    "Bendahara": [
        ("Membukukan penerimaan dan pengeluaran kas", "transaksi", 10, 4),
        ("Menyetor dan melaporkan pajak", "setoran", 30, 2),
        ("Menyusun laporan pertanggungjawaban bendahara", "laporan", 480, 1),
    ],
    "Pengelola Barang Milik Daerah": [
        ("Mencatat mutasi barang milik daerah", "barang", 15, 3),
        ("Melaksanakan inventarisasi barang", "ruangan", 240, 2),
        ("Menyusun laporan barang semesteran", "laporan", 720, 1),
    ],
    "Pengelola Kepegawaian": [
        ("Memproses usulan kenaikan pangkat dan gaji berkala", "berkas", 60, 3),
        ("Memutakhirkan data kepegawaian", "pegawai", 15, 3),
        ("Menyusun rekap kehadiran pegawai", "laporan", 120, 1),
    ],
    "Pengelola Pajak Daerah": [
        ("Menerbitkan ketetapan pajak daerah", "ketetapan", 20, 3),
        ("Melayani wajib pajak", "wajib pajak", 15, 3),
        ("Merekonsiliasi penerimaan pajak", "laporan", 480, 1),
    ],
    "Pengelola Perizinan": [
        ("Memeriksa kelengkapan permohonan izin", "permohonan", 30, 4),
        ("Menginput data perizinan ke sistem OSS", "permohonan", 15, 2),
        ("Menyiapkan konsep izin", "izin", 20, 2),
    ],
    "Pengatur Lalu Lintas": [
        ("Mengatur arus lalu lintas di persimpangan", "jam", 60, 4),
        ("Menyusun laporan kejadian lalu lintas", "laporan", 60, 1),
    ],
    "Pengemudi": [
        ("Mengemudikan kendaraan dinas", "perjalanan", 120, 4),
        ("Merawat dan memeriksa kendaraan", "kali", 60, 1),
        ("Mengisi buku perjalanan kendaraan", "lembar", 10, 1),
    ],
    "Pramu Bakti": [
        ("Membersihkan ruang kerja", "ruang", 30, 3),
        ("Menyiapkan ruang dan konsumsi rapat", "rapat", 60, 1),
        ("Mengantar surat dan dokumen", "surat", 20, 2),
    ],
    # Functional families.
    "Analis Kebijakan": [
        ("Menyusun kajian kebijakan", "kajian", 4800, 2),
        ("Menyusun ringkasan kebijakan (policy brief)", "dokumen", 1200, 2),
        ("Melakukan advokasi kebijakan", "kegiatan", 480, 1),
    ],
    "Perencana": [
        ("Menyusun rancangan rencana kerja perangkat daerah", "dokumen", 2400, 2),
        ("Melakukan pengendalian dan evaluasi rencana pembangunan", "laporan", 960, 2),
        ("Mengolah data untuk perencanaan", "paket data", 240, 1),
        ("Memfasilitasi musyawarah perencanaan pembangunan", "kegiatan", 480, 1),
    ],
    "Analis Sumber Daya Manusia Aparatur": [
        ("Menyusun analisis jabatan", "jabatan", 480, 2),
        ("Menghitung analisis beban kerja", "jabatan", 240, 2),
        ("Menyusun rencana kebutuhan pegawai", "dokumen", 1800, 1),
        ("Memproses usulan mutasi dan promosi", "berkas", 120, 2),
    ],
    "Pranata Sumber Daya Manusia Aparatur": [
        ("Memverifikasi berkas kenaikan pangkat", "berkas", 45, 3),
        ("Memutakhirkan data pegawai pada SIASN", "pegawai", 20, 3),
        ("Menyiapkan konsep SK kepegawaian", "SK", 30, 2),
    ],
    "Auditor": [
        ("Melaksanakan audit kinerja", "penugasan", 9600, 2),
        ("Menyusun kertas kerja audit", "kertas kerja", 240, 2),
        ("Menyusun laporan hasil audit", "laporan", 1440, 1),
        ("Mereviu laporan keuangan", "reviu", 2400, 1),
    ],
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah": [
        ("Melakukan pemeriksaan khusus atas pengaduan masyarakat", "pemeriksaan", 4800, 2),
        ("Mengevaluasi penyelenggaraan urusan pemerintahan", "laporan", 2400, 2),
        ("Memantau tindak lanjut hasil pengawasan", "rekomendasi", 60, 1),
    ],
    "Analis Keuangan Pusat dan Daerah": [
        ("Menganalisis realisasi anggaran", "laporan", 960, 2),
        ("Menyusun proyeksi pendapatan dan belanja", "dokumen", 1440, 1),
        ("Mereviu rencana kerja dan anggaran", "dokumen", 240, 2),
    ],
    "Pranata Komputer": [
        ("Memelihara jaringan dan perangkat komputer", "perangkat", 60, 3),
        ("Mengembangkan modul aplikasi", "modul", 2400, 1),
        ("Menangani gangguan layanan TI", "tiket", 45, 3),
        ("Mencadangkan basis data", "kali", 30, 1),
    ],
    "Arsiparis": [
        ("Menata arsip dinamis", "berkas", 15, 3),
        ("Menyusun daftar arsip", "daftar", 240, 1),
        ("Melayani peminjaman arsip", "permintaan", 20, 2),
        ("Memindahkan arsip inaktif", "boks", 60, 1),
    ],
    "Pranata Hubungan Masyarakat": [
        ("Menyusun siaran pers", "naskah", 120, 2),
        ("Mendokumentasikan kegiatan pimpinan", "kegiatan", 180, 2),
        ("Mengelola konten media sosial", "unggahan", 45, 2),
        ("Memantau pemberitaan media", "laporan", 60, 1),
    ],
    "Perancang Peraturan Perundang-undangan": [
        ("Menyusun rancangan peraturan daerah atau peraturan gubernur", "rancangan", 4800, 2),
        ("Mengharmonisasi rancangan peraturan", "rancangan", 960, 2),
        ("Menyusun telaahan hukum", "telaahan", 240, 1),
    ],
    "Analis Hukum": [
        ("Menyusun analisis dan evaluasi hukum", "dokumen", 2400, 2),
        ("Memberikan pendapat hukum", "telaahan", 240, 2),
        ("Mendampingi penanganan perkara", "perkara", 960, 1),
    ],
    "Pengelola Pengadaan Barang/Jasa": [
        ("Menyusun dokumen pemilihan penyedia", "paket", 960, 2),
        ("Mengevaluasi penawaran", "paket", 720, 2),
        ("Mereviu spesifikasi teknis dan HPS", "paket", 240, 1),
    ],
    "Statistisi": [
        ("Mengumpulkan data statistik sektoral", "kuesioner", 20, 3),
        ("Mengolah dan menganalisis data statistik", "tabel", 120, 2),
        ("Menyusun publikasi statistik", "publikasi", 4800, 1),
    ],
    "Widyaiswara": [
        ("Mengajar pada pelatihan", "jam pelajaran", 45, 4),
        ("Menyusun bahan ajar", "modul", 2400, 1),
        ("Mengevaluasi penyelenggaraan pembelajaran", "angkatan", 480, 1),
    ],
    "Dokter": [
        ("Melakukan pemeriksaan kesehatan pasien", "pasien", 15, 5),
        ("Melakukan tindakan medis", "tindakan", 30, 2),
        ("Melakukan rujukan pasien", "rujukan", 20, 1),
        ("Melakukan kunjungan rumah pasien", "kunjungan", 90, 1),
    ],
    "Dokter Gigi": [
        ("Melakukan pemeriksaan gigi dan mulut pasien", "pasien", 20, 4),
        ("Melakukan penambalan dan pencabutan gigi", "tindakan", 30, 3),
        ("Melakukan penyuluhan kesehatan gigi di sekolah", "kegiatan", 120, 1),
    ],
    "Perawat": [
        ("Melakukan pengkajian keperawatan", "pasien", 15, 3),
        ("Melaksanakan tindakan keperawatan", "tindakan", 20, 4),
        ("Mendokumentasikan asuhan keperawatan", "pasien", 10, 2),
        ("Melakukan kunjungan rumah perawatan kesehatan masyarakat", "kunjungan", 90, 1),
    ],
    "Bidan": [
        ("Melakukan pemeriksaan kehamilan (ANC)", "ibu hamil", 20, 3),
        ("Menolong persalinan normal", "persalinan", 240, 2),
        ("Melakukan pelayanan keluarga berencana", "akseptor", 15, 2),
        ("Melakukan kunjungan nifas dan neonatal", "kunjungan", 45, 2),
    ],
    "Apoteker": [
        ("Mengkaji dan melayani resep", "resep", 10, 4),
        ("Memberikan pelayanan informasi obat", "pasien", 10, 2),
        ("Menyusun perencanaan dan pengadaan obat", "dokumen", 960, 1),
    ],
    "Asisten Apoteker": [
        ("Menyiapkan dan menyerahkan obat sesuai resep", "resep", 8, 4),
        ("Mencatat kartu stok obat", "item", 5, 2),
        ("Menyusun laporan pemakaian dan lembar permintaan obat", "laporan", 240, 1),
    ],
    "Epidemiolog Kesehatan": [
        ("Melaksanakan surveilans penyakit", "laporan mingguan", 240, 2),
        ("Menyelidiki kejadian luar biasa", "kejadian", 960, 1),
        ("Menganalisis data penyakit", "analisis", 480, 2),
    ],
    "Sanitarian": [
        ("Melakukan inspeksi kesehatan lingkungan", "sarana", 60, 3),
        ("Mengambil sampel air minum", "sampel", 45, 2),
        ("Memberikan konseling sanitasi", "klien", 30, 1),
    ],
    "Nutrisionis": [
        ("Mengukur status gizi balita", "balita", 10, 3),
        ("Memberikan konseling gizi", "klien", 30, 2),
        ("Menyusun laporan pemantauan status gizi", "laporan", 240, 1),
    ],
    "Penyuluh Kesehatan Masyarakat": [
        ("Melaksanakan penyuluhan kesehatan kelompok", "kegiatan", 120, 3),
        ("Menyusun media promosi kesehatan", "media", 480, 1),
        ("Membina posyandu dan UKBM", "kunjungan", 120, 2),
    ],
    "Administrator Kesehatan": [
        ("Menyusun rencana program kesehatan", "dokumen", 2400, 1),
        ("Memantau dan mengevaluasi program kesehatan", "laporan", 960, 2),
        ("Mengelola data sistem informasi kesehatan", "laporan", 240, 2),
    ],
    "Pranata Laboratorium Kesehatan": [
        ("Melakukan pemeriksaan hematologi", "sampel", 15, 3),
        ("Melakukan pemeriksaan kimia klinik", "sampel", 20, 2),
        ("Memelihara alat laboratorium", "alat", 60, 1),
    ],
    "Radiografer": [
        ("Melakukan pemeriksaan radiografi", "pasien", 20, 4),
        ("Mengolah citra radiografi", "citra", 10, 2),
        ("Melakukan uji kesesuaian pesawat sinar-X", "kali", 240, 1),
    ],
    "Fisioterapis": [
        ("Melakukan asesmen fisioterapi", "pasien", 30, 2),
        ("Melakukan intervensi fisioterapi", "sesi", 45, 4),
        ("Mengevaluasi dan mendokumentasikan fisioterapi", "pasien", 15, 1),
    ],
    "Perekam Medis": [
        ("Mengode diagnosis penyakit (ICD-10)", "rekam medis", 5, 3),
        ("Menyiapkan dan mendistribusikan berkas rekam medis", "berkas", 5, 3),
        ("Menyusun laporan morbiditas", "laporan", 240, 1),
    ],
    "Guru": [
        ("Melaksanakan pembelajaran tatap muka", "jam pelajaran", 45, 6),
        ("Menyusun modul ajar", "modul", 240, 1),
        ("Menilai hasil belajar peserta didik", "peserta didik", 15, 2),
        ("Membimbing peserta didik (wali kelas, ekstrakurikuler)", "kegiatan", 90, 1),
    ],
    "Pengawas Sekolah": [
        ("Melaksanakan supervisi akademik", "guru", 120, 3),
        ("Menilai kinerja kepala sekolah", "sekolah", 480, 1),
        ("Membina pelaksanaan kurikulum sekolah", "kunjungan", 240, 2),
    ],
    "Pranata Laboratorium Pendidikan": [
        ("Menyiapkan alat dan bahan praktikum", "praktikum", 60, 3),
        ("Memelihara peralatan laboratorium", "alat", 30, 2),
        ("Menyusun inventaris laboratorium", "laporan", 240, 1),
    ],
    "Pustakawan": [
        ("Mengolah bahan pustaka (katalogisasi)", "judul", 15, 3),
        ("Melayani sirkulasi bahan pustaka", "transaksi", 5, 3),
        ("Menyelenggarakan kegiatan literasi", "kegiatan", 240, 1),
    ],
    "Penyuluh Pertanian": [
        ("Melaksanakan penyuluhan kepada kelompok tani", "pertemuan", 180, 3),
        ("Menyusun programa penyuluhan pertanian", "dokumen", 960, 1),
        ("Melaksanakan demonstrasi plot", "demplot", 960, 1),
        ("Mendampingi penyusunan RDKK pupuk bersubsidi", "kelompok", 120, 2),
    ],
    "Pengendali Organisme Pengganggu Tumbuhan": [
        ("Mengamati organisme pengganggu tumbuhan", "hektare", 10, 3),
        ("Melaksanakan gerakan pengendalian OPT", "kegiatan", 240, 2),
        ("Menyusun laporan serangan OPT", "laporan", 120, 1),
    ],
    "Medik Veteriner": [
        ("Memeriksa dan mengobati hewan", "ekor", 20, 3),
        ("Melaksanakan vaksinasi hewan", "ekor", 5, 2),
        ("Mengawasi kesehatan daging di rumah potong hewan", "pemeriksaan", 30, 2),
    ],
    "Paramedik Veteriner": [
        ("Melaksanakan vaksinasi hewan ternak", "ekor", 5, 3),
        ("Melaksanakan inseminasi buatan", "ekor", 30, 2),
        ("Mencatat dan melaporkan kasus penyakit hewan", "laporan", 60, 1),
    ],
    "Pengawas Lingkungan Hidup": [
        ("Mengawasi ketaatan usaha terhadap persetujuan lingkungan", "perusahaan", 960, 3),
        ("Menindaklanjuti pengaduan pencemaran", "pengaduan", 480, 2),
        ("Menyusun berita acara pengawasan", "berita acara", 120, 1),
    ],
    "Pengendali Dampak Lingkungan": [
        ("Menilai dokumen AMDAL dan UKL-UPL", "dokumen", 960, 3),
        ("Memantau kualitas air dan udara", "titik", 120, 2),
        ("Menyusun laporan status lingkungan hidup", "laporan", 2400, 1),
    ],
    "Teknik Jalan dan Jembatan": [
        ("Menyurvei kondisi jalan", "kilometer", 60, 3),
        ("Menyusun desain dan RAB pemeliharaan jalan", "paket", 960, 2),
        ("Mengawasi pelaksanaan konstruksi", "laporan mingguan", 240, 2),
    ],
    "Teknik Pengairan": [
        ("Menginspeksi jaringan irigasi", "kilometer", 60, 3),
        ("Menyusun rencana operasi dan pemeliharaan irigasi", "dokumen", 960, 1),
        ("Mengawasi pekerjaan rehabilitasi saluran", "laporan mingguan", 240, 2),
    ],
    "Penata Ruang": [
        ("Menyusun materi teknis rencana tata ruang", "dokumen", 4800, 1),
        ("Memberikan rekomendasi kesesuaian pemanfaatan ruang", "rekomendasi", 120, 3),
        ("Mengendalikan pemanfaatan ruang di lapangan", "lokasi", 240, 2),
    ],
    "Teknik Tata Bangunan dan Perumahan": [
        ("Memeriksa dokumen teknis persetujuan bangunan gedung", "dokumen", 240, 3),
        ("Mengawasi pembangunan gedung negara", "laporan", 480, 2),
        ("Mendata rumah tidak layak huni", "unit rumah", 30, 1),
    ],
    "Penguji Kendaraan Bermotor": [
        ("Melakukan uji berkala kendaraan bermotor", "kendaraan", 20, 5),
        ("Menerbitkan bukti lulus uji", "kendaraan", 5, 2),
        ("Mengkalibrasi alat uji", "alat", 120, 1),
    ],
    "Administrator Database Kependudukan": [
        ("Memelihara basis data kependudukan", "hari", 60, 2),
        ("Mengonsolidasi dan membersihkan data", "rekaman", 2, 3),
        ("Menyusun laporan data agregat kependudukan", "laporan", 480, 1),
    ],
    "Pekerja Sosial": [
        ("Melakukan asesmen klien", "klien", 90, 3),
        ("Melaksanakan rehabilitasi sosial", "sesi", 60, 3),
        ("Merujuk dan mendampingi kasus", "kasus", 120, 1),
    ],
    "Penyuluh Sosial": [
        ("Melaksanakan penyuluhan sosial", "kegiatan", 180, 3),
        ("Menyusun materi penyuluhan sosial", "materi", 480, 1),
        ("Mendampingi keluarga penerima manfaat", "keluarga", 60, 2),
    ],
    "Penggerak Swadaya Masyarakat": [
        ("Memfasilitasi musyawarah desa", "kegiatan", 240, 2),
        ("Mendampingi kelompok swadaya masyarakat", "kelompok", 120, 3),
        ("Menyusun profil potensi desa", "desa", 960, 1),
    ],
    "Sandiman": [
        ("Mengelola persandian dan pengamanan informasi", "kegiatan", 120, 2),
        ("Menilai keamanan sistem elektronik", "sistem", 960, 1),
        ("Menangani insiden keamanan informasi", "insiden", 240, 2),
    ],
    "Penata Perizinan": [
        ("Memproses permohonan perizinan berusaha", "permohonan", 60, 4),
        ("Memverifikasi lokasi usaha di lapangan", "lokasi", 240, 1),
        ("Menyusun telaahan teknis perizinan", "telaahan", 120, 2),
    ],
    "Pengawas Perikanan": [
        ("Memeriksa kapal perikanan", "kapal", 60, 3),
        ("Mengawasi mutu hasil perikanan", "sampel", 45, 2),
        ("Menyusun laporan pengawasan perikanan", "laporan", 240, 1),
    ],
    "Penyuluh Perikanan": [
        ("Melaksanakan penyuluhan kepada kelompok nelayan dan pembudi daya", "pertemuan", 180, 3),
        ("Mendampingi kelompok usaha perikanan", "kelompok", 120, 2),
        ("Menyusun programa penyuluhan perikanan", "dokumen", 960, 1),
    ],
    "Adyatama Kepariwisataan dan Ekonomi Kreatif": [
        ("Menyusun rencana promosi pariwisata", "dokumen", 1440, 1),
        ("Melaksanakan promosi dan pameran pariwisata", "kegiatan", 960, 2),
        ("Membina desa wisata dan pelaku ekonomi kreatif", "kunjungan", 240, 2),
    ],
    "Pengantar Kerja": [
        ("Mewawancarai dan menyuluh pencari kerja", "pencari kerja", 30, 3),
        ("Mencocokkan lowongan dengan pencari kerja", "lowongan", 60, 2),
        ("Menyelenggarakan bursa kerja", "kegiatan", 2400, 1),
    ],
    "Mediator Hubungan Industrial": [
        ("Memediasi perselisihan hubungan industrial", "kasus", 960, 3),
        ("Membina lembaga kerja sama bipartit", "perusahaan", 240, 2),
        ("Menyusun anjuran tertulis", "anjuran", 240, 1),
    ],
    "Pengawas Ketenagakerjaan": [
        ("Memeriksa penerapan norma ketenagakerjaan", "perusahaan", 480, 3),
        ("Menguji keselamatan dan kesehatan kerja", "alat/instalasi", 240, 2),
        ("Menyusun nota pemeriksaan", "nota", 120, 1),
    ],
    "Instruktur": [
        ("Melatih peserta pelatihan berbasis kompetensi", "jam pelajaran", 45, 4),
        ("Menyusun program dan modul pelatihan", "modul", 960, 1),
        ("Menguji kompetensi peserta", "peserta", 60, 2),
    ],
    "Polisi Pamong Praja": [
        ("Melaksanakan patroli ketertiban umum", "patroli", 240, 3),
        ("Menertibkan pelanggaran peraturan daerah", "kegiatan", 240, 2),
        ("Melaksanakan pengamanan dan pengawalan", "kegiatan", 480, 2),
        ("Menyusun laporan kejadian", "laporan", 60, 1),
    ],
    "Penata Penanggulangan Bencana": [
        ("Menyusun kajian risiko bencana", "dokumen", 2400, 1),
        ("Melaksanakan sosialisasi dan simulasi kebencanaan", "kegiatan", 480, 2),
        ("Melaksanakan kaji cepat pascabencana", "kejadian", 960, 2),
    ],
    "Polisi Kehutanan": [
        ("Melaksanakan patroli pengamanan hutan", "patroli", 480, 4),
        ("Menyuluh pencegahan kebakaran hutan", "kegiatan", 180, 1),
        ("Menyusun laporan gangguan keamanan hutan", "laporan", 120, 1),
    ],
    "Penyuluh Kehutanan": [
        ("Mendampingi kelompok tani hutan", "kelompok", 180, 3),
        ("Melaksanakan penyuluhan kehutanan", "kegiatan", 180, 2),
        ("Menyusun rencana penyuluhan kehutanan", "dokumen", 960, 1),
    ],
    "Penyelidik Bumi": [
        ("Memetakan geologi", "lembar peta", 2400, 2),
        ("Mengevaluasi dokumen teknis pertambangan", "dokumen", 480, 2),
        ("Memantau air tanah", "sumur", 120, 1),
    ],
    "Penera": [
        ("Melakukan tera dan tera ulang alat ukur", "alat", 15, 5),
        ("Mengawasi alat ukur, takar, timbang di pasar", "pasar", 480, 1),
        ("Menyusun laporan kemetrologian", "laporan", 240, 1),
    ],
    "Pengawas Perdagangan": [
        ("Mengawasi barang beredar", "toko", 120, 3),
        ("Memantau harga dan stok bahan pokok", "pasar", 60, 2),
        ("Menyusun laporan pengawasan perdagangan", "laporan", 240, 1),
    ],
    "_umum": [
        ("Melaksanakan tugas teknis sesuai bidang jabatan", "kegiatan", 120, 3),
        ("Menyusun laporan pelaksanaan tugas", "laporan", 240, 1),
        ("Mengikuti rapat koordinasi", "rapat", 120, 1),
    ],
}
PENGAWAS = {"Kepala Seksi", "Kepala Subbagian", "Kepala Subbidang"}
ADMINISTRATOR = {"Kepala Bidang", "Kepala Bagian"}
