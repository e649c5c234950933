"""The proposal form: create or edit a proposal of a move inside this government or out of it."""

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from instansi.models import Formasi, PerangkatDaerah
from mutasi.lib.views import pk_from
from mutasi.lib.widgets import DateInput
from mutasi.usulan.choices import PERLU_PERTEK, JenisMutasi, KategoriAlasan
from mutasi.usulan.forms.pilihan import (
    BATAS_SARAN_GALAT,
    FormasiChoiceField,
    PegawaiChoiceField,
    cari_nip,
    cari_pegawai,
    dapat_diusulkan,
    formasi_pilihan,
    masalah_nip,
    seperti_nama,
)
from pegawai.access import GOVERNMENT_WIDE, OPD_ROLES, roles_of
from pegawai.models import Pegawai

# Types whose target is a formasi of this government; the others leave it.
DALAM_PEMDA = (JenisMutasi.DALAM_OPD, JenisMutasi.ANTAR_OPD)


def _pk(value):
    if hasattr(value, "pk"):
        return value.pk
    return pk_from(value)


class UsulanForm(forms.Form):
    """Create or edit a proposal.

    Who chooses the employee depends on the role: an agency picks from its own staff (or
    types the NIP of someone from elsewhere for its own vacancy), BKD types the NIP, and an
    employee files only for themselves, always as an own request. Origin is never typed: it
    is the employee's current post.
    """

    pegawai = PegawaiChoiceField(
        label=_("Pegawai"),
        queryset=Pegawai.objects.none(),
        required=False,
        empty_label=_("— pilih pegawai —"),
    )
    nip = forms.CharField(
        label=_("NIP atau nama pegawai"),
        required=False,
        max_length=150,
        # The suggestions (a <datalist>, filled by mutasi:usulan_cari_pegawai) give the NIP.
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "list": "saran-pegawai", "spellcheck": "false"}
        ),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis mutasi"),
        choices=[("", _("— pilih jenis —")), *JenisMutasi.choices],
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
        label=_("Atas permintaan pegawai sendiri"),
        required=False,
        help_text=_(
            "Centang bila pegawai sendiri yang meminta pindah, apa pun kategori alasannya "
            "(misalnya alasan keluarga). Pindah ke perangkat daerah lain atas permintaan "
            "sendiri mensyaratkan masa kerja minimal."
        ),
    )
    catatan_internal = forms.CharField(
        label=_("Catatan internal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hanya untuk petugas; tidak pernah ditampilkan kepada publik atau pegawai."),
    )
    opd_tujuan = forms.ModelChoiceField(
        label=_("Perangkat daerah tujuan"),
        queryset=PerangkatDaerah.objects.order_by("nama"),
        required=False,
        empty_label=_("— pilih perangkat daerah —"),
    )
    formasi_tujuan = FormasiChoiceField(
        label=_("Formasi tujuan"),
        queryset=Formasi.objects.none(),
        required=False,
        empty_label=_("— pilih formasi —"),
        help_text=_(
            "Jabatan — unit (perangkat daerah) · kursi kosong: kebutuhan dikurangi pemegang "
            "dan pindah masuk yang sudah disetujui."
        ),
    )
    justifikasi_tujuan = forms.CharField(
        label=_("Justifikasi tujuan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila formasi tujuan tidak sedang lowong."),
    )
    tujuan_luar = forms.CharField(
        label=_("Instansi tujuan"),
        required=False,
        max_length=200,
        help_text=_("Misalnya: Pemerintah Kabupaten Sukamaju, atau Kementerian Kesehatan."),
    )
    pertek_nomor = forms.CharField(
        label=_("Nomor pertimbangan teknis BKN"),
        required=False,
        max_length=100,
    )
    pertek_tanggal = forms.DateField(
        label=_("Tanggal pertimbangan teknis"),
        required=False,
        widget=DateInput,
    )
    tanggal_rencana = forms.DateField(
        label=_("Rencana TMT"),
        widget=DateInput,
        help_text=_("Tanggal rencana pegawai mulai bertugas di tempat baru."),
    )

    def __init__(self, *args, user, usulan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.usulan = usulan
        roles = roles_of(user)
        self.sebagai_pegawai = not roles & (GOVERNMENT_WIDE | OPD_ROLES)
        self.pegawai_tetap = None
        if usulan is not None:
            self.pegawai_tetap = usulan.pegawai
        elif self.sebagai_pegawai:
            self.pegawai_tetap = Pegawai.objects.select_related(
                "unit__perangkat_daerah", "jabatan"
            ).get(pk=user.pegawai_id)
        if self.pegawai_tetap is not None:
            del self.fields["pegawai"], self.fields["nip"]
        elif roles & OPD_ROLES and not roles & GOVERNMENT_WIDE:
            self.fields["pegawai"].queryset = (
                Pegawai.objects.for_user(user)
                .filter(aktif=True)
                .exclude(pk=user.pegawai_id)
                .order_by("nama", "nip")
            )
            self.fields["pegawai"].label = _("Pegawai perangkat daerah Anda")
            self.fields["nip"].label = _("Atau cari: NIP atau nama pegawai")
            self.fields["nip"].help_text = _(
                "Ketik nama atau NIP, lalu pilih dari saran. Pegawai perangkat daerah lain, "
                "untuk mengisi lowongan di perangkat daerah Anda: ketik NIP lengkapnya (18 angka)."
            )
        else:
            del self.fields["pegawai"]
            self.fields["nip"].help_text = _(
                "Ketik nama atau NIP, lalu pilih dari saran; NIP terdiri dari 18 angka."
            )
        if self.sebagai_pegawai:
            del self.fields["alasan"], self.fields["catatan_internal"]
            del self.fields["permintaan_sendiri"]
            self.fields["alasan_publik"].label = _("Alasan permohonan")
        self._hubungkan_htmx()
        opd_id = self._opd_tujuan_terpilih()
        self.fields["formasi_tujuan"].queryset = formasi_pilihan(opd_id)
        if not opd_id:
            self.fields["formasi_tujuan"].widget.choices = [
                ("", _("— pilih perangkat daerah tujuan dulu —"))
            ]

    def _hubungkan_htmx(self):
        """The origin preview and the formasi list follow the choices, without a reload."""
        asal = {
            "hx-get": reverse_lazy("mutasi:usulan_asal"),
            "hx-target": "#asal",
            "hx-swap": "innerHTML",
            "hx-include": "#id_pegawai, #id_nip",
        }
        if "pegawai" in self.fields:
            self.fields["pegawai"].widget.attrs.update(asal | {"hx-trigger": "change"})
        if "nip" in self.fields:
            # The same preview, with suggestions and a word on a malformed NIP (out of band).
            self.fields["nip"].widget.attrs.update(
                asal
                | {
                    "hx-get": reverse_lazy("mutasi:usulan_cari_pegawai"),
                    "hx-trigger": "input changed delay:300ms, change",
                    "hx-sync": "this:replace",
                    "aria-describedby": "id_nip_helptext umpan-nip",
                }
            )
        self.fields["opd_tujuan"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("mutasi:usulan_formasi"),
                "hx-target": "#formasi-field",
                "hx-swap": "outerHTML",
                "hx-trigger": "change",
                "hx-include": "this",
            }
        )

    def _opd_tujuan_terpilih(self):
        """The target agency whose formasi the list shows: chosen, or the chosen formasi's."""
        source = self.data if self.is_bound else self.initial
        opd = _pk(source.get(self.add_prefix("opd_tujuan") if self.is_bound else "opd_tujuan"))
        if opd:
            return opd
        formasi = _pk(
            source.get(self.add_prefix("formasi_tujuan") if self.is_bound else "formasi_tujuan")
        )
        if formasi:
            return (
                Formasi.objects.filter(pk=formasi)
                .values_list("unit__perangkat_daerah_id", flat=True)
                .first()
            )
        return None

    def clean_nip(self):
        teks = self.cleaned_data.get("nip", "")
        nip = "".join(teks.split())
        if not nip or not (masalah := masalah_nip(nip)):
            return nip
        if not seperti_nama(nip):
            raise forms.ValidationError(masalah)
        # A name typed (or JavaScript off, so no suggestions): name the matches.
        cocok = list(cari_pegawai(self._dapat_diusulkan(), teks)[: BATAS_SARAN_GALAT + 1])
        if not cocok:
            raise forms.ValidationError(
                _("Tidak ada pegawai yang dapat Anda usulkan dengan nama “%(t)s”.")
                % {"t": " ".join(teks.split())}
            )
        daftar = "; ".join(f"{p.nama_lengkap} ({p.nip})" for p in cocok[:BATAS_SARAN_GALAT])
        if len(cocok) > BATAS_SARAN_GALAT:
            daftar += "; …"
        raise forms.ValidationError(
            _("“%(t)s” bukan NIP. Pegawai yang cocok: %(d)s. Ketik NIP salah satunya.")
            % {"t": " ".join(teks.split()), "d": daftar}
        )

    def _dapat_diusulkan(self):
        """The employees this user may file about, as the suggestions offer them."""
        return dapat_diusulkan(self.user)

    def clean_tanggal_rencana(self):
        tanggal = self.cleaned_data["tanggal_rencana"]
        if self.usulan is None and tanggal < timezone.localdate():
            raise forms.ValidationError(_("Rencana TMT tidak boleh sebelum hari ini."))
        return tanggal

    def clean_pertek_tanggal(self):
        tanggal = self.cleaned_data.get("pertek_tanggal")
        if tanggal and tanggal > timezone.localdate():
            raise forms.ValidationError(_("Tanggal pertimbangan teknis belum boleh di masa depan."))
        return tanggal

    def _pegawai(self, data):
        if self.pegawai_tetap is not None:
            return self.pegawai_tetap
        nip = data.get("nip", "")
        chosen = data.get("pegawai")
        if "nip" in self.errors:
            return None
        if nip:
            found = cari_nip(nip)
            if found is None:
                self.add_error(
                    "nip", _("Tidak ada pegawai aktif dengan NIP %(nip)s.") % {"nip": nip}
                )
                return None
            if chosen and chosen.pk != found.pk:
                self.add_error(
                    "nip", _("NIP ini bukan milik pegawai yang dipilih; isi salah satu saja.")
                )
                return None
            return found
        if chosen:
            return chosen
        field = "pegawai" if "pegawai" in self.fields else "nip"
        self.add_error(field, _("Pilih pegawai atau ketik NIP-nya."))
        return None

    def clean(self):
        data = super().clean()
        pegawai = self._pegawai(data)
        data["pegawai_terpilih"] = pegawai
        jenis = data.get("jenis")
        formasi = data.get("formasi_tujuan")
        luar = data.get("tujuan_luar", "").strip()
        if jenis in DALAM_PEMDA:
            if luar:
                self.add_error(
                    "tujuan_luar",
                    _("Kosongkan: jenis mutasi ini tidak keluar dari pemerintah daerah."),
                )
            if not formasi and "formasi_tujuan" not in self.errors:
                self.add_error("formasi_tujuan", _("Pilih formasi tujuan."))
            if formasi and pegawai:
                self._cek_formasi(jenis, formasi, pegawai)
        elif jenis:
            if not luar:
                self.add_error(
                    "tujuan_luar", _("Tuliskan instansi tujuan di luar pemerintah daerah.")
                )
            if formasi:
                self.add_error(
                    "formasi_tujuan",
                    _("Kosongkan: jenis mutasi ini ke luar pemerintah daerah, bukan ke formasi."),
                )
        nomor, tanggal = data.get("pertek_nomor", "").strip(), data.get("pertek_tanggal")
        if jenis and jenis not in PERLU_PERTEK and (nomor or tanggal):
            self.add_error(
                "pertek_nomor",
                _("Pertimbangan teknis BKN hanya untuk mutasi ke luar pemerintah daerah."),
            )
        elif nomor and not tanggal and "pertek_tanggal" not in self.errors:
            self.add_error("pertek_tanggal", _("Isi juga tanggal pertimbangan teknis."))
        elif tanggal and not nomor:
            self.add_error("pertek_nomor", _("Isi juga nomor pertimbangan teknis."))
        return data

    def _cek_formasi(self, jenis, formasi, pegawai):
        opd_asal = pegawai.unit.perangkat_daerah
        opd_tujuan_id = formasi.unit.perangkat_daerah_id
        if jenis == JenisMutasi.DALAM_OPD and opd_tujuan_id != opd_asal.pk:
            self.add_error(
                "formasi_tujuan",
                _(
                    "Rotasi dalam perangkat daerah: formasi tujuan harus di %(opd)s. "
                    "Untuk perangkat daerah lain pilih jenis antar perangkat daerah."
                )
                % {"opd": opd_asal},
            )
        if jenis == JenisMutasi.ANTAR_OPD and opd_tujuan_id == opd_asal.pk:
            self.add_error(
                "jenis",
                _(
                    "Formasi tujuan ada di perangkat daerah yang sama; "
                    "pilih rotasi dalam perangkat daerah."
                ),
            )
        if formasi.unit_id == pegawai.unit_id and formasi.jabatan_id == pegawai.jabatan_id:
            self.add_error(
                "formasi_tujuan", _("Formasi tujuan sama dengan jabatan pegawai sekarang.")
            )

    @property
    def pegawai_terpilih(self):
        return self.cleaned_data.get("pegawai_terpilih")

    def usulan_fields(self) -> dict:
        """The proposal's fields as the services take them."""
        data = self.cleaned_data
        internal = data.get("jenis") in DALAM_PEMDA
        fields = {
            "jenis": data["jenis"],
            "alasan_publik": data["alasan_publik"].strip(),
            "formasi_tujuan": data.get("formasi_tujuan") if internal else None,
            "justifikasi_tujuan": data.get("justifikasi_tujuan", "").strip() if internal else "",
            "tujuan_luar": "" if internal else data.get("tujuan_luar", "").strip(),
            "tanggal_rencana": data["tanggal_rencana"],
            "pertek_nomor": data.get("pertek_nomor", "").strip(),
            "pertek_tanggal": data.get("pertek_tanggal"),
        }
        if not self.sebagai_pegawai:
            fields["alasan"] = data["alasan"]
            fields["catatan_internal"] = data.get("catatan_internal", "").strip()
            fields["permintaan_sendiri"] = bool(data.get("permintaan_sendiri"))
        return fields

    @classmethod
    def awal_dari(cls, usulan) -> dict:
        """Initial values to edit an existing proposal."""
        formasi = usulan.formasi_tujuan
        return {
            "jenis": usulan.jenis,
            "alasan": usulan.alasan,
            "alasan_publik": usulan.alasan_publik,
            "permintaan_sendiri": usulan.permintaan_sendiri,
            "catatan_internal": usulan.catatan_internal,
            "opd_tujuan": formasi.unit.perangkat_daerah_id if formasi else None,
            "formasi_tujuan": formasi.pk if formasi else None,
            "justifikasi_tujuan": usulan.justifikasi_tujuan,
            "tujuan_luar": usulan.tujuan_luar,
            "tanggal_rencana": usulan.tanggal_rencana,
            "pertek_nomor": usulan.pertek_nomor,
            "pertek_tanggal": usulan.pertek_tanggal,
        }


# --- The small forms of the actions ---------------------------------------------------
