"""The oracle for the report's time in state: the computation the report made before the
stays were kept at each transition (``mutasi.laporan.lama``), straight from the audit log in
one SQL query — every transition row lasts until the next one of the same proposal (LEAD),
summed per state and proposal, ranked per state. Kept here, unchanged, to check the kept
figures against (tests/test_laporan.py, tests/test_seed_demo.py)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.utils import timezone

from mutasi.laporan.hitung import AKHIR, PERSENTIL, WaktuStatus, _nilai_persentil
from mutasi.laporan.lama import aksi_transisi, detik_sql
from mutasi.models import AuditLog, Usulan
from mutasi.usulan.choices import StatusUsulan


def _sql_waktu(queryset, now) -> tuple[str, list]:
    db = queryset.db
    vendor = connections[db].vendor
    qn = connections[db].ops.quote_name
    scoped, scoped_params = queryset.order_by().values("pk").query.get_compiler(db).as_sql()
    actions = aksi_transisi()
    log = AuditLog._meta
    column = {
        name: qn(log.get_field(name).column)
        for name in ("object_id", "action", "timestamp", "content_type")
    }
    column["pk"] = qn(log.pk.column)
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
                       {detik_sql(vendor, "COALESCE(berikut, %s)", "mulai")} AS detik
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


def waktu_dari_log(queryset, now=None) -> list[WaktuStatus]:
    """``mutasi.laporan.hitung.waktu_per_status`` as it was: from the audit log."""
    now = now or timezone.now()
    found: dict[str, dict] = {}
    try:
        sql, params = _sql_waktu(queryset, now)
    except EmptyResultSet:
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


def sama(kept: list[WaktuStatus], oracle: list[WaktuStatus], toleransi=1e-11) -> bool:
    """Equal figures, the days to ``toleransi`` (by default a microsecond: float sums in
    another order; a clock left running between a transition and its log row needs more)."""

    def close(a, b):
        return a is None and b is None or a is not None and b is not None and abs(a - b) < toleransi

    return len(kept) == len(oracle) and all(
        (k.status, k.jumlah, k.berjalan) == (o.status, o.jumlah, o.berjalan)
        and close(k.median, o.median)
        and close(k.p90, o.p90)
        for k, o in zip(kept, oracle, strict=True)
    )
