"""A long archive of closed proposals and their letters for benchmarks (``manage.py
bench_arsip --usulan N``), inserted in bulk (``sisipkan``: COPY on PostgreSQL) after the demo
(``seed_demo``). Counted by their private note ``ARSIP``, which the demo's own stories leave
out."""

import datetime
import random
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from bench.bulk import BATCH_SIZE, backdated, sisipkan
from instansi.models import Formasi, Jabatan, UnitKerja
from mutasi.demo import people
from mutasi.demo.accounts import DISDIK
from mutasi.demo.catalogue import KATA
from mutasi.demo.context import ARSIP, SEED, Context
from mutasi.demo.letters import PENANDATANGAN
from mutasi.demo.planning import _tanggal_rencana
from mutasi.demo.workload import acak, demo_users
from mutasi.ketentuan.berlaku import bawaan
from mutasi.ketentuan.choices import KunciKetentuan
from mutasi.laporan import lama
from mutasi.models import (
    AuditLog,
    NomorSurat,
    StatusRender,
    StatusSK,
    SuratKeputusan,
    SuratKeputusanUsulan,
    Usulan,
)
from mutasi.sk import pdf, services, terbit
from mutasi.usulan import kursi
from mutasi.usulan.choices import (
    STATUS_TERBUKA,
    JenisMutasi,
    KategoriAlasan,
    Rekomendasi,
    StatusUsulan,
)
from mutasi.usulan.choices import StatusUsulan as S
from pegawai.models import Pegawai

ARSIP_CHUNK = 10_000
# Approvals still waiting for their letter: a letter follows within weeks, so a few weeks'
# worth, not a tenth of five years.
ARSIP_MENUNGGU_SK = 100
ARSIP_ALASAN = [
    (KategoriAlasan.KEBUTUHAN_ORGANISASI, 30),
    (KategoriAlasan.KESEIMBANGAN_BEBAN, 15),
    (KategoriAlasan.PENYEGARAN, 15),
    (KategoriAlasan.PENGEMBANGAN_KARIER, 12),
    (KategoriAlasan.HASIL_PENILAIAN, 8),
    (KategoriAlasan.PERMINTAAN_SENDIRI, 12),
    (KategoriAlasan.ALASAN_KELUARGA, 8),
]


def build_arsip(ctx: Context, jumlah: int) -> None:
    """``jumlah`` proposals of the last five years, decided, implemented or withdrawn, with
    their timelines (2–7 audit rows each) and no documents; inserted in batches. Counted by
    their private note, so a second run adds only what is missing. Approved ones stay open
    until a decision letter, so each goes to an employee with no other open proposal and into
    a free seat; they are recent (a letter follows an approval within weeks, not years)."""
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
    # Free seats of every formasi as the approval rule counts them (``kursi``).
    seats = dict(kursi.daftar_kursi().values_list("pk", "kursi"))
    # Ordered by NIP, not by row id: the same order whatever ids the database handed out.
    nip = dict(Pegawai.objects.filter(aktif=True).values_list("pk", "nip"))
    free = sorted(
        (e for e in employees if e[0] not in busy), key=lambda e: acak("arsip", nip[e[0]])
    )
    menunggu = Usulan.objects.filter(catatan_internal=ARSIP, status=S.DISETUJUI).count()
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
            employee = employees[rng.randrange(len(employees))]
            seated = []
            if roll < 0.1:
                # Approved in the last months and waiting for its letter (a few weeks' worth,
                # ARSIP_MENUNGGU_SK), into a free seat of the post; refused where none is left
                # (one seat, one person).
                calon = free.pop() if free and menunggu < ARSIP_MENUNGGU_SK else None
                seated = _kursi_bebas(calon, by_jabatan, seats) if calon else []
                status = S.DISETUJUI if seated else S.DITOLAK
                if seated:
                    employee, menunggu = calon, menunggu + 1
            else:
                # One in five went all the way: a letter (build_arsip_sk) moved them.
                status = (
                    S.DILAKSANAKAN if roll < 0.3 else S.DITOLAK if roll < 0.65 else S.DIBATALKAN
                )
            pk, unit_id, jabatan_id, opd_id = employee
            same = seated or [f for f in by_jabatan.get(jabatan_id, ()) if f[1] != unit_id]
            target = rng.choice(same) if same else formasi[rng.randrange(len(formasi))]
            if target[1] == unit_id and target[2] == jabatan_id:
                target = formasi[(formasi.index(target) + 1) % len(formasi)]
            if status == S.DISETUJUI:
                seats[target[0]] -= 1
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
            # Five steps of 2–15 days each: an approval still waiting for its letter began
            # 61–120 days back, so it is a few months old at most and never in the future.
            if status == S.DISETUJUI:
                day = (now - datetime.timedelta(days=rng.uniform(61, 120))).date()
            else:
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
                "alasan_publik": rng.choice(KATA["alasan_publik"][alasan]).format(
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
                    KATA["komentar_setuju"] if setuju else KATA["komentar_tolak"]
                )
            log = [("mutasi.usulan.dibuat", filer, times[0], {"ke": S.KONSEP})]
            for (previous, _), (step, actor), when in zip(
                steps[:-1], steps[1:], times[1:], strict=True
            ):
                catatan = ""
                if step == S.DIBATALKAN:
                    catatan = rng.choice(KATA["catatan_batal"])
                elif step in (S.DISETUJUI, S.DITOLAK):
                    catatan = rng.choice(
                        KATA["keputusan_setuju"] if step == S.DISETUJUI else KATA["keputusan_tolak"]
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


ARSIP_PER_SK = 10


def _kursi_bebas(employee, by_jabatan, seats) -> list:
    """The formasi of the employee's post in other units with a free seat (``kursi``),
    counting the approvals the archive made before."""
    _pk, unit_id, jabatan_id, _opd = employee
    return [f for f in by_jabatan.get(jabatan_id, ()) if f[1] != unit_id and seats[f[0]] > 0]


def build_arsip_sk(ctx: Context) -> None:
    """Published letters for the implemented archive proposals that have none: groups of
    ``ARSIP_PER_SK`` in decision order, each published a few days after its last decision,
    numbered on from the counter of its year so later publications stay gap-free. No PDF is
    rendered for them (the verification page says so)."""
    pending = list(
        Usulan.objects.filter(
            catatan_internal=ARSIP, status=StatusUsulan.DILAKSANAKAN, sk_baris__isnull=True
        )
        .order_by("diputuskan_pada", "pk")
        .values_list("pk", "diputuskan_pada")
    )
    if not pending:
        ctx.report("Surat keputusan arsip", SuratKeputusan.objects.count(), 0)
        return
    users = demo_users()
    operator, pejabat = users["operator.bkd"], users["pejabat.penetap"]
    texts = services.nilai_awal() | PENANDATANGAN | {"kop": pdf.kop()}
    counters = dict(
        NomorSurat.objects.filter(seri=settings.SK_SERI).values_list("tahun", "terakhir")
    )
    letters, groups = [], []
    for start in range(0, len(pending), ARSIP_PER_SK):
        group = pending[start : start + ARSIP_PER_SK]
        published = max(when for _pk, when in group) + datetime.timedelta(days=3)
        day = timezone.localtime(published).date()
        counters[day.year] = urut = counters.get(day.year, 0) + 1
        letters.append(
            SuratKeputusan(
                **texts,
                status=StatusSK.TERBIT,
                seri=settings.SK_SERI,
                urut=urut,
                tahun=day.year,
                nomor=services.format_nomor(urut, day.year, settings.SK_SERI),
                tanggal_terbit=day,
                render_status=StatusRender.SELESAI,
                dibuat_oleh=operator,
                diterbitkan_oleh=pejabat,
                diterbitkan_pada=published,
                created=published - datetime.timedelta(days=2),
                updated=published,
            )
        )
        groups.append([pk for pk, _when in group])
    with backdated(SuratKeputusan):
        SuratKeputusan.objects.bulk_create(letters, batch_size=BATCH_SIZE)
    SuratKeputusanUsulan.objects.bulk_create(
        (
            SuratKeputusanUsulan(
                sk=letter,
                usulan_id=pk,
                urutan=i,
                tmt=letter.tanggal_terbit + datetime.timedelta(days=14),
                dilaksanakan_pada=letter.tanggal_terbit + datetime.timedelta(days=16),
            )
            for letter, group in zip(letters, groups, strict=True)
            for i, pk in enumerate(group, start=1)
        ),
        batch_size=BATCH_SIZE,
    )
    terbit.salin(SuratKeputusanUsulan.objects.filter(sk__in=letters))
    for tahun, terakhir in counters.items():
        NomorSurat.objects.update_or_create(
            seri=settings.SK_SERI, tahun=tahun, defaults={"terakhir": terakhir}
        )
    ctx.report("Surat keputusan arsip", SuratKeputusan.objects.count(), len(letters))
    ctx.report("Keputusan arsip", SuratKeputusanUsulan.objects.count(), len(pending))
