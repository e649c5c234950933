"""Incoming moves (mutasi masuk): BKD files a person of another government or of the centre
into a formasi here, their record taken from the origin's documents. Once filed, the proposal
goes through the same steps as any other (``services``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutasi.audit import log, refuse
from mutasi.laporan import lama
from mutasi.models import Usulan
from mutasi.usulan.choices import JENIS_INTERNAL, STATUS_TERBUKA, ArahMutasi, KategoriAlasan
from pegawai.access import Role, roles_of
from pegawai.models import Pegawai
from pegawai.nip import parse_nip

# What BKD records of a person coming from another government, taken onto their record.
DATA_ASAL_PEGAWAI = (
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "golongan",
    "tingkat_pendidikan",
    "bidang_pendidikan",
)
MASUK_TIDAK_DIUBAH = gettext_lazy(
    "Usulan mutasi masuk tidak diubah di sini; bila data asalnya salah, batalkan usulan ini "
    "lalu catat ulang lewat Mutasi masuk."
)


@transaction.atomic
def buat_usulan_masuk(user, *, nip, tmt_jabatan, **fields) -> Usulan:
    """File an incoming move (mutasi masuk): a person of another government or of the centre
    into a formasi here. This government receives them and issues the decree.

    The person's record is created from the origin's data (or, for someone who once served
    here, their old record is updated) and stays inactive — not a holder, in no list — until
    the move is carried out (``mutasi.sk.pelaksanaan``)."""
    if not roles_of(user) & {Role.OPERATOR_BKD, Role.ADMIN}:
        refuse(user, None, "buat usulan masuk", _("Hanya BKD yang dapat mencatat mutasi masuk."))
    if fields.get("jenis") in JENIS_INTERNAL:
        raise ValidationError(
            _("Mutasi masuk datang dari instansi lain: pilih jenis antarinstansi.")
        )
    if not fields.get("formasi_tujuan"):
        raise ValidationError(_("Pilih formasi tujuan."))
    if not fields.get("asal_instansi", "").strip():
        raise ValidationError(_("Tuliskan instansi asal."))
    parts = parse_nip(nip)
    pegawai = Pegawai.objects.select_for_update().filter(nip=nip).first()
    if pegawai is not None and pegawai.aktif:
        raise ValidationError(
            _(
                "Pegawai dengan NIP %(nip)s sudah bekerja di pemerintah daerah ini; usulkan "
                "mutasinya dengan usulan biasa."
            )
            % {"nip": nip}
        )
    if pegawai is None:
        formasi = fields["formasi_tujuan"]
        pegawai = Pegawai(nip=nip, unit=formasi.unit, jabatan=formasi.jabatan, aktif=False)
    baru = pegawai.pk is None
    for name in DATA_ASAL_PEGAWAI:
        if name in fields:
            setattr(pegawai, name, fields.pop(name))
    pegawai.tanggal_lahir, pegawai.jenis_kelamin = parts.tanggal_lahir, parts.jenis_kelamin
    pegawai.tmt_jabatan = tmt_jabatan
    pegawai.full_clean(exclude=["unit", "jabatan"])
    pegawai.save()
    if Usulan.objects.filter(pegawai=pegawai, status__in=STATUS_TERBUKA).exists():
        raise ValidationError(_("Pegawai ini sudah memiliki usulan mutasi yang terbuka."))
    fields["permintaan_sendiri"] = (
        fields.get("permintaan_sendiri", False)
        or fields.get("alasan") == KategoriAlasan.PERMINTAAN_SENDIRI
    )
    usulan = Usulan(pegawai=pegawai, arah=ArahMutasi.MASUK, dibuat_oleh=user, **fields)
    usulan.save()
    lama.mulai(usulan)
    log("mutasi.usulan.masuk_dibuat", user, usulan, ke=usulan.status, pegawai_baru=baru)
    return usulan
