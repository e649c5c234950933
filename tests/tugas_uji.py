"""Background tasks used by the fault tests (tests/test_gangguan.py), importable by a worker."""

import os
import time

from django.contrib.auth.models import Group
from django.db import transaction
from django_tasks import task


@task()
def tulis_dua_baris(nomor: int) -> None:
    """Two rows in one transaction, with a pause between them: an outage can fall inside."""
    with transaction.atomic():
        Group.objects.create(name=f"uji-{nomor}-a")
        time.sleep(float(os.environ.get("JEDA_TUGAS_UJI", "0")))
        Group.objects.create(name=f"uji-{nomor}-b")
