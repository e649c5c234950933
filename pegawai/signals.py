"""Keep one Django group per role, created after every migrate; and ask the workflow whether
an employee's post may be changed by hand (the lower app does not import the workflow)."""

from django.db.models.signals import post_migrate
from django.dispatch import Signal, receiver

# Sent by the master-data form before an existing employee's unit or jabatan changes, with
# ``pegawai`` (as stored), ``unit`` and ``jabatan`` (as asked). Each receiver returns a list
# of reasons to refuse; none means the change may be saved.
pindah_jabatan_diperiksa = Signal()


@receiver(post_migrate)
def create_role_groups(sender, **kwargs):
    if sender.name != "pegawai":
        return
    from django.contrib.auth.models import Group

    from pegawai.access import Role

    for role in Role:
        Group.objects.get_or_create(name=role.value)
