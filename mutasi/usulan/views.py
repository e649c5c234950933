"""Pages of the mutation proposal: list, create/edit, detail with its actions, inbox, notices.

Every page finds the proposal through ``get_usulan_for_user`` (404 for what the user may not
see). The detail page shows only the actions the user could take, but every action goes
through ``mutasi.usulan.services``, which decides for real: a refusal there is a 403 (logged by the
middleware), a state or condition problem a message on the page.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from instansi.models import Formasi
from mutasi.audit import Refused, log, refuse
from mutasi.lib.isian import isi_kembali, nilai_lama
from mutasi.lib.views import ObjectListView, pk_from, role_required
from mutasi.models import (
    AuditLog,
    Dokumen,
    Notifikasi,
    PengecualianSyarat,
    SalinanKeputusan,
    Spmt,
    StatusPengecualian,
    StatusSK,
    SuratKeputusan,
    SuratKeputusanUsulan,
    Usulan,
)
from mutasi.panel import perbandingan as panel
from mutasi.sk import petikan, spmt
from mutasi.sk.forms import SpmtForm
from mutasi.usulan import aturan, eligibility, jejak, services
from mutasi.usulan import tugas as tugas_mod
from mutasi.usulan.choices import (
    JenisDokumen,
    Rekomendasi,
    SikapPegawai,
    StatusDokumen,
    StatusUsulan,
)
from mutasi.usulan.dampak import dampak_usulan
from mutasi.usulan.filters import UsulanFilter
from mutasi.usulan.forms import (
    CatatanForm,
    CatatanWajibForm,
    PengecualianForm,
    PeriksaDokumenForm,
    PutusanPengecualianForm,
    SikapForm,
    UnggahForm,
    UsulanForm,
    cari_nip,
)
from mutasi.usulan.tables import UsulanTable
from pegawai.access import GOVERNMENT_WIDE, OPD_ROLES, STAFF_ROLES, Role, roles_of
from pegawai.models import Pegawai
from pegawai.nip import mask_nip

# Anyone with a role sees the proposals their scope allows (an ASN: those about them).
SEMUA_PERAN = frozenset(Role)
# Who may file a proposal (docs/domain.md §2); the services decide for which employee.
PENGUSUL = OPD_ROLES | {Role.OPERATOR_BKD, Role.ADMIN, Role.ASN}
VERIFIKATOR = frozenset({Role.VERIFIKATOR_BKD, Role.ADMIN})
DAPAT_DISIKAPI = (StatusUsulan.DIAJUKAN, StatusUsulan.TERVERIFIKASI, StatusUsulan.DIPERTIMBANGKAN)
# The inbox shows this many per group; the full list is one click away.
TUGAS_PER_KELOMPOK = 100
EKSTENSI = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}

_DETAIL_RELATED = (
    "pegawai__jabatan",
    "pegawai__unit__perangkat_daerah",
    "unit_asal__perangkat_daerah",
    "jabatan_asal",
    "formasi_tujuan__unit__perangkat_daerah",
    "formasi_tujuan__jabatan",
    "dibuat_oleh",
    "opd_pengusul",
    "diputuskan_oleh",
)
_LIST_RELATED = (
    "pegawai",
    "unit_asal__perangkat_daerah",
    "formasi_tujuan__unit__perangkat_daerah",
    "formasi_tujuan__jabatan",
)


def get_usulan_for_user(user, pk, *related):
    """The proposal, if this user may see it; 404 otherwise, also for guessed URLs."""
    queryset = Usulan.objects.for_user(user).select_related(*related)
    return get_object_or_404(queryset, pk=pk)


def batas_sikap(usulan):
    """Until when the employee may answer, or None while they have not been told."""
    if usulan.diberitahukan_pada is None:
        return None
    return usulan.diberitahukan_pada + datetime.timedelta(days=settings.MUTASI_JENDELA_SIKAP_HARI)


# --- List -----------------------------------------------------------------------------


class UsulanListView(ObjectListView):
    roles = SEMUA_PERAN
    model = Usulan
    table_class = UsulanTable
    filterset_class = UsulanFilter
    export_name = "usulan-mutasi"
    title = gettext_lazy("Usulan mutasi")

    def get_queryset(self):
        return super().get_queryset().select_related(*_LIST_RELATED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_actions"] = [("mutasi:tugas", _("Tugas saya"), "bi-inbox")]
        if roles_of(self.request.user) & PENGUSUL:
            context["create_url"] = "mutasi:usulan_create"
        return context


# --- Create and edit ------------------------------------------------------------------


def _awal_dari_query(request) -> dict:
    """``?formasi=<id>`` from the vacancy list preselects the target; ``?pegawai=<id>``
    from an employee page preselects the employee."""
    initial = {}
    formasi = pk_from(request.GET.get("formasi"))
    if formasi:
        opd = (
            Formasi.objects.filter(pk=formasi)
            .values_list("unit__perangkat_daerah_id", flat=True)
            .first()
        )
        if opd:
            initial |= {"formasi_tujuan": formasi, "opd_tujuan": opd}
    pegawai = pk_from(request.GET.get("pegawai"))
    if pegawai:
        found = Pegawai.objects.for_user(request.user).filter(pk=pegawai).first()
        if found:
            initial |= {"pegawai": found.pk, "nip": found.nip}
    return initial


def _muat_ulang(request) -> dict:
    """Without JavaScript, 'Tampilkan formasi' posts the form to refresh the formasi list;
    the values typed so far come back as initial values, not as a failed submission."""
    return {key: request.POST.get(key) for key in request.POST if key != "csrfmiddlewaretoken"}


def _asal_context(pegawai):
    return {"asal": pegawai} if pegawai is not None else {}


def _tolak_dan_catat(request, error, target, aksi):
    """A refusal shown on the form instead of a 403 page is still logged as an attempt."""
    log(
        "akses.ditolak",
        request.user,
        target,
        aksi=aksi,
        path=request.path[:300],
        pesan=str(error)[:300],
    )


@role_required(PENGUSUL)
def usulan_create(request):
    user = request.user
    only_asn = not roles_of(user) & (GOVERNMENT_WIDE | OPD_ROLES)
    if only_asn and not user.pegawai_id:
        messages.error(request, _("Akun Anda tidak terhubung dengan data pegawai."))
        return redirect("mutasi:usulan_list")
    if request.method == "POST" and "muat_formasi" in request.POST:
        form = UsulanForm(user=user, initial=_muat_ulang(request))
    else:
        form = UsulanForm(request.POST or None, user=user, initial=_awal_dari_query(request))
    if request.method == "POST" and form.is_bound and form.is_valid():
        pegawai = form.pegawai_terpilih
        try:
            usulan = services.buat_usulan(user, pegawai, **form.usulan_fields())
        except Refused as error:
            _tolak_dan_catat(request, error, pegawai, "buat usulan")
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("Usulan %(k)s dibuat sebagai konsep. Lengkapi dokumennya, lalu ajukan.")
                % {"k": usulan.kode},
            )
            return redirect(usulan)
    pegawai = form.pegawai_tetap or _pegawai_dari_form(request, form)
    return render(
        request,
        "mutasi/usulan_form.html",
        {"form": form, "usulan": None, **_asal_context(pegawai)},
    )


def _pegawai_dari_form(request, form):
    """The employee the form currently names, for the origin preview; only one the user
    may see (an agency filing someone from elsewhere for its vacancy sees no details)."""
    source = form.data if form.is_bound else form.initial
    return _cari_pegawai(request.user, source.get("pegawai"), source.get("nip"))


def _cari_pegawai(user, pk=None, nip=None):
    scoped = Pegawai.objects.for_user(user).select_related("unit__perangkat_daerah", "jabatan")
    nip = "".join(str(nip or "").split())
    if nip:
        # A NIP is 18 digits; anything else (a NUL byte included) names nobody.
        return scoped.filter(nip=nip).first() if nip.isascii() and nip.isdigit() else None
    if pk_from(pk):
        return scoped.filter(pk=pk_from(pk)).first()
    return None


@login_required
def usulan_update(request, pk):
    usulan = get_usulan_for_user(request.user, pk, *_DETAIL_RELATED)
    if not aturan.LANGKAH["ubah"].siapa_boleh(request.user, usulan):
        refuse(request.user, usulan, "ubah", _("Anda tidak berwenang mengubah usulan ini."))
    if not usulan.dapat_diubah:
        messages.error(
            request,
            _("Usulan ini sekarang berstatus %(s)s dan tidak dapat diubah.")
            % {"s": usulan.get_status_display()},
        )
        return redirect(usulan)
    if request.method == "POST" and "muat_formasi" in request.POST:
        form = UsulanForm(user=request.user, usulan=usulan, initial=_muat_ulang(request))
    else:
        form = UsulanForm(
            request.POST or None,
            user=request.user,
            usulan=usulan,
            initial=UsulanForm.awal_dari(usulan),
        )
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            services.ubah_usulan(usulan.pk, request.user, **form.usulan_fields())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Perubahan usulan disimpan."))
            return redirect(usulan)
    return render(
        request,
        "mutasi/usulan_form.html",
        {"form": form, "usulan": usulan, "asal": usulan.pegawai},
    )


@role_required(PENGUSUL)
def usulan_asal(request):
    """The origin of the employee being chosen (htmx), read from their record."""
    pegawai = _cari_pegawai(request.user, request.GET.get("pegawai"), request.GET.get("nip"))
    nip = "".join(request.GET.get("nip", "").split())
    context = _asal_context(pegawai)
    # Agency staff file proposals for employees of other agencies (arriving at their
    # vacancy); an employee files only about themselves, so they get no hint whether a NIP
    # exists.
    if (
        pegawai is None
        and roles_of(request.user) & STAFF_ROLES
        and len(nip) == 18
        and nip.isdigit()
        and cari_nip(nip) is not None
    ):
        context["di_luar"] = True
    return render(request, "mutasi/inc/asal.html", context)


@role_required(PENGUSUL)
def usulan_formasi(request):
    """The formasi select for the chosen target agency (htmx)."""
    form = UsulanForm(user=request.user, initial={"opd_tujuan": request.GET.get("opd_tujuan")})
    return render(request, "mutasi/inc/formasi_field.html", {"form": form})


# --- Detail ---------------------------------------------------------------------------


def _aksi(user, usulan) -> dict:
    """What the detail page offers this user now: the rule table the services enforce."""
    aksi = aturan.langkah_untuk(user, usulan)
    aksi["kembalikan"] = aksi["kembalikan"] or aksi.pop("kembalikan_kepala")
    return aksi


def _dokumen_rows(request, usulan, aksi):
    """The required documents of the type (and any other uploaded), each with its state."""
    uploaded = {d.jenis: d for d in usulan.dokumen.all()}
    wajib = list(usulan.dokumen_wajib)
    rows = []
    for jenis in wajib + sorted(j for j in uploaded if j not in wajib):
        dokumen = uploaded.get(jenis)
        rows.append(
            {
                "jenis": jenis,
                "label": JenisDokumen(jenis).label,
                "wajib": jenis in wajib,
                "dokumen": dokumen,
                "unggah_form": UnggahForm(initial={"jenis": jenis}, auto_id=f"unggah-{jenis}-%s")
                if aksi["unggah"]
                else None,
                "periksa_form": isi_kembali(
                    request,
                    PeriksaDokumenForm(
                        initial={"catatan": dokumen.catatan}, auto_id=f"periksa-{jenis}-%s"
                    ),
                    reverse("mutasi:dokumen_periksa", args=[usulan.pk, dokumen.pk]),
                )
                if aksi["periksa"] and dokumen
                else None,
            }
        )
    return rows


def _karier(usulan) -> dict:
    """What the move means for the employee: position, class, unit and agency."""
    formasi = usulan.formasi_tujuan
    asal_opd = usulan.unit_asal.perangkat_daerah
    data = {
        "jabatan_asal": usulan.jabatan_asal,
        "unit_asal": usulan.unit_asal,
        "opd_asal": asal_opd,
        "luar": formasi is None,
    }
    if formasi is not None:
        selisih = formasi.jabatan.kelas - usulan.jabatan_asal.kelas
        data |= {
            "jabatan_tujuan": formasi.jabatan,
            "unit_tujuan": formasi.unit,
            "opd_tujuan": formasi.unit.perangkat_daerah,
            "pindah_opd": formasi.unit.perangkat_daerah_id != asal_opd.pk,
            "pindah_unit": formasi.unit_id != usulan.unit_asal_id,
            "kelas_selisih": selisih,
            "kelas_selisih_abs": abs(selisih),
            "ganti_jenis": formasi.jabatan.jenis != usulan.jabatan_asal.jenis,
        }
    return data


# Notes the employee sees in the timeline: the decisions and the answer to them.
_CATATAN_UNTUK_PEGAWAI = {
    "mutasi.usulan.disetujui",
    "mutasi.usulan.ditolak",
    "mutasi.usulan.dibatalkan",
}


def _riwayat(usulan, lengkap: bool, skor: bool) -> list[dict]:
    """The timeline, newest first. Denied attempts stay in the audit log, not here."""
    entries = []
    for entry in AuditLog.objects.for_object(usulan).exclude(action="akses.ditolak"):
        data = entry.data or {}
        notes = []
        if data.get("dokumen") in JenisDokumen.values:
            dokumen = JenisDokumen(data["dokumen"]).label
            if data.get("status") in StatusDokumen.values:
                dokumen = f"{dokumen}: {StatusDokumen(data['status']).label}"
            notes.append(dokumen)
        if data.get("sikap") in SikapPegawai.values:
            notes.append(SikapPegawai(data["sikap"]).label)
        if data.get("catatan") and (lengkap or entry.action in _CATATAN_UNTUK_PEGAWAI):
            notes.append(data["catatan"])
        if data.get("jawaban"):
            notes.append(data["jawaban"])
        if lengkap:
            if data.get("syarat") in eligibility.NAMA_SYARAT:
                notes.append(f"{eligibility.NAMA_SYARAT[data['syarat']]}: {data.get('alasan', '')}")
            if data.get("rekomendasi") in Rekomendasi.values:
                notes.append(Rekomendasi(data["rekomendasi"]).label)
        # Individual scores: only for those who see them in the panel's part of the page.
        if skor and data.get("skor"):
            notes.append(_("skor %(n)s") % {"n": data["skor"]})
        entries.append({"entry": entry, "notes": notes})
    return entries


def _surat_keputusan(user, usulan):
    """The published letters of this proposal the user may open, newest first."""
    if usulan.status not in (StatusUsulan.DITETAPKAN, StatusUsulan.DILAKSANAKAN):
        return []
    return list(
        SuratKeputusan.objects.for_user(user)
        .filter(status=StatusSK.TERBIT, baris__usulan=usulan)
        .annotate(
            berlaku=Exists(
                SuratKeputusanUsulan.objects.filter(sk=OuterRef("pk"), usulan=usulan, aktif=True)
            ),
            tmt_baris=Subquery(
                SuratKeputusanUsulan.objects.filter(sk=OuterRef("pk"), usulan=usulan).values("tmt")[
                    :1
                ]
            ),
        )
        .distinct()
        .order_by("-tanggal_terbit", "-pk")
    )


# Rules whose facts are about the person (ratings, penalties, age, education): another
# agency filing for its vacancy sees whether they pass, not the facts (need-to-know).
SYARAT_PRIBADI = frozenset(
    {
        "masa_jabatan",
        "skp",
        "disiplin",
        "tugas_belajar",
        "pns_baru",
        "golongan",
        "pendidikan",
        "pensiun",
    }
)
SELESAI = (
    StatusUsulan.DISETUJUI,
    StatusUsulan.DITOLAK,
    StatusUsulan.DITETAPKAN,
    StatusUsulan.DILAKSANAKAN,
)


def _samarkan(syarat):
    for s in syarat:
        if s.kode in SYARAT_PRIBADI:
            s.fakta = _("Rinciannya hanya untuk BKD dan perangkat daerah pegawai ini.")
    return syarat


def _syarat_context(request, usulan, aksi, terlihat: bool) -> dict:
    """The checklist: today's for an open proposal; for a decided one the checklist stored at
    its decision first, today's view second and labelled so."""
    hari_ini = eligibility.periksa(usulan)
    url_minta = reverse("mutasi:usulan_pengecualian", args=[usulan.pk])
    url_putus = reverse("mutasi:usulan_pengecualian_putus", args=[usulan.pk])
    lama_minta = nilai_lama(request, url_minta)
    lama_putus = nilai_lama(request, url_putus)
    salinan = None
    if usulan.status in SELESAI:
        salinan = (
            SalinanKeputusan.objects.filter(usulan=usulan, tahap__in=jejak.TAHAP_PUTUSAN)
            .select_related("oleh")
            .first()
        )
    for s in hari_ini:
        if s.status == eligibility.GAGAL and s.dapat_dikecualikan:
            p = s.pengecualian
            if aksi["minta_pengecualian"] and not (p and p.diberikan):
                s.form = PengecualianForm(
                    initial={"syarat": s.kode}, auto_id=f"kecuali-{s.kode}-%s"
                )
                if lama_minta.get("syarat") == [s.kode]:
                    s.form = isi_kembali(request, s.form, url_minta)
            if aksi["putus_pengecualian"] and p and p.status == StatusPengecualian.DIMINTA:
                s.form_putusan = PutusanPengecualianForm(
                    initial={"syarat": s.kode}, auto_id=f"putus-{s.kode}-%s"
                )
                if lama_putus.get("syarat") == [s.kode]:
                    s.form_putusan = isi_kembali(request, s.form_putusan, url_putus)
    tersimpan = jejak.syarat_tersimpan(salinan) if salinan else None
    if not terlihat:
        _samarkan(hari_ini)
        if tersimpan:
            _samarkan(tersimpan)
    return {
        "syarat": tersimpan if tersimpan is not None else hari_ini,
        "menghalangi": [s for s in (tersimpan or hari_ini) if s.menghalangi],
        "salinan": salinan,
        "syarat_hari_ini": hari_ini if tersimpan is not None else None,
        "menghalangi_hari_ini": eligibility.menghalangi(hari_ini),
        "pengecualian": list(usulan.pengecualian.all()),
    }


def _detail_context(request, usulan) -> dict:
    user = request.user
    roles = roles_of(user)
    tentang_diri = user.pegawai_id is not None and user.pegawai_id == usulan.pegawai_id
    # Private notes, panel scores and exception details are for staff, never the employee.
    internal = bool(roles & STAFF_ROLES) and not tentang_diri
    aksi = _aksi(user, usulan)
    terlihat = Pegawai.objects.for_user(user).filter(pk=usulan.pegawai_id).exists()
    surat = _surat_keputusan(user, usulan)
    if surat:
        extracts = {p.baris.sk_id: p for p in petikan.untuk_usulan(user, usulan)}
        for letter in surat:
            letter.petikan_ini = extracts.get(letter.pk)
    baris_berlaku = (
        SuratKeputusanUsulan.objects.filter(usulan=usulan, aktif=True, sk__status=StatusSK.TERBIT)
        .select_related("sk")
        .first()
        if surat
        else None
    )
    batas = batas_sikap(usulan)
    context = {
        "usulan": usulan,
        "pegawai": usulan.pegawai,
        "internal": internal,
        "pegawai_terlihat": terlihat,
        "nip": usulan.pegawai.nip if terlihat else mask_nip(usulan.pegawai.nip),
        "tentang_diri": tentang_diri,
        "aksi": aksi,
        "ada_aksi": any(
            aksi[k]
            for k in (
                "ajukan",
                "dukung",
                "kembalikan",
                "verifikasi",
                "nilai",
                "rekomendasikan",
                "jawab",
                "putuskan",
                "batalkan",
                "sikap",
                "laksanakan",
            )
        ),
        **_syarat_context(request, usulan, aksi, terlihat),
        "dokumen_rows": _dokumen_rows(request, usulan, aksi),
        "ada_dokumen_menunggu": any(
            d.status == StatusDokumen.MENUNGGU for d in usulan.dokumen.all()
        ),
        "karier": _karier(usulan),
        "batas_sikap": batas,
        "batas_lewat": batas is not None and timezone.now() > batas,
        "jendela_hari": settings.MUTASI_JENDELA_SIKAP_HARI,
        "max_upload_mb": settings.MAX_UPLOAD_MB,
        "dampak": dampak_usulan(usulan),
        # The panel's part (templates/mutasi/inc/panel.html) hides scores from non-BKD roles.
        "penilaian": panel.penilaian_untuk(usulan),
        "tampilkan_panel": internal or bool(usulan.rekomendasi),
        "surat": surat,
        "sk_berlaku": next((s for s in surat if s.berlaku), None),
        "spmt": Spmt.objects.filter(baris__usulan=usulan).first() if surat else None,
        "spmt_boleh": baris_berlaku is not None
        and usulan.status == StatusUsulan.DITETAPKAN
        and baris_berlaku.sk.ditandatangani
        and spmt.kepala_penerima(user, baris_berlaku),
        "spmt_form": SpmtForm(initial={"tanggal": timezone.localdate()}),
        "today": timezone.localdate(),
        "riwayat": _riwayat(
            usulan,
            lengkap=internal or usulan.dibuat_oleh_id == user.pk,
            skor=bool(roles & GOVERNMENT_WIDE) and not tentang_diri,
        ),
        # Each note form comes back with what was typed when its action was refused.
        "forms": {
            name: isi_kembali(request, form, reverse(f"mutasi:usulan_{name}", args=[usulan.pk]))
            for name, form in {
                "dukung": CatatanForm(auto_id="dukung-%s"),
                "verifikasi": CatatanForm(auto_id="verifikasi-%s"),
                "setujui": CatatanForm(auto_id="setujui-%s"),
                "kembalikan": CatatanWajibForm(
                    auto_id="kembalikan-%s", label=_("Apa yang harus diperbaiki?")
                ),
                "tolak": CatatanWajibForm(auto_id="tolak-%s", label=_("Alasan penolakan")),
                "batalkan": CatatanWajibForm(auto_id="batalkan-%s", label=_("Alasan pembatalan")),
                "sikap": SikapForm(
                    auto_id="sikap-%s",
                    initial={"sikap": usulan.sikap, "alasan": usulan.sikap_alasan},
                ),
            }.items()
        },
    }
    return context


@login_required
def usulan_detail(request, pk):
    queryset = (
        Usulan.objects.for_user(request.user)
        .select_related(*_DETAIL_RELATED)
        .prefetch_related(
            Prefetch(
                "pengecualian",
                queryset=PengecualianSyarat.objects.select_related(
                    "diminta_oleh", "diputuskan_oleh"
                ).order_by("pk"),
            ),
            Prefetch("dokumen", queryset=Dokumen.objects.select_related("diunggah_oleh")),
        )
    )
    usulan = get_object_or_404(queryset, pk=pk)
    return render(request, "mutasi/usulan_detail.html", _detail_context(request, usulan))


# --- Actions: one POST view each, calling its service ------------------------------------


def _jalankan(request, pk, action, success, anchor=""):
    """Run one service on a proposal the user may see; a condition problem (a stale page, a
    replayed request, a missing note) becomes a message, a refusal stays a 403."""
    usulan = get_usulan_for_user(request.user, pk)
    try:
        action(usulan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(usulan.get_absolute_url() + anchor)


def _form(form_class, request):
    form = form_class(request.POST)
    form.is_valid()
    return form.cleaned_data


def post_only(view):
    """Log-in first (anonymous users go to the log-in page), then POST only."""
    return login_required(require_POST(view))


# Each workflow step: the service, the form for its note (None: no note) and the message.
TRANSISI = {
    "ajukan": (
        lambda pk, user, catatan: services.ajukan(pk, user),
        None,
        gettext_lazy("Usulan diajukan."),
    ),
    "dukung": (
        services.dukung,
        CatatanForm,
        gettext_lazy("Permintaan disetujui dan diteruskan ke BKD."),
    ),
    "kembalikan": (
        services.kembalikan,
        CatatanWajibForm,
        gettext_lazy("Usulan dikembalikan kepada pengusul dengan catatan."),
    ),
    "verifikasi": (
        services.verifikasi,
        CatatanForm,
        gettext_lazy("Usulan terverifikasi dan diteruskan ke Tim Pertimbangan."),
    ),
    "setujui": (services.setujui, CatatanForm, gettext_lazy("Usulan disetujui.")),
    "tolak": (services.tolak, CatatanWajibForm, gettext_lazy("Usulan ditolak.")),
    "batalkan": (services.batalkan, CatatanWajibForm, gettext_lazy("Usulan dibatalkan.")),
}


@post_only
def usulan_transisi(request, pk, aksi):
    service, form_class, success = TRANSISI[aksi]
    catatan = _form(form_class, request).get("catatan", "") if form_class else ""
    return _jalankan(request, pk, lambda u: service(u.pk, request.user, catatan), str(success))


@post_only
def usulan_sikap(request, pk):
    data = _form(SikapForm, request)
    return _jalankan(
        request,
        pk,
        lambda u: services.catat_sikap(
            u.pk, request.user, data.get("sikap", ""), data.get("alasan", "")
        ),
        _("Sikap Anda dicatat."),
        "#suara-pegawai",
    )


@post_only
def usulan_pengecualian(request, pk):
    data = _form(PengecualianForm, request)
    return _jalankan(
        request,
        pk,
        lambda u: services.minta_pengecualian(
            u.pk, request.user, data.get("syarat", ""), data.get("alasan", "")
        ),
        _("Permintaan pengecualian dicatat; menunggu keputusan pejabat yang berwenang."),
        "#syarat",
    )


@post_only
def usulan_pengecualian_putus(request, pk):
    data = _form(PutusanPengecualianForm, request)
    diberikan = data.get("putusan") == "beri"
    return _jalankan(
        request,
        pk,
        lambda u: services.putuskan_pengecualian(
            u.pk, request.user, data.get("syarat", ""), diberikan, data.get("catatan", "")
        ),
        _("Pengecualian diberikan.") if diberikan else _("Pengecualian ditolak."),
        "#syarat",
    )


# --- Documents ------------------------------------------------------------------------


@post_only
def dokumen_unggah(request, pk):
    """One document (``jenis`` + ``berkas``) or several at once (``berkas_<jenis>``); each is
    checked by its content and saved on its own, and the page says which went in and why
    any did not."""
    usulan = get_usulan_for_user(request.user, pk)
    files = [(name.removeprefix("berkas_"), f) for name, f in request.FILES.items()]
    files = [(request.POST.get("jenis", ""), f) if j == "berkas" else (j, f) for j, f in files]
    if not files:
        messages.error(request, _("Pilih berkas yang akan diunggah."))
        return redirect(usulan.get_absolute_url() + "#dokumen")
    done = []
    for jenis, berkas in sorted(files, key=lambda item: item[0]):
        label = JenisDokumen(jenis).label if jenis in JenisDokumen.values else jenis
        try:
            services.unggah_dokumen(usulan.pk, request.user, jenis, berkas)
        except ValidationError as error:
            messages.error(request, f"{label}: {' '.join(error.messages)}")
        else:
            done.append(str(label))
    if done:
        messages.success(request, _("Diunggah: %(d)s.") % {"d": "; ".join(done)})
    return redirect(usulan.get_absolute_url() + "#dokumen")


@post_only
def dokumen_terima_semua(request, pk):
    return _jalankan(
        request,
        pk,
        lambda u: services.terima_semua_dokumen(u.pk, request.user),
        _("Semua dokumen yang menunggu diterima."),
        "#dokumen",
    )


@post_only
def dokumen_periksa(request, pk, dokumen_pk):
    usulan = get_usulan_for_user(request.user, pk)
    dokumen = get_object_or_404(Dokumen, pk=dokumen_pk, usulan=usulan)
    data = _form(PeriksaDokumenForm, request)
    status = data.get("status", "")
    success = (
        _("%(d)s diterima.") if status == StatusDokumen.DITERIMA else _("%(d)s perlu diperbaiki.")
    ) % {"d": dokumen.get_jenis_display()}
    return _jalankan(
        request,
        pk,
        lambda u: services.periksa_dokumen(
            dokumen.pk, request.user, status, data.get("catatan", "")
        ),
        success,
        "#dokumen",
    )


@login_required
def dokumen_unduh(request, pk, dokumen_pk):
    """A document, downloaded or viewed in the browser: never able to run in the app's
    origin (sandbox, nosniff, its checked type)."""
    usulan = get_usulan_for_user(request.user, pk)
    dokumen = get_object_or_404(Dokumen, pk=dokumen_pk, usulan=usulan)
    try:
        berkas = dokumen.berkas.open("rb")
    except FileNotFoundError:
        raise Http404(_("Berkas tidak ditemukan.")) from None
    name = "".join(ch for ch in dokumen.nama_asli if ch.isprintable()) or "dokumen"
    ext = EKSTENSI.get(dokumen.tipe, "")
    if ext and not name.lower().endswith((ext, ".jpeg" if ext == ".jpg" else ext)):
        name += ext
    # ?lihat=1 opens it in the browser: its type was checked from its content at upload, and
    # the sandbox keeps it from running anything in the app's origin.
    inline = request.GET.get("lihat") == "1" and dokumen.tipe in EKSTENSI
    response = FileResponse(
        berkas, as_attachment=not inline, filename=name, content_type=dokumen.tipe
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Inbox "Tugas saya" ----------------------------------------------------------------


@role_required(SEMUA_PERAN)
def tugas(request):
    groups = tugas_mod.isi(tugas_mod.tugas_untuk(request.user))
    for group in groups:
        if group.tenggat:
            for usulan in group.rows:
                usulan.batas_sikap = batas_sikap(usulan)
    return render(request, "mutasi/tugas.html", {"groups": groups})


# Steps that may be taken on several proposals at once from the inbox: each proposal still
# goes through its own service call (locked, re-checked, logged, notified) on its own.
MASSAL = {
    "verifikasi": ("verifikasi", services.verifikasi, gettext_lazy("diverifikasi")),
    "setujui": ("putuskan", services.setujui, gettext_lazy("disetujui")),
}


@post_only
def usulan_massal(request, aksi):
    if aksi not in MASSAL:
        raise Http404
    langkah, service, done_word = MASSAL[aksi]
    if not roles_of(request.user) & aturan.LANGKAH[langkah].roles():
        raise Refused(_("Anda tidak berwenang melakukan ini."), aksi=aksi)
    ids = [pk for pk in map(pk_from, request.POST.getlist("usulan")) if pk]
    visible = Usulan.objects.for_user(request.user).filter(pk__in=ids).order_by("pk")
    if not ids:
        messages.error(request, _("Pilih sedikitnya satu usulan."))
        return redirect("mutasi:tugas")
    done = []
    for usulan in visible:
        try:
            service(usulan.pk, request.user, request.POST.get("catatan", "").strip())
        except Refused as error:
            log(
                "akses.ditolak",
                request.user,
                usulan,
                aksi=aksi,
                path=request.path[:300],
                pesan=str(error)[:300],
            )
            messages.error(request, f"{usulan.kode}: {error}")
        except ValidationError as error:
            messages.error(request, f"{usulan.kode}: {' '.join(error.messages)}")
        else:
            done.append(usulan.kode)
    if done:
        messages.success(
            request,
            _("%(n)s usulan %(w)s: %(k)s.")
            % {"n": len(done), "w": done_word, "k": ", ".join(done)},
        )
    return redirect("mutasi:tugas")


@login_required
def tugas_jumlah(request):
    """The menu's count of waiting work, fetched after the page (htmx), so that no page
    pays the inbox's queries before it is shown."""
    response = render(
        request, "mutasi/inc/jumlah_tugas.html", {"n": tugas_mod.jumlah_tugas(request.user)}
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Notifications --------------------------------------------------------------------


@login_required
def notifikasi(request):
    """The user's notices, newest first; the ones shown are marked read once seen."""
    queryset = Notifikasi.objects.filter(penerima=request.user).order_by("-waktu", "-pk")
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    items = list(page.object_list)
    unread = [n.pk for n in items if not n.dibaca]
    if unread:
        Notifikasi.objects.filter(pk__in=unread, penerima=request.user).update(dibaca=True)
    return render(
        request,
        "mutasi/notifikasi.html",
        {"page": page, "items": items, "baru": set(unread)},
    )
