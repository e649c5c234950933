"""Demo mutation proposals (usulan mutasi), and a long archive of old ones for benchmarks.

``build_usulan`` files about 40 proposals in every state from draft to decision (not
ditetapkan/dilaksanakan: those come with decision letters), each about a different employee
who meets the hard rules, mostly into vacancies, with the documents their type requires
(small real PDF files), the employee's consent or objection, the panel's scores and
recommendation and the decision. Each story is told through the services
(``mutasi.usulan.services``) with the clock stopped at each step's moment, so the rules are
checked as they were on that day and the audit trail, the decisions kept and the notices are
the ones the services write: the demo cannot drift from the workflow. A few stories are
fixed so the demo accounts find work: ``asn`` is notified of a proposal about her one day ago
(the consent/objection form is open), ``kepala.dinkes`` has a Dinas Kesehatan employee's own
request to endorse, ``operator.dinkes`` has drafts, ``verifikator.bkd`` a queue. The step runs
once: a database that has any proposal besides the archive's is left alone.

``build_arsip`` (``seed_demo --usulan N``) adds N closed proposals spread over five years, with
short timelines and no documents, so list pages can be measured against a realistic table.
"""

import datetime
import enum
import random
from collections import defaultdict
from dataclasses import dataclass

import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import JSONField
from django.utils import timezone

from instansi.choices import JenisJabatan
from instansi.models import BidangPendidikan, Formasi, Jabatan, UnitKerja
from mutasi.demo import names, people
from mutasi.demo.accounts import DISDIK
from mutasi.demo.context import BATCH_SIZE, SEED, Context
from mutasi.demo.workload import acak, backdated, demo_users, hitung_bezetting, jam_kerja
from mutasi.models import (
    AuditLog,
    Dokumen,
    Notifikasi,
    StatusPengecualian,
    Usulan,
)
from mutasi.usulan import eligibility, services
from mutasi.usulan.choices import (
    DOKUMEN_WAJIB,
    PERLU_PERTEK,
    STATUS_TERBUKA,
    JenisDokumen,
    JenisMutasi,
    KategoriAlasan,
    Rekomendasi,
    SikapPegawai,
    StatusDokumen,
    StatusUsulan,
)
from pegawai.access import Role
from pegawai.choices import JenisKelamin, PredikatSkp
from pegawai.models import Pegawai, User
from pegawai.nip import add_years, parse_nip

S = StatusUsulan
PER_STATUS = 40
STATUSES = [
    S.KONSEP,
    S.MENUNGGU_KEPALA,
    S.DIAJUKAN,
    S.TERVERIFIKASI,
    S.DIPERTIMBANGKAN,
    S.DISETUJUI,
    S.DITOLAK,
    S.DIBATALKAN,
]
# Notifications older than this are shown as read.
BARU_HARI = 3
# The private note of every archive proposal (build_arsip), by which they are counted.
ARSIP = "Arsip usulan periode lalu, dibuat seed_demo --usulan untuk uji kinerja."

# --- Words -------------------------------------------------------------------------------------

ALASAN_PUBLIK = {
    KategoriAlasan.KEBUTUHAN_ORGANISASI: [
        "Mengisi kekurangan {jabatan} di {unit} sesuai hasil analisis beban kerja.",
        "Memenuhi kebutuhan pegawai pada {unit} yang formasinya belum terisi.",
    ],
    KategoriAlasan.KESEIMBANGAN_BEBAN: [
        "Pemerataan beban kerja: unit asal kelebihan pegawai, {unit} masih kekurangan.",
        "Menyeimbangkan beban kerja {jabatan} antarunit sesuai peta jabatan.",
    ],
    KategoriAlasan.PENGEMBANGAN_KARIER: [
        "Pengembangan karier melalui penugasan dengan cakupan tugas yang lebih luas.",
        "Memberi pengalaman kerja di bidang baru sebagai bagian dari pola karier.",
    ],
    KategoriAlasan.PENYEGARAN: [
        "Penyegaran setelah lebih dari lima tahun pada jabatan yang sama.",
        "Rotasi berkala untuk menjaga integritas dan mutu layanan.",
    ],
    KategoriAlasan.HASIL_PENILAIAN: [
        "Penempatan sesuai hasil penilaian kinerja dan uji kompetensi.",
        "Menempatkan pegawai pada jabatan yang paling sesuai dengan kinerjanya.",
    ],
    KategoriAlasan.PERMINTAAN_SENDIRI: [
        "Atas permintaan sendiri pegawai yang bersangkutan.",
        "Permintaan sendiri untuk mengembangkan diri di unit kerja lain.",
    ],
    KategoriAlasan.ALASAN_KELUARGA: [
        "Alasan keluarga, atas permohonan pegawai yang bersangkutan.",
    ],
}
CATATAN_INTERNAL = {
    KategoriAlasan.KEBUTUHAN_ORGANISASI: [
        "Formasi tujuan kosong sejak pejabat sebelumnya pensiun; tugasnya dirangkap pegawai lain.",
        "Diminta kepala unit tujuan melalui nota dinas; unit asal tidak keberatan.",
    ],
    KategoriAlasan.KESEIMBANGAN_BEBAN: [
        "Menurut ABK {tahun} unit asal kelebihan {jabatan}, unit tujuan kekurangan.",
        "Hasil pemetaan keseimbangan pegawai BKD; dipilih karena domisili dekat unit tujuan.",
    ],
    KategoriAlasan.PENGEMBANGAN_KARIER: [
        "Masuk kelompok rencana suksesi (talent pool) {tahun}; direkomendasikan atasan langsung.",
        "Sudah mengikuti pelatihan teknis yang relevan dengan jabatan tujuan.",
    ],
    KategoriAlasan.PENYEGARAN: [
        "Sudah {n} tahun pada jabatan yang sama; rotasi sesuai rekomendasi Inspektorat.",
        "Rotasi rutin pegawai pelayanan langsung; tidak ada catatan kinerja.",
    ],
    KategoriAlasan.HASIL_PENILAIAN: [
        "Hasil uji kompetensi teknis lebih cocok dengan jabatan tujuan.",
        "SKP dua tahun terakhir Sangat Baik; atasan mengusulkan penempatan sesuai keahlian.",
    ],
    KategoriAlasan.PERMINTAAN_SENDIRI: [
        "Ingin lebih dekat dengan tempat tinggal di {kota}; perjalanan sekarang dua jam lebih.",
        "Ingin mendalami pekerjaan di unit tujuan; atasan langsung mendukung.",
    ],
    KategoriAlasan.ALASAN_KELUARGA: [
        "{pasangan} pegawai dipindahtugaskan ke {kota}; anak-anak ikut pindah sekolah.",
        "Merawat orang tua yang sakit di {kota}; surat keterangan dokter terlampir.",
    ],
}
PERBAIKI = {
    JenisDokumen.SK_PANGKAT: "SK pangkat yang diunggah bukan yang terakhir; unggah SK terbaru.",
    JenisDokumen.SKP: "SKP tahun {tahun} belum ada; gabungkan SKP dua tahun terakhir.",
    JenisDokumen.PERSETUJUAN_PPK_ASAL: "Surat persetujuan PPK asal belum ditandatangani.",
    JenisDokumen.BEBAS_TEMUAN: "Surat bebas temuan Inspektorat sudah lebih dari enam bulan.",
    JenisDokumen.SURAT_USULAN: "Surat usulan belum menyebut formasi tujuan.",
    JenisDokumen.ANJAB_ABK: "Lampiran ANJAB/ABK bukan untuk jabatan tujuan.",
}
CATATAN_VERIFIKASI = [
    "Dokumen lengkap dan syarat terpenuhi.",
    "Berkas lengkap; formasi tujuan sesuai peta jabatan.",
    "",
]
CATATAN_DUKUNG = ["Disetujui; pegawai dapat dilepas.", "Mendukung permintaan pegawai.", ""]
KOMENTAR_SETUJU = [
    "Kompetensi dan pengalaman sesuai dengan kebutuhan jabatan tujuan.",
    "Kinerja dua tahun terakhir baik; mutasi mengurangi kekurangan pegawai di unit tujuan.",
    "Sesuai pola karier; unit asal tetap memenuhi kebutuhan minimalnya.",
]
KOMENTAR_TOLAK = [
    "Unit asal akan kekurangan pegawai bila mutasi dilaksanakan.",
    "Kompetensi teknis belum sesuai dengan jabatan tujuan.",
    "Ada calon lain yang lebih sesuai untuk formasi ini.",
]
KEPUTUSAN_SETUJU = [
    "Disetujui sesuai rekomendasi Tim Pertimbangan.",
    "Disetujui; SK diterbitkan bersama usulan periode ini.",
    "",
]
KEPUTUSAN_TOLAK = [
    "Ditolak: unit asal masih kekurangan tenaga untuk jabatan ini.",
    "Ditolak sesuai rekomendasi Tim Pertimbangan; formasi tujuan diisi calon lain.",
    "Ditolak: kebutuhan unit tujuan sudah dipenuhi melalui pengadaan CASN.",
]
CATATAN_BATAL = [
    "Pegawai ditugaskan mengikuti pelatihan kepemimpinan; usulan ditunda.",
    "Formasi tujuan sudah terisi melalui mutasi lain.",
    "Unit asal batal melepas pegawai karena ada pegawai lain yang pensiun.",
    "Dibatalkan atas permintaan pegawai.",
]
KEBERATAN = [
    "Saya sedang merawat orang tua yang sakit; unit tujuan terlalu jauh dari rumah.",
    "Anak saya sedang menyelesaikan sekolah; mohon mutasi ditunda sampai tahun ajaran berakhir.",
    "Saya baru menyelesaikan pelatihan teknis yang hanya terpakai di unit sekarang.",
]
JAWABAN = [  # to each objection above, in order
    "Unit tujuan masih dalam satu kota dengan domisili Anda dan memakai jadwal kerja bergilir.",
    "Keberatan dipertimbangkan; TMT disesuaikan dengan akhir tahun ajaran.",
    "Pelatihan yang Anda ikuti juga dibutuhkan di unit tujuan; kompetensi Anda tetap terpakai.",
]
SETUJU = ["Saya bersedia ditempatkan di unit tujuan.", ""]
PENGECUALIAN = (
    "Kebutuhan mendesak: {unit} tanpa {jabatan} yang aktif. Masa jabatan kurang dari dua "
    "tahun dikecualikan dengan persetujuan Kepala BKD."
)
# Proposals that need BKN's technical opinion: (state, type, reason, destination).
PERTEK = [
    (
        S.DISETUJUI,
        JenisMutasi.ANTAR_KABKOTA,
        KategoriAlasan.ALASAN_KELUARGA,
        "Pemerintah Kabupaten Wonokerto",
    ),
    (
        S.DIPERTIMBANGKAN,
        JenisMutasi.ANTAR_PROVINSI,
        KategoriAlasan.ALASAN_KELUARGA,
        "Pemerintah Provinsi Jawa Timur",
    ),
    (
        S.TERVERIFIKASI,
        JenisMutasi.PUSAT_DAERAH,
        KategoriAlasan.PENGEMBANGAN_KARIER,
        "Kementerian Dalam Negeri",
    ),
]


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines``: small, but a real document a viewer opens."""

    def text(line):
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return escaped.encode("latin-1", "replace")

    content = b"BT /F1 12 Tf 72 770 Td 18 TL " + b" ".join(
        b"(" + text(line) + b") '" for line in lines
    )
    content += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- Who, where to ----------------------------------------------------------------------------


@dataclass(eq=False)  # one per employee: compared by identity, which is fast
class Calon:
    """An employee who may be proposed, as generated and as stored."""

    plan: people.PersonPlan
    pk: int
    unit_id: int
    jabatan_id: int
    opd_kode: str
    masa_jabatan: int  # full years in the current post
    masa_kerja: int  # full years since CPNS when the oldest story begins


@dataclass
class Rencana:
    """One demo proposal before it becomes rows."""

    calon: Calon
    status: str
    jenis: str = JenisMutasi.ANTAR_OPD
    alasan: str = KategoriAlasan.KEBUTUHAN_ORGANISASI
    formasi: Formasi | None = None
    lowong: bool = True
    tujuan_luar: str = ""
    sendiri: bool = False  # the employee filed it; their agency head passed it on
    dikembalikan: bool = False  # a draft the verifier sent back
    batal_dari: str = ""  # the state a withdrawn proposal was in
    sikap: str = ""
    dijawab: bool = False
    dinilai: bool = True
    periksa: int = 0  # documents the verifier has checked so far (diajukan)
    unggah: int | None = None  # documents uploaded so far (drafts); None = all
    pengecualian: str = ""
    rekomendasi: str = ""
    usia: float | None = None  # days since the last event; None = drawn
    asn: bool = False
    # Filled in once the plan is made and while the story is told.
    opd_id: int = 0  # the employee's agency
    unit_tujuan: str = ""
    jabatan_tujuan: str = ""
    filer: object = None
    sikap_alasan: str = ""
    jawaban: str = ""  # the panel's answer to an objection, in the objection's order
    skor: int = 0
    komentar: str = ""
    keputusan: str = ""


# States in which a proposal holds a seat of its target (``mutasi.usulan.kursi``): the demo's
# approved ones become decided and carried out by the letters step.
MENGISI_KURSI = (S.DISETUJUI,)
# States in which a full target with a justification is still honest: before the decision,
# or refused or withdrawn.
TANPA_KURSI = (
    S.KONSEP,
    S.MENUNGGU_KEPALA,
    S.DIAJUKAN,
    S.TERVERIFIKASI,
    S.DIPERTIMBANGKAN,
    S.DITOLAK,
    S.DIBATALKAN,
)


class Tujuan:
    """The formasi a proposal may aim at: vacancies first, each taken by at most one more
    candidate than it has room for (so the panel sometimes compares two), unless one of them
    is approved: then by no more than it has free seats, since after the approval the rules
    would stop any other (one seat, one person)."""

    def __init__(self, formasi, bezetting, unit_opd, jabatan):
        self.unit_opd = unit_opd
        self.jabatan = jabatan
        self.kursi = {}  # free seats
        self.calon = defaultdict(int)  # candidates given each formasi
        self.diputus = set()  # formasi with an approved candidate
        self.lowong = defaultdict(list)  # jabatan id -> vacant formasi
        self.sejenis = defaultdict(list)  # (jenis, jenjang) -> vacant formasi
        self.semua = defaultdict(list)  # jabatan id -> formasi
        self.surplus = set()
        for f in sorted(formasi, key=lambda f: f.pk):
            held = bezetting[(f.unit_id, f.jabatan_id)]
            self.semua[f.jabatan_id].append(f)
            if f.kebutuhan > held:
                jd = jabatan[f.jabatan_id]
                self.lowong[f.jabatan_id].append(f)
                self.sejenis[(jd.jenis, jd.jenjang)].append(f)
                self.kursi[f.pk] = f.kebutuhan - held
            elif held > f.kebutuhan:
                self.surplus.add((f.unit_id, f.jabatan_id))

    def cari(self, calon, roll, antar, cocok, lowong_saja, status) -> tuple:
        """(formasi, vacant?) for ``calon`` in ``status``, or (None, False)."""
        jd = self.jabatan[calon.jabatan_id]
        decided = status in MENGISI_KURSI

        def room(f):
            extra = 0 if decided or f.pk in self.diputus else 1
            return self.calon[f.pk] < self.kursi[f.pk] + extra

        def usable(f):
            return f.unit_id != calon.unit_id and self._arah(calon, f, antar) and cocok(f)

        options = [f for f in self.lowong[calon.jabatan_id] if room(f) and usable(f)]
        if not options and jd.jenis != JenisJabatan.FUNGSIONAL:
            # A structural or pelaksana post of the same kind and level: a functional post
            # needs its own training, so it is never swapped for another.
            options = [
                f
                for f in self.sejenis[(jd.jenis, jd.jenjang)]
                if room(f) and f.jabatan_id != calon.jabatan_id and usable(f)
            ]
        if options:
            f = options[int(roll * len(options))]
            self.calon[f.pk] += 1
            if decided:
                self.diputus.add(f.pk)
            return f, True
        if lowong_saja or status not in TANPA_KURSI:
            return None, False
        options = [f for f in self.semua[calon.jabatan_id] if f.pk not in self.kursi and usable(f)]
        if options:
            return options[int(roll * len(options))], False
        return None, False

    def _arah(self, calon, f, antar):
        if antar is None:
            return True
        return (self.unit_opd[f.unit_id] != calon.opd_kode) == antar


# The demo letters (letters.LETTERS) are published up to 75 days back and publication checks
# every rule again on that day: an employee must pass from a story's first steps to today.
CERITA_SEJAK = datetime.timedelta(days=150)


def _masalah(plan, today) -> set[str]:
    """The hard rules (mutasi.usulan.eligibility) this employee fails whatever the target."""
    problems = set()
    if eligibility.tahun_penuh(plan.tmt_jabatan, today) < settings.MUTASI_MIN_TAHUN_JABATAN:
        problems.add("masa_jabatan")
    skp = dict(plan.skp)
    years = eligibility.tahun_skp(today)
    if any(skp.get(year, 0) < PredikatSkp.BAIK for year in years):
        problems.add("skp")
    if plan.hukdis or plan.dalam_proses_hukum:
        problems.add("disiplin")
    if plan.tugas_belajar or plan.ikatan_dinas_sampai:
        problems.add("tugas_belajar")
    return problems


def _calon(ctx: Context, today) -> tuple[list[Calon], list[Calon], Calon | None]:
    """(employees who pass the hard rules, those failing only on tenure, the asn persona)."""
    stored = {
        nip: (pk, unit_id, jabatan_id)
        for nip, pk, unit_id, jabatan_id in Pegawai.objects.filter(aktif=True).values_list(
            "nip", "pk", "unit_id", "jabatan_id"
        )
    }
    busy = set(
        Usulan.objects.filter(status__in=STATUS_TERBUKA).values_list("pegawai_id", flat=True)
    )
    opd_of = {u.pk: u.perangkat_daerah_id for u in ctx.units.values()}
    kode_of = {o.pk: kode for kode, o in ctx.opd.items()}
    where = people.placement()
    fit, short, asn = [], [], None
    for n, plan in enumerate(ctx.people):
        row = stored.get(plan.nip)
        if row is None or row[0] in busy:
            continue
        pk, unit_id, jabatan_id = row
        if unit_id != ctx.units[plan.unit].pk or jabatan_id != ctx.jabatan[plan.jabatan].pk:
            continue  # moved since it was seeded: its plan no longer describes it
        calon = Calon(
            plan=plan,
            pk=pk,
            unit_id=unit_id,
            jabatan_id=jabatan_id,
            opd_kode=kode_of[opd_of[unit_id]],
            masa_jabatan=eligibility.tahun_penuh(plan.tmt_jabatan, today),
            masa_kerja=eligibility.tahun_penuh(parse_nip(plan.nip).tmt_cpns, today - CERITA_SEJAK),
        )
        if n < len(people.PERSONAS):
            if people.PERSONAS[n] is people.ASN_DINKES:
                asn = calon
            continue
        if where.jabatan[plan.jabatan].jenjang in ("jpt_madya", "jpt_pratama"):
            continue  # agency heads move by open selection, not by this workflow
        # Fine for the whole story: its first steps lie up to a few months back, and the
        # letters step checks again on the day each letter is published.
        problems = _masalah(plan, today) | _masalah(plan, today - CERITA_SEJAK)
        if not problems:
            fit.append(calon)
        elif problems == {"masa_jabatan"}:
            short.append(calon)
    order = lambda c: acak("usulan", c.plan.nip)  # noqa: E731
    return sorted(fit, key=order), sorted(short, key=order), asn


def _filer(users, calon, formasi, unit_opd):
    """The operator who files: the employee's agency if it has a demo operator, else the
    receiving agency's, else BKD's."""
    by_opd = {people.DINKES: "operator.dinkes", DISDIK: "operator.disdik"}
    for kode in (calon.opd_kode, unit_opd.get(formasi.unit_id) if formasi else None):
        if kode in by_opd and by_opd[kode] in users:
            return users[by_opd[kode]]
    return users["operator.bkd"]


# --- Planning ------------------------------------------------------------------------------


class Perencana:
    """Hands out employees and targets to the states, special stories first."""

    def __init__(self, fit, tujuan, today, per_status):
        self.pool = list(fit)
        self.tujuan = tujuan
        self.today = today
        self.quota = dict.fromkeys(STATUSES, per_status)
        self.rencana: list[Rencana] = []
        self.jabatan = tujuan.jabatan
        self.rumpun_bidang = dict(BidangPendidikan.objects.values_list("nama", "rumpun"))
        self.buntu = set()  # (employee, own request?, vacancies only?) that found no target

    def cocok(self, calon, tanggal_rencana):
        """Whether a target keeps the rules of ``mutasi.usulan.eligibility`` that depend on it: an
        equivalent post (kind, level, class, job family), golongan, education and
        retirement."""
        asal = self.jabatan[calon.jabatan_id]
        pendidikan = self.rumpun_bidang.get(calon.plan.bidang_pendidikan, "")

        def check(f):
            jabatan = self.jabatan[f.jabatan_id]
            if not eligibility.setara(asal.jenis, asal.jenjang, jabatan.jenis, jabatan.jenjang):
                return False
            if not eligibility.kelas_memenuhi(asal.kelas, jabatan.kelas):
                return False
            if not eligibility.serumpun(jabatan.rumpun, asal.rumpun, pendidikan):
                return False
            if calon.plan.golongan < jabatan.golongan_minimal:
                return False
            fields = {b.nama for b in jabatan.bidang_pendidikan.all()}
            if not eligibility.pendidikan_memenuhi(
                calon.plan.tingkat_pendidikan,
                calon.plan.bidang_pendidikan,
                jabatan.pendidikan_minimal,
                fields,
            ):
                return False
            pensiun = add_years(calon.plan.tanggal_lahir, jabatan.batas_usia_pensiun)
            return pensiun > add_years(tanggal_rencana, settings.MUTASI_TAHUN_SEBELUM_PENSIUN + 1)

        return check

    def ambil(self, status, when=None, sendiri=False, lowong_saja=None, **extra) -> Rencana | None:
        """Plan a proposal in ``status`` for the first employee in the pool who matches
        ``when`` and has somewhere to go: only vacancies (``lowong_saja``); a vacancy, else
        another post of their jabatan (False); the first over the whole pool, then the
        second (None)."""
        if self.quota[status] <= 0:
            return None
        for strict in (True, False) if lowong_saja is None else (lowong_saja,):
            for calon in self.pool:
                if when is not None and not when(calon):
                    continue
                # Vacancies only fill up, so who found none will find none later either.
                key = (calon.pk, sendiri, strict)
                if key in self.buntu:
                    continue
                rencana = self.rencanakan(calon, status, sendiri, strict, **extra)
                if rencana is not None:
                    self.pool.remove(calon)
                    return rencana
                self.buntu.add(key)
        return None

    def rencanakan(self, calon, status, sendiri=False, lowong_saja=False, **extra):
        nip = calon.plan.nip
        rencana = Rencana(calon=calon, status=status, sendiri=sendiri, **extra)
        if extra.get("jenis") not in PERLU_PERTEK:
            # A newer PNS may ask to move on their own only within the agency.
            baru = sendiri and calon.masa_kerja < settings.MUTASI_MASA_KERJA_PERMINTAAN_SENDIRI
            antar = False if baru else acak("usulan-antar", nip) < 0.55
            check = self.cocok(calon, self.today + datetime.timedelta(days=120))
            roll = acak("usulan-tujuan", nip)
            formasi, lowong = self.tujuan.cari(calon, roll, antar, check, lowong_saja, status)
            if formasi is None and not baru:
                formasi, lowong = self.tujuan.cari(calon, roll, None, check, lowong_saja, status)
            if formasi is None:
                return None
            rencana.formasi, rencana.lowong = formasi, lowong
            same = self.tujuan.unit_opd[formasi.unit_id] == calon.opd_kode
            rencana.jenis = JenisMutasi.DALAM_OPD if same else JenisMutasi.ANTAR_OPD
        if "alasan" not in extra:
            rencana.alasan = self.alasan(rencana)
        self._ragam(rencana)
        self.quota[status] -= 1
        self.rencana.append(rencana)
        return rencana

    def alasan(self, rencana) -> str:
        calon = rencana.calon
        if rencana.sendiri:
            return KategoriAlasan.PERMINTAAN_SENDIRI
        if rencana.lowong and (calon.unit_id, calon.jabatan_id) in self.tujuan.surplus:
            return KategoriAlasan.KESEIMBANGAN_BEBAN
        if rencana.formasi and rencana.formasi.jabatan_id != calon.jabatan_id:
            return KategoriAlasan.PENGEMBANGAN_KARIER
        if calon.masa_jabatan >= settings.MUTASI_MAX_TAHUN_JABATAN:
            return KategoriAlasan.PENYEGARAN
        roll = acak("usulan-alasan", calon.plan.nip)
        if roll < 0.55:
            return KategoriAlasan.KEBUTUHAN_ORGANISASI
        if roll < 0.75:
            return KategoriAlasan.HASIL_PENILAIAN
        if roll < 0.9:
            return KategoriAlasan.PENGEMBANGAN_KARIER
        return KategoriAlasan.ALASAN_KELUARGA

    def _ragam(self, r: Rencana) -> None:
        """The variations inside a state: returned drafts, consent and objections, checks
        begun, panel work done or not, the state a withdrawn proposal was in."""
        nip = r.calon.plan.nip

        def roll(what):
            return acak("usulan", what, nip)

        if r.asn:
            return
        if r.status == S.KONSEP:
            r.dikembalikan = r.dikembalikan or roll("kembali") < 0.25
            if not r.dikembalikan:
                r.unggah = int(roll("unggah") * (len(DOKUMEN_WAJIB[r.jenis]) + 3))
        if r.status == S.DIBATALKAN:
            stage = roll("batal")
            r.batal_dari = S.DIAJUKAN if stage < 0.4 else S.TERVERIFIKASI
            if stage >= 0.75:
                r.batal_dari = S.DIPERTIMBANGKAN
        reached = {
            S.DIAJUKAN,
            S.TERVERIFIKASI,
            S.DIPERTIMBANGKAN,
            S.DISETUJUI,
            S.DITOLAK,
            S.DIBATALKAN,
        }
        if r.status in reached and not r.sikap:
            voice = roll("sikap")
            if voice < 0.13:
                r.sikap = SikapPegawai.KEBERATAN
            elif voice < 0.45:
                r.sikap = SikapPegawai.SETUJU
        after_panel = r.status in (S.DIPERTIMBANGKAN, S.DISETUJUI, S.DITOLAK) or (
            r.batal_dari == S.DIPERTIMBANGKAN
        )
        r.dijawab = r.sikap == SikapPegawai.KEBERATAN and (
            after_panel or (r.status == S.TERVERIFIKASI and roll("jawab") < 0.5)
        )
        if r.status == S.DIAJUKAN and roll("periksa") < 0.3:
            r.periksa = 1 + int(roll("berapa") * 4)
        if r.status == S.TERVERIFIKASI:
            r.dinilai = roll("nilai") < 0.5
        if after_panel and not r.rekomendasi:
            tolak = {S.DITOLAK: 0.7, S.DISETUJUI: 0.0}.get(r.status, 0.2)
            r.rekomendasi = Rekomendasi.TOLAK if roll("rek") < tolak else Rekomendasi.SETUJUI


def _per_status(fit: int) -> int:
    return max(1, min(PER_STATUS, fit // (len(STATUSES) + 2)))


def _plan(ctx, fit, short, asn, tujuan, today) -> list[Rencana]:
    perencana = Perencana(fit, tujuan, today, _per_status(len(fit)))
    dinkes = lambda c: c.opd_kode == people.DINKES  # noqa: E731
    if asn is not None:
        # The employee behind the asn account, told yesterday: the consent form is open.
        perencana.quota[S.DIAJUKAN] += 1
        extra = {"asn": True, "usia": 1.0, "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI}
        if perencana.rencanakan(asn, S.DIAJUKAN, **extra) is None:
            # A small province may have no other post of her jabatan: any she qualifies
            # for, in her own agency first.
            check = perencana.cocok(asn, today + datetime.timedelta(days=120))
            posts = sorted(
                (f for f in ctx.formasi.values() if f.unit_id != asn.unit_id and check(f)),
                key=lambda f: (tujuan.unit_opd[f.unit_id] != asn.opd_kode, f.pk),
            )
            if posts:
                same = tujuan.unit_opd[posts[0].unit_id] == asn.opd_kode
                jenis = JenisMutasi.DALAM_OPD if same else JenisMutasi.ANTAR_OPD
                perencana.quota[S.DIAJUKAN] += 1
                perencana.rencana.append(
                    Rencana(asn, S.DIAJUKAN, jenis=jenis, formasi=posts[0], lowong=False, **extra)
                )
    for n in range(3):
        # The first is fresh, so kepala.dinkes still has it unread.
        perencana.ambil(S.MENUNGGU_KEPALA, dinkes, sendiri=True, usia=1.5 if n == 0 else None)
    for _ in range(5):
        perencana.ambil(S.KONSEP, dinkes)
    for status in (S.DIAJUKAN, S.DIAJUKAN, S.TERVERIFIKASI, S.DISETUJUI):
        perencana.ambil(status, dinkes, sendiri=True)
    for status, jenis, alasan, tujuan_luar in PERTEK:
        perencana.ambil(status, jenis=jenis, alasan=alasan, tujuan_luar=tujuan_luar)
    # BKD waived the tenure rule for an urgent need on two.
    perencana.pool = short + perencana.pool
    for status in (S.TERVERIFIKASI, S.DISETUJUI):
        perencana.ambil(
            status,
            lambda c: c.masa_jabatan < settings.MUTASI_MIN_TAHUN_JABATAN,
            pengecualian="masa_jabatan",
        )
    waived = {c.pk for c in short}
    perencana.pool = [c for c in perencana.pool if c.pk not in waived]
    # The rest round the states in turn: into vacancies while there are any, then into
    # posts of the same jabatan with a justification.
    for lowong_saja in (True, False):
        progress = True
        while progress and any(perencana.quota.values()):
            progress = False
            for status in STATUSES:
                sendiri = status == S.MENUNGGU_KEPALA
                if perencana.ambil(status, sendiri=sendiri, lowong_saja=lowong_saja):
                    progress = True
    return perencana.rencana


# --- Timelines -----------------------------------------------------------------------------


class Jejak:
    """The events of one proposal: day offsets from its first day, turned into times once the
    whole story is known, so it can end a given number of days ago."""

    def __init__(self, rng, key: str):
        self.rng = rng
        self.key = key
        self.day = 0
        self.rows = []  # (day, action, actor, data)

    def lalu(self, low, high):
        self.day += self.rng.randint(low, high)

    def add(self, action, actor, day=None, **data):
        self.rows.append((self.day if day is None else day, action, actor, data))

    def waktu(self, now, usia_hari: float, exact_last: bool) -> list:
        """(time, action, actor, data) rows, the last ``usia_hari`` days before ``now``."""
        rows = sorted(self.rows, key=lambda row: row[0])
        last = rows[-1][0]
        end = now - datetime.timedelta(days=usia_hari)
        start = end.astimezone(timezone.get_current_timezone()).date() - datetime.timedelta(
            days=last
        )
        per_day = defaultdict(int)
        out = []
        for day, action, actor, data in rows:
            seq = per_day[day]
            per_day[day] += 1
            moment = jam_kerja(
                start + datetime.timedelta(days=day), acak("jam", self.key, day) * 0.6
            ) + datetime.timedelta(minutes=7 * seq)
            out.append([moment, action, actor, data])
        if exact_last:
            out[-1][0] = end
        # The office-hours grid can put a same-day event after ``end``: keep the order.
        for n in range(len(out) - 2, -1, -1):
            if out[n][0] >= out[n + 1][0]:
                out[n][0] = out[n + 1][0] - datetime.timedelta(minutes=5)
        return [tuple(row) for row in out]


def _jejak(r: Rencana, users, akun, rng) -> Jejak:
    """The story of ``r``: each step, its actor and what they enter, in the services' words
    (``_mainkan`` has the services carry it out)."""
    j = Jejak(rng, r.calon.plan.nip)
    filer = r.filer
    employee = akun.get(r.calon.pk)
    verifikator, tim = users["verifikator.bkd"], users["tim.pertimbangan"]
    pejabat, kepala = users["pejabat.penetap"], users.get("kepala.dinkes")
    docs = DOKUMEN_WAJIB[r.jenis]
    nip = r.calon.plan.nip
    j.add("mutasi.usulan.dibuat", filer, ke=S.KONSEP)
    uploaded = docs if r.unggah is None else docs[: r.unggah]
    for n, jenis in enumerate(uploaded):
        if n and rng.random() < 0.25:
            j.lalu(0, 2)
        j.add("mutasi.dokumen.diunggah", filer, dokumen=jenis, nama=f"{jenis}_{nip}.pdf")
    if r.status == S.KONSEP and not r.dikembalikan:
        return j
    if r.pengecualian:
        # Before it can be submitted: asked for by the verifier, granted by the official (a
        # rule waived needs two people).
        j.add(
            "mutasi.usulan.pengecualian",
            verifikator,
            syarat=r.pengecualian,
            alasan=_pengecualian(r),
        )
        j.lalu(1, 3)
        j.add(
            "mutasi.usulan.pengecualian_diputuskan",
            pejabat,
            syarat=r.pengecualian,
            status=StatusPengecualian.DIBERIKAN,
            catatan="Disetujui: kebutuhan layanan mendesak dan tidak ada calon lain yang memenuhi.",
        )
    j.lalu(1, 6)
    if r.sendiri:
        j.add(
            "mutasi.usulan.menunggu_kepala",
            filer,
            dari=S.KONSEP,
            ke=S.MENUNGGU_KEPALA,
            catatan="",
        )
        if r.status == S.MENUNGGU_KEPALA:
            return j
        j.lalu(1, 7)
        j.add(
            "mutasi.usulan.diajukan",
            kepala,
            dari=S.MENUNGGU_KEPALA,
            ke=S.DIAJUKAN,
            catatan=rng.choice(CATATAN_DUKUNG),
        )
    else:
        j.add("mutasi.usulan.diajukan", filer, dari=S.KONSEP, ke=S.DIAJUKAN, catatan="")
    sikap_day = None
    if r.sikap == SikapPegawai.KEBERATAN:
        n = rng.randrange(len(KEBERATAN))
        r.sikap_alasan, r.jawaban = KEBERATAN[n], JAWABAN[n] if r.dijawab else ""
    elif r.sikap:
        r.sikap_alasan = rng.choice(SETUJU)
    if r.sikap:
        sikap_day = j.day + rng.randint(1, 3)
        j.add("mutasi.usulan.sikap", employee, day=sikap_day, sikap=r.sikap)
    if r.status == S.DIAJUKAN:
        if r.periksa:
            j.lalu(1, 3)
            for jenis in docs[: r.periksa]:
                j.add("mutasi.dokumen.diperiksa", verifikator, dokumen=jenis, status="diterima")
        return j
    j.lalu(2, 8)
    if sikap_day is not None:
        j.day = max(j.day, sikap_day + 1)
    if r.dikembalikan:
        wrong = [d for d in docs if d in PERBAIKI]
        bad = wrong[int(acak("perbaiki", nip) * len(wrong))]
        for jenis in docs:
            status = StatusDokumen.PERBAIKI if jenis == bad else StatusDokumen.DITERIMA
            catatan = _catatan_kembali(jenis, r) if jenis == bad else ""
            j.add(
                "mutasi.dokumen.diperiksa",
                verifikator,
                dokumen=jenis,
                status=status,
                catatan=catatan,
            )
        j.add(
            "mutasi.usulan.konsep",
            verifikator,
            dari=S.DIAJUKAN,
            ke=S.KONSEP,
            catatan=_catatan_kembali(bad, r),
        )
        return j
    if r.batal_dari == S.DIAJUKAN:
        j.add(
            "mutasi.usulan.dibatalkan",
            filer,
            dari=S.DIAJUKAN,
            ke=S.DIBATALKAN,
            catatan=rng.choice(CATATAN_BATAL),
        )
        return j
    for jenis in docs:
        j.add("mutasi.dokumen.diperiksa", verifikator, dokumen=jenis, status="diterima")
    j.add(
        "mutasi.usulan.terverifikasi",
        verifikator,
        dari=S.DIAJUKAN,
        ke=S.TERVERIFIKASI,
        catatan=rng.choice(CATATAN_VERIFIKASI),
    )
    if r.dijawab:
        j.lalu(1, 4)
        j.add("mutasi.usulan.keberatan_dijawab", tim, jawaban=r.jawaban)
    if r.status == S.TERVERIFIKASI or r.batal_dari == S.TERVERIFIKASI:
        if r.dinilai and r.status == S.TERVERIFIKASI:
            j.lalu(1, 5)
            r.skor = rng.randint(3, 5)
            r.komentar = rng.choice(KOMENTAR_SETUJU)
            j.add("mutasi.usulan.dinilai", tim, skor=r.skor, komentar=r.komentar)
        if r.batal_dari == S.TERVERIFIKASI:
            j.lalu(2, 10)
            j.add(
                "mutasi.usulan.dibatalkan",
                filer,
                dari=S.TERVERIFIKASI,
                ke=S.DIBATALKAN,
                catatan=rng.choice(CATATAN_BATAL),
            )
        return j
    j.lalu(2, 10)
    setuju = r.rekomendasi == Rekomendasi.SETUJUI
    r.skor = rng.randint(3, 5) if setuju else rng.randint(1, 3)
    r.komentar = rng.choice(KOMENTAR_SETUJU if setuju else KOMENTAR_TOLAK)
    j.add("mutasi.usulan.dinilai", tim, skor=r.skor, komentar=r.komentar)
    j.add(
        "mutasi.usulan.dipertimbangkan",
        tim,
        dari=S.TERVERIFIKASI,
        ke=S.DIPERTIMBANGKAN,
        catatan=r.komentar,
        rekomendasi=r.rekomendasi,
    )
    if r.status == S.DIPERTIMBANGKAN:
        return j
    j.lalu(2, 12)
    if r.batal_dari == S.DIPERTIMBANGKAN:
        j.add(
            "mutasi.usulan.dibatalkan",
            filer,
            dari=S.DIPERTIMBANGKAN,
            ke=S.DIBATALKAN,
            catatan=rng.choice(CATATAN_BATAL),
        )
        return j
    r.keputusan = rng.choice(KEPUTUSAN_SETUJU if r.status == S.DISETUJUI else KEPUTUSAN_TOLAK)
    j.add(
        f"mutasi.usulan.{r.status}",
        pejabat,
        dari=S.DIPERTIMBANGKAN,
        ke=r.status,
        catatan=r.keputusan,
    )
    return j


def _catatan_kembali(jenis: str, r: Rencana) -> str:
    note = PERBAIKI[jenis].format(tahun=timezone.localdate().year - 1)
    return f"{JenisDokumen(jenis).label}: {note} Perbaiki lalu ajukan kembali."


def _tujuan_nama(r: Rencana, jabatan) -> tuple[str, str]:
    """(jabatan, unit) of the destination, for the public sentence."""
    if r.formasi is None:
        return jabatan[r.calon.jabatan_id].nama, r.tujuan_luar
    return jabatan[r.formasi.jabatan_id].nama, r.unit_tujuan


def _pengecualian(r: Rencana) -> str:
    return PENGECUALIAN.format(unit=r.unit_tujuan, jabatan=r.jabatan_tujuan)


# --- Rows ----------------------------------------------------------------------------------


def _akun(rencana: list[Rencana], users) -> tuple[dict, int]:
    """Accounts of the employees who act themselves (their own request, consent or
    objection), by employee id: the existing one, or a new ASN account with the demo
    password whose username is the NIP. Also says how many are new."""
    pks = {r.calon.pk for r in rencana}
    akun = {u.pegawai_id: u for u in User.objects.filter(pegawai_id__in=pks)}
    needed = {r.calon.pk: r.calon for r in rencana if r.sendiri or r.sikap}
    wanted = {c.plan.nip: c for pk, c in needed.items() if pk not in akun}
    taken = set(User.objects.filter(username__in=list(wanted)).values_list("username", flat=True))
    new = []
    for nip, calon in sorted(wanted.items()):
        if nip in taken:
            continue
        first, _, rest = calon.plan.nama.partition(" ")
        new.append(
            User(
                username=nip,
                first_name=first,
                last_name=rest,
                pegawai_id=calon.pk,
                password=users["asn"].password,  # the demo password, hashed once already
            )
        )
    User.objects.bulk_create(new)
    if any(u.pk is None for u in new):
        ids = dict(
            User.objects.filter(username__in=[u.username for u in new]).values_list(
                "username", "pk"
            )
        )
        for u in new:
            u.pk = ids[u.username]
    group, _ = Group.objects.get_or_create(name=Role.ASN.value)
    Through = User.groups.through
    Through.objects.bulk_create([Through(user_id=u.pk, group_id=group.pk) for u in new])
    akun.update((u.pegawai_id, u) for u in new)
    return akun, len(new)


def _tanggal_rencana(first: datetime.datetime, status: str, today) -> datetime.date:
    day = first.date() + datetime.timedelta(days=75)
    if status in STATUS_TERBUKA:
        day = max(day, today + datetime.timedelta(days=30))
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _isian(r: Rencana, times, rng, jabatan, today) -> dict:
    """What the filer types into the proposal form."""
    plan = r.calon.plan
    first = times[0][0]
    nama_jabatan, nama_unit = _tujuan_nama(r, jabatan)
    kota = r.tujuan_luar or rng.choice([k for k in names.KOTA if k != plan.domisili])
    words = {
        "jabatan": nama_jabatan,
        "unit": nama_unit,
        "tahun": today.year - 1,
        "n": r.calon.masa_jabatan,
        "kota": kota,
        "pasangan": "Suami" if plan.jenis_kelamin == JenisKelamin.PEREMPUAN else "Istri",
    }
    fields = {
        "jenis": r.jenis,
        "alasan": r.alasan,
        "alasan_publik": rng.choice(ALASAN_PUBLIK[r.alasan]).format(**words),
        "catatan_internal": rng.choice(CATATAN_INTERNAL[r.alasan]).format(**words),
        "formasi_tujuan": r.formasi,
        "tujuan_luar": r.tujuan_luar,
        "tanggal_rencana": _tanggal_rencana(first, r.status, today),
        "permintaan_sendiri": r.sendiri,
    }
    if r.formasi is not None and not r.lowong:
        fields["justifikasi_tujuan"] = (
            "Formasi tujuan belum lowong, tetapi pemegangnya akan pensiun atau pindah tahun "
            f"{today.year + 1}; diusulkan lebih awal agar layanan tidak kosong."
        )
    if r.jenis not in (JenisMutasi.DALAM_OPD, JenisMutasi.ANTAR_OPD):
        number = 1000 + int(acak("pertek", plan.nip) * 8999)
        fields["pertek_nomor"] = f"PT-{number}/KR.XI/{first.year}"
        fields["pertek_tanggal"] = (first - datetime.timedelta(days=12)).date()
    return fields


def _berkas(r: Rencana, usulan: Usulan, jenis: str) -> SimpleUploadedFile:
    """A small real PDF for one document of the proposal."""
    plan = r.calon.plan
    body = pdf(
        [
            JenisDokumen(jenis).label,
            "",
            f"Nama: {plan.nama}",
            f"NIP: {plan.nip}",
            f"Nomor usulan: {usulan.kode}",
            "",
            "Dokumen contoh data demo Mutasi ASN, Pemerintah Provinsi Asemrowo.",
        ]
    )
    return SimpleUploadedFile(f"{jenis}_{plan.nip}.pdf", body, "application/pdf")


def _mainkan(r: Rencana, times, fields: dict) -> Usulan:
    """Tell the story through the services, the clock stopped at each step's moment: they
    check the rules, keep what was decided, write the audit trail and send the notices."""
    usulan = None
    for when, action, actor, data in times:
        with time_machine.travel(when, tick=False):
            step = action.removeprefix("mutasi.")
            if step == "usulan.dibuat":
                usulan = services.buat_usulan(actor, Pegawai.objects.get(pk=r.calon.pk), **fields)
                continue
            pk = usulan.pk
            if step == "dokumen.diunggah":
                services.unggah_dokumen(
                    pk, actor, data["dokumen"], _berkas(r, usulan, data["dokumen"])
                )
            elif step == "dokumen.diperiksa":
                dokumen = usulan.dokumen.get(jenis=data["dokumen"])
                services.periksa_dokumen(dokumen.pk, actor, data["status"], data.get("catatan", ""))
            elif step in ("usulan.menunggu_kepala", "usulan.diajukan"):
                if r.sendiri and step == "usulan.diajukan":
                    services.dukung(pk, actor, data["catatan"])
                else:
                    services.ajukan(pk, actor)
            elif step == "usulan.sikap":
                services.catat_sikap(pk, actor, data["sikap"], r.sikap_alasan)
            elif step == "usulan.konsep":
                services.kembalikan(pk, actor, data["catatan"])
            elif step == "usulan.dibatalkan":
                services.batalkan(pk, actor, data["catatan"])
            elif step == "usulan.pengecualian":
                services.minta_pengecualian(pk, actor, data["syarat"], data["alasan"])
            elif step == "usulan.pengecualian_diputuskan":
                services.putuskan_pengecualian(
                    pk, actor, data["syarat"], diberikan=True, catatan=data["catatan"]
                )
            elif step == "usulan.terverifikasi":
                services.verifikasi(pk, actor, data["catatan"])
            elif step == "usulan.keberatan_dijawab":
                services.jawab_keberatan(pk, actor, data["jawaban"])
            elif step == "usulan.dinilai":
                services.nilai(pk, actor, data["skor"], data["komentar"])
            elif step == "usulan.dipertimbangkan":
                services.rekomendasikan(pk, actor, data["rekomendasi"], data["catatan"])
            elif step == "usulan.disetujui":
                services.setujui(pk, actor, data["catatan"])
            elif step == "usulan.ditolak":
                services.tolak(pk, actor, data["catatan"])
            else:
                raise ValueError(f"demo: no service for {action}")
    return usulan


USIA = {  # days between the last event and now, by state
    S.KONSEP: (1, 25),
    S.MENUNGGU_KEPALA: (1, 20),
    S.DIAJUKAN: (1, 10),
    S.TERVERIFIKASI: (1, 20),
    S.DIPERTIMBANGKAN: (1, 15),
    S.DISETUJUI: (2, 40),
    S.DITOLAK: (2, 60),
    S.DIBATALKAN: (2, 90),
}
NEEDED = ["operator.bkd", "verifikator.bkd", "tim.pertimbangan", "pejabat.penetap", "asn"]


def build_usulan(ctx: Context) -> None:
    """The demo proposals, once: skipped when the database has any but the archive's."""
    users = demo_users()
    if any(name not in users for name in NEEDED) or users["asn"].pegawai_id is None:
        ctx.log(f"  {'Usulan mutasi':<28} {'-':>8}  (akun demo belum lengkap)")
        return
    if Usulan.objects.exclude(catatan_internal=ARSIP).exists():
        # Seeded before, or people have been filing: either way not ours to add to.
        ctx.report("Usulan mutasi", Usulan.objects.count(), 0)
        return
    today, now = timezone.localdate(), timezone.now()
    fit, short, asn = _calon(ctx, today)
    opd_kode = {o.pk: kode for kode, o in ctx.opd.items()}
    unit_opd = {u.pk: opd_kode[u.perangkat_daerah_id] for u in ctx.units.values()}
    jabatan = Jabatan.objects.prefetch_related("bidang_pendidikan").in_bulk()
    bezetting = hitung_bezetting(list(unit_opd))
    tujuan = Tujuan(ctx.formasi.values(), bezetting, unit_opd, jabatan)
    rencana = _plan(ctx, fit, short, asn, tujuan, today)

    akun, new_accounts = _akun(rencana, users)
    unit_nama = {u.pk: u.nama for u in ctx.units.values()}
    for r in rencana:
        r.opd_id = ctx.opd[r.calon.opd_kode].pk
        r.unit_tujuan = unit_nama.get(r.formasi.unit_id, "") if r.formasi else r.tujuan_luar
        r.jabatan_tujuan = jabatan[
            r.formasi.jabatan_id if r.formasi else r.calon.jabatan_id
        ].nama.lower()
        if r.calon.pk not in akun:  # no account could be made: filed by the operator
            r.sendiri, r.sikap, r.dijawab = False, "", False
        r.filer = akun[r.calon.pk] if r.sendiri else _filer(users, r.calon, r.formasi, unit_opd)

    before = {model: model.objects.count() for model in (Dokumen, Notifikasi)}
    objects = []
    for r in rencana:
        rng = random.Random(f"{SEED}-usulan-{r.calon.plan.nip}")
        jejak = _jejak(r, users, akun, rng)
        usia = r.usia if r.usia is not None else rng.uniform(*USIA[r.status])
        times = jejak.waktu(now, usia, exact_last=r.asn)
        objects.append(_mainkan(r, times, _isian(r, times, rng, jabatan, today)))
    # Notices older than a few days have been read.
    Notifikasi.objects.filter(waktu__lt=now - datetime.timedelta(days=BARU_HARI)).update(
        dibaca=True
    )

    counts = defaultdict(int)
    for r in rencana:
        counts[r.status] += 1
    ctx.report("Usulan mutasi", Usulan.objects.count(), len(objects))
    ctx.log(f"  {'':<28} {'':>8}  " + ", ".join(f"{s} {counts[s]}" for s in STATUSES))
    ctx.report("Dokumen usulan", Dokumen.objects.count(), Dokumen.objects.count() - before[Dokumen])
    asn_accounts = User.objects.filter(groups__name=Role.ASN).count()
    ctx.report("Akun pegawai (ASN)", asn_accounts, new_accounts)
    total = Notifikasi.objects.count()
    ctx.report("Notifikasi", total, total - before[Notifikasi])


# --- The archive (seed_demo --usulan N) ------------------------------------------------------

ARSIP_CHUNK = 10_000
ARSIP_ALASAN = [
    (KategoriAlasan.KEBUTUHAN_ORGANISASI, 30),
    (KategoriAlasan.KESEIMBANGAN_BEBAN, 15),
    (KategoriAlasan.PENYEGARAN, 15),
    (KategoriAlasan.PENGEMBANGAN_KARIER, 12),
    (KategoriAlasan.HASIL_PENILAIAN, 8),
    (KategoriAlasan.PERMINTAAN_SENDIRI, 12),
    (KategoriAlasan.ALASAN_KELUARGA, 8),
]


def sisipkan(model, records: list[dict]) -> list[int]:
    """Insert rows given as {attname: value} (other columns take their field default) and
    return their ids, in order. On PostgreSQL through COPY, with the ids drawn from the
    table's sequence first: for the archive's hundreds of thousands of rows several times
    faster than bulk_create, whose parameter arrays psycopg escapes value by value."""
    if not records:
        return []
    if connection.vendor != "postgresql":
        objects = [model(**record) for record in records]
        with backdated(model):
            model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        return [obj.pk for obj in objects]
    from psycopg.types.json import Jsonb  # PostgreSQL only

    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if f is not pk]
    defaults = {f.attname: f.get_default() for f in fields}
    json = {f.attname for f in fields if isinstance(f, JSONField)}
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in [pk.column, *(f.column for f in fields)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(records)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        with cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
            for id_, record in zip(ids, records, strict=True):
                row = [id_]
                for f in fields:
                    value = record.get(f.attname, defaults[f.attname])
                    if f.attname in json:
                        value = Jsonb(value)
                    elif isinstance(value, enum.Enum):
                        value = value.value
                    row.append(value)
                copy.write_row(row)
    return ids


def build_arsip(ctx: Context, jumlah: int) -> None:
    """``jumlah`` proposals of the last five years, decided, implemented or withdrawn, with
    their timelines (2–7 audit rows each) and no documents; inserted in batches. Counted by
    their private note, so a second run adds only what is missing. Approved ones stay open
    until a decision letter, so each goes to an employee with no other open proposal."""
    have = Usulan.objects.filter(catatan_internal=ARSIP).count()
    if have >= jumlah:
        ctx.report("Usulan arsip", have, 0)
        return
    users = {name: user.pk for name, user in demo_users().items()}
    bkd, verifikator = users["operator.bkd"], users["verifikator.bkd"]
    tim, pejabat = users["tim.pertimbangan"], users["pejabat.penetap"]
    filer_of = {
        ctx.opd[kode].pk: (users[name], ctx.opd[kode].pk)
        for kode, name in ((people.DINKES, "operator.dinkes"), (DISDIK, "operator.disdik"))
        if kode in ctx.opd and name in users
    }
    employees = list(
        Pegawai.objects.filter(aktif=True)
        .order_by("pk")
        .values_list("pk", "unit_id", "jabatan_id", "unit__perangkat_daerah_id")
    )
    formasi = list(
        Formasi.objects.order_by("pk").values_list(
            "pk", "unit_id", "jabatan_id", "unit__perangkat_daerah_id"
        )
    )
    jabatan_nama = dict(Jabatan.objects.values_list("pk", "nama"))
    unit_nama = dict(UnitKerja.objects.values_list("pk", "nama"))
    by_jabatan = defaultdict(list)
    for row in formasi:
        by_jabatan[row[2]].append(row)
    busy = set(
        Usulan.objects.filter(status__in=STATUS_TERBUKA).values_list("pegawai_id", flat=True)
    )
    free = sorted((e for e in employees if e[0] not in busy), key=lambda e: acak("arsip", e[0]))
    reasons, weights = zip(*ARSIP_ALASAN, strict=True)
    tipe = ContentType.objects.get_for_model(Usulan).pk
    tz = timezone.get_current_timezone()
    now = timezone.now()
    ladder = [S.DIAJUKAN, S.TERVERIFIKASI, S.DIPERTIMBANGKAN]
    added = logged = 0
    for start in range(have, jumlah, ARSIP_CHUNK):
        rows, stories = [], []
        for n in range(start, min(start + ARSIP_CHUNK, jumlah)):
            rng = random.Random(SEED * 1_000_033 + n)
            roll = rng.random()
            if roll < 0.1 and free:
                status, employee = S.DISETUJUI, free.pop()
            else:
                # One in five went all the way: a letter (letters.build_arsip_sk) moved them.
                status = (
                    S.DILAKSANAKAN if roll < 0.3 else S.DITOLAK if roll < 0.65 else S.DIBATALKAN
                )
                employee = employees[rng.randrange(len(employees))]
            pk, unit_id, jabatan_id, opd_id = employee
            same = [f for f in by_jabatan.get(jabatan_id, ()) if f[1] != unit_id]
            target = rng.choice(same) if same else formasi[rng.randrange(len(formasi))]
            if target[1] == unit_id and target[2] == jabatan_id:
                target = formasi[(formasi.index(target) + 1) % len(formasi)]
            alasan = rng.choices(reasons, weights)[0]
            filer, opd_pengusul = filer_of.get(opd_id, (bkd, None))
            # Withdrawn as a draft, after submission or after verification; decided ones
            # went the whole way.
            reached = 3
            if status == S.DIBATALKAN:
                reached = rng.choice((0, 1, 1, 2))
            steps = [(S.KONSEP, filer)]
            steps += list(zip(ladder[:reached], (filer, verifikator, tim), strict=False))
            if status == S.DILAKSANAKAN:
                steps += [(S.DISETUJUI, pejabat), (S.DITETAPKAN, pejabat), (status, bkd)]
            else:
                steps.append((status, filer if status == S.DIBATALKAN else pejabat))
            day = (now - datetime.timedelta(days=rng.uniform(90, 5 * 365))).date()
            times = []
            for _ in steps:
                moment = datetime.datetime.combine(day, datetime.time(8), tzinfo=tz)
                times.append(moment + datetime.timedelta(minutes=int(rng.random() * 450)))
                day += datetime.timedelta(days=rng.randint(2, 15))
            record = {
                "pegawai_id": pk,
                "jenis": JenisMutasi.DALAM_OPD if target[3] == opd_id else JenisMutasi.ANTAR_OPD,
                "alasan": alasan,
                "alasan_publik": rng.choice(ALASAN_PUBLIK[alasan]).format(
                    jabatan=jabatan_nama.get(target[2], ""), unit=unit_nama.get(target[1], "")
                ),
                "catatan_internal": ARSIP,
                "unit_asal_id": unit_id,
                "jabatan_asal_id": jabatan_id,
                "formasi_tujuan_id": target[0],
                "tanggal_rencana": _tanggal_rencana(times[0], S.DITOLAK, times[0].date()),
                "status": status,
                "dibuat_oleh_id": filer,
                "opd_pengusul_id": opd_pengusul,
                "created": times[0],
                "updated": times[-1],
            }
            if reached:
                record["diajukan_pada"] = record["diberitahukan_pada"] = times[1]
            if reached == 3:
                tolak = 0.75 if status == S.DITOLAK else 0.0
                setuju = rng.random() >= tolak
                record["rekomendasi"] = Rekomendasi.SETUJUI if setuju else Rekomendasi.TOLAK
                record["rekomendasi_catatan"] = rng.choice(
                    KOMENTAR_SETUJU if setuju else KOMENTAR_TOLAK
                )
            log = [("mutasi.usulan.dibuat", filer, times[0], {"ke": S.KONSEP})]
            for (previous, _), (step, actor), when in zip(
                steps[:-1], steps[1:], times[1:], strict=True
            ):
                catatan = ""
                if step == S.DIBATALKAN:
                    catatan = rng.choice(CATATAN_BATAL)
                elif step in (S.DISETUJUI, S.DITOLAK):
                    catatan = rng.choice(
                        KEPUTUSAN_SETUJU if step == S.DISETUJUI else KEPUTUSAN_TOLAK
                    )
                    record["keputusan_catatan"] = catatan
                    record["diputuskan_oleh_id"], record["diputuskan_pada"] = pejabat, when
                elif step == S.DIPERTIMBANGKAN:
                    catatan = record["rekomendasi_catatan"]
                data = {"dari": previous, "ke": step, "catatan": catatan}
                if step == S.DIPERTIMBANGKAN:
                    data["rekomendasi"] = record["rekomendasi"]
                log.append((f"mutasi.usulan.{step}", actor, when, data))
            rows.append(record)
            stories.append(log)
        ids = sisipkan(Usulan, rows)
        entries = [
            {
                "action": action,
                "actor_id": actor,
                "timestamp": when,
                "content_type_id": tipe,
                "object_id": pk,
                "data": data,
            }
            for pk, log in zip(ids, stories, strict=True)
            for action, actor, when, data in log
        ]
        sisipkan(AuditLog, entries)
        added += len(rows)
        logged += len(entries)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Usulan._meta.db_table}, {AuditLog._meta.db_table}")
    ctx.created[Usulan._meta.label] += added
    ctx.report("Usulan arsip", have + added, added)
    ctx.report("Log audit arsip", logged, logged)
