"""Write to the audit log; the readable wording of every action code is kept here."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from mutasi.models import AuditLog

# The readable wording of every action code, registered by the app that writes it (each
# app's ``AppConfig.ready``): ``log`` refuses a code nobody registered.
ACTIONS: dict[str, str] = {}


def daftarkan(codes: dict) -> None:
    """Register action codes with their wording; a code registered twice is a mistake."""
    for code, label in codes.items():
        if code in ACTIONS and ACTIONS[code] != label:
            raise ValueError(f"audit action {code!r} is registered twice")
        ACTIONS[code] = label


# The codes this app writes (mutasi: proposals, letters, access and accounts).
AKSI = {
    "mutasi.usulan.dibuat": _("Usulan dibuat"),
    "mutasi.usulan.diubah": _("Usulan diubah"),
    "mutasi.usulan.masuk_dibuat": _("Usulan mutasi masuk dari instansi lain dibuat"),
    "mutasi.usulan.pertek_dicatat": _("Permohonan atau hasil pertimbangan teknis BKN dicatat"),
    "mutasi.usulan.konsep": _("Dikembalikan untuk diperbaiki"),
    "mutasi.usulan.menunggu_kepala": _("Diajukan ke Kepala OPD untuk disetujui"),
    "mutasi.usulan.diajukan": _("Diajukan ke BKD"),
    "mutasi.usulan.terverifikasi": _("Diverifikasi BKD"),
    "mutasi.usulan.dipertimbangkan": _("Direkomendasikan Tim Pertimbangan"),
    "mutasi.usulan.disetujui": _("Disetujui Pejabat Penetap"),
    "mutasi.usulan.ditolak": _("Ditolak Pejabat Penetap"),
    "mutasi.usulan.dibatalkan": _("Dibatalkan"),
    "mutasi.usulan.ditetapkan": _("Ditetapkan dengan SK"),
    "mutasi.usulan.dilaksanakan": _("Dilaksanakan"),
    "mutasi.usulan.pengecualian": _("Pengecualian syarat diminta"),
    "mutasi.usulan.pengecualian_diputuskan": _("Permintaan pengecualian syarat diputuskan"),
    "mutasi.usulan.tujuan_diubah": _("Tujuan diubah oleh SK pembetulan"),
    "mutasi.usulan.sikap": _("Pegawai menyatakan sikap"),
    "mutasi.usulan.keberatan_dijawab": _("Keberatan pegawai dijawab"),
    "mutasi.usulan.dinilai": _("Dinilai anggota Tim Pertimbangan"),
    "mutasi.usulan.nilai_gugur": _("Nilai Tim Pertimbangan gugur karena tujuan diubah"),
    "mutasi.dokumen.diunggah": _("Dokumen diunggah"),
    "mutasi.dokumen.diperiksa": _("Dokumen diperiksa verifikator"),
    "mutasi.sk.dibuat": _("Draf SK disusun"),
    "mutasi.sk.diubah": _("Draf SK diubah"),
    "mutasi.sk.usulan_ditambah": _("Usulan ditambahkan ke draf SK"),
    "mutasi.sk.usulan_dikeluarkan": _("Usulan dikeluarkan dari draf SK"),
    "mutasi.sk.baris_diubah": _("TMT atau tujuan seorang pegawai dalam draf SK diubah"),
    "mutasi.sk.dihapus": _("Draf SK dihapus"),
    "mutasi.sk.diajukan": _("Draf SK diajukan kepada Pejabat Penetap"),
    "mutasi.sk.dikembalikan": _("Draf SK dikembalikan untuk diperbaiki"),
    "mutasi.sk.diterbitkan": _("SK diterbitkan"),
    "mutasi.sk.dicabut": _("SK dicabut oleh SK pembetulan"),
    "mutasi.sk.pdf_selesai": _("PDF SK selesai dibuat"),
    "mutasi.sk.pdf_gagal": _("PDF SK gagal dibuat"),
    "mutasi.sk.render_ulang": _("PDF SK dibuat ulang"),
    "mutasi.sk.ditandatangani": _("SK dan petikannya ditandatangani secara elektronik"),
    "mutasi.sk.ttd_gagal": _("Tanda tangan elektronik SK gagal"),
    "mutasi.usulan.spmt": _("SPMT diterbitkan kepala perangkat daerah penerima"),
    "mutasi.usulan.spmt_ttd_gagal": _("Tanda tangan elektronik SPMT gagal"),
    "mutasi.sk.ekspor_siasn": _("Mutasi yang terbit diekspor untuk SIASN"),
    # Before two-person approval a setting was in force as soon as it was added; those rows
    # keep their wording. Now: filed, then approved or rejected by someone else.
    "mutasi.ketentuan.ditambah": _("Ketentuan mutasi ditambahkan"),
    "mutasi.ketentuan.diajukan": _("Ketentuan mutasi diajukan, menunggu persetujuan"),
    "mutasi.ketentuan.disetujui": _("Ketentuan mutasi disetujui dan berlaku"),
    "mutasi.ketentuan.ditolak": _("Ketentuan mutasi ditolak"),
    "mutasi.ketentuan.pengakhiran_diajukan": _("Pengakhiran ketentuan mutasi diajukan"),
    "mutasi.ketentuan.pengakhiran_ditolak": _("Pengakhiran ketentuan mutasi ditolak"),
    "mutasi.ketentuan.diakhiri": _("Ketentuan mutasi diakhiri"),
    "mutasi.aturan_daerah.ditambah": _("Aturan daerah ditambahkan"),
    "mutasi.aturan_daerah.diajukan": _("Aturan daerah diajukan, menunggu persetujuan"),
    "mutasi.aturan_daerah.disetujui": _("Aturan daerah disetujui dan berlaku"),
    "mutasi.aturan_daerah.ditolak": _("Aturan daerah ditolak"),
    "mutasi.aturan_daerah.pengakhiran_diajukan": _("Pengakhiran aturan daerah diajukan"),
    "mutasi.aturan_daerah.pengakhiran_ditolak": _("Pengakhiran aturan daerah ditolak"),
    "mutasi.aturan_daerah.diakhiri": _("Aturan daerah diakhiri"),
    "akses.ditolak": _("Akses ditolak"),
    "akses.tidak_ditemukan": _("Halaman atau data di luar wewenang / tidak ada"),
    "akun.masuk": _("Masuk"),
    "akun.keluar": _("Keluar"),
    "akun.masuk_gagal": _("Gagal masuk: kata sandi salah"),
    "akun.dikunci": _("Akun dikunci setelah terlalu banyak percobaan gagal"),
    "akun.2fa_terverifikasi": _("Kode verifikasi dua langkah diterima"),
    "akun.2fa_gagal": _("Kode verifikasi dua langkah salah"),
    "akun.2fa_diaktifkan": _("Verifikasi dua langkah diaktifkan"),
    "akun.2fa_dinonaktifkan": _("Verifikasi dua langkah dinonaktifkan"),
}
daftarkan(AKSI)


def log(action: str, actor=None, target=None, **data) -> AuditLog:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}: register it with daftarkan()")
    return AuditLog.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=target.pk if target is not None else None,
        data=data,
    )


def for_object(target):
    """What was logged about ``target``, for a page's history (other apps read it here rather
    than from the workflow's models)."""
    return AuditLog.objects.for_object(target)


class Refused(PermissionDenied):
    """A forbidden action; the middleware logs it after the transaction has rolled back."""

    def __init__(self, message, target=None, aksi=""):
        super().__init__(message)
        self.target = target
        self.aksi = aksi


def refuse(user, target, aksi: str, message):
    raise Refused(message, target=target, aksi=aksi)


class DeniedAttemptsMiddleware:
    """Every 403 — a service refusing an action or a page refusing a role — is logged, and
    every 404 a logged-in user meets: scoped lookups answer 404 for objects outside the
    user's scope, so URL guessing shows up here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            target = getattr(exception, "target", None)
            log(
                "akses.ditolak",
                request.user,
                target,
                aksi=getattr(exception, "aksi", "") or request.method,
                path=request.path[:300],
                pesan=str(exception)[:300],
            )
        elif isinstance(exception, Http404) and request.user.is_authenticated:
            log(
                "akses.tidak_ditemukan",
                request.user,
                None,
                aksi=request.method,
                path=request.path[:300],
            )


def _alamat(request) -> str:
    if request is None:
        return ""
    from mutasi.lib.batas import client_ip

    return client_ip(request)


@receiver(user_logged_in, dispatch_uid="audit_masuk")
def _masuk(sender, request, user, **kwargs):
    log("akun.masuk", user, user, ip=_alamat(request))


@receiver(user_logged_out, dispatch_uid="audit_keluar")
def _keluar(sender, request, user, **kwargs):
    if user is not None:
        log("akun.keluar", user, user, ip=_alamat(request))


@receiver(user_login_failed, dispatch_uid="audit_masuk_gagal")
def _masuk_gagal(sender, credentials, request=None, **kwargs):
    # Django masks the password in ``credentials``; only the typed name is kept.
    nama = str((credentials or {}).get("username") or "")[:150]
    log("akun.masuk_gagal", None, None, username=nama, ip=_alamat(request))


@receiver(user_locked_out, dispatch_uid="audit_dikunci")
def _dikunci(sender, request, username=None, ip_address=None, **kwargs):
    log("akun.dikunci", None, None, username=str(username or "")[:150], ip=ip_address or "")
