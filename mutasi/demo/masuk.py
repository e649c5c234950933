"""Moves across governments in the demo (issue 20, docs/domain.md §4), told through the
services on their days: a regency nurse comes into Dinas Kesehatan after the Kantor Regional
BKN's Pertek, in a letter of her own, taken up on the SPMT ``kepala.dinkes`` signs (her record,
inactive from the origin's data, becomes active); a ministry's nurse waits, verified, for the
Pertek BKD asked for; an employee released to another province is decreed there, which BKD
records (``catat_sk_luar``), and is no longer active here.
"""

import datetime

import time_machine
from django.utils import timezone

from instansi.choices import JenisJabatan
from mutasi.demo import letters, people
from mutasi.demo.accounts import demo_users
from mutasi.demo.catalogue import KATA
from mutasi.demo.context import Context, pukul
from mutasi.demo.pdf import berkas, dokumen
from mutasi.models import Usulan
from mutasi.sk import pelaksanaan
from mutasi.usulan import kursi, masuk, services
from mutasi.usulan.choices import HasilPertek, KategoriAlasan, Rekomendasi
from mutasi.usulan.choices import StatusUsulan as S
from pegawai.choices import Golongan, TingkatPendidikan

# The people of other governments who come in (data/pegawai.toml).
DATANG = people.DATA["datang"]
PERAWAT, MENUNGGU = DATANG
# Of the releases the proposals step tells (data/kata.toml), the last is decreed here since.
TUJUAN_KELUAR = KATA["keluar"][-1]["tujuan_luar"]
SURAT = 1  # the letters this step publishes: the incoming nurse's own


class Cerita:
    """The demo accounts' steps on one proposal, each at nine on its day."""

    def __init__(self, reference, users):
        self.reference, self.users = reference, users
        self.operator, self.verifikator = users["operator.bkd"], users["verifikator.bkd"]
        self.tim, self.pejabat = users["tim.pertimbangan"], users["pejabat.penetap"]

    def at(self, days_before: int):
        day = self.reference - datetime.timedelta(days=days_before)
        return time_machine.travel(pukul(day), tick=False)

    def minta_pertek(self, usulan):
        nomor = f"800.1.3/{412 + usulan.pk}/BKD"
        services.catat_pertek(
            usulan.pk,
            self.operator,
            pertek_permohonan_nomor=nomor,
            pertek_permohonan_tanggal=timezone.localdate(),
        )

    def datang(self, data, formasi, start):
        """Filed ``start`` days back and submitted a day later, with the origin's documents."""
        jabatan = formasi.jabatan
        day = self.reference - datetime.timedelta(days=start)
        with self.at(start):
            usulan = masuk.buat_usulan_masuk(
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
        with self.at(start - 1):  # every document it requires uploaded, then submitted
            for jenis in usulan.dokumen_wajib:
                services.unggah_dokumen(usulan.pk, self.operator, jenis, dokumen(usulan, jenis))
            services.ajukan(usulan.pk, self.operator)
        with self.at(start - 4):
            services.terima_semua_dokumen(usulan.pk, self.verifikator)
            services.verifikasi(usulan.pk, self.verifikator, "Dokumen dari instansi asal lengkap.")
        return usulan


def build_lintas_instansi(ctx: Context) -> None:
    story = Cerita(ctx.reference, demo_users())
    targets = _formasi_masuk()
    for tell, formasi in zip((_perawat, _menunggu), targets, strict=False):
        tell(story, formasi)
    _keluar(story)


def _formasi_masuk() -> list:
    """Two of Dinas Kesehatan's functional formasi with a free seat, nurses first, in a
    puskesmas first."""
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
    return sorted(
        found,
        key=lambda f: (not f.jabatan.nama.startswith("Perawat"), "Puskesmas" not in f.unit.nama),
    )[:2]


def _perawat(story: Cerita, formasi) -> None:
    """Filed, verified, the Pertek asked for and granted, approved, decreed, taken up."""
    usulan = story.datang(PERAWAT, formasi, 45)
    with story.at(40):
        story.minta_pertek(usulan)
    with story.at(37):
        catatan = "Kompetensi keperawatan sesuai; puskesmas tujuan kekurangan."
        services.nilai(usulan.pk, story.tim, 4, catatan)
        services.rekomendasikan(usulan.pk, story.tim, Rekomendasi.SETUJUI, catatan)
    with story.at(12):
        today, pegawai = timezone.localdate(), usulan.pegawai
        services.catat_pertek(
            usulan.pk,
            story.operator,
            pertek_nomor=f"PT-{2300 + usulan.pk}/KR.XI/{today.year}",
            pertek_tanggal=today - datetime.timedelta(days=2),
            pertek_hasil=HasilPertek.DISETUJUI,
            berkas=berkas(
                f"pertek_{pegawai.nip}.pdf",
                "Pertimbangan Teknis Kepala Kantor Regional BKN",
                "",
                f"Nama: {pegawai.nama_lengkap}",
                f"NIP: {pegawai.nip}",
                "Hasil: disetujui",
            ),
        )
    with story.at(10):
        services.setujui(usulan.pk, story.pejabat, "Diterima sesuai pertimbangan teknis BKN.")
    # Its own letter, after every letter of the register (numbers follow the dates), on the
    # reference day at the latest; taken up the day it is published.
    moment = letters.setelah_register(pukul(story.reference - datetime.timedelta(days=7), 7))
    moment = min(moment, pukul(story.reference, 8))
    tmt = timezone.localtime(moment).date()
    judul = "Pengangkatan dalam Jabatan karena Pindah dari Instansi Lain"
    letter = letters.terbitkan(story.operator, story.pejabat, {usulan.pk: tmt}, moment, judul=judul)
    letter = letters.tandatangani(letter, story.pejabat, moment)
    letters.laksanakan(letter, usulan.pk, story.users, tmt)


def _menunggu(story: Cerita, formasi) -> None:
    """Filed and verified; the Pertek BKD asked BKN for has not come: the panel may weigh
    it, approval waits for it."""
    usulan = story.datang(MENUNGGU, formasi, 20)
    with story.at(14):
        story.minta_pertek(usulan)


def _keluar(story: Cerita) -> None:
    """The release to another province the proposals step approved a month ago, decreed by the
    receiving province since, which BKD records."""
    usulan = Usulan.objects.filter(tujuan_luar=TUJUAN_KELUAR, status=S.DISETUJUI).first()
    if usulan is None:
        return
    with story.at(3):
        today = timezone.localdate()
        nomor = f"800.1.6.4/{1700 + usulan.pk}/BKD.JATENG/{today.year}"
        pelaksanaan.catat_sk_luar(
            usulan.pk, story.operator, nomor, today - datetime.timedelta(days=6), today
        )
