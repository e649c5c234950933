"""Forms of the evaluation pages; the scales show their anchors beside each point."""

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluasi.choices import Rekomendasi, pilihan_skala
from evaluasi.services import periksa_tenggat
from instansi.models import Kompetensi
from mutasi.lib.widgets import DateInput

PESAN_SKOR = _("Pilih skor 1 sampai 5.")


def skala(nama: str, label) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=pilihan_skala(nama),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": PESAN_SKOR, "required": PESAN_SKOR},
    )


class PenilaianAtasanForm(forms.Form):
    kinerja = skala("kinerja", _("Kinerja di jabatan baru"))
    adaptasi = skala("adaptasi", _("Adaptasi"))
    kesenjangan = forms.ModelMultipleChoiceField(
        label=_("Kesenjangan kompetensi"),
        queryset=Kompetensi.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kompetensi jabatan ini yang belum dikuasai."),
    )
    komentar = forms.CharField(label=_("Komentar"), required=False, widget=forms.Textarea)
    rekomendasi = forms.ChoiceField(
        label=_("Rekomendasi"), choices=Rekomendasi.choices, widget=forms.RadioSelect
    )
    pelatihan_topik = forms.CharField(label=_("Topik pelatihan"), required=False, max_length=200)
    pelatihan_penyelenggara = forms.CharField(
        label=_("Penyelenggara"), required=False, max_length=200
    )
    pelatihan_tenggat = forms.DateField(label=_("Target selesai"), required=False, widget=DateInput)

    def __init__(self, *args, evaluasi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kesenjangan"].queryset = evaluasi.jabatan.kompetensi.order_by("nama")

    def clean_pelatihan_tenggat(self):
        return periksa_tenggat(self.cleaned_data["pelatihan_tenggat"])

    def clean(self):
        data = super().clean()
        if data.get("rekomendasi") == Rekomendasi.PELATIHAN or data.get("pelatihan_topik"):
            for name in ("pelatihan_topik", "pelatihan_penyelenggara", "pelatihan_tenggat"):
                if not data.get(name):
                    self.add_error(name, _("Wajib diisi bila merekomendasikan pelatihan."))
        return data

    def penilaian(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("kinerja", "adaptasi", "komentar", "rekomendasi")}

    def pelatihan(self) -> dict | None:
        if not self.cleaned_data.get("pelatihan_topik"):
            return None
        return {
            "topik": self.cleaned_data["pelatihan_topik"],
            "penyelenggara": self.cleaned_data["pelatihan_penyelenggara"],
            "tenggat": self.cleaned_data["pelatihan_tenggat"],
        }


class PenilaianDiriForm(forms.Form):
    kepuasan = skala("kepuasan", _("Kepuasan dengan penempatan baru"))
    adaptasi = skala("adaptasi", _("Adaptasi Anda"))
    beban_kerja = skala("beban_kerja", _("Beban kerja"))
    yang_membantu = forms.CharField(
        label=_("Apa yang membantu Anda?"), required=False, widget=forms.Textarea
    )
    yang_menghambat = forms.CharField(
        label=_("Apa yang menghambat Anda?"), required=False, widget=forms.Textarea
    )
    pelatihan_diinginkan = forms.CharField(
        label=_("Pelatihan yang Anda inginkan"), required=False, widget=forms.Textarea
    )
    izinkan_atasan = forms.BooleanField(
        label=_("Atasan saya boleh membaca isian teks di atas"),
        required=False,
        help_text=_("Tanpa izin ini, atasan hanya melihat skor Anda; BKD tetap melihat semuanya."),
    )


class PelatihanForm(forms.Form):
    topik = forms.CharField(label=_("Topik pelatihan"), max_length=200)
    penyelenggara = forms.CharField(label=_("Penyelenggara"), max_length=200)
    tenggat = forms.DateField(label=_("Target selesai"), widget=DateInput)

    def clean_tenggat(self):
        return periksa_tenggat(self.cleaned_data["tenggat"])


class PelatihanSelesaiForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal selesai"), widget=DateInput)
    bukti = forms.FileField(
        label=_("Bukti (sertifikat, PDF/PNG/JPEG)"),
        error_messages={"required": _("Unggah bukti pelatihan.")},
    )
