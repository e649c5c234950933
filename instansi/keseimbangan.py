"""The workload-balance view (keseimbangan beban kerja) of DESIGN.md §5.

BKD looks at the whole government, then drills down: government → agency → unit → formasi.
Each level is a table of needed staff (Σ kebutuhan), holders (Σ bezetting), gap
(holders − needed; negative is a shortage), workload hours (Σ beban_kerja_jam where an
analysis set it) and job efficiency EJ with its category A–E (``instansi.abk``).

EJ divides the workload by the holders *of the formasi that have a workload*: holders of a
formasi nobody has analysed yet do work we have not measured, so counting them would make a
unit look overstaffed only because its analysis is incomplete. Gap and the holders column
count every formasi.

The sums are made in the database, one grouped query per level. ``sebaran_ej`` measures how
unevenly the workload is spread over units and can recompute that with changed holders, so
a set of proposed moves can be shown before and after.
"""

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from instansi import abk
from instansi.choices import KategoriEJ
from instansi.models import Formasi, PerangkatDaerah, UnitKerja
from mutasi.lib.views import role_required
from pegawai.access import GOVERNMENT_WIDE, STAFF_ROLES, has_role

# --- Aggregation ----------------------------------------------------------------------


def _jam_efektif() -> int:
    return settings.ABK_JAM_EFEKTIF


@dataclass
class Baris:
    """One row of a balance table: an agency, a unit, a formasi, or the total of a level."""

    nama: str
    kebutuhan: int = 0
    bezetting: int = 0
    beban_jam: Decimal | None = None
    # Holders of the formasi that have a workload: the denominator of EJ.
    bezetting_beban: int = 0
    jumlah_formasi: int = 0
    url: str = ""
    label: str = ""
    depth: int = 0
    jam_efektif: int = 0

    def __post_init__(self):
        self.jam_efektif = self.jam_efektif or _jam_efektif()
        self.label = self.label or self.nama

    @property
    def selisih(self) -> int:
        return self.bezetting - self.kebutuhan

    @property
    def ej(self) -> Decimal | None:
        if self.beban_jam is None:
            return None
        return abk.efisiensi(self.beban_jam, self.bezetting_beban, self.jam_efektif)

    @property
    def kategori(self) -> str | None:
        return abk.kategori(self.ej)

    def tambah(self, other: "Baris") -> None:
        self.kebutuhan += other.kebutuhan
        self.bezetting += other.bezetting
        self.bezetting_beban += other.bezetting_beban
        self.jumlah_formasi += other.jumlah_formasi
        if other.beban_jam is not None:
            self.beban_jam = (self.beban_jam or Decimal(0)) + other.beban_jam


def agregat(formasi, kunci: str) -> dict:
    """The sums of ``formasi`` per value of ``kunci`` (e.g. ``"unit_id"``), in one query.

    ``bezetting`` is a correlated subquery annotation; it has to be annotated before
    ``values()`` so that ``Sum`` wraps the subquery instead of grouping by it.
    """
    rows = (
        formasi.with_bezetting()
        .order_by()
        .values(kunci)
        .annotate(
            n=Count("pk"),
            sum_kebutuhan=Sum("kebutuhan"),
            sum_bezetting=Sum("bezetting"),
            sum_beban=Sum("beban_kerja_jam"),
            sum_bezetting_beban=Sum("bezetting", filter=Q(beban_kerja_jam__isnull=False)),
        )
    )
    return {row[kunci]: row for row in rows}


def _baris(nama, row, **kwargs) -> Baris:
    row = row or {}
    beban = row.get("sum_beban")
    return Baris(
        nama=nama,
        kebutuhan=row.get("sum_kebutuhan") or 0,
        bezetting=row.get("sum_bezetting") or 0,
        beban_jam=None if beban is None else Decimal(beban),
        bezetting_beban=row.get("sum_bezetting_beban") or 0,
        jumlah_formasi=row.get("n") or 0,
        **kwargs,
    )


def jumlahkan(rows: Iterable[Baris], nama: str = "") -> Baris:
    """The total of a level, from its rows (they are already sums; nothing is re-queried)."""
    total = Baris(nama=nama or _("Jumlah"))
    for row in rows:
        total.tambah(row)
    return total


def per_perangkat_daerah(user) -> list[Baris]:
    """Government level: one row per agency the user may see, agencies without formasi too."""
    sums = agregat(Formasi.objects.for_user(user), "unit__perangkat_daerah")
    return [
        _baris(
            opd.nama,
            sums.get(opd.pk),
            label=opd.singkatan or opd.nama,
            url=reverse("instansi:keseimbangan_opd", args=[opd.pk]),
        )
        for opd in PerangkatDaerah.objects.for_user(user).order_by("nama")
    ]


def _depth_first(units):
    """Units parent before children, each with its depth, for an indented table."""
    children = {}
    ids = {u.pk for u in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)
    ordered, seen = [], set()

    def walk(parent_id, depth):
        for unit in children.get(parent_id, []):
            if unit.pk in seen:
                continue
            seen.add(unit.pk)
            ordered.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered


def per_unit(perangkat_daerah) -> list[Baris]:
    """Agency level: one row per unit of the agency, in tree order.

    A unit's row holds its own formasi only, not those of the units below it.
    """
    sums = agregat(Formasi.objects.filter(unit__perangkat_daerah=perangkat_daerah), "unit_id")
    units = list(
        UnitKerja.objects.filter(perangkat_daerah=perangkat_daerah)
        .only("pk", "nama", "kode", "parent_id")
        .order_by("kode")
    )
    return [
        _baris(
            unit.nama,
            sums.get(unit.pk),
            url=reverse("instansi:keseimbangan_unit", args=[unit.pk]),
            depth=min(depth, 4),
        )
        for unit, depth in _depth_first(units)
    ]


def per_formasi(unit) -> list[Baris]:
    """Unit level: one row per formasi (jabatan) of the unit."""
    formasi = (
        Formasi.objects.filter(unit=unit)
        .select_related("jabatan")
        .with_bezetting()
        .order_by("jabatan__nama")
    )
    return [
        Baris(
            nama=f.jabatan.nama,
            kebutuhan=f.kebutuhan,
            bezetting=f.bezetting,
            beban_jam=f.beban_kerja_jam,
            bezetting_beban=f.bezetting if f.beban_kerja_jam is not None else 0,
            jumlah_formasi=1,
            url=f.jabatan.get_absolute_url(),
        )
        for f in formasi
    ]


# --- How uneven the workload is -------------------------------------------------------


@dataclass(frozen=True)
class SebaranEJ:
    """The spread of unit EJ values: how unevenly the workload is shared between units.

    Counts only units with a workload and at least one holder of an analysed formasi. The
    standard deviation is the *population* one (``statistics.pstdev``): the units are all
    the units there are, not a sample. The coefficient of variation is that deviation
    divided by the mean EJ. Shares are fractions (0–1) of the counted units.
    """

    jumlah_unit: int
    rata_rata: Decimal | None
    simpangan_baku: Decimal | None
    koefisien_variasi: Decimal | None
    jumlah_a: int
    jumlah_bc: int
    jumlah_de: int

    def _porsi(self, n) -> Decimal | None:
        return Decimal(n) / self.jumlah_unit if self.jumlah_unit else None

    @property
    def porsi_a(self) -> Decimal | None:
        return self._porsi(self.jumlah_a)

    @property
    def porsi_bc(self) -> Decimal | None:
        return self._porsi(self.jumlah_bc)

    @property
    def porsi_de(self) -> Decimal | None:
        return self._porsi(self.jumlah_de)


def hitung_sebaran(unit_values: Iterable[tuple], jam_efektif: int | None = None) -> SebaranEJ:
    """The spread over ``(workload hours, holders)`` pairs, one pair per unit.

    Pure arithmetic, so a caller can pass holders changed by proposed moves.
    """
    jam_efektif = jam_efektif or _jam_efektif()
    nilai = [
        abk.efisiensi(beban, bezetting, jam_efektif)
        for beban, bezetting in unit_values
        if beban is not None and bezetting > 0
    ]
    if not nilai:
        return SebaranEJ(0, None, None, None, 0, 0, 0)
    mean = statistics.mean(nilai)
    sd = statistics.pstdev(nilai, mean)
    kategori = [abk.kategori(ej) for ej in nilai]
    return SebaranEJ(
        jumlah_unit=len(nilai),
        rata_rata=mean,
        simpangan_baku=sd,
        koefisien_variasi=sd / mean if mean else None,
        jumlah_a=kategori.count(KategoriEJ.A),
        jumlah_bc=sum(k in (KategoriEJ.B, KategoriEJ.C) for k in kategori),
        jumlah_de=sum(k in (KategoriEJ.D, KategoriEJ.E) for k in kategori),
    )


def sebaran_ej(
    formasi_queryset=None, delta_bezetting: Mapping[int, int] | None = None
) -> SebaranEJ:
    """The spread of EJ over the units of ``formasi_queryset`` (default: every formasi).

    ``delta_bezetting`` maps a unit id to a change in its holders (+1 for someone moving
    in, −1 for someone moving out) to see the spread after a set of moves. The change
    applies to the holders counted in EJ, i.e. moves into or out of analysed formasi.
    One grouped query.
    """
    if formasi_queryset is None:
        formasi_queryset = Formasi.objects.all()
    delta_bezetting = delta_bezetting or {}
    sums = agregat(formasi_queryset, "unit_id")
    pairs = []
    for unit_id, row in sums.items():
        holders = (row["sum_bezetting_beban"] or 0) + delta_bezetting.get(unit_id, 0)
        beban = row["sum_beban"]
        pairs.append((None if beban is None else Decimal(beban), max(holders, 0)))
    return hitung_sebaran(pairs)


def sebaran_baris(rows: Iterable[Baris]) -> SebaranEJ:
    """The spread over rows already summed per unit (the agency page), with no query."""
    return hitung_sebaran((r.beban_jam, r.bezetting_beban) for r in rows)


# --- Pages ----------------------------------------------------------------------------


def data_grafik(rows: Iterable[Baris]) -> dict:
    """Chart data for ``static/js/charts.js``: needed vs holders, horizontal bars."""
    rows = [r for r in rows if r.kebutuhan or r.bezetting]
    return {
        "type": "bar",
        "labels": [r.label for r in rows],
        "datasets": [
            {"label": _("Kebutuhan"), "data": [r.kebutuhan for r in rows]},
            {"label": _("Bezetting"), "data": [r.bezetting for r in rows]},
        ],
        "options": {"indexAxis": "y"},
    }


def _render(request, context):
    rows = context["rows"]
    context.setdefault("total", jumlahkan(rows))
    context["grafik"] = data_grafik(rows)
    context["jam_efektif"] = _jam_efektif()
    context["boleh_pemerintah"] = has_role(request.user, *GOVERNMENT_WIDE)
    return render(request, "instansi/keseimbangan.html", context)


@role_required(GOVERNMENT_WIDE)
def keseimbangan(request):
    """The whole government, one row per agency, with the spread of unit EJ on top."""
    return _render(
        request,
        {
            "level": "pemerintah",
            "judul": _("Keseimbangan beban kerja"),
            "kolom_nama": _("Perangkat daerah"),
            "judul_grafik": _("Kebutuhan dan bezetting per perangkat daerah"),
            "rows": per_perangkat_daerah(request.user),
            "sebaran": sebaran_ej(Formasi.objects.for_user(request.user)),
        },
    )


@role_required(STAFF_ROLES)
def keseimbangan_opd(request, pk):
    """One agency, one row per unit; an agency's own users may see their agency."""
    opd = get_object_or_404(PerangkatDaerah.objects.for_user(request.user), pk=pk)
    rows = per_unit(opd)
    return _render(
        request,
        {
            "level": "opd",
            "judul": opd.nama,
            "opd": opd,
            "kolom_nama": _("Unit kerja"),
            "judul_grafik": _("Kebutuhan dan bezetting per unit kerja"),
            "rows": rows,
            "sebaran": sebaran_baris(rows),
        },
    )


@role_required(STAFF_ROLES)
def keseimbangan_unit(request, pk):
    """One unit, one row per formasi."""
    unit = get_object_or_404(
        UnitKerja.objects.for_user(request.user).select_related("perangkat_daerah"), pk=pk
    )
    return _render(
        request,
        {
            "level": "unit",
            "judul": unit.nama,
            "opd": unit.perangkat_daerah,
            "unit": unit,
            "kolom_nama": _("Jabatan"),
            "judul_grafik": _("Kebutuhan dan bezetting per jabatan"),
            "rows": per_formasi(unit),
        },
    )
