"""A small world with one object of each kind, and one user per role, for the sweeping tests.

The permission matrix (``test_matriks_izin``) and the bad-input sweep (``test_sapuan_input``)
visit every URL of the app; this builds what their URL arguments point at: agencies A and B,
units, a position and its formasi, employees, proposals in the states the actions need, a
document, a needs analysis, a draft and a published decision letter, a notification, the
subject's implemented earlier move with its evaluations and two trainings (one open, one done
with evidence), and a computed redistribution plan with one move of a candidate "Fajar".
Everything of interest belongs to agency A, so the operator of agency B must get 404 for it.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from evaluasi.choices import StatusPelatihan
from evaluasi.models import Pelatihan
from instansi.models import AnalisisBebanKerja
from mutasi.ketentuan.choices import JenisAturan, KunciKetentuan, Lingkup, StatusKetentuan
from mutasi.models import (
    AturanDaerah,
    KetentuanMutasi,
    LangkahRencana,
    NomorSurat,
    Notifikasi,
    Petikan,
    RencanaRedistribusi,
    Spmt,
    StatusRender,
    StatusSK,
    SuratKeputusan,
    Usulan,
)
from mutasi.models.pencocokan import StatusRencana
from mutasi.pencocokan import rencana as rencana_services
from mutasi.pencocokan import skor
from mutasi.sk import services as sk_services
from mutasi.sk import terbit
from mutasi.usulan import eligibility
from mutasi.usulan.choices import (
    JenisDokumen,
    JenisMutasi,
    KategoriAlasan,
    StatusDokumen,
    StatusUsulan,
)
from pegawai.access import Role
from pegawai.choices import PredikatSkp
from tests.factories import (
    FormasiFactory,
    JabatanFactory,
    PegawaiFactory,
    PerangkatDaerahFactory,
    SkpFactory,
    UnitKerjaFactory,
    UserFactory,
    lengkapi,
    make_move,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# The personas, in the order of the matrix columns: shorthand -> description.
PERAN = {
    "anon": "anonim",
    "asn": "ASN (pegawai yang diusulkan)",
    "opA": "Operator OPD A",
    "kpA": "Kepala OPD A",
    "opB": "Operator OPD B",
    "bkd": "Operator BKD",
    "ver": "Verifikator BKD",
    "tim": "Tim Pertimbangan",
    "pjb": "Pejabat Penetap",
    "adm": "Admin",
}


@dataclass
class Dunia:
    users: dict = field(default_factory=dict)
    # Named sets of URL keyword arguments, the "objek" column of the matrix.
    objek: dict = field(default_factory=dict)
    usulan: dict = field(default_factory=dict)


def _usulan(pegawai, formasi, user, status, **extra):
    """A proposal put straight into ``status``, as tests/test_panel.py does."""
    fields = {
        "pegawai": pegawai,
        "jenis": JenisMutasi.DALAM_OPD,
        "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI,
        "alasan_publik": "Mengisi kekurangan pegawai.",
        "unit_asal": pegawai.unit,
        "jabatan_asal": pegawai.jabatan,
        "formasi_tujuan": formasi,
        "tanggal_rencana": timezone.localdate() + datetime.timedelta(days=60),
        "dibuat_oleh": user,
        "opd_pengusul": pegawai.unit.perangkat_daerah,
    } | extra
    usulan = Usulan.objects.create(**fields)
    lengkapi(usulan)
    Usulan.objects.filter(pk=usulan.pk).update(status=status)
    return Usulan.objects.get(pk=usulan.pk)


def bangun_dunia() -> Dunia:
    """Build the world; call inside a test with database access."""
    opd_a = PerangkatDaerahFactory(nama="Dinas Kesehatan", singkatan="Dinkes")
    opd_b = PerangkatDaerahFactory(nama="Dinas Pendidikan", singkatan="Disdik")
    unit_a = UnitKerjaFactory(perangkat_daerah=opd_a, nama="Bidang Pelayanan", layanan_publik=True)
    unit_a2 = UnitKerjaFactory(perangkat_daerah=opd_a, nama="Bidang Pencegahan")
    UnitKerjaFactory(perangkat_daerah=opd_b, nama="Bidang SMA")
    jabatan = JabatanFactory(nama="Analis Kesehatan")
    formasi_asal = FormasiFactory(unit=unit_a, jabatan=jabatan, kebutuhan=1)
    formasi = FormasiFactory(unit=unit_a2, jabatan=jabatan, kebutuhan=4)

    def pegawai(nama):
        return PegawaiFactory(unit=unit_a, jabatan=jabatan, nama=nama)

    subjek = pegawai("Siti Rahmawati")
    users = {
        "anon": None,
        "asn": UserFactory(username="asn", pegawai=subjek, roles=[Role.ASN]),
        "opA": UserFactory(username="op.a", perangkat_daerah=opd_a, roles=[Role.OPERATOR_OPD]),
        "kpA": UserFactory(username="kp.a", perangkat_daerah=opd_a, roles=[Role.KEPALA_OPD]),
        "opB": UserFactory(username="op.b", perangkat_daerah=opd_b, roles=[Role.OPERATOR_OPD]),
        "bkd": UserFactory(username="op.bkd", roles=[Role.OPERATOR_BKD]),
        "ver": UserFactory(username="ver", roles=[Role.VERIFIKATOR_BKD]),
        "tim": UserFactory(username="tim", roles=[Role.TIM_PERTIMBANGAN]),
        "pjb": UserFactory(username="pjb", roles=[Role.PEJABAT_PENETAP]),
        "adm": UserFactory(username="adm", roles=[Role.ADMIN], is_staff=True, is_superuser=True),
    }
    penyusun = UserFactory(username="penyusun", roles=[Role.OPERATOR_BKD])
    # The subject's earlier move inside agency A (before her open proposal, which allows one
    # open proposal per employee), implemented 100 days ago so that the 3-month evaluation
    # (issue 6) is due; her position date is kept, so the proposals below judge her as before.
    tmt_jabatan = subjek.tmt_jabatan
    pindah = make_move(
        subjek, formasi_asal, timezone.localdate() - datetime.timedelta(days=100), penyusun
    )
    type(subjek).objects.filter(pk=subjek.pk).update(tmt_jabatan=tmt_jabatan)
    subjek.refresh_from_db()
    spmt = Spmt.objects.create(
        baris=pindah.sk_baris.get(),
        tanggal_melapor=timezone.localdate() - datetime.timedelta(days=100),
        kepala_nama="Kepala Dinas Kesehatan",
        diterbitkan_oleh=penyusun,
        dicatat_bkd=True,
    )

    usulan = {
        "konsep": _usulan(pegawai("Andi"), formasi, users["opA"], StatusUsulan.KONSEP),
        "diajukan": _usulan(
            subjek,
            formasi,
            users["opA"],
            StatusUsulan.DIAJUKAN,
            diberitahukan_pada=timezone.now(),
            batas_sikap=timezone.now() + datetime.timedelta(days=7),
        ),
        "terverifikasi": _usulan(
            pegawai("Bayu"), formasi, users["opA"], StatusUsulan.TERVERIFIKASI
        ),
        "dipertimbangkan": _usulan(
            pegawai("Citra"), formasi, users["opA"], StatusUsulan.DIPERTIMBANGKAN
        ),
        "disetujui": _usulan(pegawai("Dedi"), formasi, users["opA"], StatusUsulan.DISETUJUI),
        "terbit": _usulan(pegawai("Eka"), formasi, users["opA"], StatusUsulan.DISETUJUI),
    }
    # Every required document is there (tests.factories.lengkapi); the first is waiting.
    dokumen = usulan["diajukan"].dokumen.get(jenis=JenisDokumen.values[0])
    dokumen.status = StatusDokumen.MENUNGGU
    dokumen.save()

    penandatangan = {
        "penandatangan_nama": "Dr. H. Ahmad Fauzi, M.Si.",
        "penandatangan_jabatan": "Gubernur Asemrowo",
    }
    sk_draf = sk_services.buat_draf(penyusun, [usulan["disetujui"].pk], **penandatangan)
    sk_terbit = sk_services.buat_draf(penyusun, [usulan["terbit"].pk], **penandatangan)
    # Published by hand: numbering and PDF rendering have their own tests (test_sk*).
    tahun = timezone.localdate().year
    NomorSurat.objects.create(seri=sk_terbit.seri, tahun=tahun, terakhir=1)
    SuratKeputusan.objects.filter(pk=sk_terbit.pk).update(
        status=StatusSK.TERBIT,
        nomor=f"800.1.3/1/BKD/{tahun}",
        tanggal_terbit=timezone.localdate(),
        tahun=tahun,
        urut=1,
        diterbitkan_oleh=users["pjb"],
    )
    Usulan.objects.filter(pk=usulan["terbit"].pk).update(status=StatusUsulan.DITETAPKAN)
    sk_terbit.refresh_from_db()
    terbit.salin_baris(sk_terbit)
    sk_terbit.berkas.save("sk.pdf", SimpleUploadedFile("sk.pdf", PDF), save=False)
    SuratKeputusan.objects.filter(pk=sk_terbit.pk).update(
        berkas=sk_terbit.berkas.name,
        render_status=StatusRender.SELESAI,
        ditandatangani_pada=timezone.now(),
        ditandatangani_oleh=users["pjb"],
    )
    # Its employee's extract, made and signed (by hand too: tests/test_sk_tte.py signs).
    petikan = Petikan.objects.create(
        baris=sk_terbit.baris.get(), ditandatangani_pada=timezone.now()
    )
    petikan.berkas.save("petikan.pdf", SimpleUploadedFile("petikan.pdf", PDF))

    analisis = AnalisisBebanKerja.objects.create(
        perangkat_daerah=opd_a, tahun=2026, jam_efektif=1250, pembulatan="ke_atas"
    )
    for user in users.values():
        if user is not None:
            Notifikasi.objects.create(penerima=user, judul="Uji", pesan="Pesan uji")

    # Evaluation (issue 6), the subject's move made above: one training still open, one
    # closed with its evidence.
    hari = timezone.localdate()
    evaluasi = pindah.evaluasi.order_by("bulan").first()
    pelatihan = Pelatihan.objects.create(
        evaluasi=evaluasi,
        topik="Manajemen data kesehatan",
        penyelenggara="BPSDM",
        tenggat=hari + datetime.timedelta(days=90),
        dibuat_oleh=users["kpA"],
    )
    pelatihan_selesai = Pelatihan(
        evaluasi=evaluasi,
        topik="Pelayanan prima",
        penyelenggara="BPSDM",
        tenggat=hari,
        dibuat_oleh=users["kpA"],
        status=StatusPelatihan.SELESAI,
        selesai_pada=hari,
        bukti_nama="sertifikat.pdf",
        bukti_tipe="application/pdf",
    )
    pelatihan_selesai.bukti.save("bukti", SimpleUploadedFile("s.pdf", PDF), save=False)
    pelatihan_selesai.save()

    # Matching (issue 7): an eligible employee of agency A for the vacancy ``formasi``, and a
    # computed plan over agency A with one move, still valid (its data unchanged).
    kandidat = PegawaiFactory(
        unit=unit_a, jabatan=jabatan, nama="Fajar", tmt_jabatan=datetime.date(2019, 1, 1)
    )
    for tahun in eligibility.tahun_skp(hari):
        SkpFactory(pegawai=kandidat, tahun=tahun, predikat=PredikatSkp.BAIK)
    rencana = RencanaRedistribusi.objects.create(
        dibuat_oleh=penyusun,
        maks_keluar=2,
        bobot=skor.bobot_default(),
        status=StatusRencana.SELESAI,
        progres=100,
        sidik=rencana_services.sidik([opd_a.pk]),
        total_skor=70.0,
        ringkasan={"sumber_ids": [kandidat.pk]},
    )
    rencana.perangkat_daerah.set([opd_a])
    LangkahRencana.objects.create(
        rencana=rencana,
        pegawai=kandidat,
        unit_asal=unit_a,
        jabatan_asal=jabatan,
        formasi_tujuan=formasi,
        skor=70.0,
    )

    # A rule setting and a regional rule that change no outcome here: the environment's own
    # value government-wide, and a document for moves from the central government.
    # Both in force: filed by the admin, approved by the official.
    disetujui = {
        "status": StatusKetentuan.DISETUJUI,
        "diputuskan_oleh": users["pjb"],
        "diputuskan_pada": timezone.now(),
    }
    ketentuan = KetentuanMutasi.objects.create(
        kunci=KunciKetentuan.KELAS_NAIK_MAKS,
        nilai=settings.MUTASI_KELAS_NAIK_MAKS,
        berlaku_mulai=timezone.localdate(),
        alasan="Peraturan Gubernur tentang mutasi.",
        dibuat_oleh=users["adm"],
        **disetujui,
    )
    aturan = AturanDaerah.objects.create(
        jenis=JenisAturan.DOKUMEN,
        jenis_dokumen=JenisDokumen.BEBAS_TEMUAN,
        pesan="Lampirkan surat bebas temuan Inspektorat.",
        lingkup=Lingkup.JENIS_MUTASI,
        jenis_mutasi=JenisMutasi.PUSAT_DAERAH,
        berlaku_mulai=timezone.localdate(),
        alasan="Peraturan Gubernur tentang mutasi.",
        dibuat_oleh=users["adm"],
        **disetujui,
    )
    # Filed by the BKD operator, waiting for the official's approval: in force nowhere.
    ketentuan_diajukan = KetentuanMutasi.objects.create(
        kunci=KunciKetentuan.MIN_TAHUN_JABATAN,
        nilai=0,
        berlaku_mulai=timezone.localdate(),
        alasan="Percepatan pengisian jabatan.",
        dibuat_oleh=users["bkd"],
    )
    aturan_diajukan = AturanDaerah.objects.create(
        jenis=JenisAturan.DOKUMEN,
        jenis_dokumen=JenisDokumen.BEBAS_TEMUAN,
        pesan="Lampirkan surat bebas temuan Inspektorat.",
        berlaku_mulai=timezone.localdate(),
        alasan="Peraturan Gubernur tentang mutasi.",
        dibuat_oleh=users["bkd"],
    )

    objek = {
        "-": {},
        "ketentuan": {"pk": ketentuan.pk},
        "aturan": {"pk": aturan.pk},
        "ketentuan-diajukan": {"pk": ketentuan_diajukan.pk},
        "aturan-diajukan": {"pk": aturan_diajukan.pk},
        "opd": {"pk": opd_a.pk},
        "unit": {"pk": unit_a.pk},
        "jabatan": {"pk": jabatan.pk},
        "pegawai": {"pk": subjek.pk},
        "formasi": {"pk": formasi.pk},
        "abk": {"pk": analisis.pk},
        "abk+formasi": {"pk": analisis.pk, "formasi_pk": formasi_asal.pk},
        "dokumen": {"pk": usulan["diajukan"].pk, "dokumen_pk": dokumen.pk},
        "sk-draf": {"pk": sk_draf.pk},
        "sk-terbit": {"pk": sk_terbit.pk},
        "sk-draf+usulan": {"pk": sk_draf.pk, "usulan_pk": usulan["disetujui"].pk},
        "sk-terbit+usulan": {"pk": sk_terbit.pk, "usulan_pk": usulan["terbit"].pk},
        "kode": {"kode": sk_terbit.kode_verifikasi},
        "petikan": {"pk": petikan.pk},
        "spmt": {"pk": spmt.pk},
        "evaluasi": {"pk": evaluasi.pk},
        "pelatihan": {"pk": pelatihan.pk},
        "pelatihan-selesai": {"pk": pelatihan_selesai.pk},
        "rencana": {"pk": rencana.pk},
        "massal-verifikasi": {"aksi": "verifikasi"},
    }
    for state, u in usulan.items():
        objek[f"usulan-{state}"] = {"pk": u.pk}
    return Dunia(users=users, objek=objek, usulan=usulan)
