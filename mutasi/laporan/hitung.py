"""Reports on mutation proposals: how many, where they are, and how long each step takes.

Counts by state, by origin agency, by type and by reason are summed from one query grouped
by all four (``kelompok``) over the proposals the user may see (``Usulan.objects.for_user``),
narrowed by the filters.

Time in state is kept up to date at every transition (``mutasi.laporan.lama``): one row
per proposal and state with the seconds of its finished stays there (a proposal returned to
Konsep twice stayed in Konsep for the sum of both stays) and, for the state it is in, since
when. The report adds the running stay (now − since) and takes the median and the 90th
percentile per state in one query over that table alone (``_sql_nilai``): PostgreSQL with
``percentile_cont``; SQLite, which has no percentile aggregate, ranks the values with
``ROW_NUMBER()`` and brings back only the ranks around each percentile, which Python
interpolates exactly like ``percentile_cont`` (``_nilai_persentil``). Nothing is read from
the audit log.

States that end a proposal (Ditolak, Dibatalkan, Dilaksanakan) have no time in state: the
clock would only measure how old the record is.
"""

import io
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

import django_filters
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from instansi.models import PerangkatDaerah
from mutasi.laporan import lama
from mutasi.lib.widgets import DateInput
from mutasi.lib.xlsx import cell_value
from mutasi.models import LamaStatus, Usulan
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan

DALAM_PROSES = (
    StatusUsulan.KONSEP,
    StatusUsulan.MENUNGGU_KEPALA,
    StatusUsulan.DIAJUKAN,
    StatusUsulan.TERVERIFIKASI,
    StatusUsulan.DIPERTIMBANGKAN,
)
DISETUJUI = (StatusUsulan.DISETUJUI, StatusUsulan.DITETAPKAN, StatusUsulan.DILAKSANAKAN)
AKHIR = lama.AKHIR


# --- Filters ----------------------------------------------------------------------------


class LaporanFilter(django_filters.FilterSet):
    dari = django_filters.DateFilter(
        label=gettext_lazy("Dibuat sejak"),
        field_name="created",
        lookup_expr="date__gte",
        widget=DateInput,
    )
    sampai = django_filters.DateFilter(
        label=gettext_lazy("Dibuat sampai"),
        field_name="created",
        lookup_expr="date__lte",
        widget=DateInput,
    )
    perangkat_daerah = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Perangkat daerah asal"),
        field_name="unit_asal__perangkat_daerah",
        # Agency names are public; what each user sees is already narrowed by for_user.
        queryset=PerangkatDaerah.objects.order_by("nama"),
        empty_label=gettext_lazy("Semua"),
    )
    jenis = django_filters.ChoiceFilter(
        label=gettext_lazy("Jenis mutasi"),
        choices=JenisMutasi.choices,
        empty_label=gettext_lazy("Semua"),
    )
    alasan = django_filters.ChoiceFilter(
        label=gettext_lazy("Kategori alasan"),
        choices=KategoriAlasan.choices,
        empty_label=gettext_lazy("Semua"),
    )

    class Meta:
        model = Usulan
        fields = ["dari", "sampai", "perangkat_daerah", "jenis", "alasan"]


# --- Tables -----------------------------------------------------------------------------


@dataclass
class Tabel:
    """One report table: a label column, number columns, and an optional total row.

    ``as_values`` makes it exportable with ``mutasi.lib.views.export_table``.
    """

    kode: str
    judul: str
    kolom: list[str]
    baris: list[list] = field(default_factory=list)
    total: list | None = None
    # The sheet name in the workbook (at most 31 characters).
    lembar: str = ""

    def as_values(self):
        yield self.kolom
        yield from self.baris
        if self.total:
            yield self.total


def _rincian_kolom() -> list[str]:
    return [_("Jumlah"), _("Dalam proses"), _("Disetujui"), _("Ditolak"), _("Dibatalkan")]


OPD = "unit_asal__perangkat_daerah__nama"


def kelompok(queryset) -> list[dict]:
    """The proposals counted per state, origin agency, type and reason together: one
    grouped query (a few thousand rows at province scale) from which every count table is
    summed, instead of one pass over the proposals per table."""
    return list(
        queryset.order_by().values("status", OPD, "jenis", "alasan").annotate(n=Count("pk"))
    )


def _hitung(rows: list[dict], key: str) -> dict:
    """Counts per value of ``key``: all, in progress, approved, rejected, withdrawn."""
    counts: dict = defaultdict(lambda: [0] * 5)
    for row in rows:
        status, n = row["status"], row["n"]
        entry = counts[row[key]]
        entry[0] += n
        entry[1] += n if status in DALAM_PROSES else 0
        entry[2] += n if status in DISETUJUI else 0
        entry[3] += n if status == StatusUsulan.DITOLAK else 0
        entry[4] += n if status == StatusUsulan.DIBATALKAN else 0
    return counts


def _jumlah_kolom(rows: list[list], label) -> list:
    width = len(rows[0]) if rows else 0
    return [label] + [sum(r[i] for r in rows) for i in range(1, width)]


def per_status(groups: list[dict]) -> Tabel:
    counts = {status: numbers[0] for status, numbers in _hitung(groups, "status").items()}
    rows = [[label, counts.get(value, 0)] for value, label in StatusUsulan.choices]
    return Tabel(
        "status",
        _("Usulan per status"),
        [_("Status"), _("Jumlah")],
        rows,
        [_("Jumlah"), sum(r[1] for r in rows)],
        lembar=_("Status"),
    )


def per_perangkat_daerah(groups: list[dict]) -> Tabel:
    counts = _hitung(groups, OPD)
    # Incoming moves have no agency of origin here.
    luar = counts.pop(None, None)
    rows = [[nama, *numbers] for nama, numbers in sorted(counts.items())]
    if luar:
        rows.append([_("Dari instansi lain (mutasi masuk)"), *luar])
    return Tabel(
        "opd",
        _("Usulan per perangkat daerah asal"),
        [_("Perangkat daerah asal"), *_rincian_kolom()],
        rows,
        _jumlah_kolom(rows, _("Jumlah")) if rows else None,
        lembar=_("Perangkat daerah"),
    )


def _per_pilihan(groups, key, choices, kode, judul, kolom) -> Tabel:
    counts = _hitung(groups, key)
    rows = [[label, *counts.get(value, [0] * 5)] for value, label in choices]
    return Tabel(
        kode, judul, [kolom, *_rincian_kolom()], rows, _jumlah_kolom(rows, _("Jumlah")), kolom
    )


def per_jenis(groups: list[dict]) -> Tabel:
    return _per_pilihan(
        groups, "jenis", JenisMutasi.choices, "jenis", _("Usulan per jenis mutasi"), _("Jenis")
    )


def per_alasan(groups: list[dict]) -> Tabel:
    return _per_pilihan(
        groups,
        "alasan",
        KategoriAlasan.choices,
        "alasan",
        _("Usulan per kategori alasan"),
        _("Kategori alasan"),
    )


# --- Time in state ------------------------------------------------------------------------


def persentil(values: list[float], p: float) -> float | None:
    """The ``p``-th percentile (0–100), interpolated like PostgreSQL's percentile_cont."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    if p == 50:
        return statistics.median(values)
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


@dataclass
class WaktuStatus:
    """How long proposals stayed in one state, in days."""

    status: str
    label: str
    jumlah: int
    median: float | None
    p90: float | None
    # Proposals in this state now (their stay is counted up to now).
    berjalan: int


# The percentiles of the report, in whole percents: the SQL picks the ranks around each.
PERSENTIL = (50, 90)


def _nilai_persentil(nilai: dict[int, float], jumlah: int, p: int) -> float | None:
    """The ``p``-th percentile from the values at its ranks, interpolated like
    ``percentile_cont`` (rank (n − 1) × p / 100 between the two values around it)."""
    if not jumlah:
        return None
    ke, sisa = divmod((jumlah - 1) * p, 100)
    if not sisa:
        return nilai[ke]
    return nilai[ke] + (nilai[ke + 1] - nilai[ke]) * sisa / 100


def _sql_nilai(queryset, now) -> tuple[str, list]:
    """SQL for one row per proposal and state: ``status``, ``detik`` (the kept stays plus
    the running one up to ``now``) and ``berjalan`` (1 when the proposal is in it now).
    Every proposal (BKD, no filter) needs no look-up in the proposals at all."""
    db = queryset.db
    connection = connections[db]
    qn = connection.ops.quote_name
    stays = LamaStatus._meta
    col = {name: qn(stays.get_field(name).column) for name in ("usulan", "status", "detik")}
    where, params = "", []
    if queryset.query.where:
        scoped, params = queryset.order_by().values("pk").query.get_compiler(db).as_sql()
        where = f"WHERE {col['usulan']} IN ({scoped})"
    running = lama.detik_sql(connection.vendor, "%s", "sejak")
    sql = f"""
        SELECT status, detik + CASE WHEN sekarang > 0 THEN sekarang ELSE 0 END AS detik,
               CASE WHEN sejak IS NULL THEN 0 ELSE 1 END AS berjalan
        FROM (
            SELECT {col["status"]} AS status, {col["detik"]} AS detik,
                   {qn(stays.get_field("sejak").column)} AS sejak, {running} AS sekarang
            FROM {qn(stays.db_table)}
            {where}
        ) lama
    """
    return sql, [connection.ops.adapt_datetimefield_value(now), *params]


def _persentil_postgresql(cursor, nilai: str, params: list) -> dict:
    """PostgreSQL: ``percentile_cont`` per state, the rows read in state order from the
    index on (status, detik, sejak) instead of sorted."""
    fractions = ", ".join(str(p / 100) for p in PERSENTIL)
    cursor.execute(
        f"""
        SELECT status, COUNT(*), SUM(berjalan),
               percentile_cont(ARRAY[{fractions}]) WITHIN GROUP (ORDER BY detik)
        FROM ({nilai}) nilai
        GROUP BY status
        """,
        params,
    )
    return {
        status: (jumlah, berjalan, *(value / 86400 for value in values))
        for status, jumlah, berjalan, values in cursor.fetchall()
    }


def _persentil_urut(cursor, nilai: str, params: list) -> dict:
    """SQLite (no percentile aggregate): the values ranked per state with ``ROW_NUMBER()``;
    only the ranks around each percentile come back, interpolated by
    ``_nilai_persentil`` exactly like ``percentile_cont``."""
    ranks = ", ".join(f"(jumlah - 1) * {p} / 100, (jumlah - 1) * {p} / 100 + 1" for p in PERSENTIL)
    cursor.execute(
        f"""
        WITH urut AS (
            SELECT status, detik,
                   ROW_NUMBER() OVER (PARTITION BY status ORDER BY detik) - 1 AS ke,
                   COUNT(*) OVER (PARTITION BY status) AS jumlah,
                   SUM(berjalan) OVER (PARTITION BY status) AS berjalan
            FROM ({nilai}) nilai
        )
        SELECT status, jumlah, berjalan, ke, detik FROM urut WHERE ke IN ({ranks})
        """,
        params,
    )
    ranked: dict[str, dict] = {}
    for status, jumlah, berjalan, ke, detik in cursor.fetchall():
        entry = ranked.setdefault(status, {"jumlah": jumlah, "berjalan": berjalan, "nilai": {}})
        entry["nilai"][ke] = float(detik) / 86400
    return {
        status: (
            entry["jumlah"],
            entry["berjalan"],
            *(_nilai_persentil(entry["nilai"], entry["jumlah"], p) for p in PERSENTIL),
        )
        for status, entry in ranked.items()
    }


def waktu_per_status(queryset, now=None) -> list[WaktuStatus]:
    """Per state that is not final: proposals that passed it, median and p90 in days.

    One query over the kept stays (``mutasi.laporan.lama``): a few numbers per state come
    back.
    """
    now = now or timezone.now()
    try:
        nilai, params = _sql_nilai(queryset, now)
    except EmptyResultSet:  # queryset.none(): an invalid filter
        found = {}
    else:
        connection = connections[queryset.db]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                found = _persentil_postgresql(cursor, nilai, params)
            else:
                found = _persentil_urut(cursor, nilai, params)
    result = []
    for value, label in StatusUsulan.choices:
        if value in AKHIR:
            continue
        jumlah, berjalan, median, p90 = found.get(value, (0, 0, None, None))
        result.append(
            WaktuStatus(
                status=value,
                label=label,
                jumlah=jumlah,
                median=median,
                p90=p90,
                berjalan=int(berjalan or 0),
            )
        )
    return result


def tabel_waktu(rows: list[WaktuStatus]) -> Tabel:
    def days(value):
        return None if value is None else round(value, 1)

    return Tabel(
        "waktu",
        _("Lama di setiap status (hari)"),
        [_("Status"), _("Jumlah usulan"), _("Median (hari)"), _("P90 (hari)"), _("Masih di sini")],
        [[r.label, r.jumlah, days(r.median), days(r.p90), r.berjalan] for r in rows],
        lembar=_("Lama per status"),
    )


# --- The whole report -----------------------------------------------------------------------


def _pendek(label: str, width: int = 22) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


@dataclass
class Laporan:
    status: Tabel
    opd: Tabel
    jenis: Tabel
    alasan: Tabel
    waktu: list[WaktuStatus]
    tabel_waktu: Tabel

    @property
    def tabel(self) -> list[Tabel]:
        return [self.status, self.opd, self.jenis, self.alasan, self.tabel_waktu]

    @property
    def jumlah(self) -> int:
        return self.status.total[1]

    def grafik(self) -> dict:
        """Chart data for ``static/js/charts.js``: proposals per state, horizontal bars."""
        return {
            "type": "bar",
            # Long state names would squeeze the bars on a phone; the table has them in full.
            "labels": [_pendek(str(row[0])) for row in self.status.baris],
            "datasets": [{"label": _("Jumlah usulan"), "data": [r[1] for r in self.status.baris]}],
            "options": {"indexAxis": "y", "plugins": {"legend": {"display": False}}},
        }


def susun(queryset, now=None) -> Laporan:
    """Every table of the report over ``queryset`` (already scoped and filtered)."""
    waktu = waktu_per_status(queryset, now)
    groups = kelompok(queryset)
    return Laporan(
        status=per_status(groups),
        opd=per_perangkat_daerah(groups),
        jenis=per_jenis(groups),
        alasan=per_alasan(groups),
        waktu=waktu,
        tabel_waktu=tabel_waktu(waktu),
    )


def ekspor_xlsx(laporan: Laporan, name: str) -> HttpResponse:
    """The report as one workbook, one sheet per table."""
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for tabel in laporan.tabel:
        sheet = book.create_sheet(str(tabel.lembar or tabel.kode)[:31])
        for i, row in enumerate(tabel.as_values()):
            sheet.append(
                [v if v is None or isinstance(v, int | float) else cell_value(str(v)) for v in row]
            )
            if i == 0 or row is tabel.total:
                for cell in sheet[sheet.max_row]:
                    cell.font = bold
        sheet.column_dimensions["A"].width = 48
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"{name}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
