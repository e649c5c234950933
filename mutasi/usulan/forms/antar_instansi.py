"""Moves across governments: an incoming move filed by BKD, the Pertek request to BKN and the
decree of the receiving side for an outgoing move."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from instansi.models import BidangPendidikan, Formasi
from mutasi.lib.widgets import DateInput
from mutasi.usulan.choices import (
    JENIS_INTERNAL,
    HasilPertek,
    JenisInstansiAsal,
    JenisMutasi,
    KategoriAlasan,
)
from mutasi.usulan.forms.pilihan import FormasiChoiceField, formasi_pilihan
from pegawai.choices import Golongan, TingkatPendidikan
from pegawai.nip import parse_nip


class UsulanMasukForm(forms.Form):
    """An incoming move filed by BKD: the person of another government, as the origin's
    documents describe them, and the formasi here they come to."""

    nip = forms.CharField(label=_("NIP"), max_length=30)
    nama = forms.CharField(label=_("Nama (tanpa gelar)"), max_length=150)
    gelar_depan = forms.CharField(label=_("Gelar depan"), max_length=30, required=False)
    gelar_belakang = forms.CharField(label=_("Gelar belakang"), max_length=60, required=False)
    golongan = forms.TypedChoiceField(
        label=_("Golongan/ruang"), choices=[("", "—"), *Golongan.choices], coerce=int
    )
    tingkat_pendidikan = forms.TypedChoiceField(
        label=_("Tingkat pendidikan"), choices=[("", "—"), *TingkatPendidikan.choices], coerce=int
    )
    bidang_pendidikan = forms.ModelChoiceField(
        label=_("Bidang pendidikan"),
        queryset=BidangPendidikan.objects.order_by("nama"),
        required=False,
        empty_label="—",
        help_text=_("Dipakai untuk syarat pendidikan jabatan tujuan."),
    )
    asal_instansi = forms.CharField(
        label=_("Instansi asal"),
        max_length=200,
        help_text=_("Misalnya: Pemerintah Kabupaten Sukamaju, atau Kementerian Kesehatan."),
    )
    asal_jenis_instansi = forms.ChoiceField(
        label=_("Jenis instansi asal"), choices=[("", "—"), *JenisInstansiAsal.choices]
    )
    asal_unit = forms.CharField(label=_("Unit kerja di instansi asal"), max_length=200)
    asal_jabatan = forms.CharField(label=_("Jabatan di instansi asal"), max_length=200)
    tmt_jabatan = forms.DateField(
        label=_("TMT jabatan di instansi asal"),
        widget=DateInput,
        help_text=_("Dipakai untuk syarat masa dalam jabatan."),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis mutasi"),
        choices=[("", _("— pilih jenis —"))]
        + [(k, v) for k, v in JenisMutasi.choices if k not in JENIS_INTERNAL],
    )
    formasi_tujuan = FormasiChoiceField(
        label=_("Formasi tujuan"), queryset=Formasi.objects.none(), empty_label=_("— pilih —")
    )
    alasan = forms.ChoiceField(
        label=_("Kategori alasan"),
        choices=[("", _("— pilih kategori —")), *KategoriAlasan.choices],
    )
    alasan_publik = forms.CharField(
        label=_("Alasan untuk publik"),
        max_length=300,
        help_text=_("Satu kalimat yang akan tampil di halaman transparansi setelah SK terbit."),
    )
    permintaan_sendiri = forms.BooleanField(
        label=_("Atas permintaan pegawai sendiri"), required=False
    )
    tanggal_rencana = forms.DateField(label=_("Rencana TMT"), widget=DateInput)
    catatan_internal = forms.CharField(
        label=_("Catatan internal"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formasi_tujuan"].queryset = formasi_pilihan()

    def clean_nip(self):
        nip = self.cleaned_data["nip"].strip().replace(" ", "")
        parse_nip(nip)  # says in Indonesian what is wrong
        return nip

    def clean_tmt_jabatan(self):
        tmt = self.cleaned_data["tmt_jabatan"]
        if tmt > timezone.localdate():
            raise ValidationError(_("TMT jabatan di instansi asal belum terjadi."))
        return tmt

    def usulan_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("nip", "tmt_jabatan")}


class PertekForm(forms.Form):
    """The Pertek request sent to BKN and the opinion that came back."""

    pertek_permohonan_nomor = forms.CharField(
        label=_("Nomor surat permohonan"), max_length=100, required=False
    )
    pertek_permohonan_tanggal = forms.DateField(
        label=_("Tanggal permohonan"), required=False, widget=DateInput
    )
    pertek_nomor = forms.CharField(
        label=_("Nomor pertimbangan teknis"), max_length=100, required=False
    )
    pertek_tanggal = forms.DateField(
        label=_("Tanggal pertimbangan teknis"), required=False, widget=DateInput
    )
    pertek_hasil = forms.ChoiceField(
        label=_("Hasil"), choices=[("", _("— belum ada —")), *HasilPertek.choices], required=False
    )
    berkas = forms.FileField(
        label=_("Surat pertimbangan teknis (PDF atau gambar)"),
        required=False,
        help_text=_("Disimpan di antara dokumen usulan."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name in ("pertek_permohonan_tanggal", "pertek_tanggal"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("Tanggal tidak boleh sesudah hari ini."))
        pertek = (data.get("pertek_nomor"), data.get("pertek_tanggal"), data.get("pertek_hasil"))
        if any(pertek) and not all(pertek):
            self.add_error(None, _("Isi nomor, tanggal dan hasil pertimbangan teknis sekaligus."))
        mohon, terbit = data.get("pertek_permohonan_tanggal"), data.get("pertek_tanggal")
        if mohon and terbit and terbit < mohon:
            self.add_error(
                "pertek_tanggal", _("Pertimbangan teknis tidak mungkin sebelum permohonannya.")
            )
        return data


class SkLuarForm(forms.Form):
    """The decree the receiving side issued for an outgoing move."""

    sk_luar_nomor = forms.CharField(label=_("Nomor SK instansi penerima"), max_length=100)
    sk_luar_tanggal = forms.DateField(label=_("Tanggal SK"), widget=DateInput)
    tmt = forms.DateField(
        label=_("TMT pindah"),
        widget=DateInput,
        help_text=_("Hari pegawai mulai bertugas di instansi penerima."),
    )
