"""Petikan: each employee's extract of a published letter (docs/domain.md §7).

Made with the letter's PDF, in the same background run (``mutasi.sk.buat_pdf``): the same
number, date and text, "PETIKAN" above it, the Lampiran holding only that employee's row, and
a verification code of its own under its QR code. Signed with the letter, in the official's
one signing step (``mutasi.sk.ttd``). The employee downloads theirs from their profile; the
agencies the move leaves and enters, and BKD, from the letter's and the proposal's pages.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404

from mutasi.models import PEMBACA_SK, Petikan, SuratKeputusanUsulan, Usulan
from mutasi.sk import pdf
from pegawai.access import roles_of


def siapkan(sk) -> list[Petikan]:
    """The extracts of ``sk``, one per row, created (with their codes) if missing."""
    rows = list(sk.baris_lampiran())
    have = set(Petikan.objects.filter(baris__in=rows).values_list("baris_id", flat=True))
    Petikan.objects.bulk_create(Petikan(baris=row) for row in rows if row.pk not in have)
    return list(
        Petikan.objects.filter(baris__sk=sk)
        .select_related("baris__sk")
        .order_by("baris__urutan", "baris__pk")
    )


def render(sk) -> list[tuple[Petikan, bytes]]:
    """Every extract of ``sk`` as PDF bytes (not stored yet)."""
    rows = {b.no: b for b in pdf.baris_lampiran(sk)}
    made = []
    for no, item in enumerate(siapkan(sk), start=1):
        made.append((item, pdf.render_petikan(sk, [rows[no]], item)))
    return made


def simpan(made) -> None:
    """Store rendered extracts, replacing (unsigned) earlier files."""
    for item, data in made:
        old = item.berkas.name if item.berkas else ""
        item.berkas.save("petikan.pdf", ContentFile(data), save=False)
        item.sha256 = hashlib.sha256(data).hexdigest()
        item.save(update_fields=["berkas", "sha256", "updated"])
        if old and old != item.berkas.name:
            storage = item.berkas.storage
            transaction.on_commit(lambda s=storage, o=old: s.delete(o))


def for_user(user):
    """The extracts ``user`` may download: BKD and the official all; an agency those of
    moves leaving or entering it, an employee their own — once signed."""
    queryset = Petikan.objects.select_related("baris__sk", "baris__usulan")
    if roles_of(user) & PEMBACA_SK:
        return queryset
    visible = Usulan.objects.for_user(user).values("pk")
    return queryset.filter(baris__usulan__in=visible, ditandatangani_pada__isnull=False)


def get_petikan_for_user(user, pk) -> Petikan:
    item = get_object_or_404(for_user(user), pk=pk)
    if not item.berkas:
        raise Http404
    return item


def untuk_usulan(user, usulan) -> list[Petikan]:
    """The extracts of the letters holding ``usulan`` that ``user`` may download."""
    rows = SuratKeputusanUsulan.objects.filter(usulan=usulan).values("pk")
    return list(for_user(user).filter(baris__in=rows).exclude(berkas="").order_by("-created"))
