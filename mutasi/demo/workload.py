"""Workload analyses (ANJAB/ABK) of the demo province.

Every agency gets an analysis of last year that BKD accepted, with tasks for each formasi
whose sums give back exactly the need that master.build_kebutuhan set (docs/domain.md §5: hours =
Σ volume × minutes / 60, need = hours / 1,250 rounded up). The hours are spread inside what
the need allows, so job efficiency (EJ) lands in every category: short posts above 1.00,
balanced ones mostly 0.90–1.00, posts over their need lower. A few agencies also have this
year's analysis under way: Dinas Kesehatan a draft, Dinas Pendidikan one waiting for BKD,
Dinas Perhubungan one sent back with a note. Each is told through ``instansi.services``
with the clock at each step, so the audit log, the notices and the formasi history are the
services' own.
"""

import datetime
import hashlib
import math
import random
from collections import defaultdict
from decimal import Decimal

import time_machine
from django.utils import timezone

from instansi import services as abk_services
from instansi.abk_excel import replace_all_tasks
from instansi.choices import JenisJabatan, Jenjang, Pembulatan, StatusAnalisis
from instansi.models import AnalisisBebanKerja, Formasi, UraianTugas
from instansi.services import hasil_analisis
from mutasi.demo import catalogue, people
from mutasi.demo.accounts import ACCOUNTS, DISDIK
from mutasi.demo.context import BATCH_SIZE, SEED, Context, angka
from pegawai.models import User

JAM_EFEKTIF = 1250  # PermenPANRB 1/2020
MENIT_EFEKTIF = JAM_EFEKTIF * 60
MAX_VOLUME = 1_000_000  # UraianTugas.volume's validator
DISHUB = "2.15.01"

# The tasks of the posts (data/uraian_tugas.csv): (uraian tugas, satuan hasil, minutes per
# result, share of the post's time), keyed by functional family or by the name of a structural
# or pelaksana post; "_jpt", "_administrator", "_pengawas": any other post of that level,
# "_umum": any other post.
Tugas = tuple[str, str, int, int]
TUGAS: dict[str, list[Tugas]] = {}
for _jabatan, _uraian, _satuan, _menit, _bagian in catalogue.read("uraian_tugas.csv"):
    TUGAS.setdefault(_jabatan, []).append((_uraian, _satuan, int(_menit), int(_bagian)))
PENGAWAS = {"Kepala Seksi", "Kepala Subbagian", "Kepala Subbidang"}
ADMINISTRATOR = {"Kepala Bidang", "Kepala Bagian"}


def acak(*parts) -> float:
    """A number in [0, 1) fixed by ``parts``. Unlike context.stable_fraction (a CRC, which is
    linear: two CRCs of the same value under different prefixes differ by a constant), rolls
    keyed on the same value here do not move together."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest) / 2**64


def tugas_jabatan(nama: str) -> list[Tugas]:
    """The tasks of a jabatan, from its family, its name or its level."""
    jd = people.placement().jabatan.get(nama)
    if jd is None:
        return TUGAS["_umum"]
    if jd.family:
        return TUGAS.get(jd.family, TUGAS["_umum"])
    if nama in TUGAS:
        return TUGAS[nama]
    if jd.jenjang in (Jenjang.JPT_MADYA, Jenjang.JPT_PRATAMA):
        return TUGAS["_jpt"]
    if nama in ADMINISTRATOR:
        return TUGAS["_administrator"]
    if nama in PENGAWAS or jd.jenis == JenisJabatan.STRUKTURAL:
        return TUGAS["_pengawas"]
    return TUGAS["_umum"]


def target_menit(kebutuhan: int, bezetting: int, roll: float) -> int:
    """Yearly minutes of work that round up to ``kebutuhan`` people, placed so that EJ
    spreads: short posts are above 1.00 anyway; a single balanced post lands anywhere from
    E to B, mostly high; posts over their need get what is left."""
    low, high = (kebutuhan - 1) * MENIT_EFEKTIF, kebutuhan * MENIT_EFEKTIF
    if kebutuhan == bezetting == 1:
        share = 1 - 0.75 * roll**2
    elif kebutuhan >= bezetting:
        share = 0.2 + 0.78 * roll
    else:
        share = 0.1 + 0.9 * roll
    return max(low + 1, min(high, round(low + (high - low) * share)))


def susun_tugas(nama: str, kebutuhan: int, bezetting: int, key) -> list[tuple[str, str, int, int]]:
    """(uraian, satuan, volume, minutes) whose total rounds up to exactly ``kebutuhan``."""
    if kebutuhan <= 0:
        return []  # the post is no longer needed here: nothing to do in it
    templates = list(tugas_jabatan(nama))
    if len(templates) > 3 and acak("abk-lewati", *key) < 0.4:
        del templates[int(acak("abk-mana", *key) * len(templates))]
    goal = target_menit(kebutuhan, bezetting, acak("abk-ej", *key))
    weight = sum(t[3] for t in templates)
    volumes = [
        min(MAX_VOLUME, max(1, round(goal * w / weight / menit))) for _, _, menit, w in templates
    ]
    _tepatkan(volumes, [t[2] for t in templates], kebutuhan)
    return [(u, s, v, m) for (u, s, m, _w), v in zip(templates, volumes, strict=True)]


def _tepatkan(volumes: list[int], minutes: list[int], kebutuhan: int) -> None:
    """Nudge the volumes until the total lies in the band that rounds up to ``kebutuhan``."""
    low, high = (kebutuhan - 1) * MENIT_EFEKTIF, kebutuhan * MENIT_EFEKTIF
    for _ in range(100):
        total = sum(v * m for v, m in zip(volumes, minutes, strict=True))
        if total > high:
            n = max((i for i in range(len(volumes)) if volumes[i] > 1), key=volumes.__getitem__)
            volumes[n] -= min(volumes[n] - 1, math.ceil((total - high) / minutes[n]))
        elif total <= low:
            room = [i for i in range(len(volumes)) if volumes[i] < MAX_VOLUME]
            n = max(room, key=minutes.__getitem__)
            volumes[n] = min(MAX_VOLUME, volumes[n] + (low - total) // minutes[n] + 1)
        else:
            return
    raise ValueError(f"cannot reach a need of {kebutuhan} with {minutes}")


# --- Timestamps and the audit log ------------------------------------------------------------


def jam_kerja(day: datetime.date, roll: float) -> datetime.datetime:
    """A moment of office hours (08:00–15:30 local) on ``day``."""
    moment = datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(
        minutes=int(roll * 450)
    )
    return timezone.make_aware(moment)


def demo_users() -> dict:
    """The demo accounts by username."""
    return {u.username: u for u in User.objects.filter(username__in=[a.username for a in ACCOUNTS])}


def operator_of(users: dict, opd_kode: str):
    """Who keys in an agency's data: its own operator if it has a demo one, else BKD's."""
    by_opd = {people.DINKES: "operator.dinkes", DISDIK: "operator.disdik"}
    return users.get(by_opd.get(opd_kode, "operator.bkd")) or users.get("operator.bkd")


# --- The steps -------------------------------------------------------------------------------


def _tasks_for(analisis, formasi, bezetting, nama_jabatan, unit_kode) -> list[UraianTugas]:
    rows = susun_tugas(
        nama_jabatan.get(formasi.jabatan_id, ""),
        formasi.kebutuhan,
        bezetting[(formasi.unit_id, formasi.jabatan_id)],
        (unit_kode.get(formasi.unit_id, formasi.unit_id), formasi.jabatan_id),
    )
    return [
        UraianTugas(
            analisis=analisis,
            formasi=formasi,
            uraian=uraian,
            satuan_hasil=satuan,
            volume=volume,
            waktu_menit=menit,
        )
        for uraian, satuan, volume, menit in rows
    ]


def build_analisis(ctx: Context) -> None:
    """Last year's accepted analysis of every agency, matching the needs on the map."""
    tahun = ctx.reference.year - 1
    users = demo_users()
    verifikator = users.get("verifikator.bkd")
    opd_by_id = {o.pk: kode for kode, o in ctx.opd.items()}
    existing = {
        a.perangkat_daerah_id: a
        for a in AnalisisBebanKerja.objects.filter(tahun=tahun, perangkat_daerah_id__in=opd_by_id)
    }
    unit_opd = {u.pk: u.perangkat_daerah_id for u in ctx.units.values()}
    unit_kode = {u.pk: kode for kode, u in ctx.units.items()}
    nama_jabatan = {j.pk: nama for nama, j in ctx.jabatan.items()}
    bezetting = {
        (f.unit_id, f.jabatan_id): f.bezetting
        for f in Formasi.objects.filter(unit_id__in=list(unit_opd)).with_bezetting_grouped()
    }
    by_opd = defaultdict(list)
    for (unit_id, _), formasi in sorted(ctx.formasi.items()):
        by_opd[unit_opd[unit_id]].append(formasi)

    # Each agency's story, told through the services with the clock at each step: the
    # operator starts the analysis and uploads the filled-in workbook (instansi.abk_excel),
    # submits it, and BKD accepts it, which sets the needs (equal to the map's by
    # construction) and logs them in the formasi history.
    new = []
    for opd_id in sorted(opd_by_id):
        if opd_id in existing:
            continue
        kode = opd_by_id[opd_id]
        dibuat = datetime.date(tahun, 1, 10) + datetime.timedelta(
            days=int(60 * acak("abk-dibuat", kode))
        )
        diimpor = dibuat + datetime.timedelta(days=7 + int(20 * acak("abk-isi", kode)))
        diajukan = diimpor + datetime.timedelta(days=3 + int(20 * acak("abk-aju", kode)))
        diterima = diajukan + datetime.timedelta(days=7 + int(30 * acak("abk-terima", kode)))
        dibuat, diimpor, diajukan, diterima = (
            jam_kerja(day, acak("abk-jam", kode, n))
            for n, day in enumerate((dibuat, diimpor, diajukan, diterima))
        )
        operator = operator_of(users, kode)
        with time_machine.travel(dibuat, tick=False):
            analisis = abk_services.buat_analisis(
                operator, ctx.opd[kode], tahun, JAM_EFEKTIF, Pembulatan.KE_ATAS
            )
        rows = {}
        for formasi in by_opd[opd_id]:
            tasks = _tasks_for(analisis, formasi, bezetting, nama_jabatan, unit_kode)
            if tasks:
                rows[formasi] = [
                    {f: getattr(t, f) for f in ("uraian", "satuan_hasil", "volume", "waktu_menit")}
                    for t in tasks
                ]
        with time_machine.travel(diimpor, tick=False):
            replace_all_tasks(analisis.pk, rows, operator)
        with time_machine.travel(diajukan, tick=False):
            abk_services.ajukan(analisis.pk, operator)
        with time_machine.travel(diterima, tick=False):
            new.append(abk_services.terima(analisis.pk, verifikator))

    # After a run that set needs afresh (more people, more posts), the tasks of the accepted
    # analyses are redone where they no longer give the need, one formasi at a time.
    tasks, redone = [], 0
    accepted = [a for a in existing.values() if a.status == StatusAnalisis.DITERIMA]
    for analisis in accepted if ctx.created["formasi"] or ctx.created["pegawai"] else []:
        stale = [
            h.formasi
            for h in hasil_analisis(analisis)
            if (h.formasi.tahun_analisis or 0) <= tahun
            and (h.kebutuhan if h.jumlah_tugas else 0) != h.formasi.kebutuhan
        ]
        UraianTugas.objects.filter(analisis=analisis, formasi__in=stale).delete()
        for formasi in stale:
            tasks += _tasks_for(analisis, formasi, bezetting, nama_jabatan, unit_kode)
        redone += len(stale)
    UraianTugas.objects.bulk_create(tasks, batch_size=BATCH_SIZE)

    # Each formasi carries the hours of its accepted analysis as ``terima`` leaves them: for
    # the tasks redone above, and for the posts with no tasks (need 0: abolished, its holder
    # to be moved), whose workload is zero hours, so the holder counts as unused capacity.
    changed = []
    for analisis in new + accepted:
        for h in hasil_analisis(analisis):
            f, jam = h.formasi, h.beban_jam if h.jumlah_tugas else Decimal("0.00")
            later = (f.tahun_analisis or 0) > tahun  # a newer analysis set this one
            if not later and (f.beban_kerja_jam, f.tahun_analisis) != (jam, tahun):
                f.beban_kerja_jam, f.tahun_analisis = jam, tahun
                changed.append(f)
    Formasi.objects.bulk_update(changed, ["beban_kerja_jam", "tahun_analisis"], batch_size=500)

    ctx.created["analisis"] += len(new)
    total = AnalisisBebanKerja.objects.filter(tahun=tahun).count()
    ctx.report(f"Analisis beban kerja {tahun}", total, len(new))
    added = len(tasks) + UraianTugas.objects.filter(analisis__in=new).count()
    ctx.report("Uraian tugas", UraianTugas.objects.count(), added)
    if redone:
        ctx.log(f"  {'Uraian tugas disesuaikan':<28} {angka(redone):>8}  formasi")


# This year's analyses under way: (agency code, status).
BERJALAN = [
    (people.DINKES, StatusAnalisis.KONSEP),
    (DISDIK, StatusAnalisis.DIAJUKAN),
    (DISHUB, StatusAnalisis.DIKEMBALIKAN),
]


def build_analisis_berjalan(ctx: Context) -> None:
    """This year's analyses of a few agencies, copied from last year and then changed: a
    draft, one waiting for BKD, one returned with a note. Told through the services."""
    tahun = ctx.reference.year
    users = demo_users()
    now = timezone.now()
    wanted = [(kode, status) for kode, status in BERJALAN if kode in ctx.opd]
    have = set(
        AnalisisBebanKerja.objects.filter(
            tahun=tahun, perangkat_daerah__in=[ctx.opd[k] for k, _ in wanted]
        ).values_list("perangkat_daerah_id", flat=True)
    )
    created = 0
    task_count = 0
    for kode, status in wanted:
        opd = ctx.opd[kode]
        if opd.pk in have:
            continue
        previous = (
            AnalisisBebanKerja.objects.filter(perangkat_daerah=opd, tahun__lt=tahun)
            .order_by("-tahun")
            .first()
        )
        if previous is None:
            continue
        rng = random.Random(SEED * 7 + int(kode.replace(".", "")))
        ago = {StatusAnalisis.KONSEP: 20, StatusAnalisis.DIAJUKAN: 45}.get(status, 60)
        dibuat = jam_kerja((now - datetime.timedelta(days=ago)).date(), rng.random())
        operator = operator_of(users, kode)
        editor = users.get("kepala.dinkes") if kode == people.DINKES else operator
        with time_machine.travel(dibuat, tick=False):
            analisis = abk_services.buat_analisis(
                operator, opd, tahun, previous.jam_efektif, previous.pembulatan, salin=True
            )
        tasks = list(analisis.tugas.select_related("formasi__unit", "formasi__jabatan"))
        # The formasi someone edited after copying: the busiest ones, which is where a
        # year's change in workload shows.
        busiest = sorted(
            {t.formasi_id for t in tasks},
            key=lambda pk: -sum(t.volume * t.waktu_menit for t in tasks if t.formasi_id == pk),
        )[:2]
        factor = {StatusAnalisis.DIKEMBALIKAN: 1.6, StatusAnalisis.DIAJUKAN: 1.12}.get(status)
        last = dibuat
        for n, pk in enumerate(busiest):
            scale = factor or 1.08 + 0.04 * n
            rows = [
                {
                    "uraian": t.uraian,
                    "satuan_hasil": t.satuan_hasil,
                    "volume": min(MAX_VOLUME, max(1, round(t.volume * scale))),
                    "waktu_menit": t.waktu_menit,
                }
                for t in tasks
                if t.formasi_id == pk
            ]
            formasi = next(t.formasi for t in tasks if t.formasi_id == pk)
            last = dibuat + datetime.timedelta(days=8 + 5 * n, minutes=rng.randint(0, 90))
            with time_machine.travel(last, tick=False):
                abk_services.simpan_tugas(analisis.pk, formasi, rows, editor)
        if status in (StatusAnalisis.DIAJUKAN, StatusAnalisis.DIKEMBALIKAN):
            days = 4 if status == StatusAnalisis.DIAJUKAN else 35
            last = max(last, jam_kerja((now - datetime.timedelta(days=days)).date(), rng.random()))
            with time_machine.travel(last, tick=False):
                abk_services.ajukan(analisis.pk, operator)
        if status == StatusAnalisis.DIKEMBALIKAN:
            first = next((t for t in tasks if t.formasi_id in busiest), None)
            if first is not None:
                f = first.formasi
                catatan = (
                    f"Volume \u201c{first.uraian}\u201d pada {f.jabatan.nama}, {f.unit.nama} "
                    f"naik 60% dari tahun {previous.tahun} tanpa data dukung. Lampirkan rekap "
                    f"hasil kerja tahun {previous.tahun} atau sesuaikan volumenya, lalu ajukan "
                    f"kembali."
                )
            else:
                catatan = "Uraian tugas belum lengkap; lengkapi lalu ajukan kembali."
            last = max(
                last + datetime.timedelta(days=3),
                jam_kerja((now - datetime.timedelta(days=21)).date(), rng.random()),
            )
            with time_machine.travel(last, tick=False):
                abk_services.kembalikan(analisis.pk, users.get("verifikator.bkd"), catatan)
        created += 1
        task_count += analisis.tugas.count()
    ctx.report(f"Analisis beban kerja {tahun}", len(wanted), created)
    if task_count:
        ctx.report("Uraian tugas (tahun ini)", task_count, task_count)
