"""The workload-balance view (keseimbangan beban kerja) of docs/domain.md §5.

BKD looks at the whole government, then drills down: government → agency → unit → formasi.
Each level is a table of the staffing map in force — the need BKD accepted and today's
holders — with gap, workload hours and EJ with its band, all computed by
``instansi.beban`` (who counts where is written there).

The sums are made in the database, one grouped query per level. ``sebaran_ej`` measures how
unevenly the workload is spread over units and can recompute that with changed holders, so
a set of proposed moves can be shown before and after.
"""

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from instansi import beban
from instansi.beban import Beban
from instansi.choices import KategoriEJ
from instansi.layanan.sinyal import sinyal_unit
from instansi.models import Formasi, PerangkatDaerah, UnitKerja
from mutasi.lib.views import role_required
from pegawai.access import GOVERNMENT_WIDE, STAFF_ROLES, has_role

# --- Aggregation ----------------------------------------------------------------------


@dataclass
class Baris(Beban):
    """One row of a balance table: an agency, a unit, a formasi, or the total of a level."""

    nama: str = ""
    url: str = ""
    label: str = ""
    depth: int = 0
    unit_id: int | None = None
    sinyal: object = None  # instansi.layanan.sinyal.Sinyal of a service unit
    prioritas: bool = False
    jumlah_prioritas: int = 0  # an agency's priority service units
    opd_id: int | None = None

    def __post_init__(self):
        super().__post_init__()
        self.label = self.label or self.nama


def _baris(nama, figures: Beban | None, **kwargs) -> Baris:
    row = Baris(nama=nama, **kwargs)
    return row.tambah(figures) if figures else row


def jumlahkan(rows: Iterable[Beban], nama: str = "") -> Baris:
    """The total of a level, from its rows (they are already sums; nothing is re-queried)."""
    total = Baris(nama=nama or _("Jumlah"))
    for row in rows:
        total.tambah(row)
    return total


def per_perangkat_daerah(user) -> list[Baris]:
    """Government level: one row per agency the user may see, agencies without formasi too."""
    sums = beban.per(Formasi.objects.for_user(user), "unit__perangkat_daerah")
    return [
        _baris(
            opd.nama,
            sums.get(opd.pk),
            label=opd.singkatan or opd.nama,
            url=reverse("instansi:keseimbangan_opd", args=[opd.pk]),
            opd_id=opd.pk,
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
    sums = beban.per(Formasi.objects.filter(unit__perangkat_daerah=perangkat_daerah), "unit_id")
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
            unit_id=unit.pk,
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
        Baris.dari_formasi(
            f.kebutuhan,
            f.bezetting,
            f.beban_kerja_jam,
            nama=f.jabatan.nama,
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


def hitung_sebaran(units: Iterable[Beban]) -> SebaranEJ:
    """The spread over the figures of units (``Beban``), e.g. with holders changed by moves."""
    nilai = [(u.ej, u.kategori) for u in units if u.ej is not None]
    if not nilai:
        return SebaranEJ(0, None, None, None, 0, 0, 0)
    ej = [e for e, _k in nilai]
    kategori = [k for _e, k in nilai]
    mean = statistics.mean(ej)
    sd = statistics.pstdev(ej, mean)
    return SebaranEJ(
        jumlah_unit=len(ej),
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
    sums = beban.per(formasi_queryset, "unit_id")
    return hitung_sebaran(
        b.geser(bezetting_beban=delta_bezetting.get(unit_id, 0)) for unit_id, b in sums.items()
    )


def sebaran_baris(rows: Iterable[Beban]) -> SebaranEJ:
    """The spread over rows already summed per unit (the agency page), with no query."""
    return hitung_sebaran(rows)


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


def tandai_layanan(rows: list[Baris]) -> bool:
    """Put each service unit's signal (IKM band, complaint trend) and priority on its row;
    True when any row has one. A unit short of people is one whose holders are below need."""
    tanda = sinyal_unit([r.unit_id for r in rows if r.unit_id], timezone.localdate())
    for r in rows:
        r.sinyal = tanda.get(r.unit_id)
        r.prioritas = bool(r.sinyal and r.sinyal.prioritas(-r.selisih))
    return bool(tanda)


def tandai_prioritas_opd(user, rows: list[Baris]) -> bool:
    """Count each agency's priority service units (short of people, poor service) on its
    row; True when there are service units at all. Four queries."""
    units = Formasi.objects.for_user(user).filter(unit__layanan_publik=True)
    figures = beban.per(units, "unit_id")
    opd_of = dict(
        UnitKerja.objects.filter(pk__in=list(figures)).values_list("pk", "perangkat_daerah_id")
    )
    tanda = sinyal_unit(list(figures), timezone.localdate())
    counts: dict[int, int] = {}
    for unit_id, s in tanda.items():
        if s.prioritas(-figures[unit_id].selisih):
            counts[opd_of[unit_id]] = counts.get(opd_of[unit_id], 0) + 1
    for r in rows:
        r.jumlah_prioritas = counts.get(r.opd_id, 0)
    return bool(tanda)


def _render(request, context):
    rows = context["rows"]
    context.setdefault("total", jumlahkan(rows))
    context["grafik"] = data_grafik(rows)
    context["jam_efektif"] = settings.ABK_JAM_EFEKTIF
    context["boleh_pemerintah"] = has_role(request.user, *GOVERNMENT_WIDE)
    return render(request, "instansi/keseimbangan.html", context)


@role_required(STAFF_ROLES)
def keseimbangan(request):
    """The whole government, one row per agency, with the spread of unit EJ on top; an
    agency's own staff are taken to their agency's page."""
    if not has_role(request.user, *GOVERNMENT_WIDE):
        if not request.user.perangkat_daerah_id:
            raise PermissionDenied
        return redirect("instansi:keseimbangan_opd", pk=request.user.perangkat_daerah_id)
    rows = per_perangkat_daerah(request.user)
    return _render(
        request,
        {
            "level": "pemerintah",
            "judul": _("Keseimbangan beban kerja"),
            "kolom_nama": _("Perangkat daerah"),
            "judul_grafik": _("Kebutuhan dan bezetting per perangkat daerah"),
            "rows": rows,
            "sebaran": sebaran_ej(Formasi.objects.for_user(request.user)),
            "ada_layanan": tandai_prioritas_opd(request.user, rows),
        },
    )


@role_required(STAFF_ROLES)
def keseimbangan_opd(request, pk):
    """One agency, one row per unit; an agency's own users may see their agency."""
    opd = get_object_or_404(PerangkatDaerah.objects.for_user(request.user), pk=pk)
    rows = per_unit(opd)
    ada_layanan = tandai_layanan(rows)
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
            "ada_layanan": ada_layanan,
        },
    )


@role_required(STAFF_ROLES)
def keseimbangan_unit(request, pk):
    """One unit, one row per formasi."""
    unit = get_object_or_404(
        UnitKerja.objects.for_user(request.user).select_related("perangkat_daerah"), pk=pk
    )
    rows = per_formasi(unit)
    tanda = sinyal_unit([unit.pk], timezone.localdate()).get(unit.pk)
    kurang = sum(r.kebutuhan for r in rows) - sum(r.bezetting for r in rows)
    return _render(
        request,
        {
            "level": "unit",
            "judul": unit.nama,
            "opd": unit.perangkat_daerah,
            "unit": unit,
            "kolom_nama": _("Jabatan"),
            "judul_grafik": _("Kebutuhan dan bezetting per jabatan"),
            "rows": rows,
            "sinyal_unit": tanda,
            "prioritas_unit": bool(tanda and tanda.prioritas(kurang)),
        },
    )
