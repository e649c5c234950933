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

from django.utils import timezone

from mutasi import sk as services
from mutasi.choices import StatusUsulan
from mutasi.demo.context import Context
from mutasi.demo.proposals import ARSIP
from mutasi.demo.workload import demo_users
from mutasi.models import SuratKeputusan, Usulan

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

    def publish(ids, published_ago, tmt_ago, **fields):
        draft = services.buat_draf(operator, ids, tmt=day(tmt_ago), **PENANDATANGAN, **fields)
        letter = services.terbitkan(draft.pk, pejabat)
        when = day(published_ago)
        SuratKeputusan.objects.filter(pk=letter.pk).update(
            tanggal_terbit=when,
            diterbitkan_pada=timezone.make_aware(
                datetime.datetime.combine(when, datetime.time(10))
            ),
        )
        return letter

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
    correction = services.terbitkan(correction.pk, pejabat)
    when = day(published_ago - 7)
    SuratKeputusan.objects.filter(pk=correction.pk).update(
        tanggal_terbit=when,
        diterbitkan_pada=timezone.make_aware(datetime.datetime.combine(when, datetime.time(14))),
    )
    correction.refresh_from_db()
    report_all(correction, dicabut[:2], datetime.timedelta(days=2))

    n, published_ago, tmt_ago = LETTERS["baru"]
    baru, approved = approved[:n], approved[n:]
    publish(baru, published_ago, tmt_ago)

    services.buat_draf(operator, approved[:DRAFT], **PENANDATANGAN)
    ctx.report("Surat keputusan", SuratKeputusan.objects.count(), len(LETTERS) + 2)
