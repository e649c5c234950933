"""Choosing a formasi and an employee on the proposal forms: the choice fields, whom a user
may propose, and finding an employee by NIP or by name."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from instansi.models import Formasi
from mutasi.usulan import kursi
from pegawai.models import Pegawai
from pegawai.nip import parse_nip


def formasi_pilihan(opd_id=None):
    """Formasi with their free seats (``kursi``), vacancies first; one agency's if given."""
    formasi = Formasi.objects.all()
    if opd_id:  # before counting: the grouped counts then read that agency's rows only
        formasi = formasi.filter(unit__perangkat_daerah_id=opd_id)
    return (
        kursi.daftar_kursi(formasi)
        .select_related("jabatan", "unit__perangkat_daerah")
        .order_by("-kursi", "unit__nama", "jabatan__nama")
    )


class FormasiChoiceField(forms.ModelChoiceField):
    """'Jabatan — Unit (OPD) · N kursi kosong': what the target is and whether a seat is
    free, counting the moves already approved (``mutasi.usulan.kursi``)."""

    def label_from_instance(self, obj):
        opd = obj.unit.perangkat_daerah
        label = f"{obj.jabatan.nama} — {obj.unit.nama} ({opd.singkatan or opd.nama})"
        bebas = getattr(obj, "kursi", None)
        if bebas is None:
            return label
        if bebas > 0:
            return f"{label} · " + _("%(n)s kursi kosong") % {"n": bebas}
        return f"{label} · " + str(_("tidak lowong"))


class PegawaiChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nama_lengkap} — {obj.nip}"


def dapat_diusulkan(user):
    """The active employees whose names a user filing a proposal may look up: what they may
    see (``for_user``), themselves left out. An agency files for others by their full NIP."""
    return (
        Pegawai.objects.for_user(user)
        .filter(aktif=True)
        .exclude(pk=user.pegawai_id)
        .select_related("unit__perangkat_daerah", "jabatan")
    )


def cari_nip(nip: str):
    """The active employee with this NIP, with what the form and the page show of them."""
    return (
        Pegawai.objects.filter(nip=nip, aktif=True)
        .select_related("unit__perangkat_daerah", "jabatan")
        .first()
    )


# How many employees the type-ahead offers, and the error of a name typed without JavaScript.
BATAS_SARAN = 10
BATAS_SARAN_GALAT = 5


def seperti_nama(teks: str) -> bool:
    """A name rather than a NIP: more letters than digits ("Siti", "Siti R", not "1985031a")."""
    huruf = sum(ch.isalpha() for ch in teks)
    return huruf > 0 and huruf >= sum(ch.isdigit() for ch in teks)


def cari_pegawai(queryset, teks: str):
    """Employees of ``queryset`` whose NIP starts with the digits typed, or whose name holds
    every word typed (in any order, any case)."""
    teks = " ".join(str(teks).split())[:100]
    if not teks:
        return queryset.none()
    angka = teks.replace(" ", "")
    if angka.isascii() and angka.isdigit():
        return queryset.filter(nip__startswith=angka).order_by("nip")
    syarat = Q()
    for kata in teks.split()[:5]:
        syarat &= Q(nama__icontains=kata)
    return queryset.filter(syarat).order_by("nama", "nip")


def masalah_nip(teks: str) -> str:
    """What is wrong with ``teks`` as a NIP, in words; "" for a well-formed NIP (or nothing)."""
    nip = "".join(str(teks).split())
    if not nip:
        return ""
    if seperti_nama(nip):
        return _(
            "Ini bukan NIP. Untuk mencari dengan nama, pilih pegawai dari saran yang muncul "
            "saat mengetik, atau ketik NIP 18 angka."
        )
    try:
        parse_nip(nip)
    except ValidationError as error:
        return error.messages[0]
    return ""
