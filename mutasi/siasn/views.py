"""The SIASN export page: choose a period, download the file, see what was exported when."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render

from mutasi.lib.views import role_required
from mutasi.models import EksporSiasn
from mutasi.siasn import ekspor
from mutasi.siasn.forms import EksporForm

JENIS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@role_required(ekspor.PENGEKSPOR)
def ekspor_siasn(request):
    form = EksporForm(request.POST or request.GET or None, initial=EksporForm.awal())
    ringkasan = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if request.method == "POST":
            try:
                record, isi = ekspor.buat(
                    request.user, data["dari"], data["sampai"], data["format"], data["hanya_baru"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                name = f"mutasi-siasn-{record.dari:%Y%m%d}-{record.sampai:%Y%m%d}-{record.pk}"
                response = HttpResponse(isi, content_type=JENIS[record.format])
                response["Content-Disposition"] = f'attachment; filename="{name}.{record.format}"'
                response["Cache-Control"] = "private, no-store"
                return response
        ringkasan = {
            "baru": ekspor.baris(data["dari"], data["sampai"], True).count(),
            "semua": ekspor.baris(data["dari"], data["sampai"], False).count(),
            "belum_ttd": ekspor.belum_ditandatangani(data["dari"], data["sampai"]),
        }
    riwayat = EksporSiasn.objects.select_related("dibuat_oleh")[:50]
    return render(
        request,
        "siasn/ekspor.html",
        {"form": form, "ringkasan": ringkasan, "riwayat": riwayat, "kolom": ekspor.KOLOM},
    )
