"""Forms of the decision-letter pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from instansi.models import Formasi, PerangkatDaerah
from mutasi.lib.widgets import DateInput
from mutasi.models import SuratKeputusan
from mutasi.sk import tanda_tangan
from mutasi.sk.services import KOLOM_DRAF
from pegawai.nip import validate_nip


class DrafForm(forms.ModelForm):
    """The editable fields of a draft letter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.mencabut_id:
            del self.fields["alasan_pembetulan"]

    def clean_penandatangan_nip(self):
        nip = self.cleaned_data["penandatangan_nip"].strip()
        if nip:
            validate_nip(nip)
        return nip

    class Meta:
        model = SuratKeputusan
        fields = KOLOM_DRAF
        widgets = {
            "alasan_tmt_surut": forms.Textarea(attrs={"rows": 2}),
            "alasan_pembetulan": forms.Textarea(attrs={"rows": 3}),
            "menimbang": forms.Textarea(attrs={"rows": 5}),
            "mengingat": forms.Textarea(attrs={"rows": 6}),
            "tembusan": forms.Textarea(attrs={"rows": 4}),
        }


class SaringUsulanForm(forms.Form):
    """Narrow the approved proposals offered for a letter: by agency and decision date."""

    opd = forms.ModelChoiceField(
        label=_("Perangkat daerah (asal atau tujuan)"),
        queryset=PerangkatDaerah.objects.order_by("nama"),
        required=False,
        empty_label=_("Semua"),
        # Rendered by hand (sk_pilih.html), so the Bootstrap classes come with the widget:
        # without them the select is as wide as its longest agency and overflows a phone.
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    dari = forms.DateField(
        label=_("Disetujui sejak"),
        required=False,
        widget=DateInput(attrs={"class": "form-control"}),
    )
    sampai = forms.DateField(
        label=_("Disetujui sampai"),
        required=False,
        widget=DateInput(attrs={"class": "form-control"}),
    )


class BarisForm(forms.Form):
    """One person's TMT in a draft, and in a correction their target post."""

    tmt = forms.DateField(
        label=_("TMT"),
        widget=DateInput,
    )
    formasi_tujuan = forms.ModelChoiceField(
        label=_("Formasi tujuan"),
        queryset=Formasi.objects.select_related("jabatan", "unit__perangkat_daerah"),
        required=False,
    )


class LaksanakanForm(forms.Form):
    """BKD records the receiving head's paper SPMT: the day the employee reported."""

    tanggal = forms.DateField(
        label=_("Tanggal melapor di tempat baru"),
        widget=DateInput,
    )
    nomor_spmt = forms.CharField(
        label=_("Nomor SPMT"),
        max_length=100,
        required=False,
    )


class TandaTanganForm(forms.Form):
    """The official's passphrase (and NIK, for a BSrE-style service): used for one signing
    and never stored."""

    nik = forms.RegexField(
        label=_("NIK penandatangan"),
        regex=r"^\d{16}$",
        required=False,
        error_messages={"invalid": _("NIK terdiri atas 16 angka.")},
    )
    passphrase = forms.CharField(
        label=_("Passphrase sertifikat elektronik"),
        error_messages={"required": _("Masukkan passphrase sertifikat elektronik Anda.")},
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, butuh_nik=False, **kwargs):
        super().__init__(*args, **kwargs)
        if tanda_tangan.penanda_pin():
            # A key in an HSM is opened by the token's PIN (the field keeps its name).
            self.fields["passphrase"].label = _("PIN token HSM")
            self.fields["passphrase"].error_messages["required"] = _("Masukkan PIN token HSM Anda.")
        if butuh_nik:
            self.fields["nik"].required = True
        else:
            del self.fields["nik"]


class SpmtForm(TandaTanganForm):
    """The receiving head's SPMT: the day the employee reported, its number, and the head's
    passphrase (and NIK) to sign it, where SPMTs are signed electronically."""

    tanggal = forms.DateField(
        label=_("Tanggal mulai melaksanakan tugas"),
        widget=DateInput,
        error_messages={
            "required": _("Isi tanggal mulai melaksanakan tugas dengan benar."),
            "invalid": _("Isi tanggal mulai melaksanakan tugas dengan benar."),
        },
    )
    nomor = forms.CharField(
        label=_("Nomor SPMT"),
        max_length=100,
        required=False,
    )
    field_order = ["tanggal", "nomor", "nik", "passphrase"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, butuh_nik=tanda_tangan.penanda_butuh_nik(), **kwargs)
        # The demo's passphrase is shown on the page (templates/mutasi/inc/surat.html).
        self.demo = tanda_tangan.penanda_demo_aktif()
        if not tanda_tangan.spmt_bertanda_tangan():
            del self.fields["passphrase"]
