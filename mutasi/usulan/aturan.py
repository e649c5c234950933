"""Who may take which step on a proposal, written once (STYLE.md "Workflow and audit").

Each step is one row of ``LANGKAH``: the states it starts from, the roles that take it, on
which proposals (its scope) and whether the separation of duties applies (nobody decides on
what they filed or on themselves). From that one row come

- ``pastikan``: the services refuse a step the row does not allow (403 for who, a message
  for the state), inside their transaction, on the locked row;
- ``langkah_untuk``: the buttons the proposal page offers;
- ``antrean``: the proposals waiting for the user in "Tugas saya", as a queryset filter.

The Python test and the database filter are both derived from the row's parts (a scope
means one thing in each), and ``tests/test_aturan.py`` checks them against each other for
every role and state.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutasi.usulan.choices import ArahMutasi, SikapPegawai, StatusUsulan
from pegawai.access import GOVERNMENT_WIDE, OPD_ROLES, Role, roles_of, roles_setting

S = StatusUsulan
SEMUA_PERAN = frozenset(Role)
# Who files proposals: agencies, BKD, and employees for themselves.
PENGAJU = OPD_ROLES | {Role.OPERATOR_BKD, Role.ADMIN, Role.ASN}
VERIFIKATOR = frozenset({Role.VERIFIKATOR_BKD, Role.ADMIN})
PENYUSUN_SK = frozenset({Role.OPERATOR_BKD, Role.ADMIN})
# Before the official's decision a proposal can still be withdrawn or excepted.
BELUM_DIPUTUSKAN = (S.KONSEP, S.MENUNGGU_KEPALA, S.DIAJUKAN, S.TERVERIFIKASI, S.DIPERTIMBANGKAN)
DAPAT_DISIKAPI = (S.DIAJUKAN, S.TERVERIFIKASI, S.DIPERTIMBANGKAN)

# Scopes: on which proposals a user may act.
SEMUA = "semua"  # any the user may see (government-wide roles)
PENGUSUL = "pengusul"  # the side that filed it: BKD, the filing agency, or its filer
OPD_ASAL = "opd_asal"  # the employee's agency (its head)
DIRI = "diri"  # the employee it is about


@dataclass(frozen=True)
class Langkah:
    kode: str
    label: str
    dari: tuple
    peran: frozenset
    cakupan: str = SEMUA
    pisah: bool = True
    pesan: str = gettext_lazy("Anda tidak berwenang melakukan ini pada usulan ini.")
    # Conditions beyond the state, as a filter and as a test of one proposal.
    syarat_q: object = None  # callable() -> Q
    syarat: object = None  # callable(usulan) -> bool
    # What keeps a proposal in the inbox once the step is possible (e.g. still unanswered).
    antrean_q: object = None  # callable(user) -> Q
    peran_setting: str = field(default="", compare=False)

    def roles(self) -> frozenset:
        return frozenset(roles_setting(self.peran_setting)) if self.peran_setting else self.peran

    def mungkin(self, user) -> bool:
        """Whether this user could ever take this step (role, and what the scope needs)."""
        if not roles_of(user) & self.roles():
            return False
        if self.cakupan == OPD_ASAL:
            return bool(user.perangkat_daerah_id)
        if self.cakupan == DIRI:
            return user.pegawai_id is not None
        return True

    # --- who -----------------------------------------------------------------------------

    def siapa_boleh(self, user, usulan) -> bool:
        """Role, scope and separation, tested on one proposal."""
        roles = roles_of(user)
        if not roles & self.roles():
            return False
        staff = bool(roles & (GOVERNMENT_WIDE | OPD_ROLES))
        if self.pisah and (
            usulan.dibuat_oleh_id == user.pk
            or (user.pegawai_id is not None and user.pegawai_id == usulan.pegawai_id)
        ):
            return False
        if self.cakupan == PENGUSUL:
            if staff and user.pegawai_id is not None and user.pegawai_id == usulan.pegawai_id:
                return False
            if roles & {Role.OPERATOR_BKD, Role.ADMIN}:
                return True
            same_agency = usulan.opd_pengusul_id == user.perangkat_daerah_id
            if roles & OPD_ROLES and user.perangkat_daerah_id and same_agency:
                return True
            return usulan.dibuat_oleh_id == user.pk
        if self.cakupan == OPD_ASAL:
            return bool(user.perangkat_daerah_id and usulan.unit_asal_id) and (
                usulan.unit_asal.perangkat_daerah_id == user.perangkat_daerah_id
            )
        if self.cakupan == DIRI:
            return user.pegawai_id is not None and user.pegawai_id == usulan.pegawai_id
        return True

    def siapa_q(self, user) -> Q:
        """The same as ``siapa_boleh``, as a filter on proposals."""
        roles = roles_of(user)
        nothing = Q(pk__in=[])
        if not roles & self.roles():
            return nothing
        staff = bool(roles & (GOVERNMENT_WIDE | OPD_ROLES))
        q = Q()
        if self.pisah:
            q &= ~Q(dibuat_oleh_id=user.pk)
            if user.pegawai_id is not None:
                q &= ~Q(pegawai_id=user.pegawai_id)
        if self.cakupan == PENGUSUL:
            if staff and user.pegawai_id is not None:
                q &= ~Q(pegawai_id=user.pegawai_id)
            if roles & {Role.OPERATOR_BKD, Role.ADMIN}:
                return q
            side = Q(dibuat_oleh_id=user.pk)
            if roles & OPD_ROLES and user.perangkat_daerah_id:
                side |= Q(opd_pengusul_id=user.perangkat_daerah_id)
            return q & side
        if self.cakupan == OPD_ASAL:
            if not user.perangkat_daerah_id:
                return nothing
            return q & Q(unit_asal__perangkat_daerah_id=user.perangkat_daerah_id)
        if self.cakupan == DIRI:
            if user.pegawai_id is None:
                return nothing
            return q & Q(pegawai_id=user.pegawai_id)
        return q

    # --- when ----------------------------------------------------------------------------

    def keadaan_boleh(self, usulan) -> bool:
        return usulan.status in self.dari and (self.syarat is None or self.syarat(usulan))

    def keadaan_q(self) -> Q:
        q = Q(status__in=self.dari)
        return q & self.syarat_q() if self.syarat_q else q

    def boleh(self, user, usulan) -> bool:
        return self.siapa_boleh(user, usulan) and self.keadaan_boleh(usulan)

    def q(self, user) -> Q:
        return self.siapa_q(user) & self.keadaan_q()


def _sikap_terbuka(usulan) -> bool:
    """Until the deadline given when the employee was told (``services.catat_sikap``)."""
    return (
        usulan.batas_sikap is not None
        and timezone.now() <= usulan.batas_sikap
        and not usulan.jawaban_keberatan
    )


def _pengecualian_menunggu():
    from mutasi.models import PengecualianSyarat, StatusPengecualian

    return Exists(
        PengecualianSyarat.objects.filter(usulan=OuterRef("pk"), status=StatusPengecualian.DIMINTA)
    )


def _siap_dilaksanakan():
    from mutasi.models import StatusSK, SuratKeputusanUsulan

    return Exists(
        SuratKeputusanUsulan.objects.filter(
            usulan=OuterRef("pk"),
            aktif=True,
            sk__status=StatusSK.TERBIT,
            tmt__lte=timezone.localdate(),
        )
    )


LANGKAH = {
    row.kode: row
    for row in [
        Langkah(
            "ubah",
            gettext_lazy("Ubah usulan"),
            (S.KONSEP,),
            PENGAJU,
            PENGUSUL,
            False,
            # An incoming move's origin data is filed once (mutasi masuk); not edited here.
            syarat_q=lambda: ~Q(arah=ArahMutasi.MASUK),
            syarat=lambda usulan: not usulan.masuk,
        ),
        Langkah(
            "unggah",
            gettext_lazy("Unggah dokumen"),
            (S.KONSEP, S.MENUNGGU_KEPALA),
            PENGAJU,
            PENGUSUL,
            False,
        ),
        Langkah("ajukan", gettext_lazy("Ajukan"), (S.KONSEP,), PENGAJU, PENGUSUL, False),
        Langkah(
            "batalkan",
            gettext_lazy("Batalkan usulan"),
            BELUM_DIPUTUSKAN,
            PENGAJU,
            PENGUSUL,
            False,
            pesan=gettext_lazy("Anda tidak berwenang membatalkan usulan ini."),
        ),
        Langkah(
            "dukung",
            gettext_lazy("Setujui permintaan"),
            (S.MENUNGGU_KEPALA,),
            frozenset({Role.KEPALA_OPD}),
            OPD_ASAL,
            pesan=gettext_lazy("Hanya Kepala OPD pegawai ini yang dapat menyetujui."),
        ),
        Langkah(
            "kembalikan_kepala",
            gettext_lazy("Kembalikan"),
            (S.MENUNGGU_KEPALA,),
            frozenset({Role.KEPALA_OPD}),
            OPD_ASAL,
            pesan=gettext_lazy("Anda tidak berwenang mengembalikan usulan ini."),
        ),
        Langkah(
            "kembalikan",
            gettext_lazy("Kembalikan"),
            (S.DIAJUKAN, S.TERVERIFIKASI),
            VERIFIKATOR,
            pesan=gettext_lazy("Anda tidak berwenang mengembalikan usulan ini."),
        ),
        Langkah(
            "periksa",
            gettext_lazy("Periksa dokumen"),
            (S.DIAJUKAN,),
            VERIFIKATOR,
            pesan=gettext_lazy("Hanya Verifikator BKD yang memeriksa dokumen."),
        ),
        Langkah(
            "verifikasi",
            gettext_lazy("Verifikasi"),
            (S.DIAJUKAN,),
            VERIFIKATOR,
            pesan=gettext_lazy("Hanya Verifikator BKD yang dapat memverifikasi."),
        ),
        Langkah(
            "nilai",
            gettext_lazy("Beri nilai"),
            (S.TERVERIFIKASI, S.DIPERTIMBANGKAN),
            frozenset({Role.TIM_PERTIMBANGAN}),
            pesan=gettext_lazy("Hanya Tim Pertimbangan yang dapat melakukan ini."),
        ),
        Langkah(
            "rekomendasikan",
            gettext_lazy("Rekomendasikan"),
            (S.TERVERIFIKASI,),
            frozenset({Role.TIM_PERTIMBANGAN}),
            pesan=gettext_lazy("Hanya Tim Pertimbangan yang dapat melakukan ini."),
        ),
        Langkah(
            "jawab",
            gettext_lazy("Jawab keberatan"),
            DAPAT_DISIKAPI,
            frozenset({Role.TIM_PERTIMBANGAN}),
            pesan=gettext_lazy("Hanya Tim Pertimbangan yang dapat melakukan ini."),
            syarat_q=lambda: Q(sikap=SikapPegawai.KEBERATAN),
            syarat=lambda u: u.sikap == SikapPegawai.KEBERATAN,
            antrean_q=lambda user: Q(jawaban_keberatan=""),
        ),
        Langkah(
            "putuskan",
            gettext_lazy("Setujui atau tolak"),
            (S.DIPERTIMBANGKAN,),
            frozenset({Role.PEJABAT_PENETAP}),
            pesan=gettext_lazy("Hanya Pejabat Penetap yang dapat memutuskan."),
        ),
        Langkah(
            "sikap",
            gettext_lazy("Nyatakan sikap"),
            DAPAT_DISIKAPI,
            SEMUA_PERAN,
            DIRI,
            False,
            pesan=gettext_lazy("Hanya pegawai yang bersangkutan yang dapat menyatakan sikap."),
            syarat_q=lambda: Q(batas_sikap__gte=timezone.now(), jawaban_keberatan=""),
            syarat=_sikap_terbuka,
            antrean_q=lambda user: Q(sikap=""),
        ),
        Langkah(
            "minta_pengecualian",
            gettext_lazy("Minta pengecualian"),
            BELUM_DIPUTUSKAN,
            frozenset(),
            pesan=gettext_lazy("Anda tidak berwenang meminta pengecualian."),
            peran_setting="MUTASI_PENGECUALIAN_PEMINTA",
        ),
        Langkah(
            "putus_pengecualian",
            gettext_lazy("Putuskan pengecualian"),
            BELUM_DIPUTUSKAN,
            frozenset(),
            pesan=gettext_lazy("Anda tidak berwenang memberi pengecualian."),
            peran_setting="MUTASI_PENGECUALIAN_PEMBERI",
            antrean_q=lambda user: _pengecualian_menunggu(),
        ),
        Langkah(
            "laksanakan",
            gettext_lazy("Catat pelaksanaan"),
            (S.DITETAPKAN,),
            PENYUSUN_SK,
            pisah=False,
            pesan=gettext_lazy("Hanya Operator BKD yang mencatat pelaksanaan."),
            antrean_q=lambda user: _siap_dilaksanakan(),
        ),
    ]
}


def pastikan(kode: str, user, usulan, aksi: str = "") -> None:
    """Refuse a step the table does not allow: who (403, logged) or when (a message).
    ``aksi`` is the verb of the refusal ("memverifikasi") when separation is the reason."""
    from mutasi.audit import refuse

    row = LANGKAH[kode]
    if row.pisah and roles_of(user) & row.roles() and aksi:
        if usulan.dibuat_oleh_id == user.pk:
            refuse(
                user,
                usulan,
                kode,
                _("Anda tidak dapat %(a)s usulan yang Anda buat sendiri.") % {"a": aksi},
            )
        if user.pegawai_id is not None and user.pegawai_id == usulan.pegawai_id:
            message = _("Anda tidak dapat %(a)s usulan tentang diri Anda.") % {"a": aksi}
            refuse(user, usulan, kode, message)
    if not row.siapa_boleh(user, usulan):
        refuse(user, usulan, kode, str(row.pesan))
    if usulan.status not in row.dari:
        raise ValidationError(
            _("Usulan ini sekarang berstatus %(s)s; tindakan itu tidak berlaku lagi.")
            % {"s": usulan.get_status_display()}
        )


def langkah_untuk(user, usulan) -> dict:
    """Which steps the proposal page offers this user now."""
    return {kode: row.boleh(user, usulan) for kode, row in LANGKAH.items()}


def antrean(kode: str, user, queryset):
    """The proposals of ``queryset`` waiting for this user to take step ``kode``."""
    row = LANGKAH[kode]
    queryset = queryset.filter(row.q(user))
    return queryset.filter(row.antrean_q(user)) if row.antrean_q else queryset
