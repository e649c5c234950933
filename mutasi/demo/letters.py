"""Demo decision letters, made through the real services so they hold together.

Four published letters and one draft from the approved demo proposals: a collective letter two
months old whose employees have all reported at their new posts; a letter that was revoked
and the correction that replaced it (two of its employees have reported); a recent letter whose
TMT is still ahead; and a draft waiting for ``pejabat.penetap`` to publish. The transparency
page is populated, and every role finds a letter to look at. Publication dates are moved into
the past afterwards (never before 1 January, so they agree with the year in the number). The
PDFs are rendered by the task queue once the seeding transaction commits. The step runs once:
a database with any letter is left alone.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from mutasi import sk as services
from mutasi.choices import StatusUsulan
from mutasi.demo.context import BATCH_SIZE, Context
from mutasi.demo.proposals import ARSIP
from mutasi.demo.workload import backdated, demo_users
from mutasi.models import (
    NomorSurat,
    StatusRender,
    StatusSK,
    SuratKeputusan,
    SuratKeputusanUsulan,
    Usulan,
)

# (proposals, days before today it was published, days before today its TMT fell)
LETTERS = {"kolektif": (8, 75, 60), "dicabut": (3, 40, 30), "baru": (1, 5, -14)}
DRAFT = 2
PENANDATANGAN = {
    "penandatangan_nama": "Dr. H. Bambang Wicaksono, M.Si.",
    "penandatangan_jabatan": "Gubernur Asemrowo",
}


def build_surat(ctx: Context) -> None:
    if SuratKeputusan.objects.exists():
        ctx.report("Surat keputusan", SuratKeputusan.objects.count(), 0)
        return
    users = demo_users()
    operator, pejabat = users["operator.bkd"], users["pejabat.penetap"]
    approved = list(
        Usulan.objects.filter(status=StatusUsulan.DISETUJUI)
        .exclude(catatan_internal=ARSIP)
        .order_by("diputuskan_pada", "pk")
        .values_list("pk", flat=True)
    )
    needed = sum(n for n, _p, _t in LETTERS.values()) + DRAFT
    if len(approved) < needed:
        ctx.log(f"  Surat keputusan: perlu {needed} usulan disetujui, ada {len(approved)}")
        return
    today = timezone.localdate()

    def day(days_ago):
        return max(today - datetime.timedelta(days=days_ago), today.replace(month=1, day=1))

    def backdate(letter, days_ago, hour):
        when = day(days_ago)
        moment = timezone.make_aware(datetime.datetime.combine(when, datetime.time(hour)))
        SuratKeputusan.objects.filter(pk=letter.pk).update(
            tanggal_terbit=when, diterbitkan_pada=moment
        )
        letter.refresh_from_db()
        return letter

    def publish(ids, published_ago, tmt_ago, **fields):
        draft = services.buat_draf(operator, ids, tmt=day(tmt_ago), **PENANDATANGAN, **fields)
        return backdate(services.terbitkan(draft.pk, pejabat), published_ago, 10)

    def report_all(letter, ids, after_days):
        for pk in ids:
            services.laksanakan(letter.pk, pk, operator, min(letter.tmt + after_days, today))

    n, published_ago, tmt_ago = LETTERS["kolektif"]
    kolektif, approved = approved[:n], approved[n:]
    letter = publish(kolektif, published_ago, tmt_ago)
    report_all(letter, kolektif, datetime.timedelta(days=3))

    n, published_ago, tmt_ago = LETTERS["dicabut"]
    dicabut, approved = approved[:n], approved[n:]
    wrong = publish(dicabut, published_ago, tmt_ago, judul="Pemindahan Pegawai Negeri Sipil")
    correction = services.buat_pembetulan(wrong.pk, operator)
    services.ubah_draf(
        correction.pk,
        operator,
        judul="Pembetulan Pemindahan Pegawai Negeri Sipil",
        tmt=day(tmt_ago - 7),
    )
    correction = backdate(services.terbitkan(correction.pk, pejabat), published_ago - 7, 14)
    report_all(correction, dicabut[:2], datetime.timedelta(days=2))

    n, published_ago, tmt_ago = LETTERS["baru"]
    baru, approved = approved[:n], approved[n:]
    publish(baru, published_ago, tmt_ago)

    services.buat_draf(operator, approved[:DRAFT], **PENANDATANGAN)
    ctx.report("Surat keputusan", SuratKeputusan.objects.count(), len(LETTERS) + 2)


# --- Archive letters for benchmarks (seed_demo --usulan) -------------------------------------

ARSIP_PER_SK = 10


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
    texts = services.nilai_awal() | PENANDATANGAN
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
                **texts | {"tmt": day + datetime.timedelta(days=14)},
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
                dilaksanakan_pada=letter.tmt + datetime.timedelta(days=2),
            )
            for letter, group in zip(letters, groups, strict=True)
            for i, pk in enumerate(group, start=1)
        ),
        batch_size=BATCH_SIZE,
    )
    for tahun, terakhir in counters.items():
        NomorSurat.objects.update_or_create(
            seri=settings.SK_SERI, tahun=tahun, defaults={"terakhir": terakhir}
        )
    ctx.report("Surat keputusan arsip", SuratKeputusan.objects.count(), len(letters))
    ctx.report("Keputusan arsip", SuratKeputusanUsulan.objects.count(), len(pending))
