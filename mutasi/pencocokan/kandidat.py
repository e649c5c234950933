"""Candidates for one vacancy, and the one-step proposal BKD files from that list."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi import services
from mutasi.choices import JenisMutasi, KategoriAlasan
from mutasi.pencocokan import data, skor


@dataclass
class Kandidat:
    fakta: data.FaktaPegawai
    skor: skor.Skor

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

    @property
    def ringkasan_alasan(self) -> list[tuple[str, int]]:
        """How many were excluded by each rule (the rule name before the colon)."""
        counts = Counter(a.split(":")[0] for t in self.tidak_layak for a in t.alasan)
        return counts.most_common()


def kandidat(formasi, bobot=None, today=None) -> DaftarKandidat:
    """Every active employee checked against the hard rules for ``formasi``; the eligible
    ranked by fit, best first."""
    today = today or timezone.localdate()
    bobot = skor.periksa_bobot(bobot or skor.bobot_default())
    layak, tidak = [], []
    for f in data.muat(data.pegawai_queryset(), today):
        reasons = data.alasan_tidak_layak(f, formasi, today)
        if reasons:
            tidak.append(TidakLayak(f.pegawai, reasons))
        else:
            layak.append(Kandidat(f, data.hitung_skor(f, formasi, bobot)))
    layak.sort(key=lambda k: (-k.skor.total, k.pegawai.nama))
    return DaftarKandidat(formasi, layak, tidak, bobot)


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
