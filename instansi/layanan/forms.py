from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from instansi.layanan import impor, jawaban
from instansi.layanan.ikm import ELEMEN, NILAI_MAKS, NILAI_MIN
from instansi.layanan.models import PeriodeSkm
from mutasi.lib.xlsx import FileRejected


class PeriodeForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    periode = forms.ChoiceField(label=_("Periode"), choices=PeriodeSkm.choices)

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if tahun > timezone.localdate().year:
            raise forms.ValidationError(_("Tahun ini belum tiba."))
        return tahun


class SkmJawabanForm(PeriodeForm):
    """A survey period with the raw answers as an XLSX (``instansi.layanan.jawaban``)."""

    berkas = forms.FileField(
        label=_("File jawaban responden (.xlsx)"),
        error_messages={"required": _("Pilih file jawaban responden.")},
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        try:
            jawaban.periksa_berkas(berkas)
        except FileRejected as e:
            raise forms.ValidationError(e.message) from None
        return berkas


class SkmForm(PeriodeForm):
    """One survey result: the period, the respondents and the nine element means (1–4)."""

    responden = forms.IntegerField(
        label=_("Jumlah responden"),
        min_value=1,
        max_value=1_000_000,
        error_messages={"min_value": _("Sekurang-kurangnya satu responden.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, label in ELEMEN.items():
            self.fields[field] = forms.DecimalField(
                label=label,
                min_value=NILAI_MIN,
                max_value=NILAI_MAKS,
                max_digits=4,
                decimal_places=3,
                localize=True,
                help_text=_("Nilai rata-rata unsur, 1 sampai 4 (misalnya 3,215)."),
                error_messages={
                    "min_value": _("Nilai rata-rata unsur paling kecil 1."),
                    "max_value": _("Nilai rata-rata unsur paling besar 4."),
                    "max_decimal_places": _("Paling banyak tiga angka di belakang koma."),
                    "invalid": _("Tulis angka, misalnya 3,215."),
                },
            )

    @property
    def nilai(self) -> dict:
        return {f: self.cleaned_data[f] for f in ELEMEN}

    def elemen(self):
        return [self[f] for f in ELEMEN]


class ImporPengaduanForm(forms.Form):
    berkas = forms.FileField(
        label=_("File rekap pengaduan (.csv atau .xlsx)"),
        error_messages={"required": _("Pilih file yang akan diimpor.")},
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        try:
            self.format = impor.format_berkas(berkas.name)
            impor.periksa_ukuran(berkas.size)
        except FileRejected as e:
            raise forms.ValidationError(e.message) from None
        return berkas
