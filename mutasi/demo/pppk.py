"""PPPK staff in the demo (docs/domain.md §3): a health worker and two teachers on work
contracts, and one move of the health worker within her agency, told through the services up
to the official's approval. Added once, beside the generated PNS staff."""

import datetime

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from instansi.choices import JenisJabatan
from instansi.models import Jabatan, UnitKerja
from mutasi.demo import people
from mutasi.demo.accounts import DISDIK
from mutasi.demo.context import Context
from mutasi.demo.pdf import pdf
from mutasi.demo.workload import demo_users
from mutasi.usulan import kursi, services
from mutasi.usulan.choices import JenisDokumen, JenisMutasi, KategoriAlasan, StatusDokumen
from pegawai import nip
from pegawai.choices import GolonganPppk, JenisAsn, PredikatSkp, TingkatPendidikan
from pegawai.models import Pegawai, RiwayatJabatan, Skp

# (name, gender, birth date, agency, functional family, PPPK grade)
STAF = [
    ("Rina Kartika, A.Md.Kep.", "2", datetime.date(1994, 5, 17), people.DINKES, "Perawat", 7),
    ("Yusuf Maulana, S.Pd.", "1", datetime.date(1991, 9, 3), DISDIK, "Guru", 9),
    ("Dewi Anggraini, S.Pd.", "2", datetime.date(1993, 2, 11), DISDIK, "Guru", 9),
]
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
    other = UnitKerja.objects.filter(perangkat_daerah__kode=opd_kode, parent__isnull=False)
    if target is None:
        formasi = _formasi(opd_kode, family).last()
        if formasi is not None:
            return formasi.unit, formasi.jabatan
        # A small demo may have no such formasi yet: the family's first post, in a unit.
        jabatan = (
            Jabatan.objects.filter(nama__startswith=family, jenis=JenisJabatan.FUNGSIONAL)
            .order_by("kelas", "pk")
            .first()
        )
        unit = other.order_by("pk").first()
        return (unit, jabatan) if unit and jabatan else None
    holder = other.filter(formasi__jabatan=target.jabatan).exclude(pk=target.unit_id).first()
    unit = holder or other.exclude(pk=target.unit_id).order_by("pk").first()
    return (unit, target.jabatan) if unit else None


def _nip(lahir: datetime.date, tahun: int, jk: str, urut: int) -> str:
    return f"{lahir:%Y%m%d}{tahun}21{jk}{urut:03d}"


def build_pppk(ctx: Context) -> None:
    """The PPPK staff and their story, once (skipped when any PPPK is in the database)."""
    pppk = Pegawai.objects.filter(jenis_asn=JenisAsn.PPPK)
    if pppk.exists():
        ctx.report("PPPK", pppk.count(), 0)
        return
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
            nip=_nip(lahir, tahun, jk, urut),
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
    ctx.report("PPPK", len(made), len(made))
    users = demo_users()
    needed = ("operator.bkd", "verifikator.bkd", "tim.pertimbangan", "pejabat.penetap")
    if target is None or not made or made[0].jabatan_id != target.jabatan_id:
        return
    if all(name in users for name in needed):
        _pindah_dalam_opd(made[0], target, users, reference)


def _berkas(usulan, jenis: str) -> SimpleUploadedFile:
    body = pdf(
        [
            str(JenisDokumen(jenis).label),
            "",
            f"Nama: {usulan.pegawai.nama_lengkap}",
            f"NI PPPK: {usulan.pegawai.nip}",
            f"Nomor usulan: {usulan.kode}",
            "",
            "Dokumen contoh data demo Mutasi ASN, Pemerintah Provinsi Asemrowo.",
        ]
    )
    return SimpleUploadedFile(f"{jenis}_{usulan.pegawai.nip}.pdf", body, "application/pdf")


def _pindah_dalam_opd(perawat, target, users, reference) -> None:
    """The nurse moves to the puskesmas short of nurses, in her own agency (a PPPK moves
    only within the agency of her contract): filed, verified, recommended and approved."""
    hari = [
        timezone.make_aware(
            datetime.datetime.combine(reference - datetime.timedelta(days=n), datetime.time(9))
        )
        for n in (21, 20, 14, 13, 8, 7, 3)
    ]
    operator, verifikator = users["operator.bkd"], users["verifikator.bkd"]
    with time_machine.travel(hari[0], tick=False):
        usulan = services.buat_usulan(
            operator,
            perawat,
            jenis=JenisMutasi.DALAM_OPD,
            alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
            alasan_publik="Menambah tenaga perawat di unit yang kekurangan perawat.",
            formasi_tujuan=target,
            tanggal_rencana=reference + datetime.timedelta(days=30),
        )
    with time_machine.travel(hari[1], tick=False):
        for jenis in usulan.dokumen_wajib:
            services.unggah_dokumen(usulan.pk, operator, jenis, _berkas(usulan, jenis))
        services.ajukan(usulan.pk, operator)
    with time_machine.travel(hari[2], tick=False):
        for dokumen in usulan.dokumen.all():
            services.periksa_dokumen(dokumen.pk, verifikator, StatusDokumen.DITERIMA)
    with time_machine.travel(hari[3], tick=False):
        services.verifikasi(usulan.pk, verifikator, "Dokumen lengkap; syarat PPPK terpenuhi.")
    with time_machine.travel(hari[4], tick=False):
        services.nilai(usulan.pk, users["tim.pertimbangan"], 4, "Pengalaman perawat sesuai.")
    with time_machine.travel(hari[5], tick=False):
        services.rekomendasikan(
            usulan.pk, users["tim.pertimbangan"], "setujui", "Dalam perangkat daerah yang sama."
        )
    with time_machine.travel(hari[6], tick=False):
        services.setujui(usulan.pk, users["pejabat.penetap"], "Sesuai rekomendasi.")
