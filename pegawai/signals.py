"""Keep one Django group per role, created after every migrate; and ask the workflow whether
an employee's post may be changed by hand (the lower app does not import the workflow)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models.signals import post_migrate
from django.dispatch import Signal, receiver


@dataclass(frozen=True)
class Pindah:
    """An existing employee's post changed by hand: (unit id, jabatan id) as stored, as asked."""

    pegawai_id: int
    dari: tuple[int, int]
    ke: tuple[int, int]


# Sent by the employee form, the admin and the import before existing employees' units or
# posts change, with ``pindah``: a list of ``Pindah`` in the order asked (one for a form, the
# rows of a file). Each receiver returns {employee id: [reasons to refuse]}.
pindah_jabatan_diperiksa = Signal()


def alasan_tolak_pindah(pindah: list[Pindah]) -> dict[int, list[str]]:
    """Why each of these changes may not be saved (an employee absent: it may)."""
    reasons = defaultdict(list)
    if pindah:
        for _receiver, answer in pindah_jabatan_diperiksa.send(Pindah, pindah=pindah):
            for pegawai_id, texts in (answer or {}).items():
                reasons[pegawai_id].extend(texts)
    return reasons


@receiver(post_migrate)
def create_role_groups(sender, **kwargs):
    if sender.name != "pegawai":
        return
    from django.contrib.auth.models import Group

    from pegawai.access import Role

    for role in Role:
        Group.objects.get_or_create(name=role.value)
