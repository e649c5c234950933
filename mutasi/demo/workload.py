"""Workload analyses (ANJAB/ABK) of the demo province, told through ``instansi.services``.

Every agency has last year's analysis, accepted by BKD, whose tasks give back exactly the
needs on the map (docs/domain.md §5), spread so that job efficiency (EJ) lands in every band.
Three agencies have this year's under way: a draft, one waiting for BKD, one sent back.
"""

import datetime
import math
import random
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from instansi import services as abk_services
from instansi.abk_excel import replace_all_tasks
from instansi.choices import Jenjang, Pembulatan, StatusAnalisis
from instansi.models import AnalisisBebanKerja, UraianTugas
from instansi.services import hasil_analisis
from mutasi.demo import catalogue, master, people
from mutasi.demo.accounts import DISDIK, demo_users, operator_of
from mutasi.demo.context import BATCH_SIZE, SEED, Context, acak, jam_kerja, pada
from mutasi.lib.models import update_in_bulk

JAM_EFEKTIF = 1250  # PermenPANRB 1/2020
MENIT_EFEKTIF = JAM_EFEKTIF * 60
MAX_VOLUME = 1_000_000  # UraianTugas.volume's validator
FIELDS = ("uraian", "satuan_hasil", "volume", "waktu_menit")  # of a task, as susun_tugas gives them

# The tasks of the posts (data/uraian_tugas.csv): (uraian tugas, satuan hasil, minutes per
# result, share of the post's time), keyed by functional family or by the name of a structural
# or pelaksana post; "_jpt", "_administrator", "_pengawas": any other post of that level,
# "_umum": any other post.
Tugas = tuple[str, str, int, int]
TUGAS: dict[str, list[Tugas]] = {}
for _jabatan, _uraian, _satuan, _menit, _bagian in catalogue.read("uraian_tugas.csv"):
    TUGAS.setdefault(_jabatan, []).append((_uraian, _satuan, int(_menit), int(_bagian)))


def tugas_jabatan(nama: str) -> list[Tugas]:
    """The tasks of a jabatan, from its family, its name or its level."""
    jd = people.placement().jabatan.get(nama)
    if jd is None:
        return TUGAS["_umum"]
    level = "_jpt" if jd.jenjang in (Jenjang.JPT_MADYA, Jenjang.JPT_PRATAMA) else f"_{jd.jenjang}"
    return TUGAS.get(jd.family) or TUGAS.get(nama) or TUGAS.get(level) or TUGAS["_umum"]


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


# --- The steps -------------------------------------------------------------------------------


def build_analisis(ctx: Context) -> None:
    """Last year's accepted analysis of every agency, matching the needs on the map."""
    tahun = ctx.reference.year - 1
    users = demo_users()
    verifikator = users["verifikator.bkd"]
    opd_by_id = {o.pk: kode for kode, o in ctx.opd.items()}
    existing = {
        a.perangkat_daerah_id: a
        for a in AnalisisBebanKerja.objects.filter(tahun=tahun, perangkat_daerah_id__in=opd_by_id)
    }
    unit_opd = {u.pk: u.perangkat_daerah_id for u in ctx.units.values()}
    unit_kode = {u.pk: kode for kode, u in ctx.units.items()}
    nama_jabatan = {j.pk: nama for nama, j in ctx.jabatan.items()}
    bezetting = master.bezetting(ctx)
    by_opd = defaultdict(list)
    for (unit_id, _), formasi in sorted(ctx.formasi.items()):
        by_opd[unit_opd[unit_id]].append(formasi)

    def tugas(formasi) -> list[dict]:
        rows = susun_tugas(
            nama_jabatan.get(formasi.jabatan_id, ""),
            formasi.kebutuhan,
            bezetting[(formasi.unit_id, formasi.jabatan_id)],
            (unit_kode.get(formasi.unit_id, formasi.unit_id), formasi.jabatan_id),
        )
        return [dict(zip(FIELDS, row, strict=True)) for row in rows]

    # Each agency's story, told through the services with the clock at each step: the
    # operator starts the analysis and uploads the filled-in workbook (instansi.abk_excel),
    # submits it, and BKD accepts it, which sets the needs (equal to the map's by
    # construction) and logs them in the formasi history.
    new = []
    for opd_id in sorted(set(opd_by_id) - set(existing)):
        kode = opd_by_id[opd_id]
        day, moments = datetime.date(tahun, 1, 10), []
        steps = [("dibuat", 0, 60), ("isi", 7, 20), ("aju", 3, 20), ("terima", 7, 30)]
        for n, (step, least, spread) in enumerate(steps):
            day += datetime.timedelta(days=least + int(spread * acak(f"abk-{step}", kode)))
            moments.append(jam_kerja(day, acak("abk-jam", kode, n)))
        operator = operator_of(users, kode)
        analisis = pada(
            moments[0],
            abk_services.buat_analisis,
            *(operator, ctx.opd[kode], tahun, JAM_EFEKTIF, Pembulatan.KE_ATAS),
        )
        rows = {f: t for f in by_opd[opd_id] if (t := tugas(f))}
        pada(moments[1], replace_all_tasks, analisis.pk, rows, operator)
        pada(moments[2], abk_services.ajukan, analisis.pk, operator)
        new.append(pada(moments[3], abk_services.terima, analisis.pk, verifikator))

    # After a run that set needs afresh (more people, more posts), the tasks of the accepted
    # analyses are redone where they no longer give the need, one formasi at a time.
    tasks = []
    accepted = [a for a in existing.values() if a.status == StatusAnalisis.DITERIMA]
    for analisis in accepted if ctx.created["formasi"] or ctx.created["pegawai"] else []:
        stale = [
            h.formasi
            for h in hasil_analisis(analisis)
            if (h.formasi.tahun_analisis or 0) <= tahun
            and (h.kebutuhan if h.jumlah_tugas else 0) != h.formasi.kebutuhan
        ]
        UraianTugas.objects.filter(analisis=analisis, formasi__in=stale).delete()
        for f in stale:
            tasks += [UraianTugas(analisis=analisis, formasi=f, **row) for row in tugas(f)]
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
    update_in_bulk(changed, ["beban_kerja_jam", "tahun_analisis"], 500)


# This year's analyses under way: (agency code, status, days ago it was started).
BERJALAN = [
    (people.DINKES, StatusAnalisis.KONSEP, 20),
    (DISDIK, StatusAnalisis.DIAJUKAN, 45),
    ("2.15.01", StatusAnalisis.DIKEMBALIKAN, 60),  # Dinas Perhubungan
]


def build_analisis_berjalan(ctx: Context) -> None:
    """This year's analyses of a few agencies, copied from last year and then changed: a
    draft, one waiting for BKD, one returned with a note. Told through the services."""
    tahun = ctx.reference.year
    users = demo_users()
    now = timezone.now()
    have = set(
        AnalisisBebanKerja.objects.filter(tahun=tahun).values_list("perangkat_daerah_id", flat=True)
    )
    for kode, status, ago in BERJALAN:
        opd = ctx.opd.get(kode)
        previous = opd and (
            AnalisisBebanKerja.objects.filter(perangkat_daerah=opd, tahun__lt=tahun)
            .order_by("-tahun")
            .first()
        )
        if previous is None or opd.pk in have:
            continue
        rng = random.Random(SEED * 7 + int(kode.replace(".", "")))
        dibuat = jam_kerja((now - datetime.timedelta(days=ago)).date(), rng.random())
        operator = operator_of(users, kode)
        editor = users["kepala.dinkes"] if kode == people.DINKES else operator
        analisis = pada(
            dibuat,
            abk_services.buat_analisis,
            *(operator, opd, tahun, previous.jam_efektif, previous.pembulatan),
            salin=True,
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
            own = [t for t in tasks if t.formasi_id == pk]
            rows = [
                {f: getattr(t, f) for f in FIELDS}
                | {"volume": min(MAX_VOLUME, max(1, round(t.volume * scale)))}
                for t in own
            ]
            last = dibuat + datetime.timedelta(days=8 + 5 * n, minutes=rng.randint(0, 90))
            pada(last, abk_services.simpan_tugas, analisis.pk, own[0].formasi, rows, editor)
        if status != StatusAnalisis.KONSEP:
            days = 4 if status == StatusAnalisis.DIAJUKAN else 35
            last = max(last, jam_kerja((now - datetime.timedelta(days=days)).date(), rng.random()))
            pada(last, abk_services.ajukan, analisis.pk, operator)
        if status == StatusAnalisis.DIKEMBALIKAN:
            t = next(t for t in tasks if t.formasi_id in busiest)
            catatan = (
                f"Volume \u201c{t.uraian}\u201d pada {t.formasi.jabatan.nama}, "
                f"{t.formasi.unit.nama} naik 60% dari tahun {previous.tahun} tanpa data dukung. "
                f"Lampirkan rekap hasil kerja tahun {previous.tahun} atau sesuaikan volumenya, "
                f"lalu ajukan kembali."
            )
            last = max(
                last + datetime.timedelta(days=3),
                jam_kerja((now - datetime.timedelta(days=21)).date(), rng.random()),
            )
            pada(last, abk_services.kembalikan, analisis.pk, users["verifikator.bkd"], catatan)
