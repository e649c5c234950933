"""Indonesian personal names, academic titles and the towns of the imaginary province.

Plain data the demo people are drawn from. Editing a list changes who is generated (and so
their NIPs): seeding a database filled before the edit then adds a new set of people beside
the old ones, so seed such a database again from empty.
"""


def _words(text: str) -> list[str]:
    return text.split()


# Given names by gender. Mixed Javanese, Sundanese, Malay, Arabic-derived and modern names, as
# a provincial government's staff list would show them.
FIRST_MALE = _words(
    """
    Adi Agus Ahmad Andi Arief Bambang Bayu Budi Dedi Dimas Eko Fajar Farhan Gilang Hadi
    Hendra Heru Imam Irfan Joko Krisna Lukman Muhammad Mochamad Nanang Rahmat Rizki Rudi
    Slamet Sugeng Suparman Teguh Tri Wahyu Yusuf Zainal Asep Dadang Ujang Cecep Yudi Iwan
    Hasan Ilham Taufik Arif Doni Rendra Yoga Sutrisno Wawan Gunawan Anton Benny Ferry Galih
    Haris Indra Kurniawan Rangga Satria Aditya Fikri Reza Ridwan Syaiful Nur
"""
)
FIRST_FEMALE = _words(
    """
    Siti Sri Dewi Ratna Rina Nur Fitri Indah Lestari Ayu Dian Endang Eka Yuli Wulan Putri
    Intan Novi Rini Retno Sari Wahyuni Yanti Tuti Nining Neneng Euis Ida Lilis Nurul Anisa
    Aisyah Fatimah Khadijah Laras Maya Mega Nia Nadia Tika Vina Winda Yulia Anggun Citra
    Desi Elis Fransiska Hana Irma Kartika Kurnia Lia Melati Oktaviani Puspita Rahma Rosita
    Susi
"""
)
MIDDLE_MALE = _words(
    """
    Adi Budi Dwi Eko Hari Joko Nur Agung Bagus Setia Wira Arya Dharma Rizal Aji Putra Cahya
    Tri Wahyu Fajar
"""
)
MIDDLE_FEMALE = _words(
    """
    Dwi Tri Nur Sri Ayu Puji Dewi Ratih Indah Wulan Kartika Ika Mutiara Rahayu Eka Putri
"""
)
LAST_MALE = _words(
    """
    Santoso Pratama Wijaya Saputra Setiawan Hidayat Nugroho Kurniawan Prasetyo Susanto
    Wibowo Firmansyah Hermawan Gunawan Purnomo Siswanto Suryadi Ramadhan Hakim Maulana
    Syahputra Rahman Hartono Sudarsono Mulyadi Supriyadi Kusuma Permana Sutanto Haryanto
    Irawan Effendi
"""
)
LAST_FEMALE = _words(
    """
    Lestari Rahmawati Wulandari Handayani Susanti Puspitasari Kusumawati Anggraini Safitri
    Rahayu Maharani Permatasari Fitriani Yuliana Novitasari Suryani Hartati Kurniasih
    Nurhayati Utami Damayanti Setyaningsih Purwanti Astuti Mulyani Andriani Oktavia Sulastri
"""
)
# Family names (marga) used by both genders.
MARGA = _words(
    """
    Siregar Nasution Lubis Harahap Simanjuntak Sinaga Hutapea Tanjung Sembiring Ginting
    Manurung Pohan Pasaribu Situmorang Panjaitan Matondang Daulay Batubara Lumbantobing
    Sitompul
"""
)
# Balinese birth-order names: "I Made Wirawan", "Ni Luh Putu Ayu".
BALI_MALE = ["I Made", "I Wayan", "I Ketut", "I Nyoman", "I Gede", "I Putu", "I Komang"]
BALI_FEMALE = ["Ni Made", "Ni Luh", "Ni Wayan", "Ni Ketut", "Ni Nyoman", "Ni Putu", "Ni Komang"]
BALI_GIVEN_MALE = _words(
    """
    Wirawan Suarjana Artawan Sudarma Adnyana Mahendra Astawa Sudiarta Wiratama Arimbawa
"""
)
BALI_GIVEN_FEMALE = _words(
    """
    Widiastuti Suastini Sriani Ariasih Yuniari Sukmawati Purnamasari Ayu Lestari Dewi
"""
)

# Academic titles by field of study (the BidangPendidikan names of catalogue.py):
# (D-III, S-1 or D-IV, S-2) — each a list to pick from; None means the level is not offered.
# Doctors, dentists and vets carry a title in front instead (see FRONT_TITLES).
TITLES = {
    "Administrasi Publik": (["A.Md."], ["S.A.P.", "S.Sos."], ["M.A.P.", "M.Si."]),
    "Ilmu Pemerintahan": (["A.Md."], ["S.IP.", "S.STP."], ["M.Si.", "M.A.P."]),
    "Ilmu Politik": (None, ["S.IP."], ["M.Si."]),
    "Administrasi Perkantoran": (["A.Md."], ["S.A.B."], ["M.A.P."]),
    "Manajemen": (["A.Md."], ["S.E."], ["M.M.", "M.Si."]),
    "Akuntansi": (["A.Md.Ak."], ["S.E.", "S.Ak."], ["M.Ak.", "M.M."]),
    "Ekonomi Pembangunan": (None, ["S.E."], ["M.E.", "M.Si."]),
    "Ilmu Hukum": (None, ["S.H."], ["M.H.", "M.Kn."]),
    "Psikologi": (None, ["S.Psi."], ["M.Psi."]),
    "Statistika": (["A.Md.Stat."], ["S.Stat.", "S.Si."], ["M.Si.", "M.Stat."]),
    "Matematika": (None, ["S.Si.", "S.Mat."], ["M.Si."]),
    "Teknik Informatika": (["A.Md.Kom."], ["S.Kom.", "S.T."], ["M.Kom.", "M.T."]),
    "Sistem Informasi": (["A.Md.Kom."], ["S.Kom."], ["M.Kom."]),
    "Ilmu Komunikasi": (["A.Md."], ["S.I.Kom."], ["M.I.Kom."]),
    "Teknik Sipil": (["A.Md.T."], ["S.T."], ["M.T."]),
    "Teknik Lingkungan": (["A.Md.T."], ["S.T."], ["M.T.", "M.Si."]),
    "Perencanaan Wilayah dan Kota": (None, ["S.T.", "S.PWK."], ["M.T.", "M.Sc."]),
    "Arsitektur": (None, ["S.Ars.", "S.T."], ["M.T.", "M.Ars."]),
    "Teknik Elektro": (["A.Md.T."], ["S.T."], ["M.T."]),
    "Teknik Mesin": (["A.Md.T."], ["S.T."], ["M.T."]),
    "Teknik Geologi": (None, ["S.T."], ["M.T."]),
    "Geografi": (None, ["S.Si."], ["M.Sc.", "M.Si."]),
    "Transportasi": (["A.Md.Tra."], ["S.Tr.Tra.", "S.ST."], ["M.T."]),
    "Pendidikan Dokter": (None, [""], ["M.Kes.", "Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B."]),
    "Kedokteran Gigi": (None, [""], ["M.Kes.", "Sp.KG."]),
    "Keperawatan": (["A.Md.Kep."], ["S.Kep., Ns."], ["M.Kep."]),
    "Kebidanan": (["A.Md.Keb."], ["S.Tr.Keb.", "S.Keb., Bd."], ["M.Keb."]),
    "Farmasi": (["A.Md.Farm."], ["S.Farm., Apt."], ["M.Farm."]),
    "Kesehatan Masyarakat": (None, ["S.K.M."], ["M.Kes.", "M.K.M."]),
    "Gizi": (["A.Md.Gz."], ["S.Gz."], ["M.Gz."]),
    "Kesehatan Lingkungan": (["A.Md.K.L."], ["S.Tr.Kes.", "S.K.M."], ["M.Kes."]),
    "Analis Kesehatan": (["A.Md.A.K."], ["S.Tr.Kes.", "S.Si."], ["M.Biomed."]),
    "Radiologi": (["A.Md.Rad."], ["S.Tr.Rad."], ["M.Tr.Rad."]),
    "Fisioterapi": (["A.Md.Ftr."], ["S.Ft."], ["M.Fis."]),
    "Rekam Medis": (["A.Md.RMIK."], ["S.Tr.RMIK."], ["M.Kes."]),
    "Pendidikan Matematika": (None, ["S.Pd."], ["M.Pd."]),
    "Pendidikan Bahasa Indonesia": (None, ["S.Pd."], ["M.Pd."]),
    "Pendidikan Bahasa Inggris": (None, ["S.Pd."], ["M.Pd."]),
    "Pendidikan Fisika": (None, ["S.Pd."], ["M.Pd."]),
    "Pendidikan Biologi": (None, ["S.Pd."], ["M.Pd."]),
    "Pendidikan Kimia": (None, ["S.Pd."], ["M.Pd."]),
    "Pendidikan Sejarah": (None, ["S.Pd."], ["M.Pd."]),
    "Pendidikan Ekonomi": (None, ["S.Pd."], ["M.Pd."]),
    "Pendidikan Jasmani": (None, ["S.Pd.", "S.Or."], ["M.Pd.", "M.Or."]),
    "Bimbingan dan Konseling": (None, ["S.Pd."], ["M.Pd."]),
    "Pendidikan Teknik Mesin": (None, ["S.Pd.", "S.Pd.T."], ["M.Pd."]),
    "Pendidikan Teknik Informatika": (None, ["S.Pd.", "S.Kom."], ["M.Pd."]),
    "Pendidikan Luar Biasa": (None, ["S.Pd."], ["M.Pd."]),
    "Agroteknologi": (["A.Md.P."], ["S.P."], ["M.P.", "M.Si."]),
    "Agribisnis": (["A.Md.P."], ["S.P."], ["M.P.", "M.M."]),
    "Proteksi Tanaman": (None, ["S.P."], ["M.Si."]),
    "Peternakan": (["A.Md.Pt."], ["S.Pt."], ["M.Pt."]),
    "Kedokteran Hewan": (None, [""], ["M.Si."]),
    "Kehutanan": (["A.Md.Hut."], ["S.Hut."], ["M.Sc.", "M.Si."]),
    "Perikanan": (["A.Md.Pi."], ["S.Pi."], ["M.Si."]),
    "Ilmu Kelautan": (None, ["S.Kel."], ["M.Si."]),
    "Pariwisata": (["A.Md.Par."], ["S.Par."], ["M.Par."]),
    "Kesejahteraan Sosial": (["A.Md."], ["S.Sos.", "S.Tr.Sos."], ["M.Si."]),
    "Sosiologi": (None, ["S.Sos."], ["M.Si."]),
    "Ilmu Perpustakaan": (["A.Md."], ["S.IIP.", "S.Hum."], ["M.Hum."]),
    "Kearsipan": (["A.Md.Ars."], ["S.Hum."], ["M.Hum."]),
    "Kimia": (None, ["S.Si."], ["M.Si."]),
    "Biologi": (None, ["S.Si."], ["M.Si."]),
    "Fisika": (None, ["S.Si."], ["M.Si."]),
}
FRONT_TITLES = {
    "Pendidikan Dokter": "dr.",
    "Kedokteran Gigi": "drg.",
    "Kedokteran Hewan": "drh.",
}
DOCTORATE = "Dr."

# The regencies and cities of the imaginary province; the capital first.
KOTA = [
    "Kota Asemrowo",
    "Kota Tambakrejo",
    "Kabupaten Wonokerto",
    "Kabupaten Sidomulyo",
    "Kabupaten Karangjati",
    "Kabupaten Banyuasri",
    "Kabupaten Gunungsari",
    "Kabupaten Pesisir Kidul",
]
# Where staff of the provincial offices live: mostly the capital and its neighbours.
KOTA_WEIGHTS = [55, 14, 10, 8, 5, 3, 3, 2]


def person_name(rng, jenis_kelamin: str) -> str:
    """A plausible full name (without titles) for a man ("1") or a woman ("2")."""
    male = jenis_kelamin == "1"
    roll = rng.random()
    if roll < 0.05:
        prefix = rng.choice(BALI_MALE if male else BALI_FEMALE)
        return f"{prefix} {rng.choice(BALI_GIVEN_MALE if male else BALI_GIVEN_FEMALE)}"
    first = rng.choice(FIRST_MALE if male else FIRST_FEMALE)
    if roll < 0.17:
        parts = [first, rng.choice(MARGA)]
    else:
        parts = [first]
        if rng.random() < 0.35:
            parts.append(rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE))
        if rng.random() < 0.9:
            parts.append(rng.choice(LAST_MALE if male else LAST_FEMALE))
    # "Dwi Dwi" or "Nur Nurhayati" read as typing errors: drop the repeat.
    names = []
    for part in parts:
        if not any(part.startswith(seen) or seen.startswith(part) for seen in names):
            names.append(part)
    if len(names) == 1:
        names.append(rng.choice(LAST_MALE if male else LAST_FEMALE))
    return " ".join(names)


def academic_titles(rng, bidang: str | None, tingkat: int) -> tuple[str, str]:
    """(gelar depan, gelar belakang) for a field of study and a TingkatPendidikan value."""
    if bidang is None or tingkat < 6:  # below D-III: no title
        return "", ""
    d3, s1, s2 = TITLES[bidang]
    front = FRONT_TITLES.get(bidang, "")
    if tingkat == 6:
        return "", rng.choice(d3 or ["A.Md."])
    back = [rng.choice(s1)]
    if tingkat >= 9:
        back.append(rng.choice(s2))
    if tingkat >= 10:
        front = f"{DOCTORATE} {front}".strip()
    return front, ", ".join(b for b in back if b)
