"""The programme dashboard's figures kept per filter, so that no view waits for them.

Computed fresh, the figures take seconds on a province's moves (``bench_evaluasi``). They are
kept in ``HitunganDasbor`` with the newest audit-log row, the day and the time they were
computed. A view shows the kept figures at once. When they are stale — something was logged
since, the day has changed, or they are older than ``SEGAR_DETIK`` (data written without a
log entry, an SKP edited in the admin, shows within that time) — the view still shows them,
says when they were computed, and queues one recomputation for the worker
(``tasks.hitung_dasbor``). The view computes itself only for a filter seen for the first time,
for an export (a file that leaves the system carries the current figures), and when a
queued recomputation has not been done within ``SEGAR_DETIK`` (the worker is down).
Every worker process and app server reads the same rows.
"""

import dataclasses
import datetime
import hashlib
import json
import pickle

from django.db import IntegrityError, transaction
from django.db.models import Subquery
from django.http import QueryDict
from django.utils import timezone

from evaluasi import dasbor, layanan
from evaluasi.filters import DasborFilter
from evaluasi.models import HitunganDasbor
from mutasi.models import AuditLog

SEGAR_DETIK = 600
# Figures of filters nobody asked for in this long are dropped when others are kept.
SIMPAN_HARI = 30


def saringan_dari(query: QueryDict) -> list:
    """The filter of a request as JSON-ready pairs, in one order, without the export (and
    without NUL characters, which no filter value holds and PostgreSQL refuses to store)."""

    def teks(value: str) -> str:
        return value.replace("\x00", "")

    return sorted(
        [teks(name), [teks(v) for v in values]]
        for name, values in query.lists()
        if name != "export"
    )


# What the kept figures are made of: a release that changes it keeps its figures apart.
SKEMA = [f.name for f in dataclasses.fields(dasbor.Dasbor)]


def kunci(saringan: list) -> str:
    return hashlib.sha256(json.dumps([SKEMA, saringan]).encode()).hexdigest()


def _terbaru():
    """The newest audit-log row: every workflow write logs, so it changes with the data."""
    return AuditLog.objects.order_by("-pk").values_list("pk", flat=True)[:1]


def versi() -> int | None:
    return _terbaru().first()


def filter_dari(saringan: list) -> DasborFilter:
    query = QueryDict(mutable=True)
    for name, values in saringan:
        query.setlist(name, values)
    return DasborFilter(query or None, queryset=dasbor.mutasi_terlaksana())


def hitung(saringan: list, today: datetime.date) -> tuple:
    """(figures, public-service effect) of the filter, computed now."""
    saring = filter_dari(saringan)
    moves = saring.qs if saring.is_bound else dasbor.mutasi_terlaksana()
    return dasbor.hitung(moves, saring.usulan_queryset(), today), layanan.dampak_program(
        moves, today
    )


def simpan(saringan: list) -> HitunganDasbor:
    """Compute the filter's figures and keep them (the audit row is read first, so a write
    made during the computation leaves them stale)."""
    today, now = timezone.localdate(), timezone.now()
    terbaru = versi()
    isi = pickle.dumps(hitung(saringan, today))
    fields = {
        "saringan": saringan,
        "versi": terbaru,
        "tanggal": today,
        "dihitung_pada": now,
        "diminta_pada": None,
        "isi": isi,
    }
    try:
        with transaction.atomic():
            row, _created = HitunganDasbor.objects.update_or_create(
                kunci=kunci(saringan), defaults=fields
            )
    except IntegrityError:  # the same filter computed at the same moment elsewhere
        row = HitunganDasbor.objects.get(kunci=kunci(saringan))
    HitunganDasbor.objects.filter(
        dihitung_pada__lt=now - datetime.timedelta(days=SIMPAN_HARI)
    ).delete()
    return row


def terkini(row: HitunganDasbor) -> bool:
    """``row`` read by ``ambil``, with the newest audit-log row beside it."""
    fresh_since = timezone.now() - datetime.timedelta(seconds=SEGAR_DETIK)
    return (
        row.versi == row.versi_kini
        and row.tanggal == timezone.localdate()
        and row.dihitung_pada >= fresh_since
    )


def ambil(saringan: list, segar=False) -> tuple[HitunganDasbor, tuple, bool]:
    """(the kept row, its figures, whether they are stale and being computed again)."""
    rows = HitunganDasbor.objects.annotate(versi_kini=Subquery(_terbaru()))
    row = rows.filter(kunci=kunci(saringan)).first()
    isi = _baca(row)
    if isi is not None and terkini(row):
        return row, isi, False
    worker_silent = row is not None and (
        row.diminta_pada is not None
        and row.diminta_pada < timezone.now() - datetime.timedelta(seconds=SEGAR_DETIK)
    )
    if isi is None or segar or worker_silent:
        row = simpan(saringan)
        return row, pickle.loads(row.isi), False
    if row.diminta_pada is None:
        minta(row)
    return row, isi, True


def _baca(row: HitunganDasbor | None):
    """The kept figures, or None when there are none or they no longer load."""
    if row is None:
        return None
    try:
        return pickle.loads(row.isi)
    except Exception:  # kept by another release; computed again
        return None


def minta(row: HitunganDasbor) -> None:
    """Queue one recomputation of the row's filter (one until it is done)."""
    from evaluasi.tasks import hitung_dasbor

    now = timezone.now()
    claimed = HitunganDasbor.objects.filter(pk=row.pk, diminta_pada__isnull=True).update(
        diminta_pada=now
    )
    if claimed:
        row.diminta_pada = now
        hitung_dasbor.enqueue(row.saringan)
