"""Who the demo proposals are about and where they go: employees who meet the hard rules
through the whole story, targets they qualify for by the matching module's own checks
(``mutasi.pencocokan.data``) with a free seat (one seat, one person), and the plan of states
and stories (``_plan``) that ``mutasi.demo.proposals`` tells through the services."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings

from instansi.choices import Jenjang
from instansi.models import Formasi
from mutasi.demo import letters, people
from mutasi.demo.catalogue import KATA
from mutasi.demo.context import BATCH_SIZE, Context, acak
from mutasi.pencocokan import data
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

PER_STATUS = 40
# Employees who pass the hard rules that planning looks for: every one of a demo of a few
# thousand, a sample (in the stories' order) of a larger province.
CUKUP = 3000
STATUSES = [s for s in S if s not in (S.DITETAPKAN, S.DILAKSANAKAN)]  # in this order
# The demo letters (letters.LETTERS) are published up to 75 days back and publication checks
# every rule again on that day: an employee must pass from a story's first steps to today.
CERITA_SEJAK = datetime.timedelta(days=150)
# The target rules are judged as if filed this many days ahead (``data.layak_jabatan`` judges
# retirement a month after that), past the planned date of any story.
HARI_TUJUAN = 120


@dataclass
class Rencana:
    """One demo proposal before it becomes rows."""

    pegawai: Pegawai
    status: str
    jenis: str = JenisMutasi.ANTAR_OPD
    alasan: str = KategoriAlasan.KEBUTUHAN_ORGANISASI
    formasi: object = None
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


def masa_jabatan(fakta) -> int:
    """Full years in the current post."""
    return eligibility.tahun_penuh(fakta.pegawai.tmt_jabatan, fakta.today)


class Tujuan:
    """The formasi a proposal may aim at: vacancies first, each given to at most one more
    candidate than it has room for (so the panel sometimes compares two), unless one of them
    is approved: then to no more than it has free seats, since after the approval the rules
    would stop any other (one seat, one person)."""

    def __init__(self, formasi, unit_opd, jabatan, today):
        self.unit_opd = unit_opd  # unit id -> agency id
        self.jabatan = jabatan  # with what ``data.layak_jabatan`` reads
        self.on = today + datetime.timedelta(days=HARI_TUJUAN)
        self.kursi = {f.pk: f.kursi for f in formasi if f.kursi > 0}  # free seats
        self.calon = Counter()  # candidates given each formasi
        self.diputus = set()  # formasi with an approved candidate
        self.surplus = {(f.unit_id, f.jabatan_id) for f in formasi if f.bezetting > f.kebutuhan}
        # Vacancies by kind and level of post (an equivalent post, ``eligibility.setara``, is
        # of both), and every formasi by jabatan.
        self.lowong, self.semua = defaultdict(list), defaultdict(list)
        for f in sorted(formasi, key=lambda f: f.pk):
            self.semua[f.jabatan_id].append(f)
            if f.kursi > 0:
                self.lowong[self._jenis(f.jabatan_id)].append(f)
        self.layak = {}  # (employee, jabatan) -> the target-jabatan rules pass

    def _jenis(self, jabatan_id):
        jabatan = self.jabatan[jabatan_id]
        return jabatan.jenis, jabatan.jenjang

    def cocok(self, fakta, formasi, jenis) -> bool:
        key = (fakta.pegawai.pk, formasi.jabatan_id)
        if key not in self.layak:
            jabatan = self.jabatan[formasi.jabatan_id]
            self.layak[key] = data.layak_jabatan(fakta, jabatan, self.on, jenis)
        return self.layak[key]

    def cari(self, fakta, roll, antar, ke, lowong_saja, status) -> tuple:
        """(formasi, vacant?) for ``fakta``'s employee in ``status``, or (None, False): a
        vacancy of their own jabatan, else of another they qualify for; with no vacancy, a
        full formasi of their jabatan, or of any ``ke`` accepts (``lowong_saja`` false)."""
        pegawai = fakta.pegawai
        decided = status in kursi.MENGISI  # holds a seat: one seat, one person

        def room(f):
            extra = 0 if decided or f.pk in self.diputus else 1
            return self.calon[f.pk] < self.kursi[f.pk] + extra

        def usable(f):
            other = self.unit_opd[f.unit_id] != pegawai.unit.perangkat_daerah_id
            jenis = JenisMutasi.ANTAR_OPD if other else JenisMutasi.DALAM_OPD
            wanted = antar in (None, other) and (ke is None or ke(f))
            return f.unit_id != pegawai.unit_id and wanted and self.cocok(fakta, f, jenis)

        vacant = self.lowong[self._jenis(pegawai.jabatan_id)]
        options = [f for f in vacant if room(f) and usable(f)]
        options = [f for f in options if f.jabatan_id == pegawai.jabatan_id] or options
        if options:
            f = options[int(roll * len(options))]
            self.calon[f.pk] += 1
            if decided:
                self.diputus.add(f.pk)
            return f, True
        # A full target with a justification: honest only for a proposal holding no seat.
        if lowong_saja or decided:
            return None, False
        full = self.semua[pegawai.jabatan_id]
        if ke is not None:
            full = sorted((f for fs in self.semua.values() for f in fs), key=lambda f: f.pk)
        options = [f for f in full if f.pk not in self.kursi and usable(f)]
        if options:
            return options[int(roll * len(options))], False
        return None, False


def bebas(pegawai, *days) -> bool:
    """No rule that depends on the employee alone blocks on any of ``days``
    (``eligibility.pegawai_terhalang``: the checklist's predicates, without its texts)."""
    return not any(eligibility.pegawai_terhalang(pegawai, day) for day in days)


def _masalah(pegawai, today) -> set[str]:
    """The rules this employee fails on ``today`` whatever the target, as the services see
    them (``eligibility.periksa_pegawai``)."""
    return {s.kode for s in eligibility.menghalangi(eligibility.periksa_pegawai(pegawai, today))}


def _calon(ctx: Context, today) -> tuple[list, list, object]:
    """(employees who pass the hard rules, those failing only on tenure, the asn persona),
    as matching reads them (``data.muat``), in the stories' order. Employees are checked in
    that order, a chunk at a time, until ``CUKUP`` pass: the stories need a few hundred, and a
    province of 250,000 would otherwise be checked whole at every step that plans."""
    ketentuan = data.Ketentuan(today)

    def muat(plans):
        nips = [plan.nip for plan in plans]
        queryset = data.pegawai_queryset().filter(nip__in=nips)
        found = {f.pegawai.nip: f for f in data.muat(queryset, today, ketentuan, lengkap=True)}
        return [(plan, found.get(plan.nip)) for plan in plans]

    personas = len(people.PERSONAS)
    asn = muat([ctx.people[people.PERSONAS.index(people.ASN_DINKES)]])[0][1]
    order = sorted(ctx.people[personas:], key=lambda plan: acak("usulan", plan.nip))
    fit, short = [], []
    for start in range(0, len(order), BATCH_SIZE):
        if len(fit) >= CUKUP:
            break
        for plan, fakta in muat(order[start : start + BATCH_SIZE]):
            if fakta is None or fakta.berjalan:
                continue
            pegawai = fakta.pegawai
            if (pegawai.unit_id, pegawai.jabatan_id) != (
                ctx.units[plan.unit].pk,
                ctx.jabatan[plan.jabatan].pk,
            ):
                continue  # moved since it was seeded
            if pegawai.jabatan.jenjang in (Jenjang.JPT_MADYA, Jenjang.JPT_PRATAMA):
                continue  # agency heads move by open selection, not by this workflow
            # Fine for the whole story: its first steps lie up to a few months back, and the
            # letters step checks again on the day each letter is published.
            if bebas(pegawai, today, today - CERITA_SEJAK):
                fit.append(fakta)
                continue
            problems = _masalah(pegawai, today) | _masalah(pegawai, today - CERITA_SEJAK)
            if problems == {"masa_jabatan"}:
                short.append(fakta)
    return fit, short, asn if asn is not None and not asn.berjalan else None


class Perencana:
    """Hands out employees and targets to the states, special stories first."""

    def __init__(self, fit, tujuan, today, per_status):
        self.pool = list(fit)
        self.tujuan = tujuan
        self.today = today
        self.quota = dict.fromkeys(STATUSES, per_status)
        self.rencana: list[Rencana] = []
        self.buntu = set()  # (employee, own request?, vacancies only?) that found no target

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
            for fakta in self.pool:
                if when is not None and not when(fakta):
                    continue
                # Vacancies only fill up, so who found none will find none later either.
                key = (fakta.pegawai.pk, sendiri, strict, ke)
                if key in self.buntu:
                    continue
                rencana = self.rencanakan(fakta, status, sendiri, strict, ke, **extra)
                if rencana is not None:
                    self.pool.remove(fakta)
                    return rencana
                self.buntu.add(key)
        return None

    def rencanakan(self, fakta, status, sendiri=False, lowong_saja=False, ke=None, **extra):
        """Plan ``fakta``'s employee in ``status``: into a formasi ``ke(formasi)`` accepts,
        if given."""
        pegawai = fakta.pegawai
        rencana = Rencana(pegawai=pegawai, status=status, sendiri=sendiri, **extra)
        if extra.get("jenis") not in PERLU_PERTEK:
            # A newer PNS may ask to move on their own only within the agency.
            masa_kerja = eligibility.tahun_penuh(pegawai.tmt_cpns, self.today - CERITA_SEJAK)
            baru = sendiri and masa_kerja < settings.MUTASI_MASA_KERJA_PERMINTAAN_SENDIRI
            antar = None if ke else False if baru else acak("usulan-antar", pegawai.nip) < 0.55
            roll = acak("usulan-tujuan", pegawai.nip)
            formasi, lowong = self.tujuan.cari(fakta, roll, antar, ke, lowong_saja, status)
            if formasi is None and not baru:
                formasi, lowong = self.tujuan.cari(fakta, roll, None, ke, lowong_saja, status)
            if formasi is None:
                return None
            rencana.formasi, rencana.lowong = formasi, lowong
            same = self.tujuan.unit_opd[formasi.unit_id] == pegawai.unit.perangkat_daerah_id
            rencana.jenis = JenisMutasi.DALAM_OPD if same else JenisMutasi.ANTAR_OPD
        if "alasan" not in extra:
            rencana.alasan = self.alasan(fakta, rencana)
        _ragam(rencana)
        self.quota[status] -= 1
        self.rencana.append(rencana)
        return rencana

    def alasan(self, fakta, rencana) -> str:
        pegawai = fakta.pegawai
        if rencana.sendiri:
            return KategoriAlasan.PERMINTAAN_SENDIRI
        if rencana.lowong and (pegawai.unit_id, pegawai.jabatan_id) in self.tujuan.surplus:
            return KategoriAlasan.KESEIMBANGAN_BEBAN
        if rencana.formasi and rencana.formasi.jabatan_id != pegawai.jabatan_id:
            return KategoriAlasan.PENGEMBANGAN_KARIER
        if masa_jabatan(fakta) >= settings.MUTASI_MAX_TAHUN_JABATAN:
            return KategoriAlasan.PENYEGARAN
        roll = acak("usulan-alasan", pegawai.nip)
        if roll < 0.55:
            return KategoriAlasan.KEBUTUHAN_ORGANISASI
        if roll < 0.75:
            return KategoriAlasan.HASIL_PENILAIAN
        if roll < 0.9:
            return KategoriAlasan.PENGEMBANGAN_KARIER
        return KategoriAlasan.ALASAN_KELUARGA


def _ragam(r: Rencana) -> None:
    """The variations inside a state: returned drafts, consent and objections, checks
    begun, panel work done or not, the state a withdrawn proposal was in."""

    def roll(what):
        return acak("usulan", what, r.pegawai.nip)

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
    unit_opd = {u.pk: u.perangkat_daerah_id for u in ctx.units.values()}
    formasi = list(kursi.daftar_kursi(Formasi.objects.filter(unit_id__in=list(unit_opd))))
    tujuan = Tujuan(formasi, unit_opd, data.jabatan_queryset().in_bulk(), today)
    per_status = max(1, min(PER_STATUS, len(fit) // (len(STATUSES) + 2)))
    return Perencana(fit, tujuan, today, per_status), short, asn


def _plan(perencana, short, asn) -> list[Rencana]:
    dinkes = lambda fakta: fakta.pegawai.unit.perangkat_daerah.kode == people.DINKES  # noqa: E731
    if asn is not None:
        # The employee behind the asn account, told yesterday: the consent form is open. A
        # small province may have no other post of her jabatan: then any she qualifies for.
        perencana.quota[S.DIAJUKAN] += 1
        extra = {"asn": True, "usia": 1.0, "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI}
        for ke in (None, lambda f: True):
            if perencana.rencanakan(asn, S.DIAJUKAN, ke=ke, **extra):
                break
    for n in range(3):
        # The first is fresh, so kepala.dinkes still has it unread.
        perencana.ambil(S.MENUNGGU_KEPALA, dinkes, sendiri=True, usia=1.5 if n == 0 else None)
    for _ in range(5):
        perencana.ambil(S.KONSEP, dinkes)
    for status in (S.DIAJUKAN, S.DIAJUKAN, S.TERVERIFIKASI, S.DISETUJUI):
        perencana.ambil(status, dinkes, sendiri=True)
    # Releases to other governments (data/kata.toml).
    for keluar in KATA["keluar"]:
        perencana.ambil(**keluar)
    # BKD waived the tenure rule for an urgent need on two.
    perencana.pool = short + perencana.pool
    for status in (S.TERVERIFIKASI, S.DISETUJUI):
        perencana.ambil(
            status,
            lambda fakta: masa_jabatan(fakta) < settings.MUTASI_MIN_TAHUN_JABATAN,
            pengecualian="masa_jabatan",
        )
    waived = {fakta.pegawai.pk for fakta in short}
    perencana.pool = [fakta for fakta in perencana.pool if fakta.pegawai.pk not in waived]
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
