"""Demo data: the imaginary Pemerintah Provinsi Asemrowo, for trying the app and measuring it.

``seed()`` runs STEPS in order inside one transaction. Each step takes the shared Context and
inserts only what is missing, so seeding again changes nothing and a larger ``pegawai`` count
adds only the extra employees.
"""

import contextlib
import datetime
import time

import time_machine
from django.db import transaction
from django.utils import timezone

from mutasi.demo import (
    accounts,
    evaluasi,
    ketentuan,
    layanan,
    letters,
    master,
    masuk,
    pencocokan,
    people,
    pppk,
    proposals,
    workload,
)
from mutasi.demo.context import Context, pukul

DEFAULT_PEGAWAI = 2000
MIN_PEGAWAI = len(people.PERSONAS)

# In this order: the evaluation stories' moves before the proposal stories, which plan around
# the people they moved; the stories' letters after the evaluation letters, so the register runs
# in date order; moves across governments before the talent data, so the nurses who came in get
# theirs on the first run; the rule settings last, after the stories they leave as they are.
STEPS = [
    master.build_instansi,
    master.build_vocabulary,
    master.build_jabatan,
    master.build_units,
    people.plan_pegawai,
    master.build_formasi,
    people.build_pegawai,
    master.build_kebutuhan,
    accounts.build_accounts,
    workload.build_analisis,
    workload.build_analisis_berjalan,
    evaluasi.build_evaluasi,
    proposals.build_usulan,
    letters.build_surat,
    pppk.build_pppk,
    masuk.build_lintas_instansi,
    pencocokan.build_preferensi_potensi,
    layanan.build_layanan,
    ketentuan.build_ketentuan,
]


def seed(
    pegawai: int = DEFAULT_PEGAWAI,
    reference: datetime.date | None = None,
    log=print,
) -> Context:
    """Build (or complete) the demo province with ``pegawai`` employees.

    ``reference`` is the one day every story is told from (today by default): employees'
    histories, SKP years, letters, evaluations. The steps run with the clock set to that day,
    so what the services stamp "now" agrees with it; nothing else reads the calendar.
    """
    if pegawai < MIN_PEGAWAI:
        raise ValueError(f"pegawai must be at least {MIN_PEGAWAI}")
    reference = reference or timezone.localdate()
    ctx = Context(pegawai=pegawai, reference=reference, log=log)
    with on(reference), transaction.atomic():
        for step in STEPS:
            started = time.perf_counter()
            step(ctx)
            ctx.timings[step.__name__] = time.perf_counter() - started
    return ctx


def on(day: datetime.date):
    """The clock set to ``day``: at the present time of day when it is today, else at nine in
    the morning (a working hour, far from midnight). The clock keeps running."""
    if day == timezone.localdate():
        return contextlib.nullcontext()
    return time_machine.travel(pukul(day), tick=True)
