"""Reading what matching needs about many employees, in a fixed number of queries.

A candidate list reads thousands of employees to show fifty, so nothing here builds a model
instance per row that a plain value would do: each employee gets its unit (with its agency),
post and field of education as objects shared with every other holder, and its SKP,
penalties, competencies, potential and mobility preference come as values keyed by employee
(``Catatan``). ``data.muat`` turns them into ``FaktaPegawai``. Pages that also build the
proposal checklist for these employees (``eligibility.periksa`` reads the SKP and penalty
records themselves) ask for ``lengkap``: the records are then prefetched and the values
taken from them, so both read the same rows.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, prefetch_related_objects

from instansi.models import BidangPendidikan, Formasi, Jabatan, UnitKerja
from mutasi.lib.models import salah_satu
from mutasi.models import SuratKeputusanUsulan, Usulan
from mutasi.usulan.choices import STATUS_TERBUKA, StatusUsulan
from pegawai.models import HukumanDisiplin, Pegawai, PreferensiMutasi, RiwayatJabatan, Skp
from pegawai.nip import add_years

# A proposal in these states holds its employee: still in the workflow, approved, or in a
# published letter that has not been carried out yet.
STATUS_BERJALAN = (*STATUS_TERBUKA, StatusUsulan.DITETAPKAN)


def pegawai_queryset():
    """The active employees, as ``data.muat`` reads them (it adds what it needs)."""
    return Pegawai.objects.filter(aktif=True)


@dataclass
class Catatan:
    """The records of the employees read, keyed by employee id."""

    skp: dict  # {tahun: predikat}
    hukuman: dict  # [(mulai, selesai)] of each penalty
    kompetensi: dict  # {kompetensi id}
    unit_minat: dict  # {unit id} named in their preference
    opd_minat: dict  # {agency id} named in their preference


def baca(queryset, lengkap=False) -> tuple[list, Catatan]:
    """The employees of ``queryset`` with their related rows shared (``pasang_relasi``), the
    potential and preference on each row (``potensi_tingkat``, ``preferensi_bersedia``: None
    when not stated), and their records."""
    rows = list(
        queryset.annotate(
            potensi_tingkat=F("potensi__tingkat"),
            preferensi_bersedia=F("preferensi_mutasi__bersedia_pindah"),
        )
    )
    pasang_relasi(rows)
    ids = [p.pk for p in rows]
    catatan = Catatan({}, {}, {}, {}, {})
    if not ids:
        return rows, catatan
    if lengkap:
        prefetch_related_objects(rows, "skp", "hukuman_disiplin")
        for p in rows:
            catatan.skp[p.pk] = {s.tahun: s.predikat for s in p.skp.all()}
            catatan.hukuman[p.pk] = [(h.mulai, h.selesai) for h in p.hukuman_disiplin.all()]
    else:
        skp = Skp.objects.filter(salah_satu("pegawai_id", ids)).order_by()
        for pk, tahun, predikat in skp.values_list("pegawai_id", "tahun", "predikat"):
            catatan.skp.setdefault(pk, {})[tahun] = predikat
        hukuman = HukumanDisiplin.objects.filter(salah_satu("pegawai_id", ids)).order_by()
        for pk, mulai, selesai in hukuman.values_list("pegawai_id", "mulai", "selesai"):
            catatan.hukuman.setdefault(pk, []).append((mulai, selesai))
    through = Pegawai.kompetensi.through.objects.filter(salah_satu("pegawai_id", ids))
    for pk, kompetensi in through.values_list("pegawai_id", "kompetensi_id"):
        catatan.kompetensi.setdefault(pk, set()).add(kompetensi)
    if all(p.preferensi_bersedia is None for p in rows):
        return rows, catatan  # nobody stated a preference: nothing to look for
    for field, into in (("unit", catatan.unit_minat), ("perangkat_daerah", catatan.opd_minat)):
        m2m = PreferensiMutasi._meta.get_field(field)
        through = m2m.remote_field.through.objects.filter(
            salah_satu("preferensimutasi__pegawai_id", ids)
        )
        target = m2m.m2m_reverse_name()  # the column of the unit or the agency
        for pk, minat in through.values_list("preferensimutasi__pegawai_id", target):
            into.setdefault(pk, set()).add(minat)
    return rows, catatan


def pasang_relasi(rows) -> None:
    """Give each employee its unit (with its agency), post and field of education, one object
    per distinct row shared by all who hold it: three queries however many employees."""
    if not rows:
        return
    units = UnitKerja.objects.select_related("perangkat_daerah").order_by()
    units = units.in_bulk({p.unit_id for p in rows})
    posts = Jabatan.objects.order_by().in_bulk({p.jabatan_id for p in rows})
    fields = {b.pk: b for b in BidangPendidikan.objects.order_by()}  # a short master list
    cache = {
        name: Pegawai._meta.get_field(name).set_cached_value
        for name in ("unit", "jabatan", "bidang_pendidikan")
    }
    for p in rows:
        cache["unit"](p, units[p.unit_id])
        cache["jabatan"](p, posts[p.jabatan_id])
        cache["bidang_pendidikan"](p, fields.get(p.bidang_pendidikan_id))


def peta_formasi(jabatan_ids=None):
    """{(unit_id, jabatan_id): (kebutuhan, bezetting)} for every formasi and every post that
    has holders (of the posts ``jabatan_ids`` only, when given); two queries."""
    holders = Pegawai.objects.filter(aktif=True)
    needs = Formasi.objects.all()
    if jabatan_ids is not None:
        holders = holders.filter(salah_satu("jabatan_id", jabatan_ids))
        needs = needs.filter(salah_satu("jabatan_id", jabatan_ids))
    holders = {
        (u, j): n
        for u, j, n in holders.values_list("unit_id", "jabatan_id")
        .annotate(n=Count("*"))
        .order_by()
    }
    needs = {
        (u, j): k for u, j, k in needs.order_by().values_list("unit_id", "jabatan_id", "kebutuhan")
    }
    return {key: (needs.get(key, 0), holders.get(key, 0)) for key in set(needs) | set(holders)}


def pegawai_berjalan(pegawai_ids=None) -> dict:
    """{employee id: status label} of everyone (or of ``pegawai_ids``) with a proposal in
    progress, approved, or in a published letter not yet carried out."""
    labels = {value: str(label) for value, label in StatusUsulan.choices}
    proposals = Usulan.objects.filter(status__in=STATUS_BERJALAN)
    if pegawai_ids is not None:
        proposals = proposals.filter(salah_satu("pegawai_id", pegawai_ids))
    return {pk: labels[status] for pk, status in proposals.values_list("pegawai_id", "status")}


def pindahan(since, today) -> tuple:
    """The moves after ``since`` up to ``today``: the posts in the history that followed
    another one, and the decision letters' moves carried out (two querysets). A move carried
    out through the app is both, on the same day."""
    earlier = RiwayatJabatan.objects.filter(
        pegawai=OuterRef("pegawai"), mulai__lt=OuterRef("mulai")
    )
    history = RiwayatJabatan.objects.filter(Exists(earlier), mulai__gt=since, mulai__lte=today)
    letters = SuratKeputusanUsulan.objects.filter(
        dilaksanakan_pada__gt=since, dilaksanakan_pada__lte=today
    )
    return history, letters


def sejak_jeda(today) -> datetime.date:
    """The start of the window in which a move keeps an employee out of matching."""
    return add_years(today, -settings.PENCOCOKAN_JEDA_PINDAH_TAHUN)


def hari_pindah(since, today, pegawai_ids=None) -> list[tuple[int, datetime.date]]:
    """(employee id, day) of each move after ``since`` up to ``today`` (``pindahan``)."""
    history, letters = pindahan(since, today)
    if pegawai_ids is not None:
        history = history.filter(salah_satu("pegawai_id", pegawai_ids))
        letters = letters.filter(salah_satu("usulan__pegawai_id", pegawai_ids))
    return [
        *history.order_by().values_list("pegawai_id", "mulai"),
        *letters.order_by().values_list("usulan__pegawai_id", "dilaksanakan_pada"),
    ]


def pindah_terakhir(today, pegawai_ids=None) -> dict:
    """{employee id: day} of each employee's (or of ``pegawai_ids``') latest move within the
    last ``PENCOCOKAN_JEDA_PINDAH_TAHUN`` years."""
    latest = {}
    for pk, day in hari_pindah(sejak_jeda(today), today, pegawai_ids):
        latest[pk] = max(day, latest.get(pk, day))
    return latest
