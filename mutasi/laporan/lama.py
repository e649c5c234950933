"""How long each proposal has stayed in each state, kept up to date at every transition, so
the report (``mutasi.laporan.hitung``) reads one small row per proposal and state instead of
deriving the stays from the audit log at every request.

Every state change of a proposal goes through a django-fsm-2 ``@transition`` method of
``Usulan`` — the services of ``mutasi.usulan.services``, one by one or in a batch, publishing
a letter and carrying it out (``mutasi.sk``) — and each sends ``post_transition``. The
receiver here (``_pindah``) adds the stay that ends to the row of the state left and opens
a stay in the state entered (``LamaStatus.sejak``), in the caller's transaction: two
statements. Filing (``services.buat_usulan``, ``masuk.buat_usulan_masuk``) opens the first stay,
in Konsep (``mulai``).
The running stay lives on the row, not on the proposal, so the report reads this table
alone.

Proposals written around the services — the benchmark archive of ``seed_demo --usulan`` and
whatever existed before this table (the migration that made it) — are filled from the audit
log by ``isi_dari_log``, the computation the report used to make at every request: every
transition writes ``mutasi.usulan.<state>`` and filing ``mutasi.usulan.dibuat`` (Konsep); a
stay lasts from its row to the next transition row of the same proposal.

States that end a proposal (``AKHIR``) have no row: the clock would only measure how old the
record is. A stay that would be negative (a clock set back) counts as zero.
"""

from django.apps import apps as django_apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.dispatch import receiver
from django.utils import timezone
from django_fsm.signals import post_transition

from mutasi.models import LamaStatus, Usulan
from mutasi.usulan.choices import StatusUsulan

AKHIR = (StatusUsulan.DITOLAK, StatusUsulan.DIBATALKAN, StatusUsulan.DILAKSANAKAN)
AKSI_DIBUAT = "mutasi.usulan.dibuat"
AKSI_MASUK_DIBUAT = "mutasi.usulan.masuk_dibuat"  # an incoming move filed (also Konsep)


def aksi_transisi() -> dict[str, str]:
    """The audit-log codes that start a stay, with the state each starts."""
    actions = {f"mutasi.usulan.{value}": value for value in StatusUsulan.values}
    actions[AKSI_DIBUAT] = actions[AKSI_MASUK_DIBUAT] = StatusUsulan.KONSEP
    return actions


def detik_sql(vendor: str, akhir: str, mulai: str) -> str:
    """SQL for the seconds from timestamp expression ``mulai`` to ``akhir``."""
    if vendor == "postgresql":
        return f"CAST(EXTRACT(EPOCH FROM ({akhir} - {mulai})) AS double precision)"
    # Django's own SQLite function for subtracting DateTimeFields: exact microseconds.
    return f"django_timestamp_diff({akhir}, {mulai}) / 1000000.0"


def _table(connection):
    """The quoted table name and columns, for the statements of a transition."""
    table = LamaStatus._meta
    qn = connection.ops.quote_name
    return qn(table.db_table), {
        name: qn(table.get_field(name).column)
        for name in ("usulan", "status", "detik", "kali", "sejak")
    }


def _buka(connection, usulan_id, status, when) -> None:
    """A stay in ``status`` starts at ``when``: make the row or count one stay more
    (PostgreSQL and SQLite both upsert with ON CONFLICT)."""
    if status in AKHIR:
        return
    table, col = _table(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({col['usulan']}, {col['status']}, {col['detik']}, "
            f"{col['kali']}, {col['sejak']}) VALUES (%s, %s, 0, 1, %s) "
            f"ON CONFLICT ({col['usulan']}, {col['status']}) DO UPDATE SET "
            f"{col['kali']} = {table}.{col['kali']} + 1, {col['sejak']} = EXCLUDED.{col['sejak']}",
            [usulan_id, status, connection.ops.adapt_datetimefield_value(when)],
        )


def mulai(usulan) -> None:
    """A proposal just filed: its first stay, in Konsep, starts when it was made."""
    _buka(connections[LamaStatus.objects.db], usulan.pk, usulan.status, usulan.created)


@receiver(post_transition, sender=Usulan)
def _pindah(sender, instance, source, target, **kwargs):
    """The stay running ends now (a negative one counts as zero) and the next one starts."""
    now = timezone.now()
    connection = connections[LamaStatus.objects.db]
    table, col = _table(connection)
    stay = detik_sql(connection.vendor, "%s", col["sejak"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {col['sejak']} = NULL, {col['detik']} = {col['detik']} + "
            f"CASE WHEN {stay} > 0 THEN {stay} ELSE 0 END "
            f"WHERE {col['usulan']} = %s AND {col['sejak']} IS NOT NULL",
            [connection.ops.adapt_datetimefield_value(now)] * 2 + [instance.pk],
        )
    _buka(connection, instance.pk, target, now)


def isi_dari_log(usulan_ids=None, *, apps=django_apps, using=DEFAULT_DB_ALIAS) -> None:
    """Rebuild the rows of the proposals ``usulan_ids`` (all when None) from the audit log,
    in two statements. ``apps`` are the historical models when a migration calls it."""
    usulan_model = apps.get_model("mutasi", "Usulan")
    log_model = apps.get_model("mutasi", "AuditLog")
    lama_model = apps.get_model("mutasi", "LamaStatus")
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.using(using)
        .filter(app_label="mutasi", model="usulan")
        .values_list("pk", flat=True)
        .first()
    )
    if content_type is None:  # a new database: no proposal yet
        return
    connection = connections[using]
    qn = connection.ops.quote_name
    log, usulan, lama = log_model._meta, usulan_model._meta, lama_model._meta
    col = {name: qn(log.get_field(name).column) for name in ("object_id", "action", "timestamp")}
    col["content_type"] = qn(log.get_field("content_type").column)
    log_table, usulan_table = qn(log.db_table), qn(usulan.db_table)
    usulan_pk = qn(usulan.pk.column)
    actions = aksi_transisi()
    final = ", ".join(["%s"] * len(AKHIR))
    in_actions = ", ".join(["%s"] * len(actions))
    ids, only = [], ""
    if usulan_ids is not None:
        ids = list(usulan_ids)
        if not ids:
            return
        only = f"IN ({', '.join(['%s'] * len(ids))})"
    transitions = f"""
        {col["content_type"]} = %s AND {col["action"]} IN ({in_actions})
    """
    transition_params = [content_type, *actions]
    lama_usulan = qn(lama.get_field("usulan").column)
    columns = ", ".join(
        [
            lama_usulan,
            *(qn(lama.get_field(name).column) for name in ("status", "detik", "kali", "sejak")),
        ]
    )
    state_case = "CASE {} {} END".format(
        col["action"], " ".join("WHEN %s THEN %s" for _ in actions)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {qn(lama.db_table)}" + (f" WHERE {lama_usulan} {only}" if ids else ""),
            ids,
        )
        # Each transition row with the time of the next one (LEAD): a stay; the last row of
        # a proposal is the stay it is in now, which the report times up to the moment.
        cursor.execute(
            f"""
            WITH langkah AS (
                SELECT {col["object_id"]} AS usulan, {state_case} AS status,
                       {col["timestamp"]} AS mulai,
                       LEAD({col["timestamp"]}) OVER (
                           PARTITION BY {col["object_id"]}
                           ORDER BY {col["timestamp"]}, {qn(log.pk.column)}
                       ) AS berikut
                FROM {log_table}
                WHERE {transitions}
                  AND {col["object_id"]} IN (SELECT {usulan_pk} FROM {usulan_table})
                  {f"AND {col['object_id']} {only}" if ids else ""}
            )
            INSERT INTO {qn(lama.db_table)} ({columns})
            SELECT usulan, status, SUM(CASE WHEN detik > 0 THEN detik ELSE 0 END), COUNT(*),
                   MAX(CASE WHEN berikut IS NULL THEN mulai END)
            FROM (
                SELECT usulan, status, mulai, berikut,
                       {detik_sql(connection.vendor, "berikut", "mulai")} AS detik
                FROM langkah
                WHERE status NOT IN ({final})
            ) tinggal
            GROUP BY usulan, status
            """,
            [
                *(value for item in actions.items() for value in item),
                *transition_params,
                *ids,
                *AKHIR,
            ],
        )
