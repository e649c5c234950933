"""The proposal page: what each role sees of a proposal (checklist, documents, career,
history, letters, the panel's comparison) and the actions it may take, from the one rule table
(``mutasi.usulan.aturan``). The actions themselves are the POST views in ``views``.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.lib.isian import isi_kembali, nilai_lama
from mutasi.models import (
    AuditLog,
    Dokumen,
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
from mutasi.usulan import aturan, eligibility, jejak
from mutasi.usulan.choices import (
    STATUS_TERBUKA,
    ArahMutasi,
    JenisDokumen,
    Rekomendasi,
    SikapPegawai,
    StatusDokumen,
    StatusUsulan,
)
from mutasi.usulan.dampak import dampak_usulan
from mutasi.usulan.forms import (
    CatatanForm,
    CatatanWajibForm,
    PengecualianForm,
    PeriksaDokumenForm,
    PertekForm,
    PutusanPengecualianForm,
    SikapForm,
    SkLuarForm,
    UnggahForm,
)
from mutasi.usulan.views import _DETAIL_RELATED, PENCATAT_MASUK
from pegawai.access import GOVERNMENT_WIDE, STAFF_ROLES, roles_of
from pegawai.models import Pegawai
from pegawai.nip import mask_nip

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
    if usulan.masuk:
        # From another government: its post is known as text only.
        return {"masuk": True, "jabatan_tujuan": formasi.jabatan, "unit_tujuan": formasi.unit}
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
                nama = eligibility.NAMA_SYARAT[data["syarat"]]
                if data.get("status") in StatusPengecualian.values:
                    # A decided waiver says first what was decided, then why.
                    putusan = StatusPengecualian(data["status"]).label.lower()
                    notes.insert(0, _("%(s)s: pengecualian %(p)s") % {"s": nama, "p": putusan})
                else:
                    notes.append(f"{nama}: {data.get('alasan', '')}")
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
        "pppk_kontrak",
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


def _posisi_tercatat(usulan, baris, salinan) -> dict | None:
    """The origin and target within this government as decided, (post, unit, agency) each:
    the published letter's row, else the copy kept at the decision (``jejak``); None while
    the proposal is open. A side outside this government is the proposal's own text."""
    if baris is not None and baris.unit_baru:
        asal = (baris.jabatan_lama, baris.unit_lama, baris.opd_lama)
        tujuan = (baris.jabatan_baru, baris.unit_baru, baris.opd_baru)
        sumber = _("sebagaimana tercantum dalam SK %(n)s") % {"n": baris.sk.nomor}
    elif salinan is not None:
        asal, tujuan = (
            (p["jabatan"], p["unit"], p["perangkat_daerah"]) if "unit" in p else None
            for p in (salinan.data.get("asal", {}), salinan.data.get("tujuan", {}))
        )
        sumber = _("sebagaimana tercatat saat %(t)s") % {"t": salinan.tahap_dalam_kalimat}
    else:
        return None
    return {
        "asal": asal if usulan.unit_asal_id else None,
        "tujuan": tujuan if usulan.formasi_tujuan_id else None,
        "sumber": sumber,
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
    batas = usulan.batas_sikap
    syarat = _syarat_context(request, usulan, aksi, terlihat)
    context = {
        "usulan": usulan,
        "tercatat": _posisi_tercatat(usulan, baris_berlaku, syarat["salinan"]),
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
        **syarat,
        "dokumen_rows": _dokumen_rows(request, usulan, aksi),
        "ada_dokumen_menunggu": any(
            d.status == StatusDokumen.MENUNGGU for d in usulan.dokumen.all()
        ),
        "karier": _karier(usulan),
        "pertek_boleh": usulan.perlu_pertek
        and usulan.status in STATUS_TERBUKA
        and bool(roles & PENCATAT_MASUK),
        "sk_luar_boleh": usulan.arah == ArahMutasi.KELUAR
        and usulan.status == StatusUsulan.DISETUJUI
        and bool(roles & PENCATAT_MASUK),
        "sk_luar_form": isi_kembali(
            request, SkLuarForm(), reverse("mutasi:usulan_sk_luar", args=[usulan.pk])
        ),
        "pertek_form": isi_kembali(
            request,
            PertekForm(
                initial={f: getattr(usulan, f) for f in PertekForm.base_fields if f != "berkas"}
            ),
            reverse("mutasi:usulan_pertek", args=[usulan.pk]),
        ),
        "batas_sikap": batas,
        "batas_lewat": batas is not None and timezone.now() > batas,
        "jendela_hari": (batas - usulan.diberitahukan_pada).days if batas else None,
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
                "setujui": CatatanWajibForm(
                    auto_id="setujui-%s",
                    label=_(
                        "Alasan menyetujui meskipun Tim Pertimbangan merekomendasikan penolakan"
                    ),
                )
                if usulan.rekomendasi == Rekomendasi.TOLAK
                else CatatanForm(auto_id="setujui-%s"),
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
