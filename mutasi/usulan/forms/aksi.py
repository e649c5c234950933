"""The small forms of each action on a proposal (notes, the employee's stance, exceptions,
documents).

They only read and tidy what was typed; whether the action is allowed, and whether a note is
required, is decided by ``mutasi.usulan.services`` so that a stale page gets the service's
message about the proposal's current state first.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from mutasi.usulan.choices import JenisDokumen, SikapPegawai, StatusDokumen


def _teks(label, rows=2, wajib=False, help_text=""):
    attrs = {"rows": rows}
    if wajib:
        # The browser asks before sending; the service is what really insists.
        attrs["required"] = True
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs=attrs), help_text=help_text
    )


class CatatanForm(forms.Form):
    catatan = _teks(_("Catatan (boleh kosong)"))


class CatatanWajibForm(forms.Form):
    catatan = _teks(_("Catatan"), rows=3, wajib=True)

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["catatan"].label = label


class SikapForm(forms.Form):
    sikap = forms.ChoiceField(
        label=_("Pilihan Anda"),
        choices=SikapPegawai.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    alasan = _teks(
        _("Alasan"), rows=3, help_text=_("Wajib bila keberatan. Tim Pertimbangan akan menjawabnya.")
    )


class PengecualianForm(forms.Form):
    syarat = forms.CharField(widget=forms.HiddenInput)
    alasan = _teks(_("Alasan meminta pengecualian"), rows=2, wajib=True)


class PutusanPengecualianForm(forms.Form):
    syarat = forms.CharField(widget=forms.HiddenInput)
    putusan = forms.ChoiceField(
        choices=[("beri", _("Berikan")), ("tolak", _("Tolak"))], widget=forms.HiddenInput
    )
    catatan = _teks(_("Catatan keputusan"), rows=2, help_text=_("Wajib bila menolak."))


class UnggahForm(forms.Form):
    jenis = forms.ChoiceField(choices=JenisDokumen.choices, widget=forms.HiddenInput)
    berkas = forms.FileField(
        label=_("Berkas"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )


class PeriksaDokumenForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(StatusDokumen.DITERIMA, ""), (StatusDokumen.PERBAIKI, "")], required=False
    )
    catatan = forms.CharField(
        label=_("Catatan untuk pengusul"),
        required=False,
        max_length=2000,
        help_text=_("Wajib bila perlu diperbaiki."),
    )
