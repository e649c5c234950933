"""Download an agency's workload analysis as a Formulir ABK workbook and upload it back."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from instansi import abk_excel, services
from instansi.views import get_analisis_for_user
from mutasi.lib.views import role_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UnggahAbkForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File formulir ABK (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            abk_excel.periksa_file(uploaded)
        except abk_excel.FileDitolak as error:
            raise forms.ValidationError(error.message) from None
        return uploaded


@role_required()
def analisis_unduh(request, pk):
    analisis = get_analisis_for_user(request.user, pk)
    return HttpResponse(
        abk_excel.buat_workbook(analisis),
        content_type=XLSX,
        headers={
            "Content-Disposition": content_disposition_header(
                as_attachment=True, filename=abk_excel.nama_file(analisis)
            )
        },
    )


@role_required()
def analisis_unggah(request, pk):
    """Replace every task of the analysis with the rows of an uploaded form, or none."""
    analisis = get_analisis_for_user(request.user, pk)
    services._check_editor(request.user, analisis)  # 403 for a role that may not edit
    if not analisis.dapat_diubah:
        messages.error(
            request,
            _("Analisis ini berstatus %(s)s; uraian tugas tidak dapat diganti dari Excel.")
            % {"s": analisis.get_status_display()},
        )
        return redirect(analisis)
    form = UnggahAbkForm(request.POST or None, request.FILES or None)
    masalah = []
    if request.method == "POST" and form.is_valid():
        try:
            hasil = abk_excel.baca_workbook(form.cleaned_data["file"], analisis)
        except abk_excel.FileDitolak as error:
            form.add_error("file", error.message)
        else:
            if not hasil.masalah:
                return _simpan(request, analisis, hasil)
            masalah = hasil.masalah
    return render(
        request,
        "instansi/analisis_impor.html",
        {
            "analisis": analisis,
            "form": form,
            "masalah": masalah,
            "max_upload_mb": settings.MAX_UPLOAD_MB,
        },
    )


def _simpan(request, analisis, hasil):
    try:
        jumlah = abk_excel.ganti_semua_tugas(analisis.pk, hasil.tugas, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "%(tugas)s uraian tugas untuk %(formasi)s jabatan diimpor dari Excel; "
                "%(tugas_lama)s uraian tugas sebelumnya diganti."
            )
            % jumlah,
        )
    return redirect(analisis)
