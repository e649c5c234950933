"""Background tasks of decision letters (django-tasks; the database backend in production)."""

from django_tasks import task


@task()
def render_sk(sk_pk: int) -> str:
    """Render a published letter's PDF; a failure is kept on the letter and re-raised."""
    from mutasi import sk

    return sk.buat_pdf(sk_pk).sha256
