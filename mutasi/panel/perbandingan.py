"""The review panel's side-by-side comparison of the candidates for one vacancy.

Tim Pertimbangan scores each proposal on its own (``services.nilai``), but a vacancy often
has several proposals and the panel has to choose: ``bandingkan(formasi)`` puts every
candidate's facts in one structure — eligibility, performance (SKP), tenure, education and
competency fit against the target jabatan, what the move does to both units' workload, the
panel's own scores, and whether the employee objected — and marks the best value of each
row in words, so the page never relies on colour alone.

Everything is read in a fixed number of queries: SKP, penalties, exceptions and documents
are prefetched (the checklist reads them), scores and competencies are read as plain values,
and the workload effect and each origin formasi's need and holders (which the checklist
reads too) are computed for all candidates at once (``dampak.dampak_semua``).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from instansi.models import Formasi
from mutasi.ketentuan.berlaku import Berlaku
from mutasi.lib.angka import angka
from mutasi.lib.pilihan import label
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.models import PengecualianSyarat, PenilaianPanel, StatusPengecualian, Usulan
from mutasi.usulan import eligibility, kursi
from mutasi.usulan.choices import SikapPegawai, StatusUsulan
from mutasi.usulan.dampak import Sisi, dampak_semua
from pegawai.choices import PredikatSkp
from pegawai.models import Pegawai

# The candidates: proposals filed and not carried out yet, still being decided or approved (in
# a letter or waiting for one, so holding a seat). A draft is not filed; withdrawn and rejected
# proposals are out of the running; a move carried out made its employee a holder of the post,
# counted in "terisi", not a candidate for it.
STATUS_KANDIDAT = (
    StatusUsulan.MENUNGGU_KEPALA,
    StatusUsulan.DIAJUKAN,
    StatusUsulan.TERVERIFIKASI,
    StatusUsulan.DIPERTIMBANGKAN,
    StatusUsulan.DISETUJUI,
    StatusUsulan.DITETAPKAN,
)
# The states in which the panel is at work on a proposal.
STATUS_DITINJAU = (StatusUsulan.TERVERIFIKASI, StatusUsulan.DIPERTIMBANGKAN)
# The comparison shows more SKP years than the eligibility rule requires (2).
TAHUN_SKP = 3


def _rata(values) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    mean = Decimal(sum(values)) / len(values)
    return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _angka(value: Decimal | None) -> str:
    return "—" if value is None else angka(value, 2)


class DaftarPenilaian(list):
    """The panel members' scores on one proposal (PenilaianPanel rows), with the average."""

    @property
    def jumlah(self) -> int:
        return len(self)

    @property
    def rata_rata(self) -> Decimal | None:
        return _rata(p.skor for p in self)


def penilaian_untuk(usulan) -> DaftarPenilaian:
    """What ``templates/mutasi/inc/panel.html`` expects as ``penilaian``."""
    if "penilaian" in getattr(usulan, "_prefetched_objects_cache", {}):
        return DaftarPenilaian(usulan.penilaian.all())
    return DaftarPenilaian(usulan.penilaian.select_related("penilai").order_by("created", "pk"))


# --- The structure the comparison page renders ---------------------------------------


@dataclass
class Sel:
    """One candidate's value in one row: the headline, detail lines, and the best marker."""

    teks: str
    rincian: list[str] = field(default_factory=list)
    # Bootstrap contextual colour of the headline ("success", "danger", "warning" or "").
    nada: str = ""
    terbaik: bool = False
    label_terbaik: str = ""


@dataclass
class Baris:
    kode: str
    label: str
    sel: list[Sel]


@dataclass
class Kandidat:
    """The facts about one candidate, as plain values (the rows are built from these)."""

    usulan_pk: int
    kode: str
    url: str
    status: str
    status_label: str
    nama: str
    nip: str
    golongan: str
    pangkat: str
    usia: int
    jabatan_asal: str
    unit_asal: str
    opd_asal: str
    syarat_lulus: int
    syarat_gagal: int
    syarat_tinjau: int
    # (name, fact, excepted by BKD) of each failing rule.
    syarat_gagal_daftar: list[tuple[str, str, str]]  # (rule, fact, exception note)
    # (name, fact) of each rule that needs a human look.
    syarat_tinjau_daftar: list[tuple[str, str]]
    # (year, predicate value or None, label) for each of the last TAHUN_SKP years.
    skp: list[tuple[int, int | None, str]]
    skp_rata: Decimal | None
    masa_jabatan_bulan: int
    masa_jabatan_teks: str
    tmt_jabatan: object
    pendidikan: str
    # None when the target jabatan requires no particular field.
    pendidikan_sesuai: bool | None
    kompetensi_cocok: list[str]
    kompetensi_kurang: list[str]
    dampak: list[Sisi]
    skor_rata: Decimal | None
    skor_jumlah: int
    sikap: str
    keberatan: bool
    keberatan_alasan: str
    keberatan_dijawab: bool
    rincian: list[tuple[str, Sel]] = field(default_factory=list)

    @property
    def kompetensi_jumlah_cocok(self) -> int:
        return len(self.kompetensi_cocok)

    @property
    def kompetensi_jumlah_wajib(self) -> int:
        return len(self.kompetensi_cocok) + len(self.kompetensi_kurang)

    @property
    def dampak_asal(self) -> Sisi:
        return self.dampak[0]

    @property
    def dampak_tujuan(self) -> Sisi | None:
        return self.dampak[1] if len(self.dampak) > 1 else None


@dataclass
class Perbandingan:
    formasi: Formasi
    kebutuhan: int
    bezetting: int
    pendidikan_wajib: list[str]
    kompetensi_wajib: list[str]
    kandidat: list[Kandidat]
    baris: list[Baris]
    # The seats as the checklist and the approval count them: moves already approved in hold
    # theirs, so 'need 1, held 0' with one approved is no vacancy to compare candidates for.
    kursi_tujuan: kursi.Kursi | None = None


# --- Building it -----------------------------------------------------------------------


def kandidat_queryset(formasi, queryset=None):
    """The candidates' proposals into ``formasi`` (``STATUS_KANDIDAT``), with what the
    checklist reads (``_nilai_dan_kompetensi`` reads the rest as plain values)."""
    queryset = Usulan.objects.all() if queryset is None else queryset
    return (
        queryset.filter(formasi_tujuan=formasi, status__in=STATUS_KANDIDAT)
        .select_related(
            "pegawai__bidang_pendidikan",
            "unit_asal__perangkat_daerah",
            "jabatan_asal",
        )
        .prefetch_related(
            "pegawai__skp",
            "pegawai__hukuman_disiplin",
            Prefetch(
                "pengecualian",
                queryset=PengecualianSyarat.objects.select_related(
                    "diminta_oleh", "diputuskan_oleh"
                ),
            ),
            "dokumen",
        )
        .order_by("created", "pk")
    )


def _nilai_dan_kompetensi(proposals) -> tuple[dict, dict]:
    """{proposal id: [panel scores]} and {employee id: {competency id}}: two queries, as plain
    values (a prefetch builds a queryset per candidate for each, a good part of the page)."""
    if not proposals:
        return {}, {}
    skor, held = defaultdict(list), defaultdict(set)
    rows = PenilaianPanel.objects.filter(usulan__in=[u.pk for u in proposals]).order_by()
    for usulan_id, value in rows.values_list("usulan_id", "skor"):
        skor[usulan_id].append(value)
    rows = Pegawai.kompetensi.through.objects.filter(
        pegawai_id__in={u.pegawai_id for u in proposals}
    )
    for pegawai_id, kompetensi_id in rows.values_list("pegawai_id", "kompetensi_id"):
        held[pegawai_id].add(kompetensi_id)
    return skor, held


def _bulan(start, end) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return max(months, 0)


def _kandidat(usulan, required_edu, required_comp, sides, today, berlaku, skor, held):
    pegawai = usulan.pegawai
    checks = eligibility.periksa(usulan, today, berlaku)
    failing = [s for s in checks if s.status == eligibility.GAGAL]
    years = list(range(today.year - TAHUN_SKP, today.year))
    skp_by_year = {s.tahun: s for s in pegawai.skp.all()}
    skp = []
    for year in years:
        s = skp_by_year.get(year)
        skp.append((year, s.predikat if s else None, label(s, "predikat") if s else ""))
    bidang = pegawai.bidang_pendidikan
    return Kandidat(
        usulan_pk=usulan.pk,
        kode=usulan.kode,
        url=usulan.get_absolute_url(),
        status=usulan.status,
        status_label=label(usulan, "status"),
        nama=pegawai.nama_lengkap,
        nip=pegawai.nip,
        golongan=pegawai.get_golongan_display(),
        pangkat=pegawai.pangkat,
        usia=pegawai.usia(today),
        jabatan_asal=usulan.nama_jabatan_asal,
        unit_asal=usulan.nama_unit_asal,
        opd_asal=usulan.unit_asal.perangkat_daerah.nama
        if usulan.unit_asal_id
        else usulan.asal_instansi,
        syarat_lulus=sum(s.status == eligibility.LULUS for s in checks),
        syarat_gagal=len(failing),
        syarat_tinjau=sum(s.status == eligibility.TINJAU for s in checks),
        syarat_gagal_daftar=[(str(s.nama), s.fakta, _kecuali(s.pengecualian)) for s in failing],
        syarat_tinjau_daftar=[
            (str(s.nama), s.fakta) for s in checks if s.status == eligibility.TINJAU
        ],
        skp=skp,
        skp_rata=_rata(p for _y, p, _l in skp if p is not None),
        masa_jabatan_bulan=_bulan(pegawai.tmt_jabatan, today),
        masa_jabatan_teks=eligibility.lama(pegawai.tmt_jabatan, today),
        tmt_jabatan=pegawai.tmt_jabatan,
        pendidikan=" ".join(
            filter(None, [label(pegawai, "tingkat_pendidikan"), bidang and bidang.nama])
        ),
        pendidikan_sesuai=(bidang is not None and bidang.pk in required_edu)
        if required_edu
        else None,
        kompetensi_cocok=[nama for pk, nama in required_comp.items() if pk in held],
        kompetensi_kurang=[nama for pk, nama in required_comp.items() if pk not in held],
        dampak=sides,
        skor_rata=_rata(skor),
        skor_jumlah=len(skor),
        sikap=usulan.sikap,
        keberatan=usulan.sikap == SikapPegawai.KEBERATAN,
        keberatan_alasan=usulan.sikap_alasan if usulan.sikap == SikapPegawai.KEBERATAN else "",
        keberatan_dijawab=bool(usulan.jawaban_keberatan),
    )


def bandingkan(formasi, queryset=None, today=None) -> Perbandingan:
    """Every candidate for ``formasi`` side by side (``queryset``: the user's proposals)."""
    today = today or timezone.localdate()
    formasi = (
        kursi.dengan_kursi(Formasi.objects.filter(pk=formasi.pk))
        .select_related("unit__perangkat_daerah", "jabatan")
        .prefetch_related("jabatan__bidang_pendidikan", "jabatan__kompetensi")
        .get()
    )
    jabatan = formasi.jabatan
    required_edu = {b.pk: b.nama for b in jabatan.bidang_pendidikan.all()}
    required_comp = {k.pk: k.nama for k in jabatan.kompetensi.all()}
    proposals = list(kandidat_queryset(formasi, queryset))
    for usulan in proposals:
        # One shared target object, so the eligibility rules read its prefetched fields.
        usulan.formasi_tujuan = formasi
    # The origin's need and holders too (``isi_asal``), for the checklists below.
    all_sides = dampak_semua(proposals, isi_asal=True)
    berlaku = Berlaku(today)  # the rule settings of the day, read once for every candidate
    skor, held = _nilai_dan_kompetensi(proposals)
    kandidat = [
        _kandidat(
            u, required_edu, required_comp, sides, today, berlaku, skor[u.pk], held[u.pegawai_id]
        )
        for u, sides in zip(proposals, all_sides, strict=True)
    ]
    baris = _baris(kandidat, list(required_edu.values()))
    for i, k in enumerate(kandidat):
        k.rincian = [(b.label, b.sel[i]) for b in baris]
    return Perbandingan(
        formasi=formasi,
        kebutuhan=formasi.kebutuhan,
        bezetting=formasi.bezetting,
        pendidikan_wajib=list(required_edu.values()),
        kompetensi_wajib=list(required_comp.values()),
        kandidat=kandidat,
        baris=baris,
        kursi_tujuan=kursi.Kursi(
            formasi.kebutuhan, formasi.bezetting, formasi.masuk, formasi.keluar
        ),
    )


# --- The rows, with the best value of each marked --------------------------------------


def _tandai(cells: list[Sel], values: list, label: str, higher: bool = True) -> None:
    """Mark the best value(s) of a row; nothing when fewer than two compare or all tie."""
    known = [v for v in values if v is not None]
    if len(known) < 2 or len(set(known)) == 1:
        return
    best = max(known) if higher else min(known)
    for cell, value in zip(cells, values, strict=True):
        if value == best:
            cell.terbaik, cell.label_terbaik = True, label


def _sel_pegawai(k: Kandidat) -> Sel:
    return Sel(
        teks=" · ".join(x for x in (k.golongan, k.pangkat) if x),  # a PPPK has no pangkat
        rincian=[
            _("usia %(n)s tahun") % {"n": k.usia},
            _("%(j)s, %(u)s (%(o)s)") % {"j": k.jabatan_asal, "u": k.unit_asal, "o": k.opd_asal},
        ],
    )


def _nama(user) -> str:
    return user.get_full_name() or user.username


def _kecuali(p) -> str:
    """An exception as the panel and the official read it: who asked, who decided."""
    if p is None:
        return ""
    if p.diberikan:
        return _(" — pengecualian diminta %(a)s, diberikan %(b)s: %(r)s") % {
            "a": _nama(p.diminta_oleh),
            "b": _nama(p.diputuskan_oleh),
            "r": p.alasan,
        }
    if p.status == StatusPengecualian.DITOLAK:
        return _(" — pengecualian ditolak %(b)s") % {"b": _nama(p.diputuskan_oleh)}
    return _(" — pengecualian diminta %(a)s, belum diputuskan") % {"a": _nama(p.diminta_oleh)}


def _sel_syarat(k: Kandidat) -> Sel:
    lines = []
    for nama, fakta, note in k.syarat_gagal_daftar:
        lines.append(_("Gagal — %(n)s: %(f)s%(x)s") % {"n": nama, "f": fakta, "x": note})
    for nama, fakta in k.syarat_tinjau_daftar:
        lines.append(_("Perlu ditinjau — %(n)s: %(f)s") % {"n": nama, "f": fakta})
    return Sel(
        teks=_("%(l)s lulus · %(g)s gagal · %(t)s perlu ditinjau")
        % {"l": k.syarat_lulus, "g": k.syarat_gagal, "t": k.syarat_tinjau},
        rincian=lines,
        nada="danger" if k.syarat_gagal else ("warning" if k.syarat_tinjau else "success"),
    )


def _sel_skp(k: Kandidat) -> Sel:
    lines = [f"{year}: {label or _('tidak ada')}" for year, _p, label in k.skp]
    if k.skp_rata is None:
        return Sel(teks=_("tidak ada data SKP"), rincian=lines, nada="warning")
    known = sum(p is not None for _y, p, _l in k.skp)
    teks = _("rata-rata %(r)s dari 5 (%(n)s dari %(t)s tahun)") % {
        "r": _angka(k.skp_rata),
        "n": known,
        "t": len(k.skp),
    }
    weak = any(p is not None and p < PredikatSkp.BAIK for _y, p, _l in k.skp)
    return Sel(teks=teks, rincian=lines, nada="danger" if weak else "")


def _sel_masa(k: Kandidat) -> Sel:
    return Sel(
        teks=k.masa_jabatan_teks,
        rincian=[_("TMT jabatan %(d)s") % {"d": tanggal_indonesia(k.tmt_jabatan)}],
    )


def _sel_pendidikan(k: Kandidat, required: list[str]) -> Sel:
    teks = k.pendidikan or _("tidak tercatat")
    if k.pendidikan_sesuai is None:
        return Sel(teks=teks, rincian=[_("jabatan tujuan tidak mensyaratkan bidang tertentu")])
    verdict = _("sesuai bidang yang disyaratkan") if k.pendidikan_sesuai else _("tidak sesuai")
    return Sel(
        teks=teks,
        rincian=[verdict, _("disyaratkan: %(b)s") % {"b": ", ".join(required)}],
        nada="success" if k.pendidikan_sesuai else "warning",
    )


def _sel_kompetensi(k: Kandidat) -> Sel:
    if not k.kompetensi_jumlah_wajib:
        return Sel(teks=_("jabatan tujuan tidak mensyaratkan kompetensi"))
    lines = []
    if k.kompetensi_cocok:
        lines.append(_("dimiliki: %(k)s") % {"k": ", ".join(k.kompetensi_cocok)})
    if k.kompetensi_kurang:
        lines.append(_("belum: %(k)s") % {"k": ", ".join(k.kompetensi_kurang)})
    return Sel(
        teks=_("%(a)s dari %(b)s")
        % {"a": k.kompetensi_jumlah_cocok, "b": k.kompetensi_jumlah_wajib},
        rincian=lines,
    )


def _kalimat_sekali():
    """``Sisi.kalimat``, each distinct side worded once: every candidate shares the target's
    side, and candidates from one formasi their origin's."""
    memo = {}

    def kalimat(sisi: Sisi) -> list[str]:
        key = (sisi.peran, *(repr(b) for pair in sisi.pasangan for b in pair))
        if key not in memo:
            memo[key] = sisi.kalimat
        return memo[key]

    return kalimat


def _sel_dampak(k: Kandidat, kalimat) -> Sel:
    """The sentences of the proposal page's workload box (``Sisi.kalimat``), word for word."""
    asal, tujuan = kalimat(k.dampak_asal), k.dampak_tujuan
    lines = asal[1:] + (kalimat(tujuan) if tujuan is not None else [])
    return Sel(
        teks=asal[0],
        rincian=lines,
        nada="danger" if k.dampak_asal.formasi_sesudah.selisih < 0 else "",
    )


def _sel_skor(k: Kandidat) -> Sel:
    if not k.skor_jumlah:
        return Sel(teks=_("belum dinilai"))
    return Sel(
        teks=_("%(r)s dari 5") % {"r": _angka(k.skor_rata)},
        rincian=[_("%(n)s penilai") % {"n": k.skor_jumlah}],
    )


def _sel_sikap(k: Kandidat) -> Sel:
    if k.keberatan:
        answered = _("sudah dijawab tim") if k.keberatan_dijawab else _("belum dijawab tim")
        return Sel(
            teks=_("Keberatan — %(a)s") % {"a": answered},
            rincian=[k.keberatan_alasan],
            nada="warning" if k.keberatan_dijawab else "danger",
        )
    if k.sikap == SikapPegawai.SETUJU:
        return Sel(teks=_("Setuju"), nada="success")
    return Sel(teks=_("Belum menyatakan sikap"))


def _baris(kandidat: list[Kandidat], pendidikan_wajib: list[str]) -> list[Baris]:
    kalimat = _kalimat_sekali()
    rows = [
        Baris("pegawai", _("Pangkat, usia, jabatan asal"), [_sel_pegawai(k) for k in kandidat]),
        Baris("syarat", _("Syarat"), [_sel_syarat(k) for k in kandidat]),
        Baris(
            "skp",
            _("SKP %(n)s tahun terakhir") % {"n": TAHUN_SKP},
            [_sel_skp(k) for k in kandidat],
        ),
        Baris("masa", _("Masa dalam jabatan sekarang"), [_sel_masa(k) for k in kandidat]),
        Baris(
            "pendidikan",
            _("Pendidikan"),
            [_sel_pendidikan(k, pendidikan_wajib) for k in kandidat],
        ),
        Baris(
            "kompetensi", _("Kompetensi yang disyaratkan"), [_sel_kompetensi(k) for k in kandidat]
        ),
        Baris("dampak", _("Dampak beban kerja"), [_sel_dampak(k, kalimat) for k in kandidat]),
        Baris("skor", _("Nilai Tim Pertimbangan"), [_sel_skor(k) for k in kandidat]),
        Baris("sikap", _("Sikap pegawai"), [_sel_sikap(k) for k in kandidat]),
    ]
    by_code = {r.kode: r for r in rows}

    _tandai(
        by_code["syarat"].sel,
        [(-k.syarat_gagal, -k.syarat_tinjau) for k in kandidat],
        _("paling memenuhi syarat"),
    )
    _tandai(by_code["skp"].sel, [k.skp_rata for k in kandidat], _("tertinggi"))
    _tandai(by_code["masa"].sel, [k.masa_jabatan_bulan for k in kandidat], _("terlama"))
    _tandai(
        by_code["pendidikan"].sel,
        [None if k.pendidikan_sesuai is None else int(k.pendidikan_sesuai) for k in kandidat],
        _("sesuai"),
    )
    _tandai(
        by_code["kompetensi"].sel,
        [k.kompetensi_jumlah_cocok if k.kompetensi_jumlah_wajib else None for k in kandidat],
        _("tertinggi"),
    )
    _tandai(
        by_code["dampak"].sel,
        [k.dampak_asal.formasi_sesudah.selisih for k in kandidat],
        _("paling ringan bagi unit asal"),
    )
    _tandai(by_code["skor"].sel, [k.skor_rata for k in kandidat], _("tertinggi"))
    return rows


# --- The list of vacancies under review --------------------------------------------------


def _jumlah_usulan(statuses):
    """The number of proposals for this formasi in ``statuses``, as a subquery."""
    return Coalesce(
        Subquery(
            Usulan.objects.filter(formasi_tujuan=OuterRef("pk"), status__in=statuses)
            .order_by()
            .values("formasi_tujuan")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def formasi_ditinjau():
    """Formasi with at least one proposal the panel is working on, with counts.

    Counted by subqueries, not a join grouped by formasi: grouped that way, the holders'
    subquery of ``with_bezetting`` ran once per joined proposal (minutes at 100,000)."""
    # With its free seats (``kursi``): a move already approved holds one, which need and
    # holders alone do not show.
    return (
        kursi.dengan_kursi(
            Formasi.objects.filter(
                Exists(
                    Usulan.objects.filter(formasi_tujuan=OuterRef("pk"), status__in=STATUS_DITINJAU)
                )
            )
        )
        .annotate(
            kursi_kosong=Greatest(F("kursi"), Value(0)),
            jumlah_ditinjau=_jumlah_usulan(STATUS_DITINJAU),
            jumlah_terverifikasi=_jumlah_usulan([StatusUsulan.TERVERIFIKASI]),
            jumlah_dipertimbangkan=_jumlah_usulan([StatusUsulan.DIPERTIMBANGKAN]),
            jumlah_kandidat=_jumlah_usulan(STATUS_KANDIDAT),
        )
        .select_related("unit__perangkat_daerah", "jabatan")
        .order_by("-jumlah_ditinjau", "unit__perangkat_daerah__nama", "unit__nama", "jabatan__nama")
    )
