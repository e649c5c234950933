"""Plain-Indonesian explanations for the public page "Bagaimana keputusan mutasi dibuat".

One sentence or two per rule the app checks (``mutasi.usulan.eligibility.NAMA_SYARAT``), per reason
category and per type of move, with the thresholds read from the settings the app itself
uses, so the page says what the app does. A new rule, category or type without an
explanation here fails ``tests/test_bagaimana.py``.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from mutasi.ketentuan.berlaku import Terapan
from mutasi.ketentuan.choices import KunciKetentuan
from mutasi.usulan.choices import DOKUMEN_WAJIB, PERLU_PERTEK, JenisMutasi, KategoriAlasan
from mutasi.usulan.eligibility import NAMA_SYARAT, TIDAK_DAPAT_DIKECUALIKAN


def _daftar(items) -> str:
    """ "a, b dan c"."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return _("%(awal)s dan %(akhir)s") % {"awal": ", ".join(items[:-1]), "akhir": items[-1]}


def syarat() -> list[tuple[str, str]]:
    """(rule name as the app shows it, what it means), in the order the app checks them."""
    semua_dokumen = []
    for daftar in DOKUMEN_WAJIB.values():
        semua_dokumen += [d for d in daftar if d not in semua_dokumen]
    teks = {
        "masa_jabatan": _(
            "Sudah paling sedikit %(min)s tahun dalam jabatan sekarang. Pegawai yang lebih dari "
            "%(maks)s tahun di jabatan yang sama didahulukan untuk rotasi."
        )
        % {"min": settings.MUTASI_MIN_TAHUN_JABATAN, "maks": settings.MUTASI_MAX_TAHUN_JABATAN},
        "skp": _(
            "Nilai kinerja tahunan paling rendah “Baik” pada setiap tahun dari %(n)s tahun "
            "terakhir. Nilai kinerja seseorang tidak pernah diumumkan."
        )
        % {"n": settings.MUTASI_TAHUN_SKP},
        "disiplin": _(
            "Tidak sedang menjalani hukuman disiplin, dan tidak sedang dalam proses disiplin "
            "atau proses pidana."
        ),
        "tugas_belajar": _("Tidak sedang tugas belajar dan tidak terikat ikatan dinas."),
        "pns_baru": _(
            "Pindah ke instansi lain atas permintaan sendiri baru dapat setelah masa kerja "
            "%(n)s tahun sejak diangkat menjadi CPNS."
        )
        % {"n": settings.MUTASI_MASA_KERJA_PERMINTAAN_SENDIRI},
        "setara": _(
            "Mutasi memindahkan pegawai ke jabatan yang setara: jabatan struktural ke "
            "struktural pada jenjang yang sama, jabatan fungsional ke fungsional pada jenjang "
            "yang sama, pelaksana ke pelaksana. Pindah jenis atau jenjang jabatan adalah "
            "pengangkatan, promosi atau demosi, dengan prosedurnya sendiri."
        ),
        "kelas": _(
            "Kelas jabatan tujuan tidak lebih rendah dari kelas jabatan sekarang, dan paling "
            "banyak %(k)s kelas lebih tinggi."
        )
        % {"k": settings.MUTASI_KELAS_NAIK_MAKS},
        "rumpun": _(
            "Jabatan tujuan serumpun dengan jabatan sekarang atau dengan bidang pendidikan "
            "pegawai (misalnya kesehatan, pendidikan, hukum, keuangan). Bila rumpunnya belum "
            "dicatat, kesesuaiannya ditinjau."
        ),
        "golongan": _(
            "Golongan pegawai memenuhi golongan paling rendah untuk jabatan tujuan (bagi PNS; "
            "PPPK tidak bergolongan/ruang)."
        ),
        "pendidikan": _(
            "Bidang pendidikan sesuai dengan yang disyaratkan jabatan tujuan; bila tidak "
            "sesuai, usulan ditinjau lebih dulu."
        ),
        "pensiun": _("Masih paling sedikit %(n)s tahun sebelum batas usia pensiun jabatan tujuan.")
        % {"n": settings.MUTASI_TAHUN_SEBELUM_PENSIUN},
        "lowongan": _(
            "Jabatan tujuan masih lowong: kebutuhan pegawainya lebih besar dari jumlah yang "
            "ada ditambah yang sudah pasti masuk. Bila tidak lowong, usulan harus disertai "
            "alasan dan ditinjau."
        ),
        "unit_asal": _(
            "Unit asal tidak menjadi kekurangan pegawai karena kepindahan ini, dan pegawai "
            "bukan satu-satunya pemegang jabatannya di unit itu; bila tidak demikian, usulan "
            "ditinjau."
        ),
        "dokumen": _(
            "Dokumen wajib lengkap: %(d)s. Dokumen yang diminta bergantung pada jenis mutasi."
        )
        % {"d": _daftar(d.label for d in semua_dokumen).lower()},
        "pppk_instansi": _(
            "Pegawai PPPK hanya dipindah di dalam perangkat daerah tempat perjanjian kerjanya: "
            "PP 49/2018 tidak mengatur mutasi PPPK, dan aturan pelaksanaan UU 20/2023 untuk "
            "PPPK antarinstansi belum ada."
        ),
        "pppk_jabatan": _(
            "Pegawai PPPK dipindah ke jabatan fungsional atau pelaksana, bukan jabatan struktural."
        ),
        "pppk_kontrak": _(
            "TMT kepindahan pegawai PPPK jatuh dalam masa perjanjian kerjanya; bila "
            "perjanjiannya berakhir dalam %(n)s bulan sesudah TMT, usulan ditinjau."
        )
        % {"n": settings.MUTASI_BULAN_KONTRAK_PPPK},
    }
    return [(str(nama), teks[kode]) for kode, nama in NAMA_SYARAT.items()]


_ALASAN = {
    KategoriAlasan.KEBUTUHAN_ORGANISASI: lambda: _(
        "Unit tujuan kekurangan pegawai untuk menjalankan tugasnya, menurut perhitungan "
        "kebutuhan pegawai dari beban kerjanya."
    ),
    KategoriAlasan.KESEIMBANGAN_BEBAN: lambda: _(
        "Pegawai dipindahkan dari unit yang kelebihan orang ke unit yang bebannya lebih berat, "
        "agar beban kerja lebih merata."
    ),
    KategoriAlasan.PENGEMBANGAN_KARIER: lambda: _(
        "Pegawai mendapat pengalaman dan tugas baru yang sejalan dengan jenjang kariernya."
    ),
    KategoriAlasan.PENYEGARAN: lambda: (
        _(
            "Pegawai sudah lama di jabatan yang sama (lebih dari %(n)s tahun); rotasi menyegarkan "
            "pegawai dan organisasinya."
        )
        % {"n": settings.MUTASI_MAX_TAHUN_JABATAN}
    ),
    KategoriAlasan.HASIL_PENILAIAN: lambda: _(
        "Penilaian kinerja menunjukkan pegawai lebih tepat ditempatkan di jabatan lain. "
        "Nilainya sendiri tidak diumumkan."
    ),
    KategoriAlasan.PERMINTAAN_SENDIRI: lambda: (
        _(
            "Pegawai sendiri yang meminta pindah; kepala perangkat daerahnya mengetahui usulan "
            "itu lebih dulu. Ke instansi lain baru dapat setelah masa kerja %(n)s tahun."
        )
        % {"n": settings.MUTASI_MASA_KERJA_PERMINTAAN_SENDIRI}
    ),
    KategoriAlasan.ALASAN_KELUARGA: lambda: _(
        "Pindah karena keadaan keluarga, misalnya untuk berkumpul dengan keluarga. Rincian "
        "keadaan keluarga tidak pernah diumumkan."
    ),
}


def tidak_dapat_dikecualikan() -> list[str]:
    """The names of the rules nobody may waive, in the order the app checks them."""
    return [str(nama) for kode, nama in NAMA_SYARAT.items() if kode in TIDAK_DAPAT_DIKECUALIKAN]


def alasan() -> list[tuple[str, str]]:
    """(reason category, what it means), every category of ``KategoriAlasan``."""
    return [(str(k.label), _ALASAN[k]()) for k in KategoriAlasan]


def jenis() -> list[tuple[str, str]]:
    """(type of move, who decides it), every type of ``JenisMutasi``."""
    lokal = _("Diputuskan oleh pejabat pemerintah daerah ini.")
    pertek = _(
        "Memerlukan Pertimbangan Teknis dari Badan Kepegawaian Negara (BKN) sebelum diputuskan."
    )
    return [(str(j.label), pertek if j in PERLU_PERTEK else lokal) for j in JenisMutasi]


def bulan_evaluasi(umum: Terapan) -> str:
    """The evaluation months in force for the whole government (``berlaku.seluruh_pemerintah``)."""
    return _daftar(umum[KunciKetentuan.EVALUASI_BULAN].nilai)
