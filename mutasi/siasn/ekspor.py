"""Hand-over to the national personnel system (SIASN / I-MUT): every published, signed move
as CSV or XLSX in the layout of docs/ekspor-siasn.md, filtered by the letter's date, each
export recorded with its rows so that nothing is sent twice or forgotten."""

import csv
import datetime
import hashlib
import io
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from openpyxl import Workbook

from mutasi.audit import log, refuse
from mutasi.lib import csv_aman
from mutasi.lib.xlsx import cell_value
from mutasi.models import EksporSiasn, Spmt, StatusSK, SuratKeputusanUsulan
from pegawai.access import Role, has_role

PENGEKSPOR = (Role.OPERATOR_BKD, Role.ADMIN)
# The columns, in order (docs/ekspor-siasn.md says what each holds).
KOLOM = (
    "nip",
    "nama",
    "jenis_mutasi",
    "jabatan_lama",
    "unit_lama",
    "kode_unit_lama",
    "perangkat_daerah_lama",
    "kode_perangkat_daerah_lama",
    "jabatan_baru",
    "unit_baru",
    "kode_unit_baru",
    "perangkat_daerah_baru",
    "kode_perangkat_daerah_baru",
    "nomor_sk",
    "tanggal_sk",
    "tmt_sk",
    "tanggal_spmt",
    "nomor_spmt",
    "mencabut_sk",
    "kode_verifikasi",
    "berkas_sk",
    "sha256_sk",
)
# The longest period one export covers: a year of letters at province scale.
MAKS_HARI = 400


def nama_berkas_sk(nomor: str) -> str:
    """The signed PDF's file name as the app hands it out (``mutasi.sk.views.sk_unduh``)."""
    return "SK-" + re.sub(r"[^0-9A-Za-z.]+", "-", nomor).strip("-") + ".pdf"


def baris(dari: datetime.date, sampai: datetime.date, hanya_baru: bool = True):
    """The rows in force of the signed letters dated ``dari``..``sampai``; with
    ``hanya_baru``, only those in no earlier export."""
    rows = SuratKeputusanUsulan.objects.filter(
        aktif=True,
        sk__status=StatusSK.TERBIT,
        sk__ditandatangani_pada__isnull=False,
        sk__tanggal_terbit__range=(dari, sampai),
    )
    if hanya_baru:
        rows = rows.exclude(
            Exists(EksporSiasn.baris.through.objects.filter(suratkeputusanusulan_id=OuterRef("pk")))
        )
    return rows.order_by("sk__tanggal_terbit", "sk__urut", "urutan", "pk")


def belum_ditandatangani(dari, sampai) -> int:
    """Rows of letters of the period that are published but not yet signed (not exported)."""
    return SuratKeputusanUsulan.objects.filter(
        aktif=True,
        sk__status=StatusSK.TERBIT,
        sk__ditandatangani_pada__isnull=True,
        sk__tanggal_terbit__range=(dari, sampai),
    ).count()


def _nilai(rows) -> list[list[str]]:
    rows = rows.select_related(
        "sk__mencabut",
        "usulan__unit_asal__perangkat_daerah",
        "formasi_tujuan__unit",
        "perangkat_daerah_baru",
    )
    # One SPMT per move; a correction restating a carried-out row keeps it on the row it
    # restates, so it is found by the proposal.
    spmt = {
        s.baris.usulan_id: s
        for s in Spmt.objects.filter(baris__usulan__in=rows.values("usulan")).select_related(
            "baris"
        )
    }
    out = []
    for row in rows:
        sk, usulan = row.sk, row.usulan
        s = spmt.get(row.usulan_id)
        out.append(
            [
                row.nip,
                row.nama,
                row.jenis,
                row.jabatan_lama,
                row.unit_lama,
                # An incoming move's origin has no code of this government.
                usulan.unit_asal.kode if usulan.unit_asal_id else "",
                row.opd_lama,
                usulan.unit_asal.perangkat_daerah.kode if usulan.unit_asal_id else "",
                row.jabatan_baru,
                row.unit_baru,
                row.formasi_tujuan.unit.kode if row.formasi_tujuan_id else "",
                row.opd_baru,
                row.perangkat_daerah_baru.kode if row.perangkat_daerah_baru_id else "",
                sk.nomor,
                sk.tanggal_terbit.isoformat(),
                row.tmt.isoformat(),
                s.tanggal_melapor.isoformat() if s else "",
                s.nomor if s else "",
                sk.mencabut.nomor if sk.mencabut_id else "",
                sk.kode_verifikasi,
                nama_berkas_sk(sk.nomor),
                sk.sha256,
            ]
        )
    return out


def tulis(values, fmt: str) -> bytes:
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = "mutasi"
        sheet.append(list(KOLOM))
        for row in values:
            sheet.append([cell_value(v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    out = io.StringIO()
    writer = csv_aman.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(KOLOM)
    writer.writerows(values)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def baca_csv(data: bytes) -> list[dict]:
    """An export read back (the round trip the tests make; SIASN's importer reads the same)."""
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


@transaction.atomic
def buat(user, dari, sampai, fmt="csv", hanya_baru=True) -> tuple[EksporSiasn, bytes]:
    """Export the period's moves and record the export with its rows."""
    if not has_role(user, *PENGEKSPOR):
        refuse(user, None, "ekspor SIASN", _("Hanya Operator BKD yang mengekspor ke SIASN."))
    if sampai < dari:
        raise ValidationError(_("Tanggal akhir periode sebelum tanggal awalnya."))
    if (sampai - dari).days > MAKS_HARI:
        raise ValidationError(_("Periode paling panjang %(n)s hari.") % {"n": MAKS_HARI})
    if fmt not in ("csv", "xlsx"):
        raise ValidationError(_("Format harus CSV atau XLSX."))
    # Two exports at once must not both take the same new rows: the second waits here.
    rows = list(baris(dari, sampai, hanya_baru).select_for_update(of=("self",)))
    if not rows:
        raise ValidationError(_("Tidak ada baris untuk diekspor pada periode ini."))
    data = tulis(
        _nilai(
            SuratKeputusanUsulan.objects.filter(pk__in=[r.pk for r in rows]).order_by(
                "sk__tanggal_terbit", "sk__urut", "urutan", "pk"
            )
        ),
        fmt,
    )
    record = EksporSiasn.objects.create(
        dari=dari,
        sampai=sampai,
        format=fmt,
        hanya_baru=hanya_baru,
        jumlah=len(rows),
        sha256=hashlib.sha256(data).hexdigest(),
        dibuat_oleh=user,
    )
    record.baris.add(*rows)
    log(
        "mutasi.sk.ekspor_siasn",
        user,
        record,
        dari=dari.isoformat(),
        sampai=sampai.isoformat(),
        format=fmt,
        jumlah=len(rows),
        sha256=record.sha256,
    )
    return record, data
