"""A long archive of closed proposals for benchmarks (``seed_demo --usulan N``), and the bulk
insert it needs (``sisipkan``: COPY on PostgreSQL). Only the archive is written in bulk; the
demo's own stories go through the services."""

import datetime
import enum
import random
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import JSONField
from django.utils import timezone

from instansi.models import Formasi, Jabatan, UnitKerja
from mutasi.demo import people
from mutasi.demo.accounts import DISDIK
from mutasi.demo.context import BATCH_SIZE, SEED, Context
from mutasi.demo.planning import _tanggal_rencana
from mutasi.demo.words import (
    ALASAN_PUBLIK,
    CATATAN_BATAL,
    KEPUTUSAN_SETUJU,
    KEPUTUSAN_TOLAK,
    KOMENTAR_SETUJU,
    KOMENTAR_TOLAK,
)
from mutasi.demo.workload import acak, backdated, demo_users
from mutasi.ketentuan.berlaku import bawaan
from mutasi.ketentuan.choices import KunciKetentuan
from mutasi.laporan import lama
from mutasi.models import AuditLog, Usulan
from mutasi.usulan.choices import STATUS_TERBUKA, JenisMutasi, KategoriAlasan, Rekomendasi
from mutasi.usulan.choices import StatusUsulan as S
from pegawai.models import Pegawai

# The private note of every archive proposal (build_arsip), by which they are counted.
ARSIP = "Arsip usulan periode lalu, dibuat seed_demo --usulan untuk uji kinerja."

# --- The archive (seed_demo --usulan N) ------------------------------------------------------

ARSIP_CHUNK = 10_000
ARSIP_ALASAN = [
    (KategoriAlasan.KEBUTUHAN_ORGANISASI, 30),
    (KategoriAlasan.KESEIMBANGAN_BEBAN, 15),
    (KategoriAlasan.PENYEGARAN, 15),
    (KategoriAlasan.PENGEMBANGAN_KARIER, 12),
    (KategoriAlasan.HASIL_PENILAIAN, 8),
    (KategoriAlasan.PERMINTAAN_SENDIRI, 12),
    (KategoriAlasan.ALASAN_KELUARGA, 8),
]


def sisipkan(model, records: list[dict]) -> list[int]:
    """Insert rows given as {attname: value} (other columns take their field default) and
    return their ids, in order. On PostgreSQL through COPY, with the ids drawn from the
    table's sequence first: for the archive's hundreds of thousands of rows several times
    faster than bulk_create, whose parameter arrays psycopg escapes value by value."""
    if not records:
        return []
    if connection.vendor != "postgresql":
        objects = [model(**record) for record in records]
        with backdated(model):
            model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        return [obj.pk for obj in objects]
    from psycopg.types.json import Jsonb  # PostgreSQL only

    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if f is not pk]
    defaults = {f.attname: f.get_default() for f in fields}
    json = {f.attname for f in fields if isinstance(f, JSONField)}
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in [pk.column, *(f.column for f in fields)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(records)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        with cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
            for id_, record in zip(ids, records, strict=True):
                row = [id_]
                for f in fields:
                    value = record.get(f.attname, defaults[f.attname])
                    if f.attname in json:
                        value = Jsonb(value)
                    elif isinstance(value, enum.Enum):
                        value = value.value
                    row.append(value)
                copy.write_row(row)
    return ids


def build_arsip(ctx: Context, jumlah: int) -> None:
    """``jumlah`` proposals of the last five years, decided, implemented or withdrawn, with
    their timelines (2–7 audit rows each) and no documents; inserted in batches. Counted by
    their private note, so a second run adds only what is missing. Approved ones stay open
    until a decision letter, so each goes to an employee with no other open proposal."""
    have = Usulan.objects.filter(catatan_internal=ARSIP).count()
    if have >= jumlah:
        ctx.report("Usulan arsip", have, 0)
        return
    users = {name: user.pk for name, user in demo_users().items()}
    bkd, verifikator = users["operator.bkd"], users["verifikator.bkd"]
    tim, pejabat = users["tim.pertimbangan"], users["pejabat.penetap"]
    filer_of = {
        ctx.opd[kode].pk: (users[name], ctx.opd[kode].pk)
        for kode, name in ((people.DINKES, "operator.dinkes"), (DISDIK, "operator.disdik"))
        if kode in ctx.opd and name in users
    }
    employees = list(
        Pegawai.objects.filter(aktif=True)
        .order_by("pk")
        .values_list("pk", "unit_id", "jabatan_id", "unit__perangkat_daerah_id")
    )
    formasi = list(
        Formasi.objects.order_by("pk").values_list(
            "pk", "unit_id", "jabatan_id", "unit__perangkat_daerah_id"
        )
    )
    jabatan_nama = dict(Jabatan.objects.values_list("pk", "nama"))
    unit_nama = dict(UnitKerja.objects.values_list("pk", "nama"))
    by_jabatan = defaultdict(list)
    for row in formasi:
        by_jabatan[row[2]].append(row)
    busy = set(
        Usulan.objects.filter(status__in=STATUS_TERBUKA).values_list("pegawai_id", flat=True)
    )
    free = sorted((e for e in employees if e[0] not in busy), key=lambda e: acak("arsip", e[0]))
    reasons, weights = zip(*ARSIP_ALASAN, strict=True)
    tipe = ContentType.objects.get_for_model(Usulan).pk
    tz = timezone.get_current_timezone()
    now = timezone.now()
    ladder = [S.DIAJUKAN, S.TERVERIFIKASI, S.DIPERTIMBANGKAN]
    # Years ago, before any setting in the app: the environment's window.
    jendela = datetime.timedelta(days=bawaan(KunciKetentuan.JENDELA_SIKAP_HARI))
    added = logged = 0
    for start in range(have, jumlah, ARSIP_CHUNK):
        rows, stories = [], []
        for n in range(start, min(start + ARSIP_CHUNK, jumlah)):
            rng = random.Random(SEED * 1_000_033 + n)
            roll = rng.random()
            if roll < 0.1 and free:
                status, employee = S.DISETUJUI, free.pop()
            else:
                # One in five went all the way: a letter (letters.build_arsip_sk) moved them.
                status = (
                    S.DILAKSANAKAN if roll < 0.3 else S.DITOLAK if roll < 0.65 else S.DIBATALKAN
                )
                employee = employees[rng.randrange(len(employees))]
            pk, unit_id, jabatan_id, opd_id = employee
            same = [f for f in by_jabatan.get(jabatan_id, ()) if f[1] != unit_id]
            target = rng.choice(same) if same else formasi[rng.randrange(len(formasi))]
            if target[1] == unit_id and target[2] == jabatan_id:
                target = formasi[(formasi.index(target) + 1) % len(formasi)]
            alasan = rng.choices(reasons, weights)[0]
            filer, opd_pengusul = filer_of.get(opd_id, (bkd, None))
            # Withdrawn as a draft, after submission or after verification; decided ones
            # went the whole way.
            reached = 3
            if status == S.DIBATALKAN:
                reached = rng.choice((0, 1, 1, 2))
            steps = [(S.KONSEP, filer)]
            steps += list(zip(ladder[:reached], (filer, verifikator, tim), strict=False))
            if status == S.DILAKSANAKAN:
                steps += [(S.DISETUJUI, pejabat), (S.DITETAPKAN, pejabat), (status, bkd)]
            else:
                steps.append((status, filer if status == S.DIBATALKAN else pejabat))
            day = (now - datetime.timedelta(days=rng.uniform(90, 5 * 365))).date()
            times = []
            for _ in steps:
                moment = datetime.datetime.combine(day, datetime.time(8), tzinfo=tz)
                times.append(moment + datetime.timedelta(minutes=int(rng.random() * 450)))
                day += datetime.timedelta(days=rng.randint(2, 15))
            record = {
                "pegawai_id": pk,
                "jenis": JenisMutasi.DALAM_OPD if target[3] == opd_id else JenisMutasi.ANTAR_OPD,
                "alasan": alasan,
                "alasan_publik": rng.choice(ALASAN_PUBLIK[alasan]).format(
                    jabatan=jabatan_nama.get(target[2], ""), unit=unit_nama.get(target[1], "")
                ),
                "catatan_internal": ARSIP,
                "unit_asal_id": unit_id,
                "jabatan_asal_id": jabatan_id,
                "formasi_tujuan_id": target[0],
                "tanggal_rencana": _tanggal_rencana(times[0], S.DITOLAK, times[0].date()),
                "status": status,
                "dibuat_oleh_id": filer,
                "opd_pengusul_id": opd_pengusul,
                "created": times[0],
                "updated": times[-1],
            }
            if reached:
                record["diajukan_pada"] = record["diberitahukan_pada"] = times[1]
                record["batas_sikap"] = times[1] + jendela
            if reached == 3:
                tolak = 0.75 if status == S.DITOLAK else 0.0
                setuju = rng.random() >= tolak
                record["rekomendasi"] = Rekomendasi.SETUJUI if setuju else Rekomendasi.TOLAK
                record["rekomendasi_catatan"] = rng.choice(
                    KOMENTAR_SETUJU if setuju else KOMENTAR_TOLAK
                )
            log = [("mutasi.usulan.dibuat", filer, times[0], {"ke": S.KONSEP})]
            for (previous, _), (step, actor), when in zip(
                steps[:-1], steps[1:], times[1:], strict=True
            ):
                catatan = ""
                if step == S.DIBATALKAN:
                    catatan = rng.choice(CATATAN_BATAL)
                elif step in (S.DISETUJUI, S.DITOLAK):
                    catatan = rng.choice(
                        KEPUTUSAN_SETUJU if step == S.DISETUJUI else KEPUTUSAN_TOLAK
                    )
                    record["keputusan_catatan"] = catatan
                    record["diputuskan_oleh_id"], record["diputuskan_pada"] = pejabat, when
                elif step == S.DIPERTIMBANGKAN:
                    catatan = record["rekomendasi_catatan"]
                data = {"dari": previous, "ke": step, "catatan": catatan}
                if step == S.DIPERTIMBANGKAN:
                    data["rekomendasi"] = record["rekomendasi"]
                log.append((f"mutasi.usulan.{step}", actor, when, data))
            rows.append(record)
            stories.append(log)
        ids = sisipkan(Usulan, rows)
        entries = [
            {
                "action": action,
                "actor_id": actor,
                "timestamp": when,
                "content_type_id": tipe,
                "object_id": pk,
                "data": data,
            }
            for pk, log in zip(ids, stories, strict=True)
            for action, actor, when, data in log
        ]
        sisipkan(AuditLog, entries)
        # Written around the services: the report's time in state comes from their log.
        lama.isi_dari_log(ids)
        added += len(rows)
        logged += len(entries)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Usulan._meta.db_table}, {AuditLog._meta.db_table}")
    ctx.created[Usulan._meta.label] += added
    ctx.report("Usulan arsip", have + added, added)
    ctx.report("Log audit arsip", logged, logged)
