"""Candidates for one vacancy, and the one-step proposal BKD files from that list."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi import eligibility, services
from mutasi.choices import STATUS_TERBUKA, JenisMutasi, KategoriAlasan
from mutasi.models import Usulan
from mutasi.pencocokan import data, skor
from pegawai.choices import PredikatSkp
from pegawai.models import HukumanDisiplin, Pegawai, Skp
from pegawai.nip import add_years

TERINCI = 50


@dataclass
class Kandidat:
    fakta: data.FaktaPegawai
    skor: skor.Skor | None
    total: float

    @property
    def pegawai(self):
        return self.fakta.pegawai


@dataclass
class TidakLayak:
    pegawai: object
    alasan: list


@dataclass
class DaftarKandidat:
    formasi: object
    layak: list
    tidak_layak: list
    bobot: dict
    jumlah_tidak_layak: int
    dengan_alasan: bool

    @property
    def ringkasan_alasan(self) -> list[tuple[str, int]]:
        """How many were excluded by each rule (the rule name before the colon)."""
        counts = Counter(a.split(":")[0] for t in self.tidak_layak for a in t.alasan)
        return counts.most_common()


def prasaring(formasi, today):
    """Employees who can pass the hard rules for ``formasi``, narrowed in the database by
    necessary conditions of the BLOCKING rules only (golongan, study leave and service bond,
    proceedings and penalties in force, an SKP below Baik in a counted year, minimum time in
    post, retirement, an open proposal); rules that only need review (a missing SKP year,
    education) never narrow it. Only a pre-filter: ``mutasi.eligibility`` still decides for
    everyone it keeps."""
    min_tmt = add_years(today, -settings.MUTASI_MIN_TAHUN_JABATAN)
    # pensiun_memenuhi(lahir, bup, today) needs add_years(lahir, bup) >= this date; two days
    # of slack for 29 February, the predicate itself decides at the edge.
    pensiun_dari = add_years(today, settings.MUTASI_TAHUN_SEBELUM_PENSIUN)
    lahir_min = add_years(pensiun_dari, -formasi.jabatan.batas_usia_pensiun) - datetime.timedelta(
        days=2
    )
    skp_kurang = Skp.objects.filter(
        pegawai=OuterRef("pk"),
        tahun__in=eligibility.tahun_skp(today),
        predikat__lt=PredikatSkp.BAIK,
    )
    hukuman = HukumanDisiplin.objects.filter(
        pegawai=OuterRef("pk"), mulai__lte=today, selesai__gte=today
    )
    terbuka = Usulan.objects.filter(pegawai=OuterRef("pk"), status__in=STATUS_TERBUKA)
    return (
        data.pegawai_queryset()
        .filter(
            Q(ikatan_dinas_sampai__isnull=True) | Q(ikatan_dinas_sampai__lt=today),
            ~Exists(skp_kurang),
            ~Exists(hukuman),
            ~Exists(terbuka),
            golongan__gte=formasi.jabatan.golongan_minimal,
            tugas_belajar=False,
            dalam_proses_hukum=False,
            tmt_jabatan__lte=min_tmt,
            tanggal_lahir__gte=lahir_min,
        )
        .exclude(unit_id=formasi.unit_id, jabatan_id=formasi.jabatan_id)
    )


def kandidat(formasi, bobot=None, today=None, dengan_alasan=False) -> DaftarKandidat:
    """The eligible employees for ``formasi`` ranked by fit, best first, with the score
    parts of the first ``TERINCI``. With ``dengan_alasan`` every active employee is checked
    so each ineligible one comes with reasons (slower: on demand)."""
    today = today or timezone.localdate()
    bobot = skor.periksa_bobot(bobot or skor.bobot_default())
    queryset = data.pegawai_queryset() if dengan_alasan else prasaring(formasi, today)
    layak, tidak = [], []
    for f in data.muat(queryset, today):
        if data.layak(f, formasi, today):
            layak.append((data.total(f, formasi, bobot), f))
        elif dengan_alasan:
            tidak.append(TidakLayak(f.pegawai, data.alasan_tidak_layak(f, formasi, today)))
    layak.sort(key=lambda pair: (-pair[0], pair[1].pegawai.nama))
    ranked = [
        Kandidat(f, data.hitung_skor(f, formasi, bobot) if i < TERINCI else None, total)
        for i, (total, f) in enumerate(layak)
    ]
    aktif = Pegawai.objects.filter(aktif=True).count()
    return DaftarKandidat(formasi, ranked, tidak, bobot, aktif - len(ranked), dengan_alasan)


def jenis_untuk(pegawai, formasi) -> str:
    same = pegawai.unit.perangkat_daerah_id == formasi.unit.perangkat_daerah_id
    return JenisMutasi.DALAM_OPD if same else JenisMutasi.ANTAR_OPD


def buat_usulan(user, pegawai, formasi, alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI, catatan=""):
    """A draft (Konsep) proposal through the one creation path (``services.buat_usulan``),
    so its permission checks, duplicate check and audit log all apply."""
    return services.buat_usulan(
        user,
        pegawai,
        jenis=jenis_untuk(pegawai, formasi),
        alasan=alasan,
        alasan_publik=_("Mengisi kekurangan pegawai pada %(j)s, %(u)s.")
        % {"j": formasi.jabatan.nama, "u": formasi.unit.nama},
        catatan_internal=catatan,
        formasi_tujuan=formasi,
        tanggal_rencana=timezone.localdate() + datetime.timedelta(days=30),
    )


@transaction.atomic
def usulkan_kandidat(user, pegawai, formasi):
    """From the candidate list: refuse anyone the list would not show, then file."""
    today = timezone.localdate()
    (f,) = data.muat(data.pegawai_queryset().filter(pk=pegawai.pk), today)
    reasons = data.alasan_tidak_layak(f, formasi, today)
    if reasons:
        raise ValidationError(
            _("Pegawai ini tidak memenuhi syarat: %(r)s") % {"r": "; ".join(reasons)}
        )
    fit = data.hitung_skor(f, formasi, skor.periksa_bobot(skor.bobot_default()))
    note = _("Dari daftar kandidat: skor kecocokan %(s).1f") % {"s": fit.total}
    return buat_usulan(user, pegawai, formasi, catatan=note)
