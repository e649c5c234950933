"""Facts about employees and vacancies, loaded in a fixed number of queries, and the score
and hard rules of one (employee, vacancy) pair computed from them.

The hard rules are those of ``mutasi.eligibility`` (one source of truth): the employee-only
rules run once per employee, the target-jabatan rules once per pair.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from instansi.beban import Beban
from instansi.models import Formasi, Jabatan
from mutasi import eligibility
from mutasi.choices import STATUS_TERBUKA
from mutasi.models import Usulan
from mutasi.pencocokan import skor
from pegawai.choices import PredikatSkp, TingkatPotensi
from pegawai.models import Pegawai


@dataclass
class FaktaPegawai:
    pegawai: Pegawai
    today: datetime.date
    terhalang: bool  # some employee-only rule blocks (``eligibility.pegawai_terhalang``)
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
    usulan_terbuka: bool
    nilai_tetap: dict | None = None  # the four employee-only values, once computed
    _syarat: list | None = field(default=None, repr=False)

    @property
    def syarat(self) -> list:
        """The employee-only checklist with its texts, built only when someone reads it."""
        if self._syarat is None:
            self._syarat = eligibility.periksa_pegawai(self.pegawai, self.today)
        return self._syarat

    @property
    def menghalangi(self) -> list:
        return eligibility.menghalangi(self.syarat) if self.terhalang else []

    @property
    def beban_asal(self) -> Beban:
        """The origin formasi's need and holders (a post with no formasi needs nobody)."""
        return Beban(kebutuhan=self.kebutuhan_asal, bezetting=self.bezetting_asal)

    @property
    def surplus_asal(self) -> int:
        return max(self.beban_asal.selisih, 0)

    @property
    def kotak(self):
        return skor.kotak_talenta(self.predikat_terakhir, self.potensi)


def pegawai_queryset():
    return (
        Pegawai.objects.filter(aktif=True)
        .select_related(
            "unit__perangkat_daerah", "jabatan", "bidang_pendidikan", "potensi", "preferensi_mutasi"
        )
        .prefetch_related(
            "skp",
            "hukuman_disiplin",
            "kompetensi",
            Prefetch("preferensi_mutasi__unit"),
            Prefetch("preferensi_mutasi__perangkat_daerah"),
        )
    )


def jabatan_queryset():
    return Jabatan.objects.prefetch_related("bidang_pendidikan", "kompetensi")


def peta_formasi():
    """{(unit_id, jabatan_id): (kebutuhan, bezetting)} for every formasi and every post that
    has holders; two queries."""
    holders = {
        (u, j): n
        for u, j, n in Pegawai.objects.filter(aktif=True)
        .values_list("unit_id", "jabatan_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    needs = dict(
        ((u, j), k) for u, j, k in Formasi.objects.values_list("unit_id", "jabatan_id", "kebutuhan")
    )
    return {key: (needs.get(key, 0), holders.get(key, 0)) for key in set(needs) | set(holders)}


def pegawai_dengan_usulan_terbuka() -> set:
    return set(
        Usulan.objects.filter(status__in=STATUS_TERBUKA).values_list("pegawai_id", flat=True)
    )


def fakta(pegawai, today, formasi_map, terbuka) -> FaktaPegawai:
    years = eligibility.tahun_skp(today)
    by_year = {s.tahun: s.predikat for s in pegawai.skp.all()}
    latest = max(by_year) if by_year else None
    pref = getattr(pegawai, "preferensi_mutasi", None)
    potensi = getattr(pegawai, "potensi", None)
    kebutuhan, bezetting = formasi_map.get((pegawai.unit_id, pegawai.jabatan_id), (0, 0))
    return FaktaPegawai(
        pegawai=pegawai,
        today=today,
        terhalang=eligibility.pegawai_terhalang(pegawai, today),
        predikat=[by_year.get(y) for y in years],
        predikat_terakhir=by_year[latest] if latest else None,
        tahun_jabatan=(today - pegawai.tmt_jabatan).days / 365.25,
        kompetensi={k.pk for k in pegawai.kompetensi.all()},
        potensi=potensi.tingkat if potensi else None,
        bersedia=pref.bersedia_pindah if pref else None,
        unit_minat={u.pk for u in pref.unit.all()} if pref else set(),
        opd_minat={o.pk for o in pref.perangkat_daerah.all()} if pref else set(),
        kebutuhan_asal=kebutuhan,
        bezetting_asal=bezetting,
        usulan_terbuka=pegawai.pk in terbuka,
    )


def muat(queryset, today=None):
    today = today or datetime.date.today()
    formasi_map = peta_formasi()
    terbuka = pegawai_dengan_usulan_terbuka()
    return [fakta(p, today, formasi_map, terbuka) for p in queryset]


def syarat_pasangan(f: FaktaPegawai, formasi, today) -> list:
    """Every hard rule for this employee and this target, employee-only ones included."""
    rules = list(f.syarat) + eligibility.periksa_jabatan_tujuan(f.pegawai, formasi.jabatan, today)
    return rules


def alasan_tidak_layak(f: FaktaPegawai, formasi, today) -> list[str]:
    """Why the employee cannot be a candidate for this vacancy (empty: they can)."""
    reasons = []
    if f.pegawai.unit_id == formasi.unit_id and f.pegawai.jabatan_id == formasi.jabatan_id:
        reasons.append(_("Sudah menduduki formasi ini"))
    if f.usulan_terbuka:
        reasons.append(_("Sudah memiliki usulan mutasi yang terbuka"))
    for s in eligibility.menghalangi(syarat_pasangan(f, formasi, today)):
        reasons.append(f"{s.nama}: {s.fakta}")
    return reasons


def layak(f: FaktaPegawai, formasi, today) -> bool:
    """``not alasan_tidak_layak(f, formasi, today)`` without building any text."""
    return (
        not (f.pegawai.unit_id == formasi.unit_id and f.pegawai.jabatan_id == formasi.jabatan_id)
        and not f.usulan_terbuka
        and not f.terhalang
        and layak_jabatan(f, formasi.jabatan, today)
    )


def layak_jabatan(f: FaktaPegawai, jabatan, today) -> bool:
    """The blocking target-jabatan rules (golongan, education, retirement) as plain
    predicates, for many pairs at once; ``eligibility._golongan``, ``_pendidikan`` and
    ``_pensiun`` call the same predicates."""
    blokir = eligibility.memblokir
    pegawai = f.pegawai
    if blokir("golongan") and not eligibility.golongan_memenuhi(
        pegawai.golongan, jabatan.golongan_minimal
    ):
        return False
    if blokir("pendidikan"):
        fields, _komp = _syarat_jabatan(jabatan)
        if not eligibility.pendidikan_memenuhi(
            pegawai.tingkat_pendidikan,
            pegawai.bidang_pendidikan_id,
            jabatan.pendidikan_minimal,
            fields,
        ):
            return False
    return not blokir("pensiun") or eligibility.pensiun_memenuhi(
        pegawai.tanggal_lahir, jabatan.batas_usia_pensiun, today
    )


def _syarat_jabatan(jabatan):
    cached = getattr(jabatan, "_syarat_pencocokan", None)
    if cached is None:
        cached = (
            {b.pk for b in jabatan.bidang_pendidikan.all()},
            {k.pk for k in jabatan.kompetensi.all()},
        )
        jabatan._syarat_pencocokan = cached
    return cached


def nilai(f: FaktaPegawai, formasi, perangkat_daerah_id=None) -> dict:
    """The six values (0–1) of the pair, numbers only."""
    required_fields, required_komp = _syarat_jabatan(formasi.jabatan)
    held = f.pegawai.bidang_pendidikan_id
    opd = perangkat_daerah_id or formasi.unit.perangkat_daerah_id
    if f.nilai_tetap is None:
        f.nilai_tetap = {
            "kinerja": skor.nilai_kinerja(f.predikat),
            "masa_jabatan": skor.nilai_masa_jabatan(f.tahun_jabatan),
            "beban_asal": skor.nilai_beban_asal(f.kebutuhan_asal, f.bezetting_asal),
            "talenta": skor.nilai_talenta(f.kotak),
        }
    return {
        "kompetensi": skor.nilai_kompetensi(
            not required_fields or held in required_fields,
            len(required_komp & f.kompetensi),
            len(required_komp),
        ),
        "preferensi": skor.nilai_preferensi(
            f.bersedia, formasi.unit_id in f.unit_minat, opd in f.opd_minat
        ),
        **f.nilai_tetap,
    }


def total(f: FaktaPegawai, formasi, bobot, perangkat_daerah_id=None) -> float:
    values = nilai(f, formasi, perangkat_daerah_id)
    return sum(values[k] * bobot[k] for k in skor.BAGIAN) * 100 / sum(bobot.values())


def hitung_skor(f: FaktaPegawai, formasi, bobot) -> skor.Skor:
    """The parts with the facts behind them, for display."""
    values = nilai(f, formasi)
    required_fields, required_komp = _syarat_jabatan(formasi.jabatan)
    pend_ok = not required_fields or f.pegawai.bidang_pendidikan_id in required_fields
    cocok = len(required_komp & f.kompetensi)
    unit_ok = formasi.unit_id in f.unit_minat
    opd_ok = formasi.unit.perangkat_daerah_id in f.opd_minat
    kotak = f.kotak
    skp_text = ", ".join(str(PredikatSkp(p).label) if p else _("tidak ada") for p in f.predikat)
    if f.bersedia is None:
        pref_text = _("Belum menyatakan preferensi")
    elif not f.bersedia:
        pref_text = _("Menyatakan tidak bersedia pindah")
    elif unit_ok:
        pref_text = _("Meminati unit ini")
    elif opd_ok:
        pref_text = _("Meminati perangkat daerah ini")
    else:
        pref_text = _("Bersedia pindah, unit ini tidak disebut")
    fakta = {
        "kompetensi": _("Pendidikan %(p)s; kompetensi %(c)s dari %(n)s yang disyaratkan")
        % {
            "p": _("sesuai") if pend_ok else _("tidak sesuai"),
            "c": cocok,
            "n": len(required_komp),
        },
        "kinerja": _("SKP: %(s)s") % {"s": skp_text or _("tidak ada")},
        "masa_jabatan": _("%(t).1f tahun dalam jabatan") % {"t": f.tahun_jabatan},
        "beban_asal": _("Formasi asal %(s)s (kebutuhan %(k)s, terisi %(b)s)%(x)s")
        % {
            "s": f.beban_asal.kata_selisih,
            "k": f.kebutuhan_asal,
            "b": f.bezetting_asal,
            "x": "" if f.surplus_asal else _(" — dilindungi, tidak dikurangi"),
        },
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
            else _("Belum ada penilaian potensi")
        ),
    }
    return skor.gabung(values, bobot, fakta)
