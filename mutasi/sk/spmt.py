"""SPMT (Surat Pernyataan Melaksanakan Tugas): the receiving agency's head states the day the
employee reported for duty, and the move is carried out on it.

The TMT in the letter is when the move may take effect; the SPMT's date is when it did: the
employee's new post, their position history and the post-mutation evaluations start then
(``mutasi.sk.pelaksanaan.jalankan``). The head issues it in the app once the letter is signed;
BKD records a paper SPMT (or a move out of this government) with "Catat pelaksanaan". A move
past its TMT without an SPMT waits in the head's inbox (``menunggu_spmt``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log, refuse
from mutasi.models import Spmt, StatusSK, SuratKeputusan, SuratKeputusanUsulan, Usulan
from mutasi.notifikasi import notify, users_with_role
from mutasi.sk import pelaksanaan, services
from mutasi.sk.pdf import tanggal_indonesia
from mutasi.usulan.choices import StatusUsulan
from pegawai.access import Role, has_role


def kepala_penerima(user, link) -> bool:
    """Whether ``user`` heads the agency the move of ``link`` enters."""
    return (
        has_role(user, Role.KEPALA_OPD)
        and user.perangkat_daerah_id is not None
        and user.perangkat_daerah_id == link.perangkat_daerah_baru_id
    )


def menunggu_spmt(user, today: datetime.date | None = None):
    """Proposals entering ``user``'s agency whose letter is signed and whose TMT has come,
    with no SPMT yet: what the head must issue (the inbox reminder)."""
    today = today or timezone.localdate()
    if not (has_role(user, Role.KEPALA_OPD) and user.perangkat_daerah_id):
        return Usulan.objects.none()
    due = SuratKeputusanUsulan.objects.filter(
        usulan=OuterRef("pk"),
        aktif=True,
        sk__status=StatusSK.TERBIT,
        sk__ditandatangani_pada__isnull=False,
        tmt__lte=today,
        perangkat_daerah_baru_id=user.perangkat_daerah_id,
    )
    return Usulan.objects.filter(status=StatusUsulan.DITETAPKAN).filter(Exists(due))


@transaction.atomic
def terbitkan(pk, usulan_pk, user, tanggal: datetime.date, nomor: str = "") -> Spmt:
    """The receiving head issues the SPMT of ``usulan_pk`` in letter ``pk``: the employee
    reported on ``tanggal``, which becomes the actual TMT; the move is carried out."""
    sk = SuratKeputusan.objects.select_for_update().get(pk=pk)
    link = sk.baris.filter(usulan_id=usulan_pk, aktif=True).first()
    if link is None:
        raise ValidationError(_("Usulan ini tidak tercantum dalam SK ini."))
    if not kepala_penerima(user, link):
        refuse(
            user,
            sk,
            "terbitkan SPMT",
            _("Hanya kepala perangkat daerah penerima yang menerbitkan SPMT."),
        )
    if not sk.ditandatangani:
        raise ValidationError(
            _("SK ini belum ditandatangani secara elektronik; SPMT diterbitkan sesudahnya.")
        )
    pegawai = getattr(user, "pegawai", None)
    pelaksanaan.jalankan(
        sk,
        usulan_pk,
        user,
        tanggal,
        {
            "nomor": nomor.strip()[:100],
            "kepala_nama": pegawai.nama_lengkap if pegawai else user.get_full_name(),
            "kepala_jabatan": pegawai.jabatan.nama if pegawai and pegawai.jabatan_id else "",
            "kepala_nip": pegawai.nip if pegawai else "",
        },
    )
    spmt = Spmt.objects.select_related("baris__usulan__pegawai").get(baris=link)
    usulan = spmt.baris.usulan
    log(
        "mutasi.usulan.spmt",
        user,
        usulan,
        sk=sk.nomor,
        tanggal=tanggal.isoformat(),
        nomor=spmt.nomor,
        tmt_sk=link.tmt.isoformat(),
    )
    pesan = _("%(p)s mulai melaksanakan tugas pada %(d)s (SPMT %(n)s; TMT menurut SK: %(t)s).") % {
        "p": usulan.pegawai.nama,
        "d": tanggal_indonesia(tanggal),
        "n": spmt.nomor or "-",
        "t": tanggal_indonesia(link.tmt),
    }
    notify(users_with_role(*services.PENYUSUN), _("SPMT diterbitkan"), pesan, usulan)
    account = getattr(usulan.pegawai, "user", None)
    if account is not None:
        notify([account], _("SPMT Anda diterbitkan"), pesan, usulan)
    return spmt


def pdf_spmt(spmt: Spmt) -> bytes:
    """The SPMT as a printable PDF, made when asked for (it is not stored: the record is)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from mutasi.sk import pdf

    row, sk = spmt.baris, spmt.baris.sk
    with translation.override("id"):
        html = render_to_string(
            "sk/spmt.html",
            {
                "spmt": spmt,
                "baris": row,
                "sk": sk,
                "kop": sk.kop or pdf.kop(),
                "tanggal_sk": tanggal_indonesia(sk.tanggal_terbit),
                "tanggal_lapor": tanggal_indonesia(spmt.tanggal_melapor),
                "tanggal_dibuat": tanggal_indonesia(timezone.localtime(spmt.created).date()),
            },
        )
    return pdf.tulis_pdf(html, pdf.css_surat(pdf.FONT_DIR.as_uri() + "/"))


def for_user(user):
    """The SPMTs ``user`` may download: BKD all; an agency those of moves leaving or entering
    it; an employee their own."""
    from mutasi.models import PEMBACA_SK
    from pegawai.access import roles_of

    queryset = Spmt.objects.select_related("baris__sk", "baris__usulan")
    if roles_of(user) & PEMBACA_SK:
        return queryset
    return queryset.filter(baris__usulan__in=Usulan.objects.for_user(user).values("pk"))
