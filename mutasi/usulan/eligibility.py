"""The eligibility checklist of a proposal (docs/domain.md §4), computed from the data.

Each rule passes or fails, with the fact behind it. What a failure does is the rule's level
(``MUTASI_TINGKAT_SYARAT``): ``blokir`` stops the proposal (``gagal``) unless an exception was
asked for by one person and granted by another, ``tinjau`` asks for review, ``info`` only
informs. Some rules are never waivable (``TIDAK_DAPAT_DIKECUALIKAN``). Thresholds are settings
(``MUTASI_*``). The services re-check the list at every decision and store it as it stood
(``mutasi.usulan.jejak``).

The thresholds may also be set in the app, by scope and from an effective date, and the
region may add extra rules (``mutasi.ketentuan``): ``periksa`` reads what is in force and each
line that depends on one names the version applied (``Syarat.ketentuan``).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from instansi.choices import JenisJabatan, RumpunJabatan
from instansi.models import Formasi
from mutasi.ketentuan.berlaku import BAWAAN, Berlaku, Terapan
from mutasi.ketentuan.choices import DihitungDari, JenisAturan
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.usulan import kursi
from mutasi.usulan.choices import JenisMutasi, StatusDokumen, StatusUsulan
from pegawai.choices import PANGKAT, Golongan, PredikatSkp, TingkatPendidikan
from pegawai.models import Pegawai
from pegawai.nip import add_years

LULUS, GAGAL, TINJAU, INFO = "lulus", "gagal", "tinjau", "info"
BLOKIR = "blokir"

# A penalty in force, a criminal process, retirement, a full formasi and missing documents
# hold whatever anyone says.
TIDAK_DAPAT_DIKECUALIKAN = frozenset(
    {"disiplin", "pensiun", "lowongan", "dokumen", "pppk_instansi", "pppk_kontrak"}
)

# Before the official decides, a full target may still be proposed with a justification (its
# holder retires, say); from the decision on, a seat must be free.
SEBELUM_PUTUSAN = (
    StatusUsulan.KONSEP,
    StatusUsulan.MENUNGGU_KEPALA,
    StatusUsulan.DIAJUKAN,
    StatusUsulan.TERVERIFIKASI,
    StatusUsulan.DIPERTIMBANGKAN,
)

NAMA_SYARAT = {
    "masa_jabatan": gettext_lazy("Masa dalam jabatan sekarang"),
    "skp": gettext_lazy("Predikat SKP"),
    "disiplin": gettext_lazy("Bebas hukuman disiplin dan proses hukum"),
    "tugas_belajar": gettext_lazy("Tidak tugas belajar atau terikat ikatan dinas"),
    "pns_baru": gettext_lazy("Masa kerja untuk pindah atas permintaan sendiri"),
    "setara": gettext_lazy("Jabatan setara: jenis dan jenjang sama"),
    "kelas": gettext_lazy("Kelas jabatan tidak turun dan tidak melompat"),
    "rumpun": gettext_lazy("Rumpun jabatan sesuai"),
    "golongan": gettext_lazy("Golongan minimal jabatan tujuan"),
    "pendidikan": gettext_lazy("Bidang pendidikan jabatan tujuan"),
    "pensiun": gettext_lazy("Jarak ke batas usia pensiun"),
    "lowongan": gettext_lazy("Lowongan pada formasi tujuan"),
    "unit_asal": gettext_lazy("Unit asal tidak jatuh di bawah kebutuhan"),
    "dokumen": gettext_lazy("Dokumen wajib"),
    "pppk_instansi": gettext_lazy("PPPK: pindah hanya di dalam perangkat daerah perjanjian kerja"),
    "pppk_jabatan": gettext_lazy("PPPK: jabatan fungsional atau pelaksana"),
    "pppk_kontrak": gettext_lazy("PPPK: TMT dalam masa perjanjian kerja"),
}

# The lines of the region's extra rules (``mutasi.ketentuan``), one per kind that applies; each
# carries the message BKD wrote. Never waivable: a region that wants one waived ends the rule.
NAMA_ATURAN_DAERAH = {
    "daerah_dokumen": gettext_lazy("Dokumen wajib aturan daerah"),
    "daerah_masa_kunci": gettext_lazy("Masa kunci aturan daerah"),
    "daerah_larangan": gettext_lazy("Masa larangan mutasi"),
}


@dataclass
class Syarat:
    kode: str
    status: str
    fakta: str
    wajib: bool = True  # False: a failure here never blocks, whatever the level
    pengecualian: object = None  # the PengecualianSyarat asked or granted for this rule
    ketentuan: str = ""  # the versions of the settings applied ("" for a rule with none)

    @property
    def nama(self):
        return NAMA_SYARAT.get(self.kode) or NAMA_ATURAN_DAERAH[self.kode]

    @property
    def tingkat(self) -> str:
        # A regional extra rule blocks when it fails (its own wording says when it only asks).
        return settings.MUTASI_TINGKAT_SYARAT.get(self.kode, BLOKIR) if self.wajib else TINJAU

    @property
    def dapat_dikecualikan(self) -> bool:
        return self.kode in NAMA_SYARAT and self.kode not in TIDAK_DAPAT_DIKECUALIKAN

    @property
    def dikecualikan(self) -> bool:
        """A second person granted an exception (a request alone changes nothing)."""
        return bool(self.pengecualian and self.pengecualian.diberikan and self.dapat_dikecualikan)

    @property
    def menghalangi(self) -> bool:
        return self.status == GAGAL and not self.dikecualikan


def _tingkatkan(syarat: Syarat) -> Syarat:
    """A failed rule takes its level: blocks, needs review, or only informs."""
    if syarat.status == GAGAL:
        tingkat = syarat.tingkat
        if tingkat == TINJAU:
            syarat.status, syarat.wajib = TINJAU, False
        elif tingkat == INFO:
            syarat.status, syarat.wajib = INFO, False
    return syarat


def memblokir(kode: str) -> bool:
    return settings.MUTASI_TINGKAT_SYARAT[kode] == BLOKIR


def lama(start: datetime.date, end: datetime.date) -> str:
    """'3 tahun 2 bulan' between two dates."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    months = max(months, 0)
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(_("%(n)s tahun") % {"n": years})
    if months or not years:
        parts.append(_("%(n)s bulan") % {"n": months})
    return " ".join(parts)


def tahun_penuh(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


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
            _pensiun(pegawai, jabatan, usulan.tanggal_rencana or today, k),
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


def menghalangi(results: list[Syarat]) -> list[Syarat]:
    return [s for s in results if s.menghalangi]


# Matching (issue 7) checks thousands of employees before any proposal exists. It runs the
# same rule functions, split into what depends on the employee alone (once per employee) and
# what depends on the target jabatan; the two predicates below are the only arithmetic it
# repeats in bulk, and the rules themselves call them.


def golongan_memenuhi(golongan: int | None, minimal: int) -> bool:
    """A PPPK (no golongan/ruang) never passes: matching proposes PNS only, a PPPK's move is
    filed by hand within their agency."""
    return golongan is not None and golongan >= minimal


def setara(jenis_asal, jenjang_asal, jenis_tujuan, jenjang_tujuan) -> bool:
    """The same kind of post (jabatan setara): structural of the same level (eselon),
    functional of the same jenjang, pelaksana to pelaksana."""
    if jenis_asal != jenis_tujuan:
        return False
    return jenis_asal == JenisJabatan.PELAKSANA or jenjang_asal == jenjang_tujuan


def kelas_memenuhi(asal: int, tujuan: int, naik_maks: int | None = None) -> bool:
    """The job class never drops and rises by at most ``MUTASI_KELAS_NAIK_MAKS``."""
    naik_maks = settings.MUTASI_KELAS_NAIK_MAKS if naik_maks is None else naik_maks
    return asal <= tujuan <= asal + naik_maks


# General administration and management: every post's work includes it, so its posts are
# open to every family (the education and class rules still apply).
RUMPUN_UMUM = RumpunJabatan.ADMINISTRASI


def serumpun(tujuan: str, asal: str, pendidikan: str) -> bool | None:
    """Whether the target post's job family is the general one (``RUMPUN_UMUM``), or that of
    the employee's current post or of their field of study; None when it cannot be told (a
    family not recorded)."""
    if tujuan == RUMPUN_UMUM:
        return True
    if not tujuan or not (asal or pendidikan):
        return None
    return tujuan in (asal, pendidikan)


def asal_terlindungi(kebutuhan: int, bezetting: int) -> bool:
    """Moving one holder out would leave the origin formasi below its need, or the employee
    holds the post alone in the unit."""
    return bezetting - 1 < kebutuhan or bezetting <= 1


def pensiun_memenuhi(tanggal_lahir: datetime.date, bup: int, on: datetime.date, jarak=None) -> bool:
    jarak = settings.MUTASI_TAHUN_SEBELUM_PENSIUN if jarak is None else jarak
    return add_years(on, jarak) <= add_years(tanggal_lahir, bup)


def masa_jabatan_memenuhi(tmt_jabatan: datetime.date, today: datetime.date, minimal=None) -> bool:
    minimal = settings.MUTASI_MIN_TAHUN_JABATAN if minimal is None else minimal
    return tahun_penuh(tmt_jabatan, today) >= minimal


def tahun_skp(today: datetime.date, jumlah: int | None = None) -> list[int]:
    """The years whose SKP counts, oldest first: the last ``MUTASI_TAHUN_SKP`` complete years,
    last year's only from ``MUTASI_BULAN_SKP_TERSEDIA`` on (its rating is set in the first
    months of the year; before that the years before it count)."""
    last = today.year - 1 if today.month >= settings.MUTASI_BULAN_SKP_TERSEDIA else today.year - 2
    jumlah = settings.MUTASI_TAHUN_SKP if jumlah is None else jumlah
    return list(range(last - jumlah + 1, last + 1))


def skp_kurang(predikat: int) -> bool:
    """Below Baik: fails the SKP rule (so does a missing year)."""
    return predikat < PredikatSkp.BAIK


def skp_gagal(predikat_per_tahun: dict, years) -> bool:
    """The SKP rule fails: a counted year below Baik or missing."""
    return any(y not in predikat_per_tahun or skp_kurang(predikat_per_tahun[y]) for y in years)


def pendidikan_memenuhi(tingkat, bidang_id, minimal, bidang_wajib: set) -> bool:
    """The employee's education reaches the jabatan's level and, where fields are named,
    is in one of them."""
    if minimal and (tingkat or 0) < minimal:
        return False
    return not bidang_wajib or bidang_id in bidang_wajib


def ikatan_dinas_berlaku(sampai: datetime.date | None, today: datetime.date) -> bool:
    return bool(sampai) and sampai >= today


def pegawai_terhalang(pegawai, today: datetime.date) -> bool:
    """Whether any rule of ``periksa_pegawai`` blocks, without building its texts: the same
    predicates, for thousands of employees at once."""
    if memblokir("masa_jabatan") and not masa_jabatan_memenuhi(pegawai.tmt_jabatan, today):
        return True
    predikat = {s.tahun: s.predikat for s in pegawai.skp.all()}
    if memblokir("skp") and skp_gagal(predikat, tahun_skp(today)):
        return True
    if memblokir("disiplin") and (
        pegawai.dalam_proses_hukum
        or any(h.berlaku_pada(today) for h in pegawai.hukuman_disiplin.all())
    ):
        return True
    return memblokir("tugas_belajar") and (
        pegawai.tugas_belajar or ikatan_dinas_berlaku(pegawai.ikatan_dinas_sampai, today)
    )


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
        f"SKP {y}: {found[y].get_predikat_display() if y in found else _('tidak ada')}"
        for y in years
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


def _jenis_jenjang(jabatan) -> str:
    if jabatan.jenis == JenisJabatan.PELAKSANA:
        return str(jabatan.get_jenis_display()).lower()
    return f"{str(jabatan.get_jenis_display()).lower()} {jabatan.get_jenjang_display()}"


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
    return str(RumpunJabatan(kode).label) if kode else _("belum dicatat")


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
    level = pegawai.get_tingkat_pendidikan_display() if pegawai.tingkat_pendidikan else None
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
    pensiun = add_years(pegawai.tanggal_lahir, bup)
    fakta = _("Usia %(u)s tahun; pensiun (BUP %(b)s) pada %(d)s, %(s)s lagi") % {
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
    # Lists of many proposals annotate both figures (``panel.perbandingan.kandidat_queryset``).
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


# --- The settings kept in the app and the region's extra rules (issue 20) ----------------


def ketentuan_usulan(usulan, asal, today, berlaku: Berlaku | None = None) -> Terapan:
    """The thresholds and extra rules in force for this proposal on ``today``."""
    if berlaku is None or berlaku.hari != today:
        berlaku = Berlaku(today)
    return berlaku.untuk_usulan(usulan, asal)


def _aturan_daerah(usulan, pegawai, today, k: Terapan) -> list[Syarat]:
    by_kind = {kind: [a for a in k.aturan if a.jenis == kind] for kind in JenisAturan.values}
    results = []
    if by_kind[JenisAturan.DOKUMEN]:
        results.append(_daerah_dokumen(usulan, by_kind[JenisAturan.DOKUMEN]))
    if by_kind[JenisAturan.MASA_KUNCI]:
        results.append(_daerah_masa_kunci(pegawai, today, by_kind[JenisAturan.MASA_KUNCI]))
    if by_kind[JenisAturan.LARANGAN]:
        results.append(_daerah_larangan(usulan, by_kind[JenisAturan.LARANGAN]))
    return results


def _versi(rules) -> str:
    return "; ".join(a.versi for a in rules)


def _daerah_dokumen(usulan, rules):
    """Each document a regional rule requires must be accepted by the verifier."""
    accepted = (
        {d.jenis for d in usulan.dokumen.all() if d.status == StatusDokumen.DITERIMA}
        if usulan.pk
        else set()
    )
    missing = [a for a in rules if a.jenis_dokumen not in accepted]
    if missing:
        fakta = " ".join(
            _("%(p)s (%(d)s belum diterima verifikator)")
            % {"p": a.pesan.strip(), "d": a.get_jenis_dokumen_display()}
            for a in missing
        )
        return Syarat("daerah_dokumen", GAGAL, fakta, ketentuan=_versi(rules))
    fakta = _("Diterima verifikator: %(d)s") % {
        "d": ", ".join(a.get_jenis_dokumen_display() for a in rules)
    }
    return Syarat("daerah_dokumen", LULUS, fakta, ketentuan=_versi(rules))


def _daerah_masa_kunci(pegawai, today, rules):
    """No move within the lock period after appointment or taking the current post."""
    failing, facts = [], []
    for a in rules:
        start = (
            pegawai.tmt_pengangkatan
            if a.dihitung_dari == DihitungDari.TMT_CPNS
            else pegawai.tmt_jabatan
        )
        if start is None:  # a PPPK whose contract start is not recorded
            failing.append(
                _("%(p)s (tanggal pengangkatan tidak tercatat; lengkapi data pegawai)")
                % {"p": a.pesan.strip()}
            )
            continue
        fakta = _("masa kunci %(n)s tahun sejak %(dari)s %(t)s; baru %(d)s") % {
            "n": a.tahun,
            "dari": a.get_dihitung_dari_display(),
            "t": tanggal_indonesia(start),
            "d": lama(start, today),
        }
        if tahun_penuh(start, today) < a.tahun:
            failing.append(f"{a.pesan.strip()} ({fakta})")
        else:
            facts.append(fakta)
    if failing:
        return Syarat("daerah_masa_kunci", GAGAL, " ".join(failing), ketentuan=_versi(rules))
    fakta = _("Masa kunci sudah lewat: %(f)s") % {"f": "; ".join(facts)}
    return Syarat("daerah_masa_kunci", LULUS, fakta, ketentuan=_versi(rules))


# Where a blackout stops a proposal: at the official's approval and at publication. Before,
# the work goes on and the line asks for review; after publication it only informs.
MENUNGGU_PUTUSAN = (StatusUsulan.DIPERTIMBANGKAN, StatusUsulan.DISETUJUI)


def _daerah_larangan(usulan, rules):
    """No proposal is approved or published within a blackout period."""
    fakta = " ".join(
        _("%(p)s (%(a)s sampai %(b)s)")
        % {
            "p": a.pesan.strip(),
            "a": tanggal_indonesia(a.berlaku_mulai),
            "b": tanggal_indonesia(a.berlaku_sampai),
        }
        for a in rules
    )
    versi = _versi(rules)
    if usulan.status in MENUNGGU_PUTUSAN:
        return Syarat("daerah_larangan", GAGAL, fakta, ketentuan=versi)
    if usulan.status in SEBELUM_PUTUSAN:
        note = _("; persetujuan dan penetapan menunggu masa larangan berakhir")
        return Syarat("daerah_larangan", TINJAU, fakta + note, wajib=False, ketentuan=versi)
    return Syarat("daerah_larangan", INFO, fakta, wajib=False, ketentuan=versi)


# The rules of a PPPK only (a PNS's checklist has none of them).
SYARAT_PPPK = ("pppk_instansi", "pppk_jabatan", "pppk_kontrak")

# PPPK (PP 49/2018; UU 20/2023 Pasal 51 opens mutasi of ASN, but the implementing rules for
# PPPK between agencies do not exist yet): modelled conservatively, a PPPK moves only within
# the agency of their contract, to a functional or pelaksana post, within the contract.


def kontrak_berakhir_dalam(pegawai, on: datetime.date) -> bool:
    """The contract ends within ``MUTASI_BULAN_KONTRAK_PPPK`` months of ``on``."""
    selesai = pegawai.perjanjian_kerja_selesai
    month = on.month - 1 + settings.MUTASI_BULAN_KONTRAK_PPPK
    batas = datetime.date(on.year + month // 12, month % 12 + 1, min(on.day, 28))
    return bool(selesai) and selesai < batas


def _pppk(usulan, pegawai, jabatan, today) -> list[Syarat]:
    rules = [_pppk_instansi(usulan)]
    if jabatan is not None:
        rules.append(_pppk_jabatan(jabatan))
    # The letter's TMT once a letter is being published (``terbit`` sets it), else the plan.
    tmt = getattr(usulan, "tmt_sk", None) or usulan.tanggal_rencana or today
    rules.append(_pppk_kontrak(pegawai, tmt))
    return rules


def _pppk_instansi(usulan):
    asal = usulan.unit_asal.perangkat_daerah if usulan.unit_asal_id else None
    tujuan = usulan.formasi_tujuan.unit.perangkat_daerah if usulan.formasi_tujuan_id else None
    fakta = _("Dari %(a)s ke %(t)s") % {"a": asal or "—", "t": tujuan or "—"}
    if usulan.jenis == JenisMutasi.DALAM_OPD and (tujuan is None or tujuan == asal):
        return Syarat("pppk_instansi", LULUS, fakta)
    note = _(
        "; PPPK hanya dapat dipindah di dalam perangkat daerah perjanjian kerjanya (PP 49/2018 "
        "tidak mengatur mutasi PPPK; aturan pelaksanaan UU 20/2023 Pasal 51 untuk PPPK "
        "antarinstansi belum ada)"
    )
    return Syarat("pppk_instansi", GAGAL, fakta + note)


def _pppk_jabatan(jabatan):
    fakta = _("Jabatan tujuan: %(j)s") % {"j": _jenis_jenjang(jabatan)}
    if jabatan.jenis != JenisJabatan.STRUKTURAL:
        return Syarat("pppk_jabatan", LULUS, fakta)
    note = _(
        "; PPPK mengisi jabatan fungsional atau pelaksana sesuai perjanjian kerjanya, bukan "
        "jabatan struktural (PP 49/2018 Pasal 2)"
    )
    return Syarat("pppk_jabatan", GAGAL, fakta + note)


def _pppk_kontrak(pegawai, tmt):
    selesai = pegawai.perjanjian_kerja_selesai
    fakta = _("Perjanjian kerja %(n)s berlaku sampai %(s)s; rencana TMT %(t)s") % {
        "n": pegawai.nomor_perjanjian_kerja or "—",
        "s": tanggal_indonesia(selesai) if selesai else "—",
        "t": tanggal_indonesia(tmt),
    }
    if not selesai or tmt > selesai:
        note = _(
            "; TMT sesudah perjanjian kerja berakhir: PPPK hanya bekerja dalam masa perjanjian "
            "kerjanya (PP 49/2018 Pasal 37), perpanjang dulu perjanjiannya"
        )
        return Syarat("pppk_kontrak", GAGAL, fakta + note)
    if kontrak_berakhir_dalam(pegawai, tmt):
        note = _("; perjanjian kerja berakhir dalam %(n)s bulan: tinjau perpanjangannya") % {
            "n": settings.MUTASI_BULAN_KONTRAK_PPPK
        }
        return Syarat("pppk_kontrak", TINJAU, fakta + note, wajib=False)
    return Syarat("pppk_kontrak", LULUS, fakta)
