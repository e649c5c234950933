"""Pages of service quality: the service units with their signals, one unit's surveys and
complaints (with the moves into it judged), the survey form and the complaint import."""

from collections import defaultdict

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from instansi.layanan import impor, jawaban, services, sinyal
from instansi.layanan.forms import ImporPengaduanForm, PeriodeForm, SkmForm, SkmJawabanForm
from instansi.layanan.ikm import ELEMEN
from instansi.layanan.models import KategoriPengaduan, PengaduanBulanan
from instansi.models import Formasi, UnitKerja
from mutasi.lib.angka import angka
from mutasi.lib.riwayat import change_log
from mutasi.lib.views import role_required
from mutasi.lib.xlsx import FileRejected
from pegawai.access import GOVERNMENT_WIDE, LAYANAN_EDITORS, has_role


def kekurangan(unit_ids) -> dict[int, int]:
    """unit pk -> need minus holders over its formasi (positive: short of people)."""
    kurang = defaultdict(int)
    for f in Formasi.objects.filter(unit_id__in=list(unit_ids)).with_bezetting():
        kurang[f.unit_id] += f.kebutuhan - f.bezetting
    return kurang


@role_required()
def daftar(request):
    today = timezone.localdate()
    units = list(
        UnitKerja.objects.for_user(request.user)
        .filter(layanan_publik=True)
        .select_related("perangkat_daerah")
        .order_by("perangkat_daerah__nama", "kode")
    )
    ids = [u.pk for u in units]
    tanda = sinyal.sinyal_unit(ids, today)
    kurang = kekurangan(ids)
    for u in units:
        u.sinyal = tanda.get(u.pk) or sinyal.Sinyal()
        u.kurang = kurang.get(u.pk, 0)
        u.prioritas = u.sinyal.prioritas(u.kurang)
    return render(
        request,
        "instansi/layanan/daftar.html",
        {
            "units": units,
            "jumlah_prioritas": sum(u.prioritas for u in units),
            "boleh_impor": has_role(request.user, *LAYANAN_EDITORS),
            "tren_bulan": sinyal.TREN_BULAN,
        },
    )


def _unit_layanan(user, pk) -> UnitKerja:
    unit = get_object_or_404(
        UnitKerja.objects.for_user(user).select_related("perangkat_daerah"), pk=pk
    )
    if not unit.layanan_publik:
        raise Http404(_("Unit ini bukan unit layanan publik."))
    return unit


@role_required()
def unit(request, pk):
    from evaluasi import layanan as evaluasi_layanan

    unit = _unit_layanan(request.user, pk)
    today = timezone.localdate()
    hasil = list(unit.hasil_skm.order_by("-tahun", "-periode"))
    per_bulan = (
        PengaduanBulanan.objects.filter(unit=unit)
        .values("bulan")
        .annotate(jumlah=Sum("jumlah"), selesai=Sum("selesai"))
        .order_by("-bulan")[:36]
    )
    kurang = kekurangan([unit.pk]).get(unit.pk, 0)
    tanda = sinyal.sinyal_unit([unit.pk], today).get(unit.pk) or sinyal.Sinyal()
    return render(
        request,
        "instansi/layanan/unit.html",
        {
            "unit": unit,
            "hasil": hasil,
            "elemen": list(ELEMEN.values()),
            "per_bulan": per_bulan,
            "sinyal": tanda,
            "kurang": kurang,
            "prioritas": tanda.prioritas(kurang),
            "dampak": evaluasi_layanan.dampak_unit(unit, today),
            "boleh_isi": services.boleh_mengisi(request.user, unit),
            "riwayat": _riwayat_skm(request.user, hasil),
        },
    )


def _riwayat_skm(user, hasil, periode=6, limit=10):
    """For BKD: the changes to the latest ``periode`` survey results, newest first (who
    corrected which period from what to what); None for anyone else."""
    if not has_role(user, *GOVERNMENT_WIDE):
        return None
    entries = [e for h in hasil[:periode] for e in change_log(h, limit=limit)]
    entries.sort(key=lambda e: e["record"].history_date, reverse=True)
    return entries[:limit]


def _simpan_skm(request, unit, form, responden, nilai):
    """Save and go back to the unit; None (errors on ``form``) when the model refuses."""
    data = form.cleaned_data
    try:
        hasil = services.simpan_skm(
            request.user, unit, data["tahun"], data["periode"], responden, nilai
        )
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None
    messages.success(
        request,
        _("Hasil SKM disimpan: %(n)s responden, IKM %(ikm)s, mutu %(mutu)s (%(label)s).")
        % {
            "n": hasil.responden,
            "ikm": angka(hasil.ikm, 2),
            "mutu": hasil.mutu,
            "label": hasil.label_mutu,
        },
    )
    return redirect("instansi:layanan_unit", unit.pk)


@role_required(LAYANAN_EDITORS)
def isi_skm(request, pk):
    unit = _unit_layanan(request.user, pk)
    form = SkmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = _simpan_skm(request, unit, form, form.cleaned_data["responden"], form.nilai)
        if response:
            return response
    return _halaman_skm(request, unit, form=form)


def _halaman_skm(request, unit, form=None, form_jawaban=None, form_daring=None, masalah=()):
    url = request.build_absolute_uri(reverse("publik:survei", args=[unit.pk]))
    return render(
        request,
        "instansi/layanan/skm_form.html",
        {
            "unit": unit,
            "form": form or SkmForm(),
            "form_jawaban": form_jawaban or SkmJawabanForm(),
            "form_daring": form_daring or PeriodeForm(prefix="daring"),
            "masalah": masalah,
            "survei_url": url,
            "survei_qr": segno.make(url, error="m").svg_inline(
                scale=4, dark="#212529", light="#ffffff"
            ),
        },
    )


@role_required(LAYANAN_EDITORS)
def isi_skm_daring(request, pk):
    """The result of a period from the answers of the public survey form, saved."""
    unit = _unit_layanan(request.user, pk)
    if request.method != "POST":
        return redirect("instansi:layanan_skm", unit.pk)
    form = PeriodeForm(request.POST, prefix="daring")
    if form.is_valid():
        n, nilai = services.rerata_survei_daring(
            unit, form.cleaned_data["tahun"], form.cleaned_data["periode"]
        )
        if not n:
            form.add_error(None, _("Belum ada jawaban survei daring pada periode itu."))
        elif response := _simpan_skm(request, unit, form, n, nilai):
            return response
    return _halaman_skm(request, unit, form_daring=form)


@role_required(LAYANAN_EDITORS)
def isi_skm_jawaban(request, pk):
    """The element means computed from the respondents' answers (XLSX), then saved."""
    unit = _unit_layanan(request.user, pk)
    if request.method != "POST":
        return redirect("instansi:layanan_skm", unit.pk)
    form = SkmJawabanForm(request.POST, request.FILES)
    masalah = []
    if form.is_valid():
        try:
            hasil = jawaban.baca(form.cleaned_data["berkas"])
        except FileRejected as error:
            form.add_error("berkas", error.message)
        else:
            masalah = hasil.masalah
            if not masalah:
                response = _simpan_skm(request, unit, form, hasil.responden, hasil.nilai)
                if response:
                    return response
    return _halaman_skm(request, unit, form_jawaban=form, masalah=masalah)


@role_required(LAYANAN_EDITORS)
def impor_pengaduan(request):
    form = ImporPengaduanForm(request.POST or None, request.FILES or None)
    masalah = []
    if request.method == "POST" and form.is_valid():
        try:
            hasil = impor.baca(
                form.cleaned_data["berkas"], form.format, request.user, timezone.localdate()
            )
        except FileRejected as error:
            form.add_error("berkas", error.message)
        else:
            if hasil.masalah:
                masalah = hasil.masalah
            else:
                n = impor.simpan(hasil, request.user)
                messages.success(request, _("%(n)s baris rekap pengaduan disimpan.") % {"n": n})
                return redirect("instansi:layanan")
    return render(
        request,
        "instansi/layanan/impor.html",
        {
            "form": form,
            "masalah": masalah,
            "kolom_wajib": impor.KOLOM_WAJIB,
            "kolom_pilihan": impor.KOLOM_PILIHAN,
            "kategori": KategoriPengaduan.choices,
            "max_upload_mb": settings.MAX_UPLOAD_MB,
        },
    )
