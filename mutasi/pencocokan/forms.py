"""Forms of the matching pages: a redistribution plan request and proposal shortcuts."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from instansi.models import PerangkatDaerah, UnitKerja
from mutasi.pencocokan import skor
from pegawai.models import PreferensiMutasi


class RencanaForm(forms.Form):
    perangkat_daerah = forms.ModelMultipleChoiceField(
        label=_("Perangkat daerah"),
        queryset=PerangkatDaerah.objects.order_by("nama"),
        required=False,
        help_text=_("Kosongkan untuk seluruh pemerintah daerah."),
        widget=forms.SelectMultiple(attrs={"size": 6, "class": "form-select"}),
    )
    satu_opd = forms.BooleanField(
        label=_("Hanya pindah di dalam perangkat daerah yang sama"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    maks_keluar = forms.IntegerField(
        label=_("Paling banyak pindah keluar per unit kerja"),
        min_value=1,
        max_value=50,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        error_messages={
            "min_value": _("Paling sedikit 1."),
            "max_value": _("Paling banyak 50."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maks_keluar"].initial = settings.PENCOCOKAN_MAKS_KELUAR_PER_UNIT
        defaults = skor.bobot_default()
        for kode in skor.BAGIAN:
            self.fields[f"bobot_{kode}"] = forms.IntegerField(
                label=skor.NAMA_BAGIAN[kode],
                initial=defaults[kode],
                min_value=0,
                max_value=1000,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
                error_messages={
                    "min_value": _("Bobot tidak boleh negatif."),
                    "max_value": _("Bobot paling besar 1000."),
                    "invalid": _("Bobot harus berupa bilangan bulat."),
                },
            )

    @property
    def pilihan_fields(self):
        return [self["perangkat_daerah"], self["satu_opd"], self["maks_keluar"]]

    @property
    def bobot_fields(self):
        return [self[f"bobot_{kode}"] for kode in skor.BAGIAN]

    def clean(self):
        data = super().clean()
        values = {k: data.get(f"bobot_{k}") for k in skor.BAGIAN}
        if all(v is not None for v in values.values()):
            try:
                data["bobot"] = skor.periksa_bobot(values)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return data


class UsulkanForm(forms.Form):
    # Within the range of a primary key: a larger number names no row (and overflows).
    pegawai = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    # For a protected employee (sole holder, or an origin not above its need): BKD states
    # that the move is intended; kept on the proposal.
    sengaja = forms.BooleanField(required=False)


class PreferensiForm(forms.ModelForm):
    """An employee states whether they are willing to move and where they would like to go."""

    class Meta:
        model = PreferensiMutasi
        fields = ["bersedia_pindah", "perangkat_daerah", "unit", "catatan"]
        widgets = {
            "bersedia_pindah": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "perangkat_daerah": forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
            "unit": forms.SelectMultiple(attrs={"class": "form-select", "size": 8}),
            "catatan": forms.TextInput(attrs={"class": "form-control"}),
        }
        help_texts = {
            "perangkat_daerah": _("Boleh lebih dari satu; kosongkan bila tidak ada."),
            "unit": _("Boleh lebih dari satu; kosongkan bila tidak ada."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perangkat_daerah"].queryset = PerangkatDaerah.objects.order_by("nama")
        self.fields["unit"].queryset = UnitKerja.objects.select_related(
            "perangkat_daerah"
        ).order_by("perangkat_daerah__nama", "nama")
        self.fields["unit"].label_from_instance = lambda u: (
            f"{u.nama} — {u.perangkat_daerah.singkatan or u.perangkat_daerah.nama}"
        )
