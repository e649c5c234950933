"""Moves across governments in the demo (issue 20, docs/domain.md §4), told through the
services with the clock set to each step's moment:

- a nurse of a regency hospital comes into Dinas Kesehatan (between a province and its
  regencies: the Gubernur decides after the Kantor Regional BKN's Pertek, requested and
  granted), approved, put in a letter of her own, published and signed, and taken up on the
  SPMT ``kepala.dinkes`` signs: her record, made inactive from the origin's data, becomes
  active in the new post;
- a health worker of a central ministry waits, as a draft, for the Kepala BKN's Pertek BKD
  asked for (``operator.bkd``'s inbox shows the draft; the proposal page the request);
- one of this government's employees leaves for another province: this government releases
  him (its approval is the persetujuan melepas), the receiving PPK issues the decree, which
  BKD records (``catat_sk_luar``): he is no longer active here.

The step runs once: a database with any incoming move is left alone.
"""

import datetime

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from instansi.choices import JenisJabatan
from mutasi.demo import people
from mutasi.demo.context import Context
from mutasi.demo.letters import PENANDATANGAN
from mutasi.demo.pdf import pdf
from mutasi.demo.workload import demo_users
from mutasi.models import SuratKeputusan, Usulan
from mutasi.sk import pelaksanaan, spmt, tanda_tangan, terbit, ttd
from mutasi.sk import services as sk_services
from mutasi.usulan import eligibility, kursi, masuk, services
from mutasi.usulan.choices import (
    ArahMutasi,
    HasilPertek,
    JenisDokumen,
    JenisInstansiAsal,
    JenisMutasi,
    KategoriAlasan,
    Rekomendasi,
    StatusDokumen,
)
from pegawai.choices import Golongan, JenisAsn, TingkatPendidikan
from pegawai.models import Pegawai

# Who comes in, as the origin's documents describe them.
PERAWAT = {
    "nip": "199203142015032004",
    "nama": "Siti Rahmawati",
    "gelar_belakang": "S.Kep., Ns.",
    "asal_instansi": "Pemerintah Kabupaten Sidoluhur",
    "asal_jenis_instansi": JenisInstansiAsal.KABKOTA,
    "asal_unit": "RSUD dr. Soedarsono Kabupaten Sidoluhur",
    "jenis": JenisMutasi.PROVINSI_KABKOTA,
    "alasan_publik": "Mengisi kekurangan tenaga kesehatan di puskesmas provinsi.",
}
MENUNGGU = {
    "nip": "198907222014021003",
    "nama": "Agus Setiawan",
    "gelar_belakang": "S.Kep., Ns.",
    "asal_instansi": "Kementerian Kesehatan",
    "asal_jenis_instansi": JenisInstansiAsal.PUSAT,
    "asal_unit": "RSUP dr. Tadjuddin Chalid Makassar",
    "jenis": JenisMutasi.PUSAT_DAERAH,
    "alasan_publik": "Memperkuat tenaga kesehatan Dinas Kesehatan dari instansi pusat.",
}
# The people of other governments the demo adds (the generated staff are all PNS here).
DATANG = (PERAWAT, MENUNGGU)
TUJUAN_KELUAR = "Pemerintah Provinsi Jawa Tengah"
# The letters this step publishes: the incoming nurse's own.
SURAT = 1
# Days before the reference day each story starts.
MULAI = {"perawat": 45, "menunggu": 20, "keluar": 40}


def build_lintas_instansi(ctx: Context) -> None:
    lintas = Usulan.objects.filter(arah=ArahMutasi.MASUK) | Usulan.objects.exclude(sk_luar_nomor="")
    if lintas.filter(arah=ArahMutasi.MASUK).exists():
        ctx.report("Mutasi masuk/keluar", lintas.count(), 0)
        return
    users = demo_users()
    needed = ("operator.bkd", "verifikator.bkd", "tim.pertimbangan", "pejabat.penetap")
    if not all(name in users for name in needed):
        return
    story = _Cerita(ctx.reference, users)
    targets = _formasi_masuk(2)
    made = 0
    if targets:
        story.perawat(targets[0])
        made += 1
    if len(targets) > 1:
        story.menunggu(targets[1])
        made += 1
    pegawai = _pegawai_keluar(ctx.reference - datetime.timedelta(days=MULAI["keluar"]))
    if pegawai is not None:
        story.keluar(pegawai)
        made += 1
    ctx.report("Mutasi masuk/keluar", made, made)


def _formasi_masuk(n: int) -> list:
    """Dinas Kesehatan's functional formasi with a free seat, nurses first, in a puskesmas
    first."""
    found = (
        kursi.dengan_kursi()
        .filter(
            unit__perangkat_daerah__kode=people.DINKES,
            jabatan__jenis=JenisJabatan.FUNGSIONAL,
            kursi__gte=1,
        )
        .select_related("unit", "jabatan")
        .order_by("pk")
    )
    found = sorted(
        found,
        key=lambda f: (not f.jabatan.nama.startswith("Perawat"), "Puskesmas" not in f.unit.nama),
    )
    return found[:n]


def _pegawai_keluar(day: datetime.date):
    """An employee of this government with no proposal and no account who passes every
    blocking rule of a release to another province, on the day it is filed and today."""
    candidates = (
        Pegawai.objects.filter(aktif=True, jenis_asn=JenisAsn.PNS, usulan__isnull=True)
        .filter(user__isnull=True, unit__isnull=False)
        .exclude(jabatan__jenis=JenisJabatan.STRUKTURAL)
        .select_related("unit", "jabatan")
        .order_by("pk")
    )
    for pegawai in candidates[:200]:
        usulan = Usulan(
            pegawai=pegawai,
            unit_asal=pegawai.unit,
            jabatan_asal=pegawai.jabatan,
            jenis=JenisMutasi.ANTAR_PROVINSI,
            arah=ArahMutasi.KELUAR,
            permintaan_sendiri=True,
            tanggal_rencana=day + datetime.timedelta(days=60),
        )
        if all(_lulus(usulan, on) for on in (day, timezone.localdate())):
            return pegawai
    return None


def _lulus(usulan, on) -> bool:
    blocking = eligibility.menghalangi(eligibility.periksa(usulan, on))
    return all(s.kode == "dokumen" for s in blocking)


class _Cerita:
    def __init__(self, reference, users):
        self.reference = reference
        self.users = users
        self.operator = users["operator.bkd"]
        self.verifikator = users["verifikator.bkd"]
        self.tim = users["tim.pertimbangan"]
        self.pejabat = users["pejabat.penetap"]

    def at(self, days_before: int, hour: int = 9):
        day = self.reference - datetime.timedelta(days=days_before)
        return time_machine.travel(self.moment(day, hour), tick=False)

    @staticmethod
    def moment(day, hour=9):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    def berkas(self, usulan, tanpa=()):
        for kind in usulan.dokumen_wajib:
            if kind in tanpa:
                continue
            body = pdf(
                [
                    str(JenisDokumen(kind).label),
                    "",
                    f"Nama: {usulan.pegawai.nama_lengkap}",
                    f"NIP: {usulan.pegawai.nip}",
                    f"Nomor usulan: {usulan.kode}",
                    "",
                    "Dokumen contoh data demo Mutasi ASN, Pemerintah Provinsi Asemrowo.",
                ]
            )
            upload = SimpleUploadedFile(f"{kind}_{usulan.pegawai.nip}.pdf", body, "application/pdf")
            services.unggah_dokumen(usulan.pk, self.operator, kind, upload)

    def periksa_semua(self, usulan):
        for dokumen in usulan.dokumen.all():
            services.periksa_dokumen(dokumen.pk, self.verifikator, StatusDokumen.DITERIMA)

    def ajukan_masuk(self, data, formasi, start):
        jabatan = formasi.jabatan
        day = self.reference - datetime.timedelta(days=start)
        with self.at(start):
            return masuk.buat_usulan_masuk(
                self.operator,
                tmt_jabatan=day.replace(day=1) - datetime.timedelta(days=3 * 365),
                golongan=max(jabatan.golongan_minimal or 0, Golongan.III_A),
                tingkat_pendidikan=max(jabatan.pendidikan_minimal or 0, TingkatPendidikan.S1),
                bidang_pendidikan=jabatan.bidang_pendidikan.order_by("pk").first(),
                asal_jabatan=jabatan.nama,
                formasi_tujuan=formasi,
                alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
                catatan_internal=(
                    f"Atas surat usulan Kepala {formasi.unit.nama} dan persetujuan melepas "
                    f"PPK {data['asal_instansi']}."
                ),
                tanggal_rencana=day + datetime.timedelta(days=60),
                **data,
            )

    def perawat(self, formasi):
        """Filed, verified, the Pertek asked for and granted, approved, decreed, taken up."""
        start = MULAI["perawat"]
        usulan = self.ajukan_masuk(PERAWAT, formasi, start)
        with self.at(start - 1):
            self.berkas(usulan)
            services.ajukan(usulan.pk, self.operator)
        with self.at(start - 4):
            self.periksa_semua(usulan)
            services.verifikasi(usulan.pk, self.verifikator, "Dokumen dari instansi asal lengkap.")
        with self.at(start - 5):
            services.catat_pertek(
                usulan.pk,
                self.operator,
                pertek_permohonan_nomor=f"800.1.3/{412 + usulan.pk}/BKD",
                pertek_permohonan_tanggal=timezone.localdate(),
            )
        with self.at(start - 8):
            services.nilai(usulan.pk, self.tim, 4, "Kompetensi keperawatan sesuai kebutuhan.")
            services.rekomendasikan(
                usulan.pk, self.tim, Rekomendasi.SETUJUI, "Puskesmas tujuan kekurangan perawat."
            )
        with self.at(12):
            today = timezone.localdate()
            services.catat_pertek(
                usulan.pk,
                self.operator,
                pertek_nomor=f"PT-{2300 + usulan.pk}/KR.XI/{today.year}",
                pertek_tanggal=today - datetime.timedelta(days=2),
                pertek_hasil=HasilPertek.DISETUJUI,
                berkas=SimpleUploadedFile(
                    f"pertek_{usulan.pegawai.nip}.pdf",
                    pdf(
                        [
                            "Pertimbangan Teknis Kepala Kantor Regional BKN",
                            "",
                            f"Nama: {usulan.pegawai.nama_lengkap}",
                            f"NIP: {usulan.pegawai.nip}",
                            "Hasil: disetujui",
                            "",
                            "Dokumen contoh data demo Mutasi ASN, Pemerintah Provinsi Asemrowo.",
                        ]
                    ),
                    "application/pdf",
                ),
            )
        with self.at(10):
            services.setujui(usulan.pk, self.pejabat, "Diterima sesuai pertimbangan teknis BKN.")
        self.terbitkan(usulan)

    def terbitkan(self, usulan):
        """Its own letter, after every letter of the register (numbers follow the dates),
        on the reference day at the latest; its TMT the day it is published."""
        tz = timezone.get_current_timezone()
        last = SuratKeputusan.objects.exclude(diterbitkan_pada__isnull=True).order_by(
            "-diterbitkan_pada"
        )
        latest = last.values_list("diterbitkan_pada", flat=True).first()
        moment = self.moment(self.reference - datetime.timedelta(days=7), 7)
        if latest is not None:
            moment = max(moment, latest + datetime.timedelta(minutes=10))
        moment = min(moment, datetime.datetime.combine(self.reference, datetime.time(8), tz))
        tmt = timezone.localtime(moment).date()
        with time_machine.travel(moment - datetime.timedelta(minutes=5), tick=False):
            draft = sk_services.buat_draf(
                self.operator,
                [usulan.pk],
                judul="Pengangkatan dalam Jabatan karena Pindah dari Instansi Lain",
                **PENANDATANGAN,
            )
            sk_services.ubah_baris(draft.pk, self.operator, usulan.pk, tmt=tmt)
            sk_services.ajukan(draft.pk, self.operator)
        with time_machine.travel(moment, tick=False):
            letter = terbit.terbitkan(draft.pk, self.pejabat)
        with time_machine.travel(moment + datetime.timedelta(minutes=2), tick=False):
            sk_services.buat_pdf(letter.pk)
            ttd.tandatangani(letter.pk, self.pejabat, passphrase=tanda_tangan.DEMO_SANDI)
        kepala = self.users.get("kepala.dinkes")
        with time_machine.travel(moment + datetime.timedelta(minutes=30), tick=False):
            if kepala is not None:
                spmt.terbitkan(
                    letter.pk, usulan.pk, kepala, tmt, passphrase=tanda_tangan.DEMO_SANDI
                )
            else:
                pelaksanaan.laksanakan(letter.pk, usulan.pk, self.operator, tmt)

    def menunggu(self, formasi):
        """Filed and verified; the Pertek BKD asked BKN for has not come: the panel may weigh
        it, approval waits for it."""
        start = MULAI["menunggu"]
        usulan = self.ajukan_masuk(MENUNGGU, formasi, start)
        with self.at(start - 2):
            self.berkas(usulan)
            services.ajukan(usulan.pk, self.operator)
        with self.at(start - 4):
            self.periksa_semua(usulan)
            services.verifikasi(usulan.pk, self.verifikator, "Dokumen dari instansi asal lengkap.")
        with self.at(start - 6):
            services.catat_pertek(
                usulan.pk,
                self.operator,
                pertek_permohonan_nomor=f"800.1.3/{412 + usulan.pk}/BKD",
                pertek_permohonan_tanggal=timezone.localdate(),
            )

    def keluar(self, pegawai):
        """Released here (persetujuan melepas), decreed by the receiving province."""
        start = MULAI["keluar"]
        with self.at(start):
            usulan = services.buat_usulan(
                self.operator,
                pegawai,
                jenis=JenisMutasi.ANTAR_PROVINSI,
                alasan=KategoriAlasan.ALASAN_KELUARGA,
                alasan_publik="Mengikuti suami/istri yang bertugas di provinsi lain.",
                catatan_internal="Permohonan pegawai; BKD Provinsi Jawa Tengah bersedia menerima.",
                tujuan_luar=TUJUAN_KELUAR,
                permintaan_sendiri=True,
                tanggal_rencana=self.reference - datetime.timedelta(days=5),
            )
        with self.at(start - 1):
            self.berkas(usulan)
            services.ajukan(usulan.pk, self.operator)
        with self.at(start - 4):
            self.periksa_semua(usulan)
            services.verifikasi(usulan.pk, self.verifikator, "Dokumen lengkap.")
        with self.at(start - 7):
            services.nilai(usulan.pk, self.tim, 3, "Unit asal masih tercukupi.")
            services.rekomendasikan(
                usulan.pk, self.tim, Rekomendasi.SETUJUI, "Dapat dilepas; alasan keluarga."
            )
        with self.at(start - 10):
            services.setujui(usulan.pk, self.pejabat, "Disetujui untuk dilepas.")
        with self.at(3):
            today = timezone.localdate()
            pelaksanaan.catat_sk_luar(
                usulan.pk,
                self.operator,
                f"800.1.6.4/{1700 + usulan.pk}/BKD.JATENG/{today.year}",
                today - datetime.timedelta(days=6),
                today,
            )
