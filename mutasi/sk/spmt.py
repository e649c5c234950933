"""SPMT (Surat Pernyataan Melaksanakan Tugas): the receiving agency's head states the day the
employee reported for duty, and the move is carried out on it.

The TMT in the letter is when the move may take effect; the SPMT's date is when it did: the
employee's new post, their position history and the post-mutation evaluations start then
(``mutasi.sk.pelaksanaan.jalankan``). The head issues it in the app once the letter is signed,
and signs it there electronically with their passphrase, as the official signs the letter
(``mutasi.sk.tanda_tangan.penanda_spmt``; the passphrase goes to the signer only); the signed
PDF is kept. BKD records a paper SPMT (or a move out of this government) with "Catat
pelaksanaan". A move past its TMT without an SPMT waits in the head's inbox (``menunggu_spmt``).
"""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log, refuse
from mutasi.models import Spmt, StatusSK, SuratKeputusan, SuratKeputusanUsulan, Usulan
from mutasi.notifikasi import notify, users_with_role
from mutasi.sk import pelaksanaan, periksa_tte, services, tanda_tangan
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


def terbitkan(
    pk, usulan_pk, user, tanggal: datetime.date, nomor: str = "", *, passphrase="", nik=""
) -> Spmt:
    """The receiving head issues the SPMT of ``usulan_pk`` in letter ``pk``: the employee
    reported on ``tanggal``, which becomes the actual TMT; the move is carried out, and the
    SPMT signed with the head's passphrase (and NIK). All or nothing: a refused signature
    changes nothing and is logged, without the passphrase."""
    try:
        return _terbitkan(pk, usulan_pk, user, tanggal, nomor, passphrase, nik)
    except tanda_tangan.GagalTandaTangan as error:
        usulan = Usulan.objects.get(pk=usulan_pk)
        log(
            "mutasi.usulan.spmt_ttd_gagal",
            user,
            usulan,
            jenis=settings.SK_TTE,
            pesan=str(error)[:300],
        )
        raise ValidationError(str(error)) from None


@transaction.atomic
def _terbitkan(pk, usulan_pk, user, tanggal, nomor, passphrase, nik) -> Spmt:
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
    spmt = Spmt.objects.select_related("baris__usulan__pegawai", "baris__sk").get(baris=link)
    usulan = spmt.baris.usulan
    penanda = tanda_tangan.penanda_spmt(spmt.kepala_nama)
    if penanda is not None:
        _tandatangani(spmt, penanda, passphrase, nik)
    log(
        "mutasi.usulan.spmt",
        user,
        usulan,
        sk=sk.nomor,
        tanggal=tanggal.isoformat(),
        nomor=spmt.nomor,
        tmt_sk=link.tmt.isoformat(),
        tte=spmt.tte,
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


def _tandatangani(spmt: Spmt, penanda, passphrase: str, nik: str) -> None:
    """Sign the SPMT's PDF as its head and keep it, with what the signature says."""
    data = pdf_spmt(spmt, tte=True)
    signed = penanda.tandatangani(
        [data],
        passphrase=passphrase,
        nik=nik,
        alasan=_("Surat Pernyataan Melaksanakan Tugas %(p)s") % {"p": spmt.baris.nama},
        lokasi=(spmt.baris.sk.kop or {}).get("kota", ""),
    )[0]
    hasil = periksa_tte.periksa(signed)
    if not (hasil.ada and hasil.utuh):
        raise tanda_tangan.GagalTandaTangan(
            _("Berkas yang kembali dari layanan TTE tidak memuat tanda tangan yang utuh.")
        )
    spmt.berkas.save("spmt.pdf", ContentFile(signed), save=False)
    spmt.sha256 = hashlib.sha256(signed).hexdigest()
    spmt.ditandatangani_pada = timezone.now()
    spmt.tte = {"jenis": penanda.jenis, **hasil.ringkas()}
    spmt.save(update_fields=["berkas", "sha256", "ditandatangani_pada", "tte", "updated"])


def pdf_spmt(spmt: Spmt, *, tte: bool = False) -> bytes:
    """The SPMT as a printable PDF: the signed one kept (``spmt.berkas``), else made when asked
    for (a paper SPMT recorded by BKD: the record is kept, not a file). ``tte``: made to be
    signed electronically, and saying so."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from mutasi.sk import pdf

    if spmt.berkas and not tte:
        with spmt.berkas.open("rb") as f:
            return f.read()
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
                "tte": tte,
                "tte_demo": tte and settings.SK_TTE == "demo",
            },
        )
    catatan = tanda_tangan.catatan_tte() if tte else ""
    return pdf.tulis_pdf(html, pdf.css_surat(pdf.FONT_DIR.as_uri() + "/", catatan))


def for_user(user):
    """The SPMTs ``user`` may download: BKD all; an agency those of moves leaving or entering
    it; an employee their own."""
    from mutasi.models import PEMBACA_SK
    from pegawai.access import roles_of

    queryset = Spmt.objects.select_related("baris__sk", "baris__usulan")
    if roles_of(user) & PEMBACA_SK:
        return queryset
    return queryset.filter(baris__usulan__in=Usulan.objects.for_user(user).values("pk"))
