"""Seats (docs/domain.md §4): how many more people a formasi may receive, counting the moves already
decided as well as the holders.

    free seats = kebutuhan − holders − incoming moves approved or decided, not carried out
                 + outgoing moves already in a published letter

One seat holds one person: every page that speaks of a vacancy reads it here (the checklist,
the vacancy list, the filing form, the candidates and the plan), and approval and publication
lock the formasi row first (``pastikan``), so two decisions on its last seat cannot both pass.
"""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.sql.constants import LOUTER
from django.utils.translation import gettext as _
from django_cte import CTE, with_cte

from instansi.models import Formasi
from mutasi.models import Usulan
from mutasi.usulan.choices import StatusUsulan

# Incoming moves that hold a seat before the employee arrives, and outgoing moves that give
# one back before the employee leaves. Carried-out moves are already in the holders.
MENGISI = (StatusUsulan.DISETUJUI, StatusUsulan.DITETAPKAN)
MELEPAS = (StatusUsulan.DITETAPKAN,)


def _count(queryset, group):
    return Coalesce(
        Subquery(queryset.order_by().values(group).annotate(n=Count("pk")).values("n")),
        0,
        output_field=IntegerField(),
    )


def dengan_kursi(queryset=None, kecuali=None):
    """Formasi annotated with ``bezetting``, ``masuk``, ``keluar`` and ``kursi`` (free seats);
    proposal ``kecuali`` is left out of the incoming moves (the seats as it sees them)."""
    queryset = Formasi.objects.all() if queryset is None else queryset
    masuk = Usulan.objects.filter(formasi_tujuan=OuterRef("pk"), status__in=MENGISI)
    if kecuali is not None and kecuali.pk:
        masuk = masuk.exclude(pk=kecuali.pk)
    keluar = Usulan.objects.filter(
        unit_asal=OuterRef("unit_id"), jabatan_asal=OuterRef("jabatan_id"), status__in=MELEPAS
    )
    return (
        queryset.with_bezetting()
        .annotate(masuk=_count(masuk, "formasi_tujuan"), keluar=_count(keluar, "unit_asal"))
        .annotate(kursi=F("kebutuhan") - F("bezetting") - F("masuk") + F("keluar"))
    )


def daftar_kursi(queryset=None):
    """``dengan_kursi`` for whole lists (the vacancy list, the filing form's choices, the
    plan): the holders, incoming and outgoing moves of every formasi counted by one GROUP BY
    each, joined (common table expressions, django-cte), instead of three correlated counts
    per formasi. The same figures (``tests/test_lowongan.py`` compares them)."""
    queryset = Formasi.objects.all() if queryset is None else queryset
    masuk = CTE(
        Usulan.objects.filter(
            status__in=MENGISI, formasi_tujuan__in=queryset.order_by().values("pk")
        )
        .order_by()
        .values("formasi_tujuan_id")
        .annotate(n=Count("pk")),
        name="masuk",
    )
    keluar = CTE(
        Usulan.objects.filter(
            status__in=MELEPAS, unit_asal__in=queryset.order_by().values("unit_id")
        )
        .order_by()
        .values("unit_asal_id", "jabatan_asal_id")
        .annotate(n=Count("pk")),
        name="keluar",
    )
    joined = masuk.join(
        queryset.with_bezetting_grouped(), pk=masuk.col.formasi_tujuan_id, _join_type=LOUTER
    )
    joined = keluar.join(
        joined,
        unit_id=keluar.col.unit_asal_id,
        jabatan_id=keluar.col.jabatan_asal_id,
        _join_type=LOUTER,
    )
    return (
        with_cte(masuk, keluar, select=joined)
        .annotate(masuk=Coalesce(masuk.col.n, 0), keluar=Coalesce(keluar.col.n, 0))
        .annotate(kursi=F("kebutuhan") - F("bezetting") - F("masuk") + F("keluar"))
    )


@dataclass(frozen=True)
class Kursi:
    """The seat count of one formasi, as a person reads it."""

    kebutuhan: int
    terisi: int
    masuk: int
    keluar: int

    @property
    def bebas(self) -> int:
        return self.kebutuhan - self.terisi - self.masuk + self.keluar

    def __str__(self):
        text = _("kebutuhan %(k)s, terisi %(t)s") % {"k": self.kebutuhan, "t": self.terisi}
        if self.masuk:
            text += ", " + _("%(n)s pindah masuk sudah disetujui") % {"n": self.masuk}
        if self.keluar:
            text += ", " + _("%(n)s pindah keluar sudah ditetapkan") % {"n": self.keluar}
        return text + ": " + _("%(n)s kursi kosong") % {"n": max(self.bebas, 0)}


def hitung(formasi, kecuali=None) -> Kursi:
    """The seats of ``formasi`` as proposal ``kecuali`` sees them, in one query."""
    row = (
        dengan_kursi(Formasi.objects.filter(pk=formasi.pk), kecuali=kecuali)
        .values("kebutuhan", "bezetting", "masuk", "keluar")
        .get()
    )
    return Kursi(row["kebutuhan"], row["bezetting"], row["masuk"], row["keluar"])


def pastikan(usulan) -> None:
    """Lock the target formasi and refuse if this proposal would take it past its need.

    Called by approval and publication inside their transaction: the lock queues a second
    decision on the same formasi until the first commits, and its count then includes it."""
    if usulan.formasi_tujuan_id is None:
        return
    formasi = Formasi.objects.select_for_update().get(pk=usulan.formasi_tujuan_id)
    kursi = hitung(formasi, kecuali=usulan)
    if kursi.bebas < 1:
        raise ValidationError(
            _("Formasi tujuan %(f)s tidak punya kursi kosong untuk %(u)s (%(k)s).")
            % {"f": formasi, "u": usulan.kode, "k": kursi}
        )


def pastikan_tetap(usulan_list) -> None:
    """Lock the origin formasi of moves dropped by a correcting letter and refuse if their
    people no longer fit there: the seat the published letter gave back (``MELEPAS``) may
    have been given since to someone approved into it, who would then share it."""
    counts = Counter((u.unit_asal_id, u.jabatan_asal_id) for u in usulan_list if u.unit_asal_id)
    for (unit_id, jabatan_id), n in sorted(counts.items()):
        formasi = (
            Formasi.objects.select_for_update()
            .filter(unit_id=unit_id, jabatan_id=jabatan_id)
            .first()
        )
        if formasi is None:
            continue
        kursi = hitung(formasi)
        # Over its need already before the letter (a surplus unit) is not this letter's doing.
        if kursi.masuk and kursi.bebas < n:
            raise ValidationError(
                _(
                    "Formasi asal %(f)s tidak lagi punya kursi untuk pegawai yang dikeluarkan "
                    "dari SK (%(k)s): kursi yang dilepas SK itu sudah diberikan kepada usulan lain."
                )
                % {"f": formasi, "k": kursi}
            )
