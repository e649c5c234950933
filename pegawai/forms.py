from django import forms
from django.utils.translation import gettext_lazy as _

from instansi.models import UnitKerja
from mutasi.lib.widgets import DateInput, QuickSelect, QuickSelectMultiple
from mutasi.lib.xlsx import FileRejected
from pegawai import importer
from pegawai.choices import JenisAsn
from pegawai.models import Pegawai
from pegawai.signals import Pindah, alasan_tolak_pindah


class PindahDiperiksa:
    """A form of an existing employee whose unit or post changes asks the workflow first: a
    post is taken through a decided move, and by hand it could fill a seat already promised
    to someone else, or move a person whose own move is under way."""

    def clean(self):
        cleaned = super().clean()
        unit, jabatan = cleaned.get("unit"), cleaned.get("jabatan")
        stored = self.instance
        if stored.pk and unit and jabatan:
            dari = (stored.unit_id, stored.jabatan_id)
            if (unit.pk, jabatan.pk) != dari:
                asked = Pindah(stored.pk, dari, (unit.pk, jabatan.pk))
                for reason in alasan_tolak_pindah([asked])[stored.pk]:
                    self.add_error("unit", reason)
        return cleaned


class PegawaiForm(PindahDiperiksa, forms.ModelForm):
    class Meta:
        model = Pegawai
        fields = [
            "jenis_asn",
            "nip",
            "gelar_depan",
            "nama",
            "gelar_belakang",
            "jenis_kelamin",
            "tanggal_lahir",
            "golongan",
            "golongan_pppk",
            "nomor_perjanjian_kerja",
            "perjanjian_kerja_mulai",
            "perjanjian_kerja_selesai",
            "unit",
            "jabatan",
            "tmt_jabatan",
            "tingkat_pendidikan",
            "bidang_pendidikan",
            "kompetensi",
            "tugas_belajar",
            "ikatan_dinas_sampai",
            "dalam_proses_hukum",
            "domisili",
            "email",
            "aktif",
        ]
        widgets = {
            "tanggal_lahir": DateInput(),
            "tmt_jabatan": DateInput(),
            "ikatan_dinas_sampai": DateInput(),
            "perjanjian_kerja_mulai": DateInput(),
            "perjanjian_kerja_selesai": DateInput(),
            "nip": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            # Hundreds of units and posts: written in Python, not an option template each.
            "unit": QuickSelect(),
            "jabatan": QuickSelect(),
            "bidang_pendidikan": QuickSelect(),
            "kompetensi": QuickSelectMultiple(),
        }
        help_texts = {
            "nip": _("18 digit, tanpa spasi. NI PPPK memuat 21 pada digit 13–14."),
            "perjanjian_kerja_selesai": _("PPPK saja; paling singkat 1 tahun sesudah mulai."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out, the kind is PNS, as every record was before PPPK were kept.
        self.fields["jenis_asn"].required = False
        self.fields["unit"].queryset = UnitKerja.objects.for_user(user).select_related(
            "perangkat_daerah"
        )
        self.fields["unit"].label_from_instance = lambda u: f"{u.perangkat_daerah.singkatan} — {u}"

    def clean_jenis_asn(self):
        return self.cleaned_data.get("jenis_asn") or JenisAsn.PNS


class ImportPegawaiForm(forms.Form):
    """The upload of a staff file; what is inside is checked by pegawai.importer."""

    berkas = forms.FileField(
        label=_("File data pegawai"),
        help_text=_(
            "Format .xlsx, atau .csv/.txt seperti yang disimpan Excel atau LibreOffice "
            "(UTF-8, UTF-16 “Teks Unicode” atau ANSI; pemisah koma, titik koma atau tab)."
        ),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv,.txt,.tsv"}),
        error_messages={
            "empty": _("File kosong. Unggah file yang berisi baris judul dan data pegawai."),
            "required": _("Pilih file yang akan diimpor."),
        },
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        try:
            self.format = importer.file_format(berkas.name)
            importer.check_size(berkas.size)
        except FileRejected as e:
            raise forms.ValidationError(e.message) from None
        return berkas
