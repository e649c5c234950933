from django import forms
from django.utils.translation import gettext_lazy as _

from instansi.models import PerangkatDaerah
from mutasi.ketentuan.choices import Perkara
from mutasi.lib.widgets import DateInput
from mutasi.models import AturanDaerah, KetentuanMutasi

LINGKUP = ["lingkup", "jenis_asn", "perangkat_daerah", "jenis_mutasi", "rumpun"]


class _BerlakuForm(forms.ModelForm):
    """The scope fields: only the one the chosen scope names is kept (the model's clean)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perangkat_daerah"].queryset = PerangkatDaerah.objects.order_by("nama")
        self.fields["perangkat_daerah"].help_text = _("Hanya untuk lingkup satu perangkat daerah.")
        self.fields["jenis_mutasi"].help_text = _("Hanya untuk lingkup satu jenis mutasi.")
        self.fields["rumpun"].help_text = _("Hanya untuk lingkup satu rumpun jabatan.")
        self.fields["jenis_asn"].help_text = _("Hanya untuk lingkup satu jenis ASN.")


class KetentuanForm(_BerlakuForm):
    class Meta:
        model = KetentuanMutasi
        fields = ["kunci", "nilai", "nilai_daftar", *LINGKUP, "berlaku_mulai", "alasan"]
        widgets = {"berlaku_mulai": DateInput, "alasan": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "nilai": _("Untuk setiap ketentuan kecuali bulan evaluasi."),
            "lingkup": _(
                "Bobot pencocokan dan bulan evaluasi hanya untuk seluruh pemerintah daerah."
            ),
        }


class AturanForm(_BerlakuForm):
    class Meta:
        model = AturanDaerah
        fields = [
            "jenis",
            "pesan",
            "jenis_dokumen",
            "tahun",
            "dihitung_dari",
            *LINGKUP,
            "berlaku_mulai",
            "berlaku_sampai",
            "alasan",
        ]
        widgets = {
            "berlaku_mulai": DateInput,
            "berlaku_sampai": DateInput,
            "pesan": forms.Textarea(attrs={"rows": 2}),
            "alasan": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "jenis_dokumen": _(
                "Untuk dokumen wajib: usulan tertahan sampai dokumen ini diterima verifikator."
            ),
            "tahun": _("Untuk masa kunci, misalnya 5 tahun bagi guru."),
            "berlaku_sampai": _(
                "Untuk masa larangan: hari terakhir larangan. Kosong: sampai diakhiri."
            ),
        }


class AkhiriForm(forms.Form):
    berlaku_sampai = forms.DateField(
        label=_("Berlaku sampai (hari terakhir)"),
        widget=DateInput,
    )
    alasan_berakhir = forms.CharField(
        label=_("Alasan diakhiri"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PutusanForm(forms.Form):
    """The second person's decision on what waits: a new row, or its early end (``perkara``,
    so a decision meant for one is never taken on the other)."""

    perkara = forms.ChoiceField(
        choices=Perkara.choices,
        widget=forms.HiddenInput,
    )
    putusan = forms.ChoiceField(
        label=_("Putusan"),
        choices=[("setujui", _("Setujui")), ("tolak", _("Tolak"))],
        widget=forms.RadioSelect,
    )
    alasan = forms.CharField(
        label=_("Alasan"),
        help_text=_("Wajib bila menolak; tercatat di log audit dan dikirim kepada pengaju."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("putusan") == "tolak" and not (data.get("alasan") or "").strip():
            self.add_error("alasan", _("Tuliskan alasan menolak."))
        return data
