"""Reports on mutation proposals: how many, where they are, and how long each step takes.

Counts by state, by origin agency, by type and by reason are one grouped query each over
the proposals the user may see (``Usulan.objects.for_user``), narrowed by the filters.

Time in state comes from the audit log: every transition writes ``mutasi.usulan.<state>``
(with ``{"dari", "ke"}``) and filing writes ``mutasi.usulan.dibuat`` (state Konsep). A
proposal stays in a state from that row until its next transition row, or until now for
the state it is in. It is all computed in one SQL query that SQLite (3.25+) and PostgreSQL
both run (``_sql_waktu``): the next row is ``LEAD(timestamp) OVER (PARTITION BY object_id
ORDER BY timestamp, id)``; the stays are summed per state and proposal (a proposal returned
to Konsep twice stayed in Konsep for the sum of both stays); the sums are ranked per state
with ``ROW_NUMBER()``, and only the ranks around the median and the 90th percentile come
back, which Python interpolates exactly like ``percentile_cont`` (SQLite has no percentile
aggregate, and one query for both keeps one behaviour). At province scale (100,000
proposals, 420,000 transition rows) nothing per proposal crosses to Python.

States that end a proposal (Ditolak, Dibatalkan, Dilaksanakan) have no time in state: the
clock would only measure how old the record is.
"""

import io
import statistics
from dataclasses import dataclass, field

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from instansi.models import PerangkatDaerah
from mutasi.lib.widgets import DateInput
from mutasi.lib.xlsx import cell_value
from mutasi.models import AuditLog, Usulan
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan

DALAM_PROSES = (
    StatusUsulan.KONSEP,
    StatusUsulan.MENUNGGU_KEPALA,
    StatusUsulan.DIAJUKAN,
    StatusUsulan.TERVERIFIKASI,
    StatusUsulan.DIPERTIMBANGKAN,
)
DISETUJUI = (StatusUsulan.DISETUJUI, StatusUsulan.DITETAPKAN, StatusUsulan.DILAKSANAKAN)
AKHIR = (StatusUsulan.DITOLAK, StatusUsulan.DIBATALKAN, StatusUsulan.DILAKSANAKAN)
AKSI_DIBUAT = "mutasi.usulan.dibuat"


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


def _hitung(queryset, key: str) -> dict:
    """Counts per value of ``key``: all, in progress, approved, rejected, withdrawn."""
    rows = (
        queryset.order_by()
        .values(key)
        .annotate(
            jumlah=Count("pk"),
            proses=Count("pk", filter=Q(status__in=DALAM_PROSES)),
            disetujui=Count("pk", filter=Q(status__in=DISETUJUI)),
            ditolak=Count("pk", filter=Q(status=StatusUsulan.DITOLAK)),
            dibatalkan=Count("pk", filter=Q(status=StatusUsulan.DIBATALKAN)),
        )
    )
    return {
        row[key]: [
            row["jumlah"],
            row["proses"],
            row["disetujui"],
            row["ditolak"],
            row["dibatalkan"],
        ]
        for row in rows
    }


def _jumlah_kolom(rows: list[list], label) -> list:
    width = len(rows[0]) if rows else 0
    return [label] + [sum(r[i] for r in rows) for i in range(1, width)]


def per_status(queryset) -> Tabel:
    counts = dict(
        queryset.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    rows = [[label, counts.get(value, 0)] for value, label in StatusUsulan.choices]
    return Tabel(
        "status",
        _("Usulan per status"),
        [_("Status"), _("Jumlah")],
        rows,
        [_("Jumlah"), sum(r[1] for r in rows)],
        lembar=_("Status"),
    )


def per_perangkat_daerah(queryset) -> Tabel:
    counts = _hitung(queryset, "unit_asal__perangkat_daerah__nama")
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


def _per_pilihan(queryset, key, choices, kode, judul, kolom) -> Tabel:
    counts = _hitung(queryset, key)
    rows = [[label, *counts.get(value, [0] * 5)] for value, label in choices]
    return Tabel(
        kode, judul, [kolom, *_rincian_kolom()], rows, _jumlah_kolom(rows, _("Jumlah")), kolom
    )


def per_jenis(queryset) -> Tabel:
    return _per_pilihan(
        queryset, "jenis", JenisMutasi.choices, "jenis", _("Usulan per jenis mutasi"), _("Jenis")
    )


def per_alasan(queryset) -> Tabel:
    return _per_pilihan(
        queryset,
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


def _aksi_transisi() -> dict[str, str]:
    actions = {f"mutasi.usulan.{value}": value for value in StatusUsulan.values}
    actions[AKSI_DIBUAT] = StatusUsulan.KONSEP
    return actions


def _detik(vendor: str, akhir: str, mulai: str) -> str:
    """SQL for the seconds from timestamp expression ``mulai`` to ``akhir``."""
    if vendor == "postgresql":
        return f"CAST(EXTRACT(EPOCH FROM ({akhir} - {mulai})) AS double precision)"
    # Django's own SQLite function for subtracting DateTimeFields: exact microseconds.
    return f"django_timestamp_diff({akhir}, {mulai}) / 1000000.0"


def _sql_waktu(queryset, now) -> tuple[str, list]:
    """One query: per state, the number of proposals that passed it, how many are in it now,
    and the seconds at the ranks ``_nilai_persentil`` needs, from sums per proposal.

    ``langkah``: each transition row with the time of the next one (LEAD); ``lama``: the
    seconds per state and proposal, summed over its stays (a stay still running counts up to
    ``now``; the last row of a final state is not a stay); ``urut``: those sums ranked per
    state. Only the few ranked rows around each percentile leave the database.
    """
    db = queryset.db
    vendor = connections[db].vendor
    qn = connections[db].ops.quote_name
    scoped, scoped_params = queryset.order_by().values("pk").query.get_compiler(db).as_sql()
    actions = _aksi_transisi()
    log = AuditLog._meta
    column = {
        name: qn(log.get_field(name).column)
        for name in ("object_id", "action", "timestamp", "content_type")
    }
    column["pk"] = qn(log.pk.column)
    # States as their index in StatusUsulan.values: integers hash and sort much faster
    # than text under a locale's collation.
    number = {state: i for i, state in enumerate(StatusUsulan.values)}
    state_case = "CASE {} {} END".format(
        column["action"],
        " ".join(f"WHEN %s THEN {number[state]}" for state in actions.values()),
    )
    final = ", ".join(str(number[state]) for state in AKHIR)
    ranks = ", ".join(f"(jumlah - 1) * {p} / 100, (jumlah - 1) * {p} / 100 + 1" for p in PERSENTIL)
    sql = f"""
        WITH langkah AS (
            SELECT {column["object_id"]} AS usulan, {state_case} AS status,
                   {column["timestamp"]} AS mulai,
                   LEAD({column["timestamp"]}) OVER (
                       PARTITION BY {column["object_id"]}
                       ORDER BY {column["timestamp"]}, {column["pk"]}
                   ) AS berikut
            FROM {qn(log.db_table)}
            WHERE {column["content_type"]} = %s
              AND {column["action"]} IN ({", ".join(["%s"] * len(actions))})
              AND {column["object_id"]} IN ({scoped})
        ),
        lama AS (
            SELECT status, usulan,
                   SUM(CASE WHEN detik > 0 THEN detik ELSE 0 END) AS detik,
                   MAX(CASE WHEN berikut IS NULL THEN 1 ELSE 0 END) AS berjalan
            FROM (
                SELECT status, usulan, berikut,
                       {_detik(vendor, "COALESCE(berikut, %s)", "mulai")} AS detik
                FROM langkah
                WHERE berikut IS NOT NULL OR status NOT IN ({final})
            ) tinggal
            GROUP BY status, usulan
        ),
        urut AS (
            SELECT status, detik,
                   ROW_NUMBER() OVER (PARTITION BY status ORDER BY detik) - 1 AS ke,
                   COUNT(*) OVER (PARTITION BY status) AS jumlah,
                   SUM(berjalan) OVER (PARTITION BY status) AS berjalan
            FROM lama
        )
        SELECT status, jumlah, berjalan, ke, detik FROM urut WHERE ke IN ({ranks})
    """
    params = [*actions, ContentType.objects.get_for_model(Usulan).pk, *actions, *scoped_params]
    params.append(connections[db].ops.adapt_datetimefield_value(now))
    return sql, params


def _nilai_persentil(nilai: dict[int, float], jumlah: int, p: int) -> float | None:
    """The ``p``-th percentile from the values at its ranks, interpolated like
    ``percentile_cont`` (rank (n − 1) × p / 100 between the two values around it)."""
    if not jumlah:
        return None
    ke, sisa = divmod((jumlah - 1) * p, 100)
    if not sisa:
        return nilai[ke]
    return nilai[ke] + (nilai[ke + 1] - nilai[ke]) * sisa / 100


def waktu_per_status(queryset, now=None) -> list[WaktuStatus]:
    """Per state that is not final: proposals that passed it, median and p90 in days.

    Summed and ranked in the database (``_sql_waktu``), so the report's time does not grow
    with the audit log on the Python side: a few rows per state come back.
    """
    now = now or timezone.now()
    found: dict[str, dict] = {}
    try:
        sql, params = _sql_waktu(queryset, now)
    except EmptyResultSet:  # queryset.none(): an invalid filter
        rows = []
    else:
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    for number, jumlah, berjalan, ke, detik in rows:
        status = StatusUsulan.values[number]
        entry = found.setdefault(status, {"jumlah": jumlah, "berjalan": berjalan, "nilai": {}})
        entry["nilai"][ke] = float(detik) / 86400
    result = []
    for value, label in StatusUsulan.choices:
        if value in AKHIR:
            continue
        entry = found.get(value, {"jumlah": 0, "berjalan": 0, "nilai": {}})
        median, p90 = (_nilai_persentil(entry["nilai"], entry["jumlah"], p) for p in PERSENTIL)
        result.append(
            WaktuStatus(
                status=value,
                label=label,
                jumlah=entry["jumlah"],
                median=median,
                p90=p90,
                berjalan=int(entry["berjalan"] or 0),
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
    return Laporan(
        status=per_status(queryset),
        opd=per_perangkat_daerah(queryset),
        jenis=per_jenis(queryset),
        alasan=per_alasan(queryset),
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
