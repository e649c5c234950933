"""Write to the audit log; the readable wording of every action code is kept here."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from mutasi.models import AuditLog

ACTIONS = {
    "instansi.abk.dibuat": _("Analisis beban kerja dibuat"),
    "instansi.abk.diubah": _("Uraian tugas diubah"),
    "instansi.abk.diimpor": _("Uraian tugas diimpor dari Excel"),
    "instansi.abk.diajukan": _("Diajukan ke BKD"),
    "instansi.abk.diterima": _("Diterima BKD; kebutuhan formasi ditetapkan"),
    "instansi.abk.dikembalikan": _("Dikembalikan untuk diperbaiki"),
    "mutasi.usulan.dibuat": _("Usulan dibuat"),
    "mutasi.usulan.diubah": _("Usulan diubah"),
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
    "mutasi.usulan.pengecualian": _("Pengecualian syarat dicatat BKD"),
    "mutasi.usulan.sikap": _("Pegawai menyatakan sikap"),
    "mutasi.usulan.keberatan_dijawab": _("Keberatan pegawai dijawab"),
    "mutasi.usulan.dinilai": _("Dinilai anggota Tim Pertimbangan"),
    "mutasi.dokumen.diunggah": _("Dokumen diunggah"),
    "mutasi.dokumen.diperiksa": _("Dokumen diperiksa verifikator"),
    "pegawai.impor": _("Data pegawai diimpor"),
    "akses.ditolak": _("Akses ditolak"),
    "mutasi.sk.dibuat": _("Draf SK disusun"),
    "mutasi.sk.diubah": _("Draf SK diubah"),
    "mutasi.sk.usulan_ditambah": _("Usulan ditambahkan ke draf SK"),
    "mutasi.sk.usulan_dikeluarkan": _("Usulan dikeluarkan dari draf SK"),
    "mutasi.sk.dihapus": _("Draf SK dihapus"),
    "mutasi.sk.diterbitkan": _("SK diterbitkan"),
    "mutasi.sk.dicabut": _("SK dicabut oleh SK pembetulan"),
    "mutasi.sk.pdf_selesai": _("PDF SK selesai dibuat"),
    "mutasi.sk.pdf_gagal": _("PDF SK gagal dibuat"),
    "mutasi.sk.render_ulang": _("PDF SK dibuat ulang"),
}


def log(action: str, actor=None, target=None, **data) -> AuditLog:
    assert action in ACTIONS, f"unknown audit action {action!r}: add it to ACTIONS"
    return AuditLog.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=target.pk if target is not None else None,
        data=data,
    )


class Refused(PermissionDenied):
    """A forbidden action; the middleware logs it after the transaction has rolled back."""

    def __init__(self, message, target=None, aksi=""):
        super().__init__(message)
        self.target = target
        self.aksi = aksi


def refuse(user, target, aksi: str, message):
    raise Refused(message, target=target, aksi=aksi)


class DeniedAttemptsMiddleware:
    """Every 403 — a service refusing an action or a page refusing a role — is logged."""

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
