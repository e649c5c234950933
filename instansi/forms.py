from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from instansi.models import AnalisisBebanKerja, Formasi, Jabatan, PerangkatDaerah, UnitKerja
from instansi.signals import kebutuhan_diturunkan
from mutasi.lib.angka import angka
from mutasi.lib.xlsx import FileRejected, check_upload_size, check_xlsx


class MasterDataForm(forms.ModelForm):
    """A model form that knows who fills it, to narrow its choices to what they may see."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class PerangkatDaerahForm(MasterDataForm):
    class Meta:
        model = PerangkatDaerah
        fields = ["instansi", "nama", "singkatan", "jenis", "kode"]


class UnitKerjaForm(MasterDataForm):
    class Meta:
        model = UnitKerja
        fields = [
            "perangkat_daerah",
            "parent",
            "nama",
            "jenis",
            "kode",
            "layanan_publik",
            "daftar_layanan",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        self.fields["perangkat_daerah"].queryset = PerangkatDaerah.objects.for_user(user)
        self.fields["parent"].queryset = UnitKerja.objects.for_user(user).select_related(
            "perangkat_daerah"
        )
        self.fields["parent"].label_from_instance = lambda u: (
            f"{u.perangkat_daerah.singkatan} — {u}"
        )


class JabatanForm(MasterDataForm):
    class Meta:
        model = Jabatan
        fields = [
            "nama",
            "jenis",
            "jenjang",
            "kelas",
            "rumpun",
            "golongan_minimal",
            "bidang_pendidikan",
            "kompetensi",
        ]


class FormasiForm(MasterDataForm):
    """A post in a unit of the staffing map. Once made, only its need changes: the unit and
    the post are what the employees in it are counted by."""

    class Meta:
        model = Formasi
        fields = ["unit", "jabatan", "kebutuhan"]
        help_texts = {
            "kebutuhan": _(
                "Biasanya ditetapkan dari analisis beban kerja yang diterima BKD; jabatan "
                "struktural 1. Setiap perubahan tercatat di riwayatnya."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = UnitKerja.objects.for_user(self.user).select_related(
            "perangkat_daerah"
        )
        self.fields["unit"].label_from_instance = lambda u: f"{u.perangkat_daerah.singkatan} — {u}"
        if self.instance.pk:
            for name in ("unit", "jabatan"):
                del self.fields[name]

    def clean_kebutuhan(self):
        value = self.cleaned_data["kebutuhan"]
        stored = self.instance
        if stored.pk and value is not None and value < stored.kebutuhan:
            # Seats already promised to approved moves cannot be taken back from under them.
            for _receiver, reasons in kebutuhan_diturunkan.send(
                Formasi, formasi=stored, kebutuhan=value
            ):
                for reason in reasons or ():
                    self.add_error("kebutuhan", reason)
        return value


class AnalisisForm(forms.ModelForm):
    """Start an agency's analysis for a year."""

    salin = forms.BooleanField(
        label=_("Salin uraian tugas dari analisis tahun sebelumnya"),
        required=False,
        initial=True,
    )

    class Meta:
        model = AnalisisBebanKerja
        fields = ["perangkat_daerah", "tahun", "jam_efektif", "pembulatan"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perangkat_daerah"].queryset = PerangkatDaerah.objects.for_user(user)
        self.fields["tahun"].initial = timezone.localdate().year
        self.fields["jam_efektif"].initial = settings.ABK_JAM_EFEKTIF
        self.fields["pembulatan"].initial = settings.ABK_PEMBULATAN


# The most a task is done in a year: the Excel form's validation says the same.
MAX_VOLUME = 1_000_000


class UraianTugasForm(forms.Form):
    uraian = forms.CharField(label=_("Uraian tugas"), max_length=300)
    satuan_hasil = forms.CharField(label=_("Satuan hasil"), max_length=60)
    volume = forms.IntegerField(
        label=_("Volume per tahun"),
        min_value=1,
        max_value=MAX_VOLUME,
        error_messages={
            "invalid": _("Isi dengan bilangan bulat, tanpa koma, titik atau satuan."),
            # Django's own message prints the limit as 1000000, not the Indonesian 1.000.000.
            "max_value": format_lazy(_("Volume per tahun paling banyak {n}."), n=angka(MAX_VOLUME)),
        },
    )
    waktu_menit = forms.IntegerField(
        label=_("Waktu (menit)"),
        min_value=1,
        error_messages={"invalid": _("Isi dengan bilangan bulat menit, tanpa koma atau titik.")},
    )

    def __init__(self, *args, jam_efektif=1250, **kwargs):
        super().__init__(*args, **kwargs)
        self.jam_efektif = jam_efektif

    def clean_waktu_menit(self):
        value = self.cleaned_data["waktu_menit"]
        limit = self.jam_efektif * 60
        if value > limit:
            raise forms.ValidationError(
                _(
                    "Satu hasil kerja tidak mungkin memakan waktu lebih dari satu tahun kerja "
                    "efektif (%(n)s menit)."
                )
                % {"n": angka(limit)}
            )
        return value


UraianTugasFormSet = forms.formset_factory(
    UraianTugasForm, extra=1, can_delete=True, max_num=200, validate_max=True
)


class CatatanForm(forms.Form):
    catatan = forms.CharField(
        label=_("Catatan untuk perangkat daerah"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UnggahAbkForm(forms.Form):
    file = forms.FileField(
        label=_("File formulir ABK (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not (uploaded.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Hanya file Excel .xlsx (formulir ABK yang diunduh) yang dapat diunggah.")
            )
        try:
            check_upload_size(uploaded.size, _("File kosong."))
            check_xlsx(uploaded)
        except FileRejected as error:
            raise forms.ValidationError(error.message) from None
        return uploaded
