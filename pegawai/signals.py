"""Keep one Django group per role, created after every migrate."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def create_role_groups(sender, **kwargs):
    if sender.name != "pegawai":
        return
    from django.contrib.auth.models import Group

    from pegawai.access import Role

    for role in Role:
        Group.objects.get_or_create(name=role.value)
