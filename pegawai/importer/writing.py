"""``commit``: a clean plan written in one transaction, all rows or none, each employee with
its history row."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from instansi.models import BidangPendidikan
from mutasi.lib.models import analyze, insert_in_bulk, update_in_bulk
from pegawai.importer.columns import CHUNK, COLUMN_MODEL_FIELDS
from pegawai.importer.plan import _existing_skp
from pegawai.importer.types import ImportPlan, ImportResult
from pegawai.models import Pegawai, Skp

# --- writing --------------------------------------------------------------------------


def commit(plan: ImportPlan, user, reason: str = "") -> ImportResult:
    """Write every row of a clean plan, or nothing: one transaction.

    Employees are written in bulk, each with a history row naming the importing user, like
    an edit through the form. On PostgreSQL new rows go in by COPY and changed ones by one
    UPDATE … FROM (VALUES …) per batch (``mutasi.lib.models``): 40,000 rows within twice a
    bare COPY + UPDATE … FROM of the same rows (``bench_impor`` measures both).
    """
    if not plan.ok:
        raise ValueError("a plan with problems cannot be committed")
    reason = (reason or _("Impor data pegawai"))[:100]
    now = timezone.now()
    with transaction.atomic():
        bidang_ids = _create_bidang({r.new_bidang for r in plan.rows if r.new_bidang})
        existing_skp = _existing_skp(
            [r.pegawai.pk for r in plan.rows if not r.created and r.skp], plan.skp_years
        )
        created, updated, fields = [], [], {"updated"}
        for row in plan.rows:
            if not row.pegawai_changed:
                continue
            if row.new_bidang:
                row.pegawai.bidang_pendidikan_id = bidang_ids[row.new_bidang.casefold()]
            row.pegawai.updated = now
            (created if row.created else updated).append(row.pegawai)
            if not row.created:
                fields.update(COLUMN_MODEL_FIELDS.get(c) for c in row.changed_columns)
        # Only the columns the file changes: bulk_update writes a CASE per field and row, and
        # all of them for 40,000 employees took minutes.
        fields = [f for f in UPDATED_FIELDS if f in fields]
        insert_in_bulk(created)
        update_in_bulk(updated, fields)
        insert_in_bulk(_history(created, "+", user, reason) + _history(updated, "~", user, reason))
        new_skp, changed_skp = [], defaultdict(list)
        for row in plan.rows:
            pegawai = row.pegawai
            for year, predikat in row.skp.items():
                pk = existing_skp.get((pegawai.pk, year), (None, None))[0]
                if pk:
                    changed_skp[predikat].append(pk)
                else:
                    new_skp.append(Skp(pegawai=pegawai, tahun=year, predikat=predikat))
        Skp.objects.bulk_create(new_skp, batch_size=CHUNK)
        # One plain UPDATE per predicate (five at most) rather than a CASE per row.
        for predikat, pks in changed_skp.items():
            for start in range(0, len(pks), CHUNK):
                Skp.objects.filter(pk__in=pks[start : start + CHUNK]).update(predikat=predikat)
        # After the commit, so the statistics describe the rows as written (docs/benchmarks.md).
        transaction.on_commit(lambda: analyze(Pegawai, Pegawai.history.model, Skp))
    return ImportResult(
        created=plan.created_count, updated=plan.updated_count, unchanged=plan.unchanged_count
    )


def _history(employees: list[Pegawai], history_type: str, user, reason: str) -> list:
    """The django-simple-history rows of ``employees`` as written, like its
    ``bulk_history_create`` makes them: every tracked field, the user, the reason, the time."""
    model = Pegawai.history.model
    now = timezone.now()
    return [
        model(
            history_date=now,
            history_user=user,
            history_change_reason=reason,
            history_type=history_type,
            **{f.attname: getattr(pegawai, f.attname) for f in model.tracked_fields},
        )
        for pegawai in employees
    ]


# Every column an import may change; bulk_update writes exactly these.
UPDATED_FIELDS = [
    f.name
    for f in Pegawai._meta.concrete_fields
    if not f.primary_key and f.name not in ("nip", "created")
]


def _create_bidang(names: set[str]) -> dict[str, int]:
    """Case-insensitive get-or-create of fields of study; casefolded name → id."""
    ids = {}
    for name in sorted(names):
        key = name.casefold()
        if key in ids:
            continue
        found = BidangPendidikan.objects.filter(nama__iexact=name).first()
        ids[key] = (found or BidangPendidikan.objects.create(nama=name)).pk
    return ids
