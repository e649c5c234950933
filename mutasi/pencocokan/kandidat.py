"""Candidates for one vacancy, and the one-step proposal BKD files from that list."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from instansi.choices import JenisJabatan
from mutasi.models import Usulan
from mutasi.pencocokan import data, memuat, skor
from mutasi.usulan import eligibility, services
from mutasi.usulan.choices import KategoriAlasan
from pegawai.choices import JenisAsn, PredikatSkp
from pegawai.models import HukumanDisiplin, Pegawai, Skp
from pegawai.nip import add_years

TERINCI = 50
# With reasons, those who fail the fewest rules are listed with them, up to this many.
ALASAN_DITAMPILKAN = 100
# Columns of an employee the ranking never reads: not loaded for thousands of rows.
TIDAK_DIBACA = ("created", "updated", "domisili", "email", "nomor_perjanjian_kerja")


@dataclass
class Kandidat:
    fakta: data.FaktaPegawai
    skor: skor.Skor | None
    total: float

    @property
    def pegawai(self):
        return self.fakta.pegawai


@dataclass
class TidakLayak:
    pegawai: object
    alasan: list


@dataclass
class Terkunci:
    """Eligible but held by a regional lock period: never proposed (the checklist would
    refuse, and no one may waive it); shown with the message BKD wrote."""

    fakta: data.FaktaPegawai
    aturan: list

    @property
    def pegawai(self):
        return self.fakta.pegawai


@dataclass
class DaftarKandidat:
    formasi: object
    layak: list
    tidak_layak: list
    bobot: dict
    jumlah_tidak_layak: int
    dengan_alasan: bool
    dilindungi: list = field(default_factory=list)
    terkunci: list = field(default_factory=list)
    larangan: list = field(default_factory=list)  # blackouts in force for someone listed

    per_syarat: Counter = field(default_factory=Counter)  # with reasons: how many per rule

    @property
    def ringkasan_alasan(self) -> list[tuple[str, int]]:
        """How many were excluded by each rule, most first."""
        return self.per_syarat.most_common()

    @property
    def alasan_terpotong(self) -> bool:
        """Only the nearest of those not eligible come with their reasons."""
        return len(self.tidak_layak) < self.jumlah_tidak_layak


def prasaring(formasi, today, ketentuan: data.Ketentuan | None = None):
    """Employees who can pass the hard rules for ``formasi``, narrowed in the database by
    necessary conditions of the rules that block (kind, level and class of post, job family,
    golongan, education, study leave and service bond, proceedings and penalties in force, an
    SKP below Baik in a counted year, minimum time in post, retirement; a PPPK's agency, post
    and contract) and of matching (a proposal in progress; a move within the last
    ``PENCOCOKAN_JEDA_PINDAH_TAHUN`` years, the moves ``memuat.pindah_terakhir`` reads); rules
    that only need review never narrow it. A threshold set in the app narrows by its loosest
    value in force that day. Only a pre-filter: ``mutasi.usulan.eligibility`` and
    ``data.layak`` still decide for everyone it keeps."""
    blokir = data.memblokir
    ketentuan = ketentuan or data.Ketentuan(today)
    longgar = ketentuan.longgar
    jabatan = formasi.jabatan
    berjalan = Usulan.objects.filter(pegawai=OuterRef("pk"), status__in=data.STATUS_BERJALAN)
    history, letters = memuat.pindahan(memuat.sejak_jeda(today), today)
    queryset = (
        data.pegawai_queryset()
        .filter(~Exists(berjalan))
        .filter(~Exists(history.filter(pegawai=OuterRef("pk"))))
        .filter(~Exists(letters.filter(usulan__pegawai=OuterRef("pk"))))
        .exclude(unit_id=formasi.unit_id, jabatan_id=formasi.jabatan_id)
    )
    if blokir("setara"):
        queryset = queryset.filter(jabatan__jenis=jabatan.jenis)
        if jabatan.jenis != JenisJabatan.PELAKSANA:
            queryset = queryset.filter(jabatan__jenjang=jabatan.jenjang)
    if blokir("kelas"):
        queryset = queryset.filter(
            jabatan__kelas__lte=jabatan.kelas,
            jabatan__kelas__gte=jabatan.kelas - longgar("kelas_naik_maks", terbesar=True),
        )
    if blokir("rumpun") and jabatan.rumpun and jabatan.rumpun != eligibility.RUMPUN_UMUM:
        unknown = Q(jabatan__rumpun="") & (
            Q(bidang_pendidikan__isnull=True) | Q(bidang_pendidikan__rumpun="")
        )
        queryset = queryset.filter(
            Q(jabatan__rumpun=jabatan.rumpun)
            | Q(bidang_pendidikan__rumpun=jabatan.rumpun)
            | unknown
        )
    if blokir("golongan"):
        queryset = queryset.filter(
            Q(golongan__gte=jabatan.golongan_minimal) | Q(jenis_asn=JenisAsn.PPPK)
        )
    if blokir("pendidikan"):
        # ``eligibility.pendidikan_memenuhi``: the level reached, and one of the fields named.
        if jabatan.pendidikan_minimal:
            queryset = queryset.filter(tingkat_pendidikan__gte=jabatan.pendidikan_minimal)
        fields, _komp = data.syarat_jabatan(jabatan)
        if fields:
            queryset = queryset.filter(bidang_pendidikan_id__in=fields)
    pppk = Q(jenis_asn=JenisAsn.PPPK)
    if blokir("pppk_instansi"):
        queryset = queryset.exclude(
            pppk & ~Q(unit__perangkat_daerah_id=formasi.unit.perangkat_daerah_id)
        )
    if blokir("pppk_jabatan") and jabatan.jenis == JenisJabatan.STRUKTURAL:
        queryset = queryset.exclude(pppk)
    if blokir("pppk_kontrak"):
        queryset = queryset.exclude(
            pppk
            & (
                Q(perjanjian_kerja_selesai__isnull=True)
                | Q(perjanjian_kerja_selesai__lt=data.tanggal_rencana(today))
            )
        )
    if blokir("tugas_belajar"):
        queryset = queryset.filter(
            Q(ikatan_dinas_sampai__isnull=True) | Q(ikatan_dinas_sampai__lt=today),
            tugas_belajar=False,
        )
    if blokir("skp"):
        skp_kurang = Skp.objects.filter(
            pegawai=OuterRef("pk"),
            tahun__in=eligibility.tahun_skp(today, longgar("tahun_skp")),
            predikat__lt=PredikatSkp.BAIK,
        )
        queryset = queryset.filter(~Exists(skp_kurang))
    if blokir("disiplin"):
        hukuman = HukumanDisiplin.objects.filter(
            pegawai=OuterRef("pk"), mulai__lte=today, selesai__gte=today
        )
        queryset = queryset.filter(~Exists(hukuman), dalam_proses_hukum=False)
    if blokir("masa_jabatan"):
        queryset = queryset.filter(tmt_jabatan__lte=add_years(today, -longgar("min_tahun_jabatan")))
    if blokir("pensiun"):
        # pensiun_memenuhi(lahir, bup, on) needs the pension, which starts within a month
        # after add_years(lahir, bup), after this date; a month and two days of slack (29
        # February), the predicate itself decides at the edge.
        pensiun_dari = add_years(data.tanggal_rencana(today), longgar("tahun_sebelum_pensiun"))
        lahir_min = add_years(pensiun_dari, -jabatan.batas_usia_pensiun)
        queryset = queryset.filter(tanggal_lahir__gte=lahir_min - datetime.timedelta(days=33))
    return queryset


def kandidat(formasi, bobot=None, today=None, dengan_alasan=False) -> DaftarKandidat:
    """The eligible employees for ``formasi`` ranked by fit, best first, with the score
    parts of the first ``TERINCI``; those whose move would leave their own post short or
    empty apart (``dilindungi``: proposed only when BKD says the move is intended), and those
    a regional lock period holds (``terkunci``: never proposed). With ``dengan_alasan`` every
    active employee is checked: how many fail each rule, and the reasons of those who fail
    the fewest (slower: on demand)."""
    today = today or timezone.localdate()
    ketentuan = data.Ketentuan(today)
    bobot = skor.periksa_bobot(bobot or skor.bobot(ketentuan.berlaku.pemerintah()))
    queryset = data.pegawai_queryset() if dengan_alasan else prasaring(formasi, today, ketentuan)
    layak, dilindungi, terkunci, gagal, larangan = [], [], [], [], {}
    if not dengan_alasan:  # the reasons' texts read every column
        queryset = queryset.order_by().defer(*TIDAK_DIBACA)
    facts = data.muat(queryset, today, ketentuan, bebas=not dengan_alasan)
    for f in facts:
        if data.layak(f, formasi, today, kunci=False):
            jenis = data.jenis_untuk(f.pegawai, formasi)
            if aturan := f.terkunci(jenis):
                terkunci.append(Terkunci(f, aturan))
                continue
            (dilindungi if f.dilindungi else layak).append((data.total(f, formasi, bobot), f))
            larangan.update((a.pk, a) for a in f.larangan(jenis))
        elif dengan_alasan:
            gagal.append((data.kode_tidak_layak(f, formasi, today), f))
    per_kode = Counter(k for codes, _f in gagal for k in dict.fromkeys(codes))
    per_syarat = Counter({data.nama_kode(k): n for k, n in per_kode.items()})
    tidak = _alasan_terdekat(gagal, formasi, today) if dengan_alasan else []

    def ranked(pairs, terinci):
        pairs.sort(key=lambda pair: (-pair[0], pair[1].pegawai.nama, pair[1].pegawai.pk))
        return [
            Kandidat(f, data.hitung_skor(f, formasi, bobot) if i < terinci else None, total)
            for i, (total, f) in enumerate(pairs)
        ]

    # The protected are listed with their total only.
    layak, dilindungi = ranked(layak, TERINCI), ranked(dilindungi, 0)
    aktif = Pegawai.objects.filter(aktif=True).count()
    terkunci.sort(key=lambda t: (t.pegawai.nama, t.pegawai.pk))
    return DaftarKandidat(
        formasi,
        layak,
        tidak,
        bobot,
        aktif - len(layak) - len(dilindungi) - len(terkunci),
        dengan_alasan,
        dilindungi,
        terkunci,
        [larangan[pk] for pk in sorted(larangan)],
        per_syarat,
    )


def _alasan_terdekat(gagal, formasi, today) -> list[TidakLayak]:
    """The reasons, in the checklist's words, of those who fail the fewest rules: at most
    ``ALASAN_DITAMPILKAN`` (a province has tens of thousands who are not candidates; their
    counts per rule are given apart), with the records the checklist reads (two queries)."""
    gagal.sort(key=lambda g: (len(g[0]), g[1].pegawai.nama, g[1].pegawai.pk))
    nearest = [f for _codes, f in gagal[:ALASAN_DITAMPILKAN]]
    prefetch_related_objects([f.pegawai for f in nearest], "skp", "hukuman_disiplin")
    return [TidakLayak(f.pegawai, data.alasan_tidak_layak(f, formasi, today)) for f in nearest]


def buat_usulan(
    user,
    pegawai,
    formasi,
    alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
    catatan="",
    sengaja=False,
):
    """A draft (Konsep) proposal through the one creation path (``services.buat_usulan``),
    so its permission checks, duplicate check and audit log all apply."""
    return services.buat_usulan(
        user,
        pegawai,
        jenis=data.jenis_untuk(pegawai, formasi),
        alasan=alasan,
        alasan_publik=_("Mengisi kekurangan pegawai pada %(j)s, %(u)s.")
        % {"j": formasi.jabatan.nama, "u": formasi.unit.nama},
        catatan_internal=catatan,
        formasi_tujuan=formasi,
        tanggal_rencana=data.tanggal_rencana(timezone.localdate()),
        asal_dikurangi_sengaja=sengaja,
    )


@transaction.atomic
def usulkan_kandidat(user, pegawai, formasi, sengaja=False):
    """From the candidate list: refuse anyone the list would not show, and anyone whose
    move leaves their post short or empty unless BKD ticks that the move is intended (the
    tick is kept on the proposal and shown by its checklist); then file."""
    today = timezone.localdate()
    (f,) = data.muat(data.pegawai_queryset().filter(pk=pegawai.pk), today, lengkap=True)
    reasons = data.alasan_tidak_layak(f, formasi, today)
    if reasons:
        raise ValidationError(
            _("Pegawai ini tidak memenuhi syarat: %(r)s") % {"r": "; ".join(reasons)}
        )
    if f.dilindungi and not sengaja:
        raise ValidationError(
            _(
                "Pegawai ini dilindungi: %(s)s. Usulan hanya dibuat bila BKD menyatakan "
                "pengurangan ini disengaja."
            )
            % {"s": f.kata_dilindungi}
        )
    fit = data.hitung_skor(f, formasi, skor.periksa_bobot(skor.bobot_default(today)))
    note = _("Dari daftar kandidat: skor kecocokan %(s).1f") % {"s": fit.total}
    if f.dilindungi:
        note += "; " + _("BKD sengaja mengurangi formasi asal: %(s)s") % {"s": f.kata_dilindungi}
    return buat_usulan(user, pegawai, formasi, catatan=note, sengaja=f.dilindungi)
