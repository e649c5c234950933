"""The public survey form of a service unit (issue 18): a visitor scans the QR code at the
counter and answers the nine SKM elements, 1–4. Nothing about the visitor is asked or kept.

Abuse limits: ``BATAS_SURVEI`` requests per address (429 beyond); one answer per browser
and unit per day (a mark in the session); a hidden field people leave empty and scripts
fill (an answer with it filled is thanked and dropped); the form's CSRF token.
"""

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from instansi.layanan.ikm import ELEMEN
from instansi.layanan.models import JawabanSurvei
from instansi.models import UnitKerja
from mutasi.lib.batas import batasi

PILIHAN = [
    ("1", _("Tidak baik")),
    ("2", _("Kurang baik")),
    ("3", _("Baik")),
    ("4", _("Sangat baik")),
]


class SurveiForm(forms.Form):
    # Left empty by people (hidden from them); scripts that fill every field fill it.
    situs = forms.CharField(required=False, max_length=200, label=_("Jangan diisi"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, label in ELEMEN.items():
            self.fields[field] = forms.TypedChoiceField(
                label=label,
                choices=PILIHAN,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih salah satu jawaban.")},
            )

    def elemen(self):
        return [self[f] for f in ELEMEN]


def _kunci(unit) -> str:
    return f"survei:{unit.pk}"


@require_http_methods(["GET", "POST"])
@batasi("survei", "BATAS_SURVEI")
def survei(request, pk):
    unit = get_object_or_404(
        UnitKerja.objects.select_related("perangkat_daerah"), pk=pk, layanan_publik=True
    )
    today = timezone.localdate()
    sudah = request.session.get(_kunci(unit)) == today.isoformat()
    form = SurveiForm(request.POST or None)
    if request.method == "POST" and not sudah and form.is_valid():
        if not form.cleaned_data["situs"]:
            JawabanSurvei.objects.create(
                unit=unit, tanggal=today, **{f: form.cleaned_data[f] for f in ELEMEN}
            )
        request.session[_kunci(unit)] = today.isoformat()
        sudah = True
    response = render(request, "publik/survei.html", {"unit": unit, "form": form, "sudah": sudah})
    response["Cache-Control"] = "no-store"
    return response
