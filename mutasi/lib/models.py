"""The abstract base every domain model shares, and small helpers for queries."""

from django.db import connections, models
from django.db.models import Count, F, IntegerField, Lookup, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds when a row was created and last updated."""

    created = models.DateTimeField(
        verbose_name=_("dibuat"),
        auto_now_add=True,
    )
    updated = models.DateTimeField(
        verbose_name=_("diperbarui"),
        auto_now=True,
    )

    class Meta:
        abstract = True


def count_of(queryset, group_by: str):
    """A correlated COUNT(*) subquery, cheaper than Count() across a join for a page of rows.
    COUNT(*) rather than COUNT(id): PostgreSQL may answer it from an index alone.

    ``queryset`` is filtered on ``group_by`` = OuterRef(...), so one group comes back. It is
    one look-up per row: over thousands of rows, or beside other aggregates (where it is
    grouped by and runs once per joined row), count by one grouped join instead.
    """
    counted = queryset.order_by().values(group_by).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class _SalahSatu(Lookup):
    # Not registered on any field: built by ``salah_satu``.
    lookup_name = "salah_satu"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if not self.rhs:
            return "1 = 0", []  # still a query, as on PostgreSQL
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({placeholders})", [*lhs_params, *self.rhs]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, self.rhs]


def salah_satu(field: str, ids):
    """``field__in=ids`` for a long list of ids, as a condition for ``filter()``.

    Django writes an IN list with one placeholder per id, each prepared on its own, and
    psycopg splits the statement at every placeholder to bind it: about 6 µs an id, 12 ms for
    2,000. On PostgreSQL this passes the ids as one array (``field = ANY(%s)``), a fraction of
    that; other databases keep the IN list. An empty list matches nothing but still runs the
    query (Django's IN skips it), so a page costs the same queries with or without rows.
    """
    return _SalahSatu(F(field), [int(pk) for pk in ids])


def analyze(*model_classes, using: str = "default") -> None:
    """Refresh the planner's statistics of these models' tables (every table when none given).

    Bulk writes (the seed, an import) change a table faster than autovacuum notices, and it
    may be off: without fresh statistics PostgreSQL plans the pages' counts for the table as
    it was. ANALYZE samples a table, so it costs a fraction of a second even at 40,000 rows;
    SQLite has the statement too.
    """
    with connections[using].cursor() as cursor:
        if not model_classes:
            cursor.execute("ANALYZE")
            return
        quote = connections[using].ops.quote_name
        for model in model_classes:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


def update_in_bulk(objs, fields: list[str], batch_size: int = 1000, using: str = "default"):
    """Write ``fields`` of ``objs`` (saved instances of one model): ``bulk_update`` with a
    join instead of a CASE.

    Django's ``bulk_update`` sets each field to ``CASE WHEN id = 1 THEN … WHEN id = 2 …``,
    which PostgreSQL evaluates branch by branch for every row: a batch of n rows costs n²
    comparisons per field. On PostgreSQL this writes ``UPDATE … SET f = v.f FROM (VALUES …)
    AS v WHERE id = v.id`` instead, linear in the rows; other databases keep bulk_update.
    Values go through each field's own preparation, as in a save().
    """
    if not objs or not fields:
        return
    model = type(objs[0])
    connection = connections[using]
    if connection.vendor != "postgresql":
        model._default_manager.db_manager(using).bulk_update(objs, fields, batch_size=batch_size)
        return
    meta = model._meta
    quote = connection.ops.quote_name
    columns = [meta.pk, *(meta.get_field(name) for name in fields)]
    # A placeholder cast to the column's type, so NULLs and literals take the right type.
    row_sql = "(" + ", ".join(f"%s::{f.cast_db_type(connection)}" for f in columns) + ")"
    names = ", ".join(quote(f.column) for f in columns)
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in columns[1:])
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start : start + batch_size]
            params = [
                f.get_db_prep_save(getattr(obj, f.attname), connection)
                for obj in batch
                for f in columns
            ]
            values = ", ".join([row_sql] * len(batch))
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM (VALUES {values}) AS v ({names}) "
                f"WHERE {table}.{pk} = v.{pk}",
                params,
            )


def insert_in_bulk(objs, batch_size: int = 1000, using: str = "default") -> None:
    """``bulk_create`` of new instances of one model, through COPY on PostgreSQL.

    Django's bulk_create prepares and escapes every value in Python, which for an import of
    40,000 employees and their history rows costs more than the database's own work; COPY
    streams the rows with psycopg's C adapters. The ids are drawn from the table's sequence
    first and set on the objects, as bulk_create does; fields are prepared as in a save()
    (``pre_save``: auto_now and auto_now_add apply). Other databases keep bulk_create.
    """
    if not objs:
        return
    model = type(objs[0])
    connection = connections[using]
    if connection.vendor != "postgresql":
        model._default_manager.db_manager(using).bulk_create(objs, batch_size=batch_size)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in [meta.pk.column, *(f.column for f in fields)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        with cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for pk, obj in zip(ids, objs, strict=True):
                obj.pk = pk
                copy.write_row(
                    [pk, *(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)]
                )
                obj._state.adding, obj._state.db = False, using
