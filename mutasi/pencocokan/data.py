"""Facts about employees and vacancies, loaded in a fixed number of queries, and the score
and hard rules of one (employee, vacancy) pair computed from them.

The hard rules are those of ``mutasi.usulan.eligibility`` (one source of truth): the employee-only
rules run once per employee, the target-jabatan rules once per pair, each with the thresholds
in force for that move (``mutasi.ketentuan``: the settings of the origin agency, type of move,
family of the post and kind of ASN, read in two queries) and the region's lock periods; a
PPPK only within their agency, to a functional or pelaksana post, within the contract. The
texts of a refusal are the proposal checklist itself (``eligibility.periksa`` on a draft).
Matching adds what only makes sense before any proposal exists: nobody already in a proposal
or a letter, nobody moved within ``PENCOCOKAN_JEDA_PINDAH_TAHUN`` years, and nobody whose move
would leave their post short or empty (``dilindungi``) unless BKD says so when filing.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from instansi.beban import Beban
from instansi.choices import JenisJabatan
from instansi.models import Jabatan
from mutasi.ketentuan.berlaku import Berlaku, Terapan, bawaan
from mutasi.ketentuan.choices import DihitungDari, JenisAturan
from mutasi.lib.settings_cache import settings_cached
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.models import Usulan
from mutasi.pencocokan import skor
from mutasi.pencocokan.memuat import (  # noqa: F401 (read from here by the other modules)
    STATUS_BERJALAN,
    baca,
    hari_pindah,
    pegawai_berjalan,
    pegawai_queryset,
    peta_formasi,
    pindah_terakhir,
)
from mutasi.usulan import eligibility, kursi
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan
from pegawai.choices import PredikatSkp, TingkatPotensi
from pegawai.models import Pegawai

# A proposal filed from matching plans the move this many days ahead: the rules of the day of
# the move (retirement, a PPPK's contract) are judged on that day, as its checklist judges them.
HARI_RENCANA = 30

# The moves matching proposes: within an agency or to another one of this government.
JENIS_PENCOCOKAN = (JenisMutasi.DALAM_OPD, JenisMutasi.ANTAR_OPD)

# Checklist lines matching leaves to later: seats (the vacancy page shows them), the origin
# formasi (``dilindungi``), documents (uploaded after filing) and a blackout (it holds the
# approval, not the filing; the candidate page warns of it).
DI_LUAR_PENCOCOKAN = frozenset(
    {"lowongan", "unit_asal", "dokumen", "daerah_dokumen", "daerah_larangan"}
)
# The lines that depend on the employee alone.
SYARAT_PEGAWAI = (
    "masa_jabatan",
    "skp",
    "disiplin",
    "tugas_belajar",
    "pppk_kontrak",
    "daerah_masa_kunci",
)


def tanggal_rencana(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=HARI_RENCANA)


@settings_cached
def memblokir(kode: str) -> bool:
    """The level of a checklist line (a regional rule's line blocks unless set otherwise)."""
    return settings.MUTASI_TINGKAT_SYARAT.get(kode, eligibility.BLOKIR) == eligibility.BLOKIR


def jenis_untuk(pegawai, formasi) -> str:
    same = pegawai.unit.perangkat_daerah_id == formasi.unit.perangkat_daerah_id
    return JenisMutasi.DALAM_OPD if same else JenisMutasi.ANTAR_OPD


class Ketentuan:
    """The rule settings and regional rules in force on ``today`` (``Berlaku``: two queries),
    resolved once per origin agency, type of move, family of the post and kind of ASN."""

    def __init__(self, today: datetime.date):
        self.berlaku = Berlaku(today)
        self._terapan = {}

    def untuk(self, pegawai, jenis) -> Terapan:
        key = (pegawai.unit.perangkat_daerah_id, jenis, pegawai.jabatan.rumpun, pegawai.jenis_asn)
        if key not in self._terapan:
            self._terapan[key] = self.berlaku.untuk(*key)
        return self._terapan[key]

    def longgar(self, kunci: str, terbesar=False) -> int:
        """The loosest value of a threshold that applies to anyone that day (the least, or
        with ``terbesar`` the greatest): what a database pre-filter may rely on."""
        values = [bawaan(kunci), *(k.nilai for k in self.berlaku.ketentuan if k.kunci == kunci)]
        return max(values) if terbesar else min(values)


def dikunci(pegawai, aturan, today) -> bool:
    """A regional lock period holds the employee (``eligibility._daerah_masa_kunci``): counted
    from appointment (a PPPK: the contract's start) or from taking the current post; a start
    not recorded holds too."""
    start = (
        pegawai.tmt_pengangkatan
        if aturan.dihitung_dari == DihitungDari.TMT_CPNS
        else pegawai.tmt_jabatan
    )
    return start is None or eligibility.tahun_penuh(start, today) < aturan.tahun


def kontrak_cukup(pegawai, today) -> bool:
    """A PPPK's contract runs at least to the planned TMT (``pppk_kontrak``)."""
    selesai = pegawai.perjanjian_kerja_selesai
    return bool(selesai) and tanggal_rencana(today) <= selesai


def halangan(f: "FaktaPegawai", k: Terapan):
    """The employee-only rules that block with the thresholds ``k``, by code, first one first
    (lazily), without building their texts: the predicates of ``eligibility.pegawai_terhalang``
    with the settings in force, and a PPPK's contract. Regional lock periods are apart
    (``FaktaPegawai.terkunci``)."""
    pegawai, today = f.pegawai, f.today
    if memblokir("masa_jabatan") and not eligibility.masa_jabatan_memenuhi(
        pegawai.tmt_jabatan, today, k.angka("min_tahun_jabatan")
    ):
        yield "masa_jabatan"
    if memblokir("skp") and eligibility.skp_gagal(
        f.skp, eligibility.tahun_skp(today, k.angka("tahun_skp"))
    ):
        yield "skp"
    # A penalty in force that day (``HukumanDisiplin.berlaku_pada``).
    if memblokir("disiplin") and (
        pegawai.dalam_proses_hukum or any(mulai <= today <= selesai for mulai, selesai in f.hukuman)
    ):
        yield "disiplin"
    if memblokir("tugas_belajar") and (
        pegawai.tugas_belajar
        or eligibility.ikatan_dinas_berlaku(pegawai.ikatan_dinas_sampai, today)
    ):
        yield "tugas_belajar"
    if pegawai.pppk and memblokir("pppk_kontrak") and not kontrak_cukup(pegawai, today):
        yield "pppk_kontrak"


def terhalang(f: "FaktaPegawai", k: Terapan) -> bool:
    """Some employee-only rule blocks with the thresholds ``k``."""
    return next(halangan(f, k), None) is not None


@dataclass
class FaktaPegawai:
    pegawai: Pegawai
    today: datetime.date
    ketentuan: Ketentuan  # what is in force that day
    predikat: list  # per counted year, None where missing
    predikat_terakhir: int | None
    tahun_jabatan: float
    kompetensi: set
    potensi: int | None
    bersedia: bool | None
    unit_minat: set
    opd_minat: set
    kebutuhan_asal: int
    bezetting_asal: int
    berjalan: str | None = None  # the status of a proposal in progress about them
    skp: dict = field(default_factory=dict)  # {year: predicate} of every SKP on file
    hukuman: list = field(default_factory=list)  # (start, end) of every penalty
    pindah_terakhir: datetime.date | None = None  # their latest move within the window
    nilai_tetap: dict = field(default_factory=dict)  # type of move -> employee-only values
    _syarat: list | None = field(default=None, repr=False)
    _terhalang: dict = field(default_factory=dict, repr=False)
    _terapan: dict = field(default_factory=dict, repr=False)

    def terapan(self, jenis) -> Terapan:
        """The thresholds and regional rules in force for a move of this type."""
        if jenis not in self._terapan:
            self._terapan[jenis] = self.ketentuan.untuk(self.pegawai, jenis)
        return self._terapan[jenis]

    def terhalang_untuk(self, jenis) -> bool:
        if jenis not in self._terhalang:
            self._terhalang[jenis] = terhalang(self, self.terapan(jenis))
        return self._terhalang[jenis]

    @property
    def terhalang(self) -> bool:
        """Some employee-only rule blocks whatever the type of move."""
        return all(self.terhalang_untuk(j) for j in JENIS_PENCOCOKAN)

    def terkunci(self, jenis) -> list:
        """The regional lock periods (``AturanDaerah``) that hold them for this type of move."""
        return [
            a
            for a in self.terapan(jenis).aturan
            if a.jenis == JenisAturan.MASA_KUNCI and dikunci(self.pegawai, a, self.today)
        ]

    def larangan(self, jenis) -> list:
        """The blackout periods in force for this type of move."""
        return [a for a in self.terapan(jenis).aturan if a.jenis == JenisAturan.LARANGAN]

    @property
    def syarat(self) -> list:
        """The employee-only lines of the proposal checklist (a move within the agency), with
        their texts and the versions applied, built only when someone reads them."""
        if self._syarat is None:
            self._syarat = [s for s in periksa_draf(self, None) if s.kode in SYARAT_PEGAWAI]
        return self._syarat

    @property
    def menghalangi(self) -> list:
        return eligibility.menghalangi(self.syarat)

    @property
    def rumpun_pendidikan(self) -> str:
        bidang = self.pegawai.bidang_pendidikan
        return bidang.rumpun if bidang else ""

    @property
    def beban_asal(self) -> Beban:
        """The origin formasi's need and holders (a post with no formasi needs nobody)."""
        return Beban(kebutuhan=self.kebutuhan_asal, bezetting=self.bezetting_asal)

    @property
    def dilindungi(self) -> bool:
        """Moving them leaves their post short or empty: never proposed unless BKD marks the
        move as intended (``eligibility.asal_terlindungi``, the checklist's origin rule)."""
        return eligibility.asal_terlindungi(self.kebutuhan_asal, self.bezetting_asal)

    @property
    def bisa_dilepas(self) -> int:
        """How many holders of their formasi may leave: its surplus, never its last holder."""
        return max(min(self.bezetting_asal - self.kebutuhan_asal, self.bezetting_asal - 1), 0)

    @property
    def kata_dilindungi(self) -> str:
        if self.bezetting_asal - 1 < self.kebutuhan_asal:
            return _("formasi asalnya akan kekurangan (kebutuhan %(k)s, terisi %(b)s)") % {
                "k": self.kebutuhan_asal,
                "b": self.bezetting_asal,
            }
        return _("ia satu-satunya pemegang jabatan ini di unitnya")

    @property
    def kotak(self):
        return skor.kotak_talenta(self.predikat_terakhir, self.potensi)


def jabatan_queryset():
    return Jabatan.objects.prefetch_related("bidang_pendidikan", "kompetensi")


def fakta(pegawai, today, formasi_map, berjalan, pindah, ketentuan, catatan) -> FaktaPegawai:
    # The score's SKP years are the environment's (scores compare everyone alike).
    years = eligibility.tahun_skp(today)
    pk = pegawai.pk
    by_year = catatan.skp.get(pk, {})
    latest = max(by_year) if by_year else None
    kebutuhan, bezetting = formasi_map.get((pegawai.unit_id, pegawai.jabatan_id), (0, 0))
    return FaktaPegawai(
        pegawai=pegawai,
        today=today,
        ketentuan=ketentuan,
        predikat=[by_year.get(y) for y in years],
        predikat_terakhir=by_year[latest] if latest else None,
        tahun_jabatan=(today - pegawai.tmt_jabatan).days / 365.25,
        kompetensi=catatan.kompetensi.get(pk, set()),
        potensi=pegawai.potensi_tingkat,
        bersedia=pegawai.preferensi_bersedia,
        unit_minat=catatan.unit_minat.get(pk, set()),
        opd_minat=catatan.opd_minat.get(pk, set()),
        kebutuhan_asal=kebutuhan,
        bezetting_asal=bezetting,
        berjalan=berjalan.get(pk),
        pindah_terakhir=pindah.get(pk),
        skp=by_year,
        hukuman=catatan.hukuman.get(pk, []),
    )


def muat(queryset, today=None, ketentuan: Ketentuan | None = None, lengkap=False, bebas=False):
    """The facts of the employees of ``queryset`` (``pegawai_queryset()`` narrowed), in a
    fixed number of queries (``memuat``). With ``lengkap`` their SKP and penalty records are
    loaded too, for pages that build the proposal checklist of many of them. With ``bebas``
    the queryset already leaves out everyone in a proposal or moved recently
    (``kandidat.prasaring``), so neither is looked up again."""
    today = today or datetime.date.today()
    ketentuan = ketentuan or Ketentuan(today)
    rows, catatan = baca(queryset, lengkap)
    ids = [p.pk for p in rows]
    formasi_map = peta_formasi({p.jabatan_id for p in rows})
    berjalan = {} if bebas else pegawai_berjalan(ids)
    pindah = {} if bebas else pindah_terakhir(today, ids)
    return [fakta(p, today, formasi_map, berjalan, pindah, ketentuan, catatan) for p in rows]


def draf(f: FaktaPegawai, formasi, jenis=JenisMutasi.DALAM_OPD) -> Usulan:
    """The proposal matching would file (``kandidat.buat_usulan``), unsaved."""
    p = f.pegawai
    usulan = Usulan(
        pegawai=p,
        jenis=jenis_untuk(p, formasi) if formasi is not None else jenis,
        alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
        unit_asal=p.unit,
        jabatan_asal=p.jabatan,
        formasi_tujuan=formasi,
        tanggal_rencana=tanggal_rencana(f.today),
    )
    # The origin's figures as lists of proposals give them (no query per employee).
    usulan.kebutuhan_asal, usulan.bezetting_asal = f.kebutuhan_asal, f.bezetting_asal
    return usulan


def periksa_draf(f: FaktaPegawai, formasi) -> list:
    """The proposal checklist of that draft, with the settings read once for the page."""
    if formasi is not None and getattr(formasi, "masuk", None) is None:
        # Its seats, counted once per formasi rather than once per employee.
        seats = kursi.hitung(formasi)
        formasi.bezetting, formasi.masuk, formasi.keluar = seats.terisi, seats.masuk, seats.keluar
    return eligibility.periksa(draf(f, formasi), f.today, f.ketentuan.berlaku)


def syarat_pasangan(f: FaktaPegawai, formasi, today) -> list:
    """Every hard rule of the proposal checklist for this employee and this target, but those
    matching leaves to later (``DI_LUAR_PENCOCOKAN``)."""
    return [s for s in periksa_draf(f, formasi) if s.kode not in DI_LUAR_PENCOCOKAN]


def alasan_pencocokan(f: FaktaPegawai) -> list[str]:
    """Why matching leaves the employee alone whatever the target (empty: it does not)."""
    reasons = []
    if f.berjalan:
        reasons.append(
            _("Sudah dalam proses mutasi: ada usulan berstatus %(s)s") % {"s": f.berjalan.lower()}
        )
    if f.pindah_terakhir:
        reasons.append(
            _("Baru dipindah pada %(d)s (jeda %(n)s tahun sejak pindah terakhir)")
            % {
                "d": tanggal_indonesia(f.pindah_terakhir),
                "n": settings.PENCOCOKAN_JEDA_PINDAH_TAHUN,
            }
        )
    return reasons


def alasan_tidak_layak(f: FaktaPegawai, formasi, today) -> list[str]:
    """Why the employee cannot be a candidate for this vacancy (empty: they can)."""
    reasons = []
    if f.pegawai.unit_id == formasi.unit_id and f.pegawai.jabatan_id == formasi.jabatan_id:
        reasons.append(_("Sudah menduduki formasi ini"))
    reasons += alasan_pencocokan(f)
    for s in eligibility.menghalangi(syarat_pasangan(f, formasi, today)):
        reasons.append(f"{s.nama}: {s.fakta}")
    return reasons


# Matching's own reasons, by code (``alasan_tidak_layak`` writes them out).
NAMA_PENCOCOKAN = {
    "formasi_ini": gettext_lazy("Sudah menduduki formasi ini"),
    "berjalan": gettext_lazy("Sudah dalam proses mutasi"),
    "baru_pindah": gettext_lazy("Baru dipindah"),
}


def nama_kode(kode: str) -> str:
    """The name of a reason's code, as ``alasan_tidak_layak`` starts its text."""
    names = NAMA_PENCOCOKAN | eligibility.NAMA_SYARAT | eligibility.NAMA_ATURAN_DAERAH
    return str(names[kode])


def kode_tidak_layak(f: FaktaPegawai, formasi, today) -> list[str]:
    """The codes of the reasons ``alasan_tidak_layak`` gives, without building their texts
    (for thousands of employees at once)."""
    codes = []
    if f.pegawai.unit_id == formasi.unit_id and f.pegawai.jabatan_id == formasi.jabatan_id:
        codes.append("formasi_ini")
    if f.berjalan:
        codes.append("berjalan")
    if f.pindah_terakhir:
        codes.append("baru_pindah")
    jenis = jenis_untuk(f.pegawai, formasi)
    codes += halangan(f, f.terapan(jenis))
    if memblokir("daerah_masa_kunci") and f.terkunci(jenis):
        codes.append("daerah_masa_kunci")
    codes += gagal_tujuan(f, formasi, today)
    return codes


def bebas(f: FaktaPegawai) -> bool:
    """``not alasan_pencocokan(f)`` and no employee-only rule blocks whatever the move."""
    return not (f.berjalan or f.pindah_terakhir or f.terhalang)


def layak(f: FaktaPegawai, formasi, today, kunci=True) -> bool:
    """``not alasan_tidak_layak(f, formasi, today)`` without building any text; with
    ``kunci=False`` the regional lock periods are left out (the page lists them apart)."""
    if f.pegawai.unit_id == formasi.unit_id and f.pegawai.jabatan_id == formasi.jabatan_id:
        return False
    if f.berjalan or f.pindah_terakhir:
        return False
    jenis = jenis_untuk(f.pegawai, formasi)
    if f.terhalang_untuk(jenis) or not layak_tujuan(f, formasi, today):
        return False
    return not (kunci and f.terkunci(jenis))


def layak_tujuan(f: FaktaPegawai, formasi, today) -> bool:
    """No blocking rule of the target fails (``gagal_tujuan``)."""
    return next(gagal_tujuan(f, formasi, today), None) is None


def gagal_tujuan(f: FaktaPegawai, formasi, today):
    """The blocking rules of the target that fail, by code, lazily: a PPPK stays within their
    agency, and the target-jabatan rules with the thresholds of that type of move."""
    jenis = jenis_untuk(f.pegawai, formasi)
    if f.pegawai.pppk and jenis != JenisMutasi.DALAM_OPD and memblokir("pppk_instansi"):
        yield "pppk_instansi"
    yield from gagal_jabatan(f, formasi.jabatan, today, jenis)


def layak_jabatan(f: FaktaPegawai, jabatan, today, jenis=JenisMutasi.ANTAR_OPD) -> bool:
    """No blocking target-jabatan rule fails (``gagal_jabatan``)."""
    return next(gagal_jabatan(f, jabatan, today, jenis), None) is None


def gagal_jabatan(f: FaktaPegawai, jabatan, today, jenis=JenisMutasi.ANTAR_OPD):
    """The blocking target-jabatan rules (equivalent post, class, job family, golongan,
    education, retirement on the planned TMT; a PPPK: no structural post) that fail, by code,
    first one first (lazily), as plain predicates with the thresholds of a move of type
    ``jenis``, for many pairs at once; the rules of ``eligibility.periksa`` call the same
    predicates."""
    blokir = memblokir
    k = f.terapan(jenis)
    pegawai = f.pegawai
    asal = pegawai.jabatan
    if blokir("setara") and not eligibility.setara(
        asal.jenis, asal.jenjang, jabatan.jenis, jabatan.jenjang
    ):
        yield "setara"
    if blokir("kelas") and not eligibility.kelas_memenuhi(
        asal.kelas, jabatan.kelas, k.angka("kelas_naik_maks")
    ):
        yield "kelas"
    if (
        blokir("rumpun")
        and eligibility.serumpun(jabatan.rumpun, asal.rumpun, f.rumpun_pendidikan) is False
    ):
        yield "rumpun"
    if pegawai.pppk:
        # No golongan/ruang minimum (``eligibility._golongan``); never a structural post.
        if blokir("pppk_jabatan") and jabatan.jenis == JenisJabatan.STRUKTURAL:
            yield "pppk_jabatan"
    elif blokir("golongan") and not eligibility.golongan_memenuhi(
        pegawai.golongan, jabatan.golongan_minimal
    ):
        yield "golongan"
    if blokir("pendidikan"):
        fields, _komp = syarat_jabatan(jabatan)
        if not eligibility.pendidikan_memenuhi(
            pegawai.tingkat_pendidikan,
            pegawai.bidang_pendidikan_id,
            jabatan.pendidikan_minimal,
            fields,
        ):
            yield "pendidikan"
    if blokir("pensiun") and not eligibility.pensiun_memenuhi(
        pegawai.tanggal_lahir,
        jabatan.batas_usia_pensiun,
        tanggal_rencana(today),
        k.angka("tahun_sebelum_pensiun"),
    ):
        yield "pensiun"


def syarat_jabatan(jabatan) -> tuple[set, set]:
    """The ids of the fields of education and of the competencies the post names, read once
    per post object (prefetched where many pairs are judged)."""
    cached = getattr(jabatan, "_syarat_pencocokan", None)
    if cached is None:
        cached = (
            {b.pk for b in jabatan.bidang_pendidikan.all()},
            {k.pk for k in jabatan.kompetensi.all()},
        )
        jabatan._syarat_pencocokan = cached
    return cached


def _pendidikan_cocok(f: FaktaPegawai, required_fields) -> bool | None:
    """True/False against the fields the jabatan names; None when it names none."""
    if not required_fields:
        return None
    return f.pegawai.bidang_pendidikan_id in required_fields


def nilai(f: FaktaPegawai, formasi, perangkat_daerah_id=None) -> dict:
    """The six values (0–1) of the pair, numbers only."""
    required_fields, required_komp = syarat_jabatan(formasi.jabatan)
    opd = perangkat_daerah_id or formasi.unit.perangkat_daerah_id
    same = f.pegawai.unit.perangkat_daerah_id == opd
    jenis = JenisMutasi.DALAM_OPD if same else JenisMutasi.ANTAR_OPD
    if jenis not in f.nilai_tetap:
        # Long tenure counts up to the rotation threshold in force for this type of move.
        maks = f.terapan(jenis).angka("max_tahun_jabatan")
        f.nilai_tetap[jenis] = {
            "kinerja": skor.nilai_kinerja(f.predikat),
            "masa_jabatan": skor.nilai_masa_jabatan(f.tahun_jabatan, maks),
            "beban_asal": skor.nilai_beban_asal(f.kebutuhan_asal, f.bezetting_asal),
            "talenta": skor.nilai_talenta(f.kotak),
        }
    return {
        "kompetensi": skor.nilai_kompetensi(
            _pendidikan_cocok(f, required_fields),
            len(required_komp & f.kompetensi),
            len(required_komp),
        ),
        "preferensi": skor.nilai_preferensi(
            f.bersedia, formasi.unit_id in f.unit_minat, opd in f.opd_minat
        ),
        **f.nilai_tetap[jenis],
    }


def total(f: FaktaPegawai, formasi, bobot, perangkat_daerah_id=None) -> float:
    """The total of ``hitung_skor`` (the sum of the rounded parts), without the texts."""
    return skor.jumlah(nilai(f, formasi, perangkat_daerah_id), bobot)


def hitung_skor(f: FaktaPegawai, formasi, bobot) -> skor.Skor:
    """The parts with the facts behind them, for display."""
    values = nilai(f, formasi)
    required_fields, required_komp = syarat_jabatan(formasi.jabatan)
    pend = _pendidikan_cocok(f, required_fields)
    cocok = len(required_komp & f.kompetensi)
    unit_ok = formasi.unit_id in f.unit_minat
    opd_ok = formasi.unit.perangkat_daerah_id in f.opd_minat
    kotak = f.kotak
    skp_text = ", ".join(str(PredikatSkp(p).label) if p else _("tidak ada") for p in f.predikat)
    if f.bersedia is None:
        pref_text = _("Belum menyatakan preferensi (nilai tengah)")
    elif not f.bersedia:
        pref_text = _("Menyatakan tidak bersedia pindah")
    elif unit_ok:
        pref_text = _("Meminati unit ini")
    elif opd_ok:
        pref_text = _("Meminati perangkat daerah ini")
    else:
        pref_text = _("Bersedia pindah, unit ini tidak disebut")
    if pend is None:
        pend_text = _("jabatan tujuan tidak menyebut bidang pendidikan (nilai tengah)")
    else:
        pend_text = _("pendidikan sesuai") if pend else _("pendidikan tidak sesuai")
    if required_komp:
        komp_text = _("kompetensi %(c)s dari %(n)s yang disyaratkan") % {
            "c": cocok,
            "n": len(required_komp),
        }
    else:
        komp_text = _("jabatan tujuan tidak menyebut kompetensi (nilai tengah)")
    if f.dilindungi:
        beban_text = _("Formasi asal tidak dikurangi: %(s)s") % {"s": f.kata_dilindungi}
    else:
        beban_text = _("Formasi asal %(s)s (kebutuhan %(k)s, terisi %(b)s)") % {
            "s": f.beban_asal.kata_selisih,
            "k": f.kebutuhan_asal,
            "b": f.bezetting_asal,
        }
    fakta = {
        "kompetensi": f"{pend_text[:1].upper()}{pend_text[1:]}; {komp_text}",
        "kinerja": _("SKP: %(s)s") % {"s": skp_text or _("tidak ada")},
        "masa_jabatan": _("%(t)s tahun dalam jabatan")
        % {"t": number_format(round(f.tahun_jabatan, 1), 1)},
        "beban_asal": beban_text,
        "preferensi": pref_text,
        "talenta": (
            _("Kotak %(k)s: kinerja %(t)s, potensi %(p)s")
            % {
                "k": kotak,
                "t": skor.TINGKAT_KINERJA[skor.tingkat_kinerja(f.predikat_terakhir)]
                if f.predikat_terakhir
                else _("tanpa SKP (dihitung di bawah ekspektasi)"),
                "p": str(TingkatPotensi(f.potensi).label).lower(),
            }
            if kotak
            else _("Belum ada penilaian potensi (nilai tengah)")
        ),
    }
    return skor.gabung(values, bobot, fakta)
