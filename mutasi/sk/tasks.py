"""Background tasks of decision letters (django-tasks; the database backend in production)."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def render_sk(sk_pk: int) -> str:
    """Render a published letter's PDF. A failure is kept on the letter, retried by itself
    after 1, 2, 4 … minutes up to ``SK_RENDER_PERCOBAAN`` attempts, and re-raised so the task
    backend records it too; BKD can always retry by hand from the letter's page."""
    from mutasi.models import SuratKeputusan
    from mutasi.sk import services as sk

    # Signed before the worker came to it (the demo renders and signs in its seed): the
    # signed file is the letter, and made again it would lose its signature.
    signed = SuratKeputusan.objects.filter(pk=sk_pk, ditandatangani_pada__isnull=False)
    if signed.exists():
        return signed.values_list("sha256", flat=True).get()
    try:
        return sk.buat_pdf(sk_pk).sha256
    except Exception:
        attempts = SuratKeputusan.objects.values_list("render_percobaan", flat=True).get(pk=sk_pk)
        if attempts < settings.SK_RENDER_PERCOBAAN:
            retry = render_sk
            if retry.get_backend().supports_defer:
                delay = datetime.timedelta(minutes=2 ** (attempts - 1))
                retry = retry.using(run_after=timezone.now() + delay)
            retry.enqueue(sk_pk)
        raise


@task()
def ingatkan_pelaksanaan() -> list[int]:
    """Tell BKD about moves whose TMT has come (``mutasi.sk.pelaksanaan``)."""
    from mutasi.sk import pelaksanaan

    return pelaksanaan.ingatkan_pelaksanaan()
