"""Background computation of large redistribution plans (django-tasks, ``db_worker``)."""

from django_tasks import task


@task()
def hitung_rencana(rencana_pk: int) -> int:
    from mutasi.pencocokan import rencana

    rencana.hitung(rencana_pk)
    return rencana_pk
