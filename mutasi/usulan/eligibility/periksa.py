"""The checklist of a proposal (``periksa``) and of an employee before any proposal exists
(``periksa_pegawai``, ``periksa_jabatan_tujuan``): each rule with the facts behind it."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from instansi.choices import RumpunJabatan
from instansi.models import Formasi
from mutasi.ketentuan.berlaku import BAWAAN, Berlaku, Terapan
from mutasi.lib.pilihan import label, nama
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.usulan import kursi
from mutasi.usulan.choices import JenisMutasi
from mutasi.usulan.eligibility.daerah import _aturan_daerah, ketentuan_usulan
from mutasi.usulan.eligibility.pppk import _pppk
from mutasi.usulan.eligibility.predikat import (
    RUMPUN_UMUM,
    asal_terlindungi,
    golongan_memenuhi,
    ikatan_dinas_berlaku,
    kelas_memenuhi,
    masa_jabatan_memenuhi,
    pendidikan_memenuhi,
    pensiun_memenuhi,
    serumpun,
    setara,
    skp_gagal,
    tahun_skp,
    tmt_pensiun,
)
from mutasi.usulan.eligibility.syarat import (
    GAGAL,
    LULUS,
    SEBELUM_PUTUSAN,
    TINJAU,
    Syarat,
    _jenis_jenjang,
    _tingkatkan,
    lama,
    tahun_penuh,
)
from pegawai.choices import PANGKAT, Golongan, TingkatPendidikan
from pegawai.models import Pegawai


def periksa(usulan, today: datetime.date | None = None, berlaku: Berlaku | None = None):
    """Every rule for this proposal, with the facts, as of ``today``. ``berlaku`` is the rule
    settings in force that day, read once by a page that checks many proposals."""
    today = today or timezone.localdate()
    pegawai = usulan.pegawai
    target = usulan.formasi_tujuan
    jabatan = target.jabatan if target else None
    # The post the proposal moves the employee from, as filed (after the move the employee
    # holds the target).
    asal = usulan.jabatan_asal if usulan.jabatan_asal_id else pegawai.jabatan
    k = ketentuan_usulan(usulan, asal, today, berlaku)
    # Retirement is judged on the day the move takes effect: the letter's TMT once a
    # publication sets it (``tmt_sk``), else the plan's.
    tmt = getattr(usulan, "tmt_sk", None) or usulan.tanggal_rencana or today
    results = [
        _masa_jabatan(pegawai, today, k),
        _skp(pegawai, today, k),
        _disiplin(pegawai, today),
        _tugas_belajar(pegawai, today),
        _pns_baru(usulan, pegawai, today, k),
    ]
    if jabatan is not None:
        results += [
            _setara(asal, jabatan),
            _kelas(asal, jabatan, k),
            _rumpun(pegawai, asal, jabatan),
            _golongan(pegawai, jabatan),
            _pendidikan(pegawai, jabatan),
            _pensiun(pegawai, jabatan, tmt, k),
            _lowongan(usulan, target),
        ]
    if pegawai.pppk:
        results += _pppk(usulan, pegawai, jabatan, today)
    if usulan.unit_asal_id:
        results.append(_unit_asal(usulan))
    results.append(_dokumen(usulan))
    if usulan.masuk:
        results = [_dari_dokumen_asal(s) for s in results]
    results += _aturan_daerah(usulan, pegawai, today, k)
    exceptions = {p.syarat: p for p in usulan.pengecualian.all()} if usulan.pk else {}
    for syarat in results:
        _tingkatkan(syarat)
        syarat.pengecualian = exceptions.get(syarat.kode)
    return results


# Rules that need this government's own records (SKP, penalties, the post held here): for a
# person coming from another government they are judged from the origin's documents.
DARI_DOKUMEN_ASAL = frozenset(
    {"skp", "disiplin", "tugas_belajar", "setara", "kelas", "rumpun", "unit_asal"}
)


def _dari_dokumen_asal(syarat: Syarat) -> Syarat:
    if syarat.kode not in DARI_DOKUMEN_ASAL:
        return syarat
    return Syarat(syarat.kode, TINJAU, _("Dinilai dari dokumen instansi asal"), wajib=False)


# What carrying out a decided move re-checks: the employee's standing on the day they report
# (a penalty imposed since, study leave, retirement), not the filing rules of an earlier day.
SYARAT_PELAKSANAAN = ("disiplin", "tugas_belajar", "pensiun")

# What a correcting letter that gives someone another post re-checks besides: that the new
# post is one a move may go to (equivalent, class not lower, family, rank, education).
SYARAT_JABATAN_TUJUAN = ("setara", "kelas", "rumpun", "golongan", "pendidikan", "pppk_jabatan")


def menghalangi(results: list[Syarat]) -> list[Syarat]:
    return [s for s in results if s.menghalangi]


def periksa_pegawai(pegawai, today: datetime.date) -> list[Syarat]:
    """The rules that depend on the employee alone (a proposal for keseimbangan/kebutuhan
    organisasi is never an own request, so the new-PNS rule passes)."""
    rules = [
        _masa_jabatan(pegawai, today),
        _skp(pegawai, today),
        _disiplin(pegawai, today),
        _tugas_belajar(pegawai, today),
    ]
    return [_tingkatkan(s) for s in rules]


def periksa_jabatan_tujuan(pegawai, jabatan, today: datetime.date) -> list[Syarat]:
    """The rules that depend on the employee (in their current post) and the target jabatan."""
    rules = [
        _setara(pegawai.jabatan, jabatan),
        _kelas(pegawai.jabatan, jabatan),
        _rumpun(pegawai, pegawai.jabatan, jabatan),
        _golongan(pegawai, jabatan),
        _pendidikan(pegawai, jabatan),
        _pensiun(pegawai, jabatan, today),
    ]
    return [_tingkatkan(s) for s in rules]


def _masa_jabatan(pegawai, today, k: Terapan = BAWAAN):
    fakta = _("%(d)s dalam jabatan (sejak %(t)s)") % {
        "d": lama(pegawai.tmt_jabatan, today),
        "t": tanggal_indonesia(pegawai.tmt_jabatan),
    }
    versi = k.catatan("min_tahun_jabatan", "max_tahun_jabatan")
    minimal, maksimal = k.angka("min_tahun_jabatan"), k.angka("max_tahun_jabatan")
    years = tahun_penuh(pegawai.tmt_jabatan, today)
    if not masa_jabatan_memenuhi(pegawai.tmt_jabatan, today, minimal):
        minimum = _("minimal %(n)s tahun") % {"n": minimal}
        return Syarat("masa_jabatan", GAGAL, f"{fakta}; {minimum}", ketentuan=versi)
    if years >= maksimal:
        note = _("lebih dari %(n)s tahun: prioritas rotasi") % {"n": maksimal}
        return Syarat("masa_jabatan", LULUS, f"{fakta}; {note}", ketentuan=versi)
    return Syarat("masa_jabatan", LULUS, fakta, ketentuan=versi)


def _skp(pegawai, today, k: Terapan = BAWAAN):
    years = tahun_skp(today, k.angka("tahun_skp"))
    versi = k.catatan("tahun_skp")
    found = {s.tahun: s for s in pegawai.skp.all() if s.tahun in years}
    parts = [
        f"SKP {y}: {label(found[y], 'predikat') if y in found else _('tidak ada')}" for y in years
    ]
    fakta = ", ".join(parts)
    if skp_gagal({y: s.predikat for y, s in found.items()}, years):
        return Syarat("skp", GAGAL, fakta + _("; setiap tahun minimal Baik"), ketentuan=versi)
    return Syarat("skp", LULUS, fakta, ketentuan=versi)


def _disiplin(pegawai, today):
    active = [h for h in pegawai.hukuman_disiplin.all() if h.berlaku_pada(today)]
    if active:
        h = active[0]
        fakta = _("Hukuman disiplin %(t)s berlaku sampai %(d)s") % {
            "t": h.get_tingkat_display().lower(),
            "d": tanggal_indonesia(h.selesai),
        }
        return Syarat("disiplin", GAGAL, fakta)
    if pegawai.dalam_proses_hukum:
        return Syarat("disiplin", GAGAL, _("Sedang dalam proses disiplin atau pidana"))
    return Syarat("disiplin", LULUS, _("Tidak ada hukuman disiplin yang berlaku"))


def _tugas_belajar(pegawai, today):
    if pegawai.tugas_belajar:
        return Syarat("tugas_belajar", GAGAL, _("Sedang tugas belajar"))
    if ikatan_dinas_berlaku(pegawai.ikatan_dinas_sampai, today):
        fakta = _("Terikat ikatan dinas sampai %(d)s") % {
            "d": tanggal_indonesia(pegawai.ikatan_dinas_sampai)
        }
        return Syarat("tugas_belajar", GAGAL, fakta)
    return Syarat("tugas_belajar", LULUS, _("Tidak tugas belajar, tidak terikat ikatan dinas"))


def _pns_baru(usulan, pegawai, today, k: Terapan = BAWAAN):
    if pegawai.pppk:
        return Syarat(
            "pns_baru",
            LULUS,
            _("PPPK: tidak berlaku; PPPK tidak pindah ke instansi lain (lihat syarat PPPK)"),
        )
    fakta = _("Masa kerja %(d)s sejak CPNS") % {"d": lama(pegawai.tmt_cpns, today)}
    if not (usulan.permintaan_sendiri and usulan.jenis != JenisMutasi.DALAM_OPD):
        return Syarat("pns_baru", LULUS, fakta + _("; bukan permintaan sendiri ke instansi lain"))
    minimal = k.angka("masa_kerja_permintaan_sendiri")
    versi = k.catatan("masa_kerja_permintaan_sendiri")
    if tahun_penuh(pegawai.tmt_cpns, today) < minimal:
        minimum = _("minimal %(n)s tahun untuk pindah instansi atas permintaan sendiri") % {
            "n": minimal
        }
        return Syarat("pns_baru", GAGAL, f"{fakta}; {minimum}", ketentuan=versi)
    return Syarat("pns_baru", LULUS, fakta, ketentuan=versi)


def _setara(asal, jabatan):
    fakta = _("Dari %(a)s ke %(t)s") % {"a": _jenis_jenjang(asal), "t": _jenis_jenjang(jabatan)}
    if setara(asal.jenis, asal.jenjang, jabatan.jenis, jabatan.jenjang):
        return Syarat("setara", LULUS, fakta)
    note = _(
        "; mutasi hanya ke jabatan setara (pindah jenis atau jenjang adalah pengangkatan, "
        "promosi atau demosi, bukan mutasi)"
    )
    return Syarat("setara", GAGAL, fakta + note)


def _kelas(asal, jabatan, k: Terapan = BAWAAN):
    naik_maks, versi = k.angka("kelas_naik_maks"), k.catatan("kelas_naik_maks")
    beda = jabatan.kelas - asal.kelas
    if beda > 0:
        arah = _("naik %(n)s") % {"n": beda}
    elif beda < 0:
        arah = _("turun %(n)s") % {"n": -beda}
    else:
        arah = _("tetap")
    fakta = _("Kelas jabatan %(a)s ke %(t)s (%(arah)s)") % {
        "a": asal.kelas,
        "t": jabatan.kelas,
        "arah": arah,
    }
    if kelas_memenuhi(asal.kelas, jabatan.kelas, naik_maks):
        return Syarat("kelas", LULUS, fakta, ketentuan=versi)
    if beda < 0:
        note = _("; mutasi tidak boleh menurunkan kelas jabatan")
        return Syarat("kelas", GAGAL, fakta + note, ketentuan=versi)
    note = _("; paling banyak naik %(k)s kelas") % {"k": naik_maks}
    return Syarat("kelas", GAGAL, fakta + note, ketentuan=versi)


def _nama_rumpun(kode) -> str:
    return nama(RumpunJabatan, kode) if kode else _("belum dicatat")


def _rumpun(pegawai, asal, jabatan):
    bidang = pegawai.bidang_pendidikan
    pendidikan = bidang.rumpun if bidang else ""
    fakta = _("Rumpun jabatan tujuan: %(t)s") % {"t": _nama_rumpun(jabatan.rumpun)}
    if jabatan.rumpun == RUMPUN_UMUM:
        return Syarat("rumpun", LULUS, fakta + _(", rumpun umum yang terbuka bagi semua rumpun"))
    fakta += _("; jabatan sekarang: %(a)s") % {"a": _nama_rumpun(asal.rumpun)}
    if bidang:
        fakta += _("; pendidikan %(b)s: %(r)s") % {"b": bidang, "r": _nama_rumpun(pendidikan)}
    cocok = serumpun(jabatan.rumpun, asal.rumpun, pendidikan)
    if cocok is None:
        note = _("; rumpun belum dicatat, kesesuaiannya perlu ditinjau")
        return Syarat("rumpun", TINJAU, fakta + note, wajib=False)
    if cocok:
        return Syarat("rumpun", LULUS, fakta)
    note = _("; tidak serumpun dengan jabatan sekarang maupun pendidikannya")
    return Syarat("rumpun", GAGAL, fakta + note)


def _golongan(pegawai, jabatan):
    if pegawai.pppk:
        fakta = _(
            "%(g)s; golongan/ruang minimal jabatan (%(m)s) berlaku bagi PNS, PPPK diangkat "
            "menurut kualifikasi jabatan dalam perjanjian kerjanya (PP 49/2018)"
        ) % {"g": pegawai.pangkat_golongan, "m": Golongan(jabatan.golongan_minimal).label}
        return Syarat("golongan", LULUS, fakta)
    fakta = _("Golongan %(g)s; jabatan tujuan minimal %(m)s (%(p)s)") % {
        "g": pegawai.get_golongan_display(),
        "m": Golongan(jabatan.golongan_minimal).label,
        "p": PANGKAT[jabatan.golongan_minimal],
    }
    ok = golongan_memenuhi(pegawai.golongan, jabatan.golongan_minimal)
    return Syarat("golongan", LULUS if ok else GAGAL, fakta)


def _pendidikan(pegawai, jabatan):
    required = list(jabatan.bidang_pendidikan.all())
    minimal = jabatan.pendidikan_minimal
    if not required and not minimal:
        return Syarat(
            "pendidikan", LULUS, _("Jabatan tujuan tidak mensyaratkan pendidikan tertentu")
        )
    held = pegawai.bidang_pendidikan
    level = label(pegawai, "tingkat_pendidikan") if pegawai.tingkat_pendidikan else None
    wanted = []
    if minimal:
        wanted.append(_("minimal %(t)s") % {"t": TingkatPendidikan(minimal).label})
    if required:
        wanted.append(", ".join(b.nama for b in required))
    fakta = _("Pendidikan %(h)s; disyaratkan %(r)s") % {
        "h": " ".join(str(x) for x in (level, held) if x) or _("tidak tercatat"),
        "r": "; ".join(str(w) for w in wanted),
    }
    ok = pendidikan_memenuhi(
        pegawai.tingkat_pendidikan, held.pk if held else None, minimal, {b.pk for b in required}
    )
    return Syarat("pendidikan", LULUS if ok else GAGAL, fakta)


def _pensiun(pegawai, jabatan, on, k: Terapan = BAWAAN):
    jarak, versi = k.angka("tahun_sebelum_pensiun"), k.catatan("tahun_sebelum_pensiun")
    bup = jabatan.batas_usia_pensiun
    pensiun = tmt_pensiun(pegawai.tanggal_lahir, bup)
    fakta = _("Usia %(u)s tahun; pensiun (BUP %(b)s) mulai %(d)s, %(s)s lagi") % {
        "u": pegawai.usia(on),
        "b": bup,
        "d": tanggal_indonesia(pensiun),
        "s": lama(on, pensiun),
    }
    if not pensiun_memenuhi(pegawai.tanggal_lahir, bup, on, jarak):
        minimum = _("minimal %(n)s tahun sebelum pensiun") % {"n": jarak}
        return Syarat("pensiun", GAGAL, f"{fakta}; {minimum}", ketentuan=versi)
    return Syarat("pensiun", LULUS, fakta, ketentuan=versi)


def _holders(unit_id, jabatan_id) -> int:
    return Pegawai.objects.filter(unit_id=unit_id, jabatan_id=jabatan_id, aktif=True).count()


def kursi_usulan(usulan, target) -> kursi.Kursi:
    """The target's seats as this proposal sees them (itself left out of the incoming). A
    formasi read with ``kursi.dengan_kursi()`` or ``daftar_kursi()`` brings its counts; else
    they are counted now."""
    if getattr(target, "masuk", None) is None:
        return kursi.hitung(target, kecuali=usulan)
    sendiri = usulan.status in kursi.MENGISI and usulan.formasi_tujuan_id == target.pk
    return kursi.Kursi(target.kebutuhan, target.bezetting, target.masuk - sendiri, target.keluar)


def _lowongan(usulan, target):
    seats = kursi_usulan(usulan, target)
    fakta = _("Formasi tujuan: %(k)s") % {"k": seats}
    if seats.bebas >= 1:
        return Syarat("lowongan", LULUS, fakta)
    if usulan.justifikasi_tujuan.strip() and usulan.status in SEBELUM_PUTUSAN:
        note = _("; tidak lowong, ada justifikasi (persetujuan tetap menunggu kursi kosong)")
        return Syarat("lowongan", TINJAU, fakta + note, wajib=False)
    return Syarat("lowongan", GAGAL, fakta + _("; tidak ada kursi kosong"))


def _unit_asal(usulan):
    # Lists of many proposals bring both figures (``dampak.dampak_semua(..., isi_asal=True)``,
    # ``pencocokan.data.draf``).
    if hasattr(usulan, "bezetting_asal"):
        kebutuhan, bezetting = usulan.kebutuhan_asal or 0, usulan.bezetting_asal
    else:
        formasi = Formasi.objects.filter(
            unit_id=usulan.unit_asal_id, jabatan_id=usulan.jabatan_asal_id
        )
        kebutuhan = formasi.values_list("kebutuhan", flat=True).first() or 0
        bezetting = _holders(usulan.unit_asal_id, usulan.jabatan_asal_id)
    fakta = _("Formasi asal: kebutuhan %(k)s, terisi %(b)s, sesudah pindah %(s)s") % {
        "k": kebutuhan,
        "b": bezetting,
        "s": bezetting - 1,
    }
    if usulan.asal_dikurangi_sengaja:
        fakta += _("; BKD menyatakan pengurangan ini disengaja")
    if not asal_terlindungi(kebutuhan, bezetting):
        return Syarat("unit_asal", LULUS, fakta)
    if bezetting - 1 < kebutuhan:
        return Syarat("unit_asal", GAGAL, fakta + _("; unit asal akan kekurangan"))
    return Syarat(
        "unit_asal", GAGAL, fakta + _("; ia satu-satunya pemegang jabatan ini di unitnya")
    )


def _dokumen(usulan):
    required = usulan.dokumen_wajib
    present = {d.jenis for d in usulan.dokumen.all()} if usulan.pk else set()
    missing = [d for d in required if d not in present]
    fakta = _("%(a)s dari %(b)s dokumen wajib diunggah") % {
        "a": len(required) - len(missing),
        "b": len(required),
    }
    if missing:
        return Syarat("dokumen", GAGAL, fakta)
    return Syarat("dokumen", LULUS, fakta)
