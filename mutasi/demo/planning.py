"""Who the demo proposals are about and where they go: employees who meet the hard rules
through the whole story, targets with a free seat (one seat, one person), and the plan of
states and stories (``_plan``) that ``mutasi.demo.proposals`` tells through the services."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings

from instansi.choices import JenisJabatan
from instansi.models import Formasi, Jabatan
from mutasi.demo import letters, people
from mutasi.demo.accounts import operator_of
from mutasi.demo.context import BATCH_SIZE, Context, acak
from mutasi.demo.words import PERTEK
from mutasi.models import Usulan
from mutasi.usulan import eligibility, kursi
from mutasi.usulan.choices import (
    DOKUMEN_WAJIB,
    PERLU_PERTEK,
    STATUS_TERBUKA,
    JenisMutasi,
    KategoriAlasan,
    Rekomendasi,
    SikapPegawai,
)
from mutasi.usulan.choices import StatusUsulan as S
from pegawai.models import Pegawai
from pegawai.nip import add_years, parse_nip

PER_STATUS = 40
# Employees who pass the hard rules that planning looks for: every one of a demo of a few
# thousand, a sample (in the stories' order) of a larger province.
CUKUP = 3000
STATUSES = [s for s in S if s not in (S.DITETAPKAN, S.DILAKSANAKAN)]  # in this order
# --- Who, where to ----------------------------------------------------------------------------


@dataclass(eq=False)  # one per employee: compared by identity, which is fast
class Calon:
    """An employee who may be proposed, as stored (and as generated, for planning)."""

    pegawai: Pegawai  # with its SKP and penalties
    pk: int
    unit_id: int
    jabatan_id: int
    opd_kode: str
    masa_jabatan: int  # full years in the current post
    masa_kerja: int = 0  # full years since CPNS when the oldest story begins
    plan: people.PersonPlan | None = None


def calon_dari(pegawai: Pegawai, today) -> Calon:
    """An employee the demo did not generate (PPPK, the one released to another province),
    to be told through ``proposals.ceritakan`` like the planned ones."""
    kode = pegawai.unit.perangkat_daerah.kode
    masa_jabatan = eligibility.tahun_penuh(pegawai.tmt_jabatan, today)
    return Calon(pegawai, pegawai.pk, pegawai.unit_id, pegawai.jabatan_id, kode, masa_jabatan)


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
    # Filled in when the story is told.
    unit_tujuan: str = ""
    jabatan_tujuan: str = ""
    filer: object = None
    usulan: object = None
    # Evaluation stories: the day it is carried out, and its letter's day.
    tmt: datetime.date | None = None
    surat: datetime.date | None = None


class Tujuan:
    """The formasi a proposal may aim at: vacancies first, each taken by at most one more
    candidate than it has room for (so the panel sometimes compares two), unless one of them
    is approved: then by no more than it has free seats, since after the approval the rules
    would stop any other (one seat, one person)."""

    def __init__(self, formasi, unit_opd, jabatan):
        """``formasi`` with their free seats and holders (``kursi.daftar_kursi``)."""
        self.unit_opd = unit_opd
        self.jabatan = jabatan
        self.kursi = {}  # free seats
        self.calon = defaultdict(int)  # candidates given each formasi
        self.diputus = set()  # formasi with an approved candidate
        self.lowong = defaultdict(list)  # jabatan id -> vacant formasi
        self.sejenis = defaultdict(list)  # (jenis, jenjang) -> vacant formasi
        self.semua = defaultdict(list)  # jabatan id -> formasi
        self.surplus = {(f.unit_id, f.jabatan_id) for f in formasi if f.bezetting > f.kebutuhan}
        for f in sorted(formasi, key=lambda f: f.pk):
            self.semua[f.jabatan_id].append(f)
            if f.kursi > 0:
                jd = jabatan[f.jabatan_id]
                self.lowong[f.jabatan_id].append(f)
                self.sejenis[(jd.jenis, jd.jenjang)].append(f)
                self.kursi[f.pk] = f.kursi

    def cari(self, calon, roll, antar, cocok, lowong_saja, status) -> tuple:
        """(formasi, vacant?) for ``calon`` in ``status``, or (None, False)."""
        jd = self.jabatan[calon.jabatan_id]
        decided = status in kursi.MENGISI  # holds a seat: one seat, one person

        def room(f):
            extra = 0 if decided or f.pk in self.diputus else 1
            return self.calon[f.pk] < self.kursi[f.pk] + extra

        def usable(f):
            other = self.unit_opd[f.unit_id] != calon.opd_kode
            return f.unit_id != calon.unit_id and antar in (None, other) and cocok(f)

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
        # A full target with a justification: honest only for a proposal holding no seat.
        if lowong_saja or decided:
            return None, False
        options = [f for f in self.semua[calon.jabatan_id] if f.pk not in self.kursi and usable(f)]
        if options:
            return options[int(roll * len(options))], False
        return None, False


# The demo letters (letters.LETTERS) are published up to 75 days back and publication checks
# every rule again on that day: an employee must pass from a story's first steps to today.
CERITA_SEJAK = datetime.timedelta(days=150)


def _masalah(pegawai, today) -> set[str]:
    """The rules this employee fails on ``today`` whatever the target, as the services see
    them (``eligibility.periksa_pegawai``)."""
    return {s.kode for s in eligibility.menghalangi(eligibility.periksa_pegawai(pegawai, today))}


def _calon(ctx: Context, today) -> tuple[list[Calon], list[Calon], Calon | None]:
    """(employees who pass the hard rules, those failing only on tenure, the asn persona),
    in the stories' order. Employees are checked in that order, a chunk at a time, until
    ``CUKUP`` pass: the stories need a few hundred, and a province of 250,000 would
    otherwise be checked whole at every step that plans."""
    busy = set(
        Usulan.objects.filter(status__in=STATUS_TERBUKA).values_list("pegawai_id", flat=True)
    )
    opd_of = {u.pk: u.perangkat_daerah_id for u in ctx.units.values()}
    kode_of = {o.pk: kode for kode, o in ctx.opd.items()}
    where = people.placement()
    personas = range(len(people.PERSONAS))
    others = range(len(personas), len(ctx.people))
    order = [*personas, *sorted(others, key=lambda n: acak("usulan", ctx.people[n].nip))]
    fit, short, asn = [], [], None
    for start in range(0, len(order), BATCH_SIZE):
        if len(fit) >= CUKUP:
            break
        chunk = order[start : start + BATCH_SIZE]
        stored = {
            p.nip: p
            for p in Pegawai.objects.filter(aktif=True, nip__in=[ctx.people[n].nip for n in chunk])
            .select_related("jabatan", "bidang_pendidikan")
            .prefetch_related("skp", "hukuman_disiplin")
        }
        for n in chunk:
            plan = ctx.people[n]
            pegawai = stored.get(plan.nip)
            if pegawai is None or pegawai.pk in busy:
                continue
            pk, unit_id, jabatan_id = pegawai.pk, pegawai.unit_id, pegawai.jabatan_id
            if unit_id != ctx.units[plan.unit].pk or jabatan_id != ctx.jabatan[plan.jabatan].pk:
                continue  # moved since it was seeded: its plan no longer describes it
            masa_jabatan = eligibility.tahun_penuh(plan.tmt_jabatan, today)
            masa_kerja = eligibility.tahun_penuh(parse_nip(plan.nip).tmt_cpns, today - CERITA_SEJAK)
            opd = kode_of[opd_of[unit_id]]
            calon = Calon(pegawai, pk, unit_id, jabatan_id, opd, masa_jabatan, masa_kerja, plan)
            if n in personas:
                if people.PERSONAS[n] is people.ASN_DINKES:
                    asn = calon
                continue
            if where.jabatan[plan.jabatan].jenjang in ("jpt_madya", "jpt_pratama"):
                continue  # agency heads move by open selection, not by this workflow
            # Fine for the whole story: its first steps lie up to a few months back, and the
            # letters step checks again on the day each letter is published.
            problems = _masalah(pegawai, today) | _masalah(pegawai, today - CERITA_SEJAK)
            if not problems:
                fit.append(calon)
            elif problems == {"masa_jabatan"}:
                short.append(calon)
    return fit, short, asn


def _filer(users, calon, formasi, unit_opd):
    """The operator who files: the employee's agency if it has a demo operator, else the
    receiving agency's, else BKD's."""
    mine = operator_of(users, calon.opd_kode)
    if mine.username == "operator.bkd" and formasi is not None:
        return operator_of(users, unit_opd.get(formasi.unit_id))
    return mine


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
        self.buntu = set()  # (employee, own request?, vacancies only?) that found no target

    def cocok(self, calon, tanggal_rencana):
        """Whether a target jabatan passes the rules that depend on it, as the services see
        them (``eligibility.periksa_jabatan_tujuan``); retirement a year past the date."""
        on = add_years(tanggal_rencana, 1)
        memo = {}

        def check(f):
            if f.jabatan_id not in memo:
                rules = eligibility.periksa_jabatan_tujuan(
                    calon.pegawai, self.jabatan[f.jabatan_id], on
                )
                memo[f.jabatan_id] = not eligibility.menghalangi(rules)
            return memo[f.jabatan_id]

        return check

    def ambil(
        self, status, when=None, sendiri=False, lowong_saja=None, ke=None, **extra
    ) -> Rencana | None:
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
                key = (calon.pk, sendiri, strict, ke)
                if key in self.buntu:
                    continue
                rencana = self.rencanakan(calon, status, sendiri, strict, ke, **extra)
                if rencana is not None:
                    self.pool.remove(calon)
                    return rencana
                self.buntu.add(key)
        return None

    def rencanakan(self, calon, status, sendiri=False, lowong_saja=False, ke=None, **extra):
        """Plan ``calon`` in ``status``: into a formasi ``ke(formasi)`` accepts, if given."""
        nip = calon.pegawai.nip
        rencana = Rencana(calon=calon, status=status, sendiri=sendiri, **extra)
        if extra.get("jenis") not in PERLU_PERTEK:
            # A newer PNS may ask to move on their own only within the agency.
            baru = sendiri and calon.masa_kerja < settings.MUTASI_MASA_KERJA_PERMINTAAN_SENDIRI
            antar = False if baru else acak("usulan-antar", nip) < 0.55
            check = self.cocok(calon, self.today + datetime.timedelta(days=120))
            if ke:
                antar = None
                fits = check
                check = lambda f: ke(f) and fits(f)  # noqa: E731
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
        roll = acak("usulan-alasan", calon.pegawai.nip)
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
        nip = r.calon.pegawai.nip

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
        if r.status not in (S.KONSEP, S.MENUNGGU_KEPALA) and not r.sikap:
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


def perencana(ctx: Context, today) -> tuple:
    """(Perencana over the employees who pass the hard rules, those failing only on tenure,
    the asn persona)."""
    fit, short, asn = _calon(ctx, today)
    opd_kode = {o.pk: kode for kode, o in ctx.opd.items()}
    unit_opd = {u.pk: opd_kode[u.perangkat_daerah_id] for u in ctx.units.values()}
    jabatan = Jabatan.objects.prefetch_related("bidang_pendidikan").in_bulk()
    formasi = list(kursi.daftar_kursi(Formasi.objects.filter(unit_id__in=list(unit_opd))))
    tujuan = Tujuan(formasi, unit_opd, jabatan)
    per_status = max(1, min(PER_STATUS, len(fit) // (len(STATUSES) + 2)))
    return Perencana(fit, tujuan, today, per_status), short, asn


def _plan(ctx, perencana, short, asn, today) -> list[Rencana]:
    tujuan = perencana.tujuan
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
    # The letters step publishes from the approved ones: enough of them, planned before the
    # other states take the vacancies, however few people the evaluation stories left.
    approved = sum(1 for r in perencana.rencana if r.status == S.DISETUJUI and r.formasi)
    for _ in range(letters.DIBUTUHKAN - approved):
        perencana.quota[S.DISETUJUI] = max(perencana.quota[S.DISETUJUI], 1)
        perencana.ambil(S.DISETUJUI, lowong_saja=True)
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


def _tanggal_rencana(first: datetime.datetime, status: str, today) -> datetime.date:
    day = first.date() + datetime.timedelta(days=75)
    if status in STATUS_TERBUKA:
        day = max(day, today + datetime.timedelta(days=30))
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
