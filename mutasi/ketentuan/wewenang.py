"""Who may file, approve and end rule settings, written once: the services enforce it, the
pages show its buttons and "Tugas saya" lists what waits (STYLE.md "Workflow and audit").

A setting that lowers a threshold for a whole agency is a waiver for everybody in it, so it is
decided like a waiver of one proposal's rule (``mutasi.usulan.aturan``, step
``putus_pengecualian``): the roles of ``MUTASI_PENGECUALIAN_PEMBERI`` (Pejabat Penetap by
default) approve or reject what the keepers of the master data (Operator BKD, Admin) file,
and never what they filed or asked to end themselves.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from mutasi.audit import refuse
from mutasi.ketentuan.choices import StatusKetentuan
from pegawai.access import MASTER_DATA_EDITORS, has_role, roles_setting

# The people who keep master data file the rules too.
PENGUBAH = MASTER_DATA_EDITORS


def penyetuju() -> tuple:
    """The roles that approve: read at call time, as the rule table of proposals does."""
    return roles_setting("MUTASI_PENGECUALIAN_PEMBERI")


def boleh_ajukan(user) -> bool:
    return has_role(user, *PENGUBAH)


def boleh_menyetujui(user) -> bool:
    """Whether the user holds an approving role at all (the decision page, the inbox)."""
    return has_role(user, *penyetuju())


def pengaju(obj):
    """Who asked for what waits: the filer of a new row, or who asked to end it."""
    return obj.dibuat_oleh_id if obj.status == StatusKetentuan.DIAJUKAN else obj.diakhiri_oleh_id


def boleh_putuskan(user, obj) -> bool:
    """Whether this user may decide what waits on ``obj`` now (the buttons)."""
    return obj.menunggu_keputusan and boleh_menyetujui(user) and pengaju(obj) != user.pk


def pastikan_pengaju(user, obj=None) -> None:
    if not boleh_ajukan(user):
        refuse(
            user,
            obj,
            "ketentuan",
            _("Hanya Operator BKD atau Admin yang mengajukan ketentuan dan aturan daerah."),
        )


def pastikan_penyetuju(user, obj) -> None:
    """Refuse (403, logged) a decision by a role without the authority or by the person who
    asked; the state (already decided) is the service's message."""
    if not boleh_menyetujui(user):
        refuse(user, obj, "ketentuan", _("Anda tidak berwenang memutuskan ketentuan."))
    if obj.menunggu_keputusan and pengaju(obj) == user.pk:
        refuse(
            user,
            obj,
            "ketentuan",
            _("Ketentuan yang Anda ajukan sendiri harus diputuskan oleh orang lain."),
        )


def menunggu_untuk(user, queryset):
    """The rows of ``queryset`` waiting for this user's decision, as one filter."""
    if not boleh_menyetujui(user):
        return queryset.none()
    return queryset.menunggu().filter(
        (Q(status=StatusKetentuan.DIAJUKAN) & ~Q(dibuat_oleh=user))
        | (Q(status=StatusKetentuan.DISETUJUI) & ~Q(diakhiri_oleh=user))
    )
