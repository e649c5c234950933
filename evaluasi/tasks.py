"""Background task of evaluations: due reminders and overdue warnings (run by db_worker).

Two things trigger it, and either alone is enough: ``evaluasi.services.jadwalkan`` defers
one run to each due date and to the day after each deadline (the database backend supports
``run_after``), and ``manage.py kirim_pengingat_evaluasi`` (daily from cron) enqueues one
run, which also catches evaluations scheduled before a deployment or lost jobs. Running it
more often than needed sends nothing twice.
"""

from django_tasks import task


@task()
def kirim_pengingat() -> dict:
    from evaluasi import services

    return services.kirim_pengingat()


@task()
def hitung_dasbor(saringan: list) -> str:
    """Compute the dashboard's figures of one filter again (``evaluasi.hitungan``)."""
    from evaluasi import hitungan

    return hitungan.simpan(saringan).kunci
