"""Demo post-mutation evaluations, so the programme dashboard has figures and its people work.

About two dozen moves since 1 January two years back, each told like the other stories
(``proposals.ceritakan``) to its approval, published a few to a letter and carried out, which
schedules the evaluations; the supervisor and the employee fill those due through
``evaluasi.services`` on their own days, training chosen where the first shows a gap and
closed with a certificate. Only Dinas Kesehatan has a demo head (``kepala.dinkes``), so the
others' evaluations wait and fall overdue; two moves into it three months and a few days back
leave ``kepala.dinkes`` 3-month evaluations to fill. The moves are marked ``ARSIP_EVALUASI``;
``bench_evaluasi`` adds far more in bulk (bench/evaluasi.py).
"""

import datetime
import itertools

import time_machine

from evaluasi import services
from evaluasi.choices import Rekomendasi
from evaluasi.models import Evaluasi, Pelatihan
from evaluasi.services import add_months
from mutasi.demo import people
from mutasi.demo.accounts import demo_users
from mutasi.demo.catalogue import KATA
from mutasi.demo.context import ARSIP_EVALUASI, Context, acak, jam_kerja
from mutasi.demo.layanan import unit_layanan
from mutasi.demo.letters import terbitkan
from mutasi.demo.pdf import berkas
from mutasi.demo.planning import bebas, perencana
from mutasi.demo.proposals import ceritakan
from mutasi.sk import pelaksanaan
from mutasi.usulan.choices import SikapPegawai
from mutasi.usulan.choices import StatusUsulan as S

__all__ = ["ARSIP_EVALUASI", "build_evaluasi"]

# Moves spread from 1 January two years back (a whole SKP year after them to compare) to five
# months back (before the stories' letters in the register); every DINKES_SETIAP-th one and
# the last into Dinas Kesehatan; then BARU moves into it three months and a few days back.
JUMLAH = 22
DINKES_SETIAP = 4
BARU = 2
PER_SK = 3
TOPIK = [tuple(row) for row in KATA["pelatihan"]]  # (topic, organiser)


def build_evaluasi(ctx: Context) -> None:
    users = demo_users()
    today = ctx.reference
    first = datetime.date(today.year - 2, 1, 1)
    last = today - datetime.timedelta(days=150)
    tmts = [first + (last - first) * n // (JUMLAH - 1) for n in range(JUMLAH)]
    dinkes = {n for n in range(JUMLAH) if n % DINKES_SETIAP == 0 or n == JUMLAH - 1}
    for n in range(BARU):
        dinkes.add(len(tmts))
        tmts.append(add_months(today, -3) - datetime.timedelta(days=n + 2))
    # PER_SK moves a letter, published a fortnight before the first TMT in it.
    surat = [min(tmts[n - n % PER_SK : n - n % PER_SK + PER_SK]) for n in range(len(tmts))]
    surat = [day - datetime.timedelta(days=14) for day in surat]
    rencana = _rencana(ctx, today, tmts, surat, dinkes)
    for r in rencana:  # approved days before its letter
        approved = r.surat - datetime.timedelta(days=3 + int(acak("disetujui", r.tmt) * 10))
        r.usia = (today - approved).days
    ceritakan(
        rencana,
        users,
        lambda r, rng: r.usia,
        lambda r: {"catatan_internal": ARSIP_EVALUASI, "tanggal_rencana": r.tmt},
    )
    operator, pejabat = users["operator.bkd"], users["pejabat.penetap"]
    for day, group in itertools.groupby(rencana, key=lambda r: r.surat):
        group = list(group)
        baris = {r.usulan.pk: r.tmt for r in group}
        letter = terbitkan(operator, pejabat, baris, jam_kerja(day, 0.1))
        for r in group:
            with time_machine.travel(jam_kerja(r.tmt, 0.2)):
                pelaksanaan.laksanakan(letter.pk, r.usulan.pk, operator, r.tmt)
    # The newest have not been assessed yet: kepala.dinkes has them to fill.
    older = [r.usulan.pk for r in rencana if r.tmt <= last]
    _isi(today, older, users["kepala.dinkes"])


def _rencana(ctx, today, tmts, surat, dinkes) -> list:
    """One approved proposal for each TMT, in TMT order: each of someone who
    passed the hard rules from its first steps to the TMT, into a vacancy: in Dinas
    Kesehatan where asked (a puskesmas if it can), else into a public-service unit if it
    can, so the service-quality figures have receiving units (``layanan``); fewer when
    nobody fits."""
    planner = perencana(ctx, today)[0]
    planner.quota[S.DISETUJUI] = len(tmts)
    opd = ctx.opd[people.DINKES].pk
    kesehatan = {u.pk for u in ctx.units.values() if u.perangkat_daerah_id == opd}
    layanan = set(unit_layanan())
    puskesmas = kesehatan & layanan
    wishes = {  # the target wished for, then what is left
        "dinkes": [lambda f: f.unit_id in puskesmas, lambda f: f.unit_id in kesehatan],
        "layanan": [lambda f: f.unit_id in layanan],
    }
    rencana = []
    # Dinas Kesehatan's first: its vacancies are few.
    for n in sorted(range(len(tmts)), key=lambda n: n not in dinkes):
        tmt = tmts[n]

        # From its first steps (two months before approval at most) to the TMT.
        def fits(c, start=surat[n] - datetime.timedelta(days=90), tmt=tmt):
            return bebas(c.pegawai, start, tmt)

        wish = "dinkes" if n in dinkes else "layanan"
        for ke in [*wishes[wish], None]:
            r = planner.ambil(S.DISETUJUI, fits, lowong_saja=True, ke=ke)
            if r is not None:
                # The employee consents, so has an account to fill the self-assessment with.
                r.sikap, r.dijawab = SikapPegawai.SETUJU, False
                r.tmt, r.surat = tmt, surat[n]
                rencana.append(r)
                break
    return sorted(rencana, key=lambda r: r.tmt)


def _isi(today, usulan_ids, kepala) -> None:
    """The assessments of the evaluations due, each on its own day: the supervisor where the
    demo has one, the employee mostly; training after a first evaluation with a gap."""
    due = Evaluasi.objects.filter(usulan_id__in=usulan_ids, jatuh_tempo__lte=today)
    for e in due.select_related("pegawai__user").order_by("jatuh_tempo", "pk"):
        roll = acak("evaluasi", e.pegawai.nip, e.bulan)
        day = min(today, e.jatuh_tempo + datetime.timedelta(days=1 + int(roll * 25)))
        employee = getattr(e.pegawai, "user", None)
        atasan = e.perangkat_daerah_id == kepala.perangkat_daerah_id
        if atasan:
            _nilai_atasan(e, kepala, employee, day, roll, today)
        if employee is not None and (atasan or roll < 0.7):
            with time_machine.travel(jam_kerja(day, 0.6)):
                services.nilai_diri(
                    e.pk,
                    employee,
                    {
                        "kepuasan": 3 + int(roll * 3),
                        "adaptasi": 4 - int(roll * 2),
                        "beban_kerja": 2 + int(acak("beban", e.pk) * 4),
                        "izinkan_atasan": roll < 0.5,
                    },
                )


def _nilai_atasan(e, kepala, employee, day, roll, today) -> None:
    kinerja = 3 + int(roll * 3)
    data = {"kinerja": kinerja, "adaptasi": 4 - int(roll * 2), "komentar": ""}
    pelatihan = None
    if e.bulan == min(e.usulan.evaluasi.values_list("bulan", flat=True)):
        topik, penyelenggara = TOPIK[int(roll * len(TOPIK))]
        tenggat = e.jatuh_tempo + datetime.timedelta(days=90)
        pelatihan = {"topik": topik, "penyelenggara": penyelenggara, "tenggat": tenggat}
        data["rekomendasi"] = Rekomendasi.PELATIHAN
    else:
        data["rekomendasi"] = Rekomendasi.PERTAHANKAN if kinerja > 3 else Rekomendasi.DUKUNGAN
    with time_machine.travel(jam_kerja(day, 0.3)):
        services.nilai_atasan(e.pk, kepala, data, pelatihan=pelatihan)
    done = pelatihan and pelatihan["tenggat"] - datetime.timedelta(days=10)
    if done and done <= today:
        training = Pelatihan.objects.get(evaluasi=e)
        with time_machine.travel(jam_kerja(done, 0.5)):
            closer = employee or kepala
            bukti = berkas(
                "sertifikat.pdf",
                "SERTIFIKAT PELATIHAN",
                "",
                training.topik,
                f"Penyelenggara: {training.penyelenggara}",
            )
            services.selesaikan_pelatihan(training.pk, closer, bukti, done)
