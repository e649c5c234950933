"""The export form: a period of letter dates, a format, and whether to leave out what was
exported before."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutasi.lib.widgets import DateInput


class EksporForm(forms.Form):
    dari = forms.DateField(
        label=_("Tanggal SK dari"),
        widget=DateInput,
    )
    sampai = forms.DateField(
        label=_("Tanggal SK sampai"),
        widget=DateInput,
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("csv", "CSV"), ("xlsx", "XLSX")],
        initial="csv",
        required=False,
    )
    hanya_baru = forms.BooleanField(
        label=_("Hanya yang belum pernah diekspor"),
        required=False,
        initial=True,
    )

    @staticmethod
    def awal() -> dict:
        today = timezone.localdate()
        return {"dari": today.replace(day=1), "sampai": today, "format": "csv", "hanya_baru": True}

    def clean(self):
        data = super().clean()
        data["format"] = data.get("format") or "csv"
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and sampai < dari:
            raise forms.ValidationError(_("Tanggal akhir periode sebelum tanggal awalnya."))
        if dari and sampai and sampai - dari > datetime.timedelta(days=400):
            raise forms.ValidationError(_("Periode paling panjang 400 hari."))
        return data
