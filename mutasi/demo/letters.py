"""Demo decision letters from the approved demo proposals, made through the services: a
collective letter whose people have reported, a revoked letter and its correction, a recent
one whose TMT is ahead, and a draft waiting for ``pejabat.penetap``. Each is published on its
day, after its proposals' approval and the letter before (numbers follow the dates, never
before 1 January), then rendered and signed with the demo certificate (passphrase
``mutasi-demo``). A move into Dinas Kesehatan is taken up on the SPMT ``kepala.dinkes`` signs,
the others on paper SPMTs BKD records.
"""

import datetime

import time_machine
from django.db.models import Max
from django.utils import timezone

from mutasi.demo.accounts import demo_users
from mutasi.demo.context import Context, pukul
from mutasi.models import SuratKeputusan, Usulan
from mutasi.sk import pelaksanaan, services, spmt, tanda_tangan, terbit, ttd
from mutasi.usulan.choices import ArahMutasi, StatusUsulan

# (proposals, days before today it is published at the earliest, days from publication to TMT).
# Ten approved moves in all: a small demo (300 employees) on some days approves no more once
# the outgoing release, which the receiving side decrees, is left out.
LETTERS = {"kolektif": (4, 75, 15), "dicabut": (3, 40, 10), "baru": (1, 5, 14)}
DRAFT = 2
DIBUTUHKAN = sum(n for n, _ago, _tmt in LETTERS.values()) + DRAFT  # approved proposals
PENANDATANGAN = {
    "penandatangan_nama": "Dr. H. Bambang Wicaksono, M.Si.",
    "penandatangan_jabatan": "Gubernur Asemrowo",
}


def terbitkan(operator, pejabat, tmts: dict, moment, dibetulkan=None, **fields):
    """A letter of the proposals ``tmts`` (pk -> TMT), or the correction of the letter
    ``dibetulkan``, drafted and submitted by ``operator`` minutes before ``moment``, published
    by ``pejabat`` at ``moment``."""
    with time_machine.travel(moment - datetime.timedelta(minutes=5)):
        if dibetulkan is None:
            draft = services.buat_draf(operator, list(tmts), **PENANDATANGAN, **fields)
        else:
            draft = services.buat_pembetulan(dibetulkan.pk, operator)
            services.ubah_draf(draft.pk, operator, **fields)
        for pk, tmt in tmts.items():
            services.ubah_baris(draft.pk, operator, pk, tmt=tmt)
        services.ajukan(draft.pk, operator)
    with time_machine.travel(moment):
        return terbit.terbitkan(draft.pk, pejabat)


def setelah_register(moment):
    """``moment``, or ten minutes after the latest published letter if that is later."""
    latest = SuratKeputusan.objects.aggregate(m=Max("diterbitkan_pada"))["m"]
    return moment if latest is None else max(moment, latest + datetime.timedelta(minutes=10))


def tandatangani(letter, pejabat, moment) -> SuratKeputusan:
    """Rendered here rather than by the worker, then signed minutes after ``moment`` (the
    worker's queued render finds it signed and leaves it)."""
    with time_machine.travel(moment + datetime.timedelta(minutes=2)):
        services.buat_pdf(letter.pk)
        return ttd.tandatangani(letter.pk, pejabat, passphrase=tanda_tangan.DEMO_SANDI)


def laksanakan(letter, pk, users, day) -> None:
    """Taken up on ``day`` (at eight, or half an hour after the letter was published that
    day): on the SPMT ``kepala.dinkes`` signs for a move into Dinas Kesehatan, else on a paper
    SPMT BKD records."""
    kepala = users["kepala.dinkes"]
    baru = letter.baris.get(usulan_id=pk).perangkat_daerah_baru_id
    moment = max(pukul(day, 8), letter.diterbitkan_pada + datetime.timedelta(minutes=30))
    with time_machine.travel(moment):
        if baru == kepala.perangkat_daerah_id:
            spmt.terbitkan(letter.pk, pk, kepala, day, passphrase=tanda_tangan.DEMO_SANDI)
        else:
            pelaksanaan.laksanakan(letter.pk, pk, users["operator.bkd"], day)


def build_surat(ctx: Context) -> None:
    users = demo_users()
    operator, pejabat = users["operator.bkd"], users["pejabat.penetap"]
    approved = list(
        Usulan.objects.filter(status=StatusUsulan.DISETUJUI)
        .exclude(arah=ArahMutasi.KELUAR)
        .order_by("diputuskan_pada", "pk")
        .values_list("pk", "diputuskan_pada")
    )
    if len(approved) < DIBUTUHKAN:
        ctx.log(f"  Surat keputusan: perlu {DIBUTUHKAN} usulan disetujui, ada {len(approved)}")
        return
    today = ctx.reference
    # Publication moments only move forward, so the register's numbers follow the dates.
    last = [pukul(today.replace(month=1, day=1), 6)]

    def moment_for(group, days_ago):
        """Not before its proposals were approved, nor before the previous letter; minutes
        after the previous one on the same day (early, so a letter of today is already
        past when the demo is seeded in the morning); never after today."""
        approved_on = max(timezone.localtime(when).date() for _pk, when in group)
        day = max(today - datetime.timedelta(days=days_ago), approved_on + datetime.timedelta(1))
        last.append(max(pukul(min(day, today), 7), last[-1] + datetime.timedelta(minutes=10)))
        return last[-1]

    def publish(group, days_ago, tmt_after, report=True, **fields):
        moment = moment_for(group, days_ago)
        tmt = moment.date() + datetime.timedelta(days=tmt_after)
        if report:  # its people have reported by today
            tmt = min(tmt, today)
        letter = terbitkan(operator, pejabat, {pk: tmt for pk, _w in group}, moment, **fields)
        return tandatangani(letter, pejabat, moment)

    def report_all(letter, group, after_days):
        for pk, _when in group:
            tmt = letter.baris.get(usulan_id=pk).tmt
            laksanakan(letter, pk, users, min(tmt + datetime.timedelta(days=after_days), today))

    n, days_ago, tmt_after = LETTERS["kolektif"]
    kolektif, approved = approved[:n], approved[n:]
    report_all(publish(kolektif, days_ago, tmt_after), kolektif, 3)

    n, days_ago, tmt_after = LETTERS["dicabut"]
    dicabut, approved = approved[:n], approved[n:]
    wrong = publish(dicabut, days_ago, tmt_after, judul="Pemindahan Pegawai Negeri Sipil")
    # A week later BKD finds the TMT wrong and corrects it: a week later for everyone.
    moment = moment_for(dicabut, days_ago - 7)
    tmts = {
        link.usulan_id: max(min(link.tmt + datetime.timedelta(days=7), today), moment.date())
        for link in wrong.baris.all()
    }
    correction = terbitkan(
        operator,
        pejabat,
        tmts,
        moment,
        dibetulkan=wrong,
        judul="Pembetulan Pemindahan Pegawai Negeri Sipil",
        alasan_pembetulan=(
            "TMT pada SK yang dicabut tidak sesuai dengan tanggal kesiapan unit penerima."
        ),
    )
    report_all(tandatangani(correction, pejabat, moment), dicabut[:2], 2)

    n, days_ago, tmt_after = LETTERS["baru"]
    baru, approved = approved[:n], approved[n:]
    publish(baru, days_ago, tmt_after, report=False)

    with time_machine.travel(last[-1] + datetime.timedelta(minutes=5)):
        draft = services.buat_draf(operator, [pk for pk, _w in approved[:DRAFT]], **PENANDATANGAN)
        services.ajukan(draft.pk, operator)  # waiting in pejabat.penetap's inbox
