"""'Tugas saya': everything that waits for this person, whatever it is.

Proposals come from the rule table (``mutasi.usulan.aturan``), so the inbox lists exactly what the
services would let the user do; letters, workload analyses, evaluations and trainings come
from their own states. Each group is one query however many rows; the count in the menu sums
the groups' counts.
"""

from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutasi.models import StatusRender, StatusSK, SuratKeputusan, SuratKeputusanUsulan, Usulan
from mutasi.usulan import aturan
from mutasi.usulan.choices import StatusUsulan
from pegawai.access import OPD_ROLES, Role, roles_of

PER_KELOMPOK = 100
_USULAN_RELATED = (
    "pegawai",
    "unit_asal__perangkat_daerah",
    "formasi_tujuan__unit__perangkat_daerah",
    "formasi_tujuan__jabatan",
)


@dataclass
class Kelompok:
    """One group of the inbox: what waits for the user, of one kind."""

    kode: str
    judul: str
    keterangan: str
    queryset: object
    jenis: str = "usulan"  # which row template: usulan, sk, abk, evaluasi, pelatihan, ketentuan
    tenggat: bool = False
    tautan: str = ""  # the full list, when the inbox shows only the first ones
    massal: str = ""  # a step that may be taken on several at once (mutasi:usulan_massal)

    @property
    def id_judul(self):
        return f"h-{self.kode}"


def _dikembalikan_dulu(queryset):
    returned = Case(
        When(catatan_pengembalian="", then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return queryset.annotate(_urut=returned).order_by("_urut", "-updated")


_dalam_sk = SuratKeputusanUsulan.objects.filter(aktif=True)


def _usulan(user):
    roles = roles_of(user)
    base = Usulan.objects.for_user(user).select_related(*_USULAN_RELATED)

    def group(kode, langkah, judul, keterangan, order, **extra):
        if not aturan.LANGKAH[langkah].mungkin(user):
            return None
        queryset = aturan.antrean(langkah, user, base).order_by(*order)
        return Kelompok(kode, judul, keterangan, queryset, **extra)

    groups = [
        group(
            "kepala",
            "dukung",
            _("Permintaan pegawai menunggu persetujuan Anda"),
            _("Permintaan mutasi sendiri dari pegawai perangkat daerah Anda."),
            ["updated"],
        ),
        group(
            "verifikasi",
            "verifikasi",
            _("Menunggu verifikasi"),
            _("Periksa dokumen dan syarat, lalu verifikasi atau kembalikan."),
            ["diajukan_pada"],
            massal="verifikasi",
        ),
        group(
            "pengecualian",
            "putus_pengecualian",
            _("Permintaan pengecualian syarat menunggu keputusan Anda"),
            _("Berikan atau tolak pengecualian yang diminta verifikator."),
            ["updated"],
        ),
        group(
            "keberatan",
            "jawab",
            _("Keberatan pegawai yang belum dijawab"),
            _("Pegawai menyatakan keberatan; tim wajib menjawab sebelum merekomendasikan."),
            ["sikap_pada"],
        ),
        group(
            "pertimbangan",
            "rekomendasikan",
            _("Menunggu penilaian dan rekomendasi"),
            _("Usulan yang sudah diverifikasi BKD."),
            ["updated"],
        ),
        group(
            "keputusan",
            "putuskan",
            _("Menunggu keputusan"),
            _("Sudah direkomendasikan Tim Pertimbangan: setujui atau tolak."),
            ["updated"],
            massal="setujui",
        ),
        group(
            "laksanakan",
            "laksanakan",
            _("Siap dicatat pelaksanaannya"),
            _(
                "SK sudah terbit dan TMT sudah tiba: catat SPMT dari kepala perangkat daerah "
                "penerima (tanggal pegawai melapor)."
            ),
            ["updated"],
        ),
        group(
            "sikap",
            "sikap",
            _("Usulan tentang Anda yang menunggu sikap Anda"),
            _("Nyatakan setuju atau keberatan sebelum batas waktunya."),
            ["batas_sikap"],
            tenggat=True,
        ),
    ]
    # Drafts: the filing side's own (BKD sees only those it filed, not every draft).
    if not aturan.LANGKAH["ajukan"].mungkin(user):
        return [g for g in groups if g is not None]
    konsep = aturan.antrean("ajukan", user, base)
    if roles & {Role.OPERATOR_BKD, Role.ADMIN}:
        konsep = konsep.filter(dibuat_oleh_id=user.pk)
    elif roles & OPD_ROLES and user.perangkat_daerah_id:
        konsep = konsep.filter(opd_pengusul_id=user.perangkat_daerah_id)
    groups.append(
        Kelompok(
            "konsep",
            _("Konsep yang belum diajukan"),
            _("Yang dikembalikan untuk diperbaiki tampil paling atas."),
            _dikembalikan_dulu(konsep),
        )
    )
    if roles & aturan.PENYUSUN_SK:
        groups.append(
            Kelompok(
                "tanpa_sk",
                _("Disetujui, belum masuk SK"),
                _("Susun SK untuk usulan yang sudah disetujui Pejabat Penetap."),
                base.filter(status=StatusUsulan.DISETUJUI)
                .exclude(Exists(_dalam_sk.filter(usulan=OuterRef("pk"))))
                .order_by("diputuskan_pada"),
                tautan=reverse("mutasi:sk_create"),
            )
        )
    return [g for g in groups if g is not None]


def _sk(user):
    roles = roles_of(user)
    letters = SuratKeputusan.objects.select_related("dibuat_oleh")
    groups = []
    if Role.PEJABAT_PENETAP in roles:
        groups.append(
            Kelompok(
                "sk_diajukan",
                _("SK menunggu penetapan Anda"),
                _("Periksa pratinjau, lalu terbitkan atau kembalikan kepada BKD."),
                letters.filter(status=StatusSK.DIAJUKAN)
                .exclude(dibuat_oleh=user)
                .order_by("diajukan_pada"),
                jenis="sk",
            )
        )
        groups.append(
            Kelompok(
                "sk_tandatangani",
                _("SK menunggu tanda tangan elektronik Anda"),
                _(
                    "PDF final sudah dibuat: periksa, lalu tandatangani dengan passphrase "
                    "sertifikat elektronik Anda (SK dan petikannya sekaligus)."
                ),
                letters.filter(
                    status=StatusSK.TERBIT,
                    render_status=StatusRender.SELESAI,
                    ditandatangani_pada__isnull=True,
                )
                .exclude(berkas="")
                .exclude(dibuat_oleh=user)
                .order_by("diterbitkan_pada"),
                jenis="sk",
            )
        )
    if roles & aturan.PENYUSUN_SK:
        groups.append(
            Kelompok(
                "sk_draf",
                _("Draf SK yang belum diajukan"),
                _("Yang dikembalikan Pejabat Penetap tampil paling atas."),
                _dikembalikan_dulu(letters.filter(status=StatusSK.DRAF)),
                jenis="sk",
            )
        )
    return groups


def _abk(user):
    from instansi.choices import StatusAnalisis
    from instansi.models import AnalisisBebanKerja

    roles = roles_of(user)
    analyses = AnalisisBebanKerja.objects.for_user(user).select_related("perangkat_daerah")
    groups = []
    if Role.VERIFIKATOR_BKD in roles:
        groups.append(
            Kelompok(
                "abk_tinjau",
                _("Analisis beban kerja menunggu tinjauan"),
                _("Periksa uraian tugasnya, lalu terima atau kembalikan."),
                analyses.filter(status=StatusAnalisis.DIAJUKAN).order_by("updated"),
                jenis="abk",
            )
        )
    if roles & OPD_ROLES and user.perangkat_daerah_id:
        groups.append(
            Kelompok(
                "abk_perbaiki",
                _("Analisis beban kerja yang harus diperbaiki"),
                _("Dikembalikan BKD dengan catatan: perbaiki, lalu ajukan lagi."),
                analyses.filter(
                    perangkat_daerah_id=user.perangkat_daerah_id,
                    status=StatusAnalisis.DIKEMBALIKAN,
                ).order_by("updated"),
                jenis="abk",
            )
        )
    return groups


def _evaluasi(user):
    from evaluasi.models import Evaluasi, Pelatihan

    today = timezone.localdate()
    groups = []
    if Role.KEPALA_OPD in roles_of(user) or user.pegawai_id:
        groups.append(
            Kelompok(
                "evaluasi",
                _("Evaluasi pasca-mutasi yang perlu Anda isi"),
                _("Bagian Anda dari evaluasi yang sudah jatuh tempo."),
                Evaluasi.objects.perlu_diisi_oleh(user, today)
                .select_related("pegawai", "unit", "perangkat_daerah")
                .order_by("tenggat", "pk"),
                jenis="evaluasi",
            )
        )
    if roles_of(user) & {Role.OPERATOR_BKD, Role.ADMIN}:
        groups.append(
            Kelompok(
                "pelatihan",
                _("Tindak lanjut pelatihan yang lewat tenggat"),
                _("Pelatihan yang direkomendasikan dan belum dibuktikan selesai."),
                Pelatihan.objects.terbuka()
                .filter(tenggat__lt=today)
                .select_related("evaluasi__pegawai")
                .order_by("tenggat"),
                jenis="pelatihan",
                tautan=reverse("evaluasi:pelatihan_list"),
            )
        )
    return groups


def _spmt(user):
    from mutasi.sk.spmt import menunggu_spmt

    if Role.KEPALA_OPD not in roles_of(user):
        return []
    return [
        Kelompok(
            "spmt",
            _("SPMT yang belum diterbitkan"),
            _(
                "Pegawai yang dipindahkan ke perangkat daerah Anda: TMT sudah lewat, SPMT belum. "
                "Terbitkan SPMT pada tanggal pegawai mulai bertugas."
            ),
            menunggu_spmt(user).select_related(*_USULAN_RELATED).order_by("updated"),
        )
    ]


def _ketentuan(user):
    """Rule settings and regional rules filed or asked to end by someone else, waiting for
    this approver (``mutasi.ketentuan.wewenang``)."""
    from mutasi.ketentuan import wewenang
    from mutasi.models import AturanDaerah, KetentuanMutasi

    if not wewenang.boleh_menyetujui(user):
        return []
    related = ("dibuat_oleh", "diakhiri_oleh", "perangkat_daerah")
    return [
        Kelompok(
            kode,
            judul,
            _(
                "Belum berlaku sampai Anda setujui; yang mengajukan tidak dapat menyetujuinya "
                "sendiri. Pengakhiran lebih awal juga menunggu di sini."
            ),
            wewenang.menunggu_untuk(user, model.objects.select_related(*related)).order_by(
                "created", "pk"
            ),
            jenis="ketentuan",
            tautan=reverse("ketentuan:daftar"),
        )
        for kode, judul, model in (
            ("ketentuan", _("Ketentuan mutasi menunggu persetujuan Anda"), KetentuanMutasi),
            ("aturan_daerah", _("Aturan daerah menunggu persetujuan Anda"), AturanDaerah),
        )
    ]


def tugas_untuk(user) -> list[Kelompok]:
    """What waits for this user: one group per kind of work they have."""
    if not user.is_authenticated:
        return []
    return _usulan(user) + _ketentuan(user) + _sk(user) + _spmt(user) + _abk(user) + _evaluasi(user)


def jumlah_tugas(user) -> int:
    return sum(group.queryset.count() for group in tugas_untuk(user))


def isi(groups):
    """Fetch the first rows of each group for the page (and whether there are more)."""
    for group in groups:
        rows = list(group.queryset[: PER_KELOMPOK + 1])
        group.rows, group.lebih = rows[:PER_KELOMPOK], len(rows) > PER_KELOMPOK
    return groups
