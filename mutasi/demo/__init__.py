"""Demo data: the imaginary Pemerintah Provinsi Asemrowo, for trying the app and measuring it.

``seed()`` runs the steps in order inside one transaction, each taking the shared Context.
The PROVINCE and the MATCHING data are completed on every run (only what is missing inserted),
so a larger ``pegawai`` count adds only the extra employees; the STORIES are told once, on a
database with no proposal and no rule setting yet. Seeding again changes nothing.
"""

import contextlib
import datetime
import time

import time_machine
from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

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
from mutasi.models import KetentuanMutasi, Usulan

DEFAULT_PEGAWAI = 2000
MIN_PEGAWAI = len(people.PERSONAS)

# Completed on every run, in this order.
PROVINCE = [
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
]
# Told once, in this order: the evaluation stories' moves before the proposal stories, which
# plan around the people they moved; the stories' letters after the evaluation letters, so the
# register runs in date order; the rule settings last, after the stories they leave as they are.
STORIES = [
    workload.build_analisis_berjalan,
    evaluasi.build_evaluasi,
    proposals.build_usulan,
    letters.build_surat,
    pppk.build_pppk,
    masuk.build_lintas_instansi,
    layanan.build_layanan,
    ketentuan.build_ketentuan,
]
# After the stories, so the people who came in or were added by them get theirs on the first run.
MATCHING = [pencocokan.build_preferensi_potensi]
# The apps whose tables the seeding reports at its end: rows, and how many this run added.
APPS = ("instansi", "pegawai", "mutasi", "evaluasi")


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
        before = {model: model._default_manager.count() for model in reported()}
        told = Usulan.objects.exists() or KetentuanMutasi.objects.exists()
        stories = [] if told else STORIES
        for step in PROVINCE + stories + MATCHING:
            started = time.perf_counter()
            step(ctx)
            ctx.timings[step.__name__] = time.perf_counter() - started
        for model, rows in before.items():
            if total := model._default_manager.count():
                ctx.report(capfirst(model._meta.verbose_name_plural), total, total - rows)
    return ctx


def reported() -> list:
    """The tables of the demo's apps, without their change histories."""
    models = [m for app in APPS for m in apps.get_app_config(app).get_models()]
    return [m for m in models if not m.__name__.startswith("Historical")]


def on(day: datetime.date):
    """The clock set to ``day``: at the present time of day when it is today, else at nine in
    the morning (a working hour, far from midnight). The clock keeps running."""
    if day == timezone.localdate():
        return contextlib.nullcontext()
    return time_machine.travel(pukul(day), tick=True)
