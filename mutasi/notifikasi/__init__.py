"""Notifications: on screen (Notifikasi) and by e-mail, sent by the background worker."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

from mutasi.models import Notifikasi


def users_with_role(*roles):
    return (
        get_user_model()
        .objects.filter(groups__name__in=[role.value for role in roles], is_active=True)
        .distinct()
    )


def notify(users, judul: str, pesan: str = "", obj=None):
    """Tell each user on screen, and by e-mail once the transaction has committed; the
    notice links to ``obj`` (a proposal, a letter, an analysis, an evaluation...)."""
    tautan = obj.get_absolute_url() if obj is not None else ""
    users = {u.pk: u for u in users}.values()
    Notifikasi.objects.bulk_create(
        Notifikasi(penerima=u, judul=judul[:200], pesan=pesan, tautan=tautan) for u in users
    )
    emails = [u.email for u in users if u.email]
    if emails:
        body = f"{pesan}\n\n{settings.SITE_URL}{tautan}" if tautan else pesan
        transaction.on_commit(lambda: kirim_email.enqueue(judul, body, emails))


@task()
def kirim_email(judul: str, pesan: str, penerima: list[str]):
    send_mail(f"[Mutasi ASN] {judul}", pesan, None, penerima)
