"""PPPK staff in the demo (docs/domain.md §3): a health worker and two teachers on work
contracts (data/pegawai.toml), and one move of the health worker within her agency, told like
the other stories (``proposals.ceritakan``) up to the official's approval."""

import datetime

from instansi.choices import JenisJabatan
from instansi.models import UnitKerja
from mutasi.demo import people, proposals
from mutasi.demo.accounts import demo_users
from mutasi.demo.context import Context
from mutasi.demo.planning import Rencana
from mutasi.usulan import kursi
from mutasi.usulan.choices import JenisMutasi, Rekomendasi
from mutasi.usulan.choices import StatusUsulan as S
from pegawai import nip
from pegawai.choices import GolonganPppk, JenisAsn, PredikatSkp, TingkatPendidikan
from pegawai.models import Pegawai, RiwayatJabatan, Skp

# (name, gender, birth date, agency, functional family, PPPK grade)
STAF = people.DATA["pppk"]
# The last teacher's contract ends within MUTASI_BULAN_KONTRAK_PPPK months.
AKHIR_KONTRAK_DEKAT_HARI = 120


def _formasi(opd_kode: str, family: str):
    """The agency's formasi of a functional family, those with the most free seats first."""
    return (
        kursi.dengan_kursi()
        .filter(
            unit__perangkat_daerah__kode=opd_kode,
            jabatan__nama__startswith=family,
            jabatan__jenis__in=[JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA],
        )
        .select_related("unit", "jabatan")
        .order_by("-kursi", "pk")
    )


def _post(opd_kode: str, family: str, target):
    """Where a PPPK works: for the nurse, the move's post in another unit of the agency;
    for a teacher, the family's fullest formasi (no vacancy of another story taken)."""
    if target is None:
        formasi = _formasi(opd_kode, family).last()
        return formasi and (formasi.unit, formasi.jabatan)
    other = UnitKerja.objects.filter(perangkat_daerah__kode=opd_kode, parent__isnull=False)
    holder = other.filter(formasi__jabatan=target.jabatan).exclude(pk=target.unit_id).first()
    unit = holder or other.exclude(pk=target.unit_id).order_by("pk").first()
    return (unit, target.jabatan) if unit else None


def build_pppk(ctx: Context) -> None:
    """The PPPK staff and their story."""
    reference = ctx.reference
    tahun = max(reference.year - 3, nip.TAHUN_PPPK_PERTAMA)
    mulai = datetime.date(tahun, 3, 1)
    target = _formasi(people.DINKES, "Perawat").filter(kursi__gte=1).first()
    made = []
    for urut, (nama, jk, lahir, opd, family, golongan) in enumerate(STAF, start=1):
        post = _post(opd, family, target if family == "Perawat" else None)
        if post is None:
            continue
        unit, jabatan = post
        selesai = datetime.date(tahun + 5, 2, 28)
        if urut == len(STAF):
            selesai = reference + datetime.timedelta(days=AKHIR_KONTRAK_DEKAT_HARI)
        nama_pokok, _koma, gelar = nama.partition(", ")
        pegawai = Pegawai(
            jenis_asn=JenisAsn.PPPK,
            nip=f"{lahir:%Y%m%d}{tahun}21{jk}{urut:03d}",
            nama=nama_pokok,
            gelar_belakang=gelar,
            jenis_kelamin=jk,
            tanggal_lahir=lahir,
            golongan_pppk=GolonganPppk(golongan),
            nomor_perjanjian_kerja=f"800/PK-{urut:03d}/BKD/{tahun}",
            perjanjian_kerja_mulai=mulai,
            perjanjian_kerja_selesai=selesai,
            unit=unit,
            jabatan=jabatan,
            tmt_jabatan=mulai,
            tingkat_pendidikan=max(jabatan.pendidikan_minimal or 0, TingkatPendidikan.S1),
            bidang_pendidikan=jabatan.bidang_pendidikan.order_by("pk").first(),
        )
        pegawai.full_clean(exclude=["kompetensi"])
        pegawai.save()
        RiwayatJabatan.objects.create(
            pegawai=pegawai,
            jabatan=jabatan,
            unit=unit,
            mulai=mulai,
            nomor_sk=pegawai.nomor_perjanjian_kerja,
        )
        for year in range(tahun, reference.year):
            Skp.objects.create(pegawai=pegawai, tahun=year, predikat=PredikatSkp.BAIK)
        made.append(pegawai)
    if target is not None and made and made[0].jabatan_id == target.jabatan_id:
        # The nurse moves to the puskesmas short of nurses, in her own agency (a PPPK moves
        # only within the agency of her contract), up to the official's approval.
        r = Rencana(
            made[0],
            S.DISETUJUI,
            jenis=JenisMutasi.DALAM_OPD,
            formasi=target,
            rekomendasi=Rekomendasi.SETUJUI,
        )
        proposals.ceritakan([r], demo_users(), lambda r, rng: 3)
