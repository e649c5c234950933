"""Demo mutation proposals: about 40 in every state from draft to decision, each about a
different employee who meets the hard rules, mostly into vacancies (who and where: planning.py).

Each story is a list of service calls (``_jejak``), made with the clock stopped at each step's
moment, so the rules are checked as they were that day and the audit trail, the documents
(small real PDFs), the decisions kept and the notices are the services' own: the demo cannot
drift from the workflow. A few stories give the demo accounts work: ``asn`` was told of a
proposal about her a day ago (the consent form is open), ``kepala.dinkes`` has a request to
endorse, ``operator.dinkes`` drafts, ``verifikator.bkd`` a queue.
"""

import datetime
import random
from collections import defaultdict

from django.contrib.auth.models import Group
from django.utils import timezone

from instansi.models import Jabatan, UnitKerja
from mutasi.demo import catalogue
from mutasi.demo.accounts import demo_users, operator_of
from mutasi.demo.catalogue import KATA
from mutasi.demo.context import SEED, Context, acak, jam_kerja, pada
from mutasi.demo.pdf import dokumen
from mutasi.demo.planning import Rencana, _plan, _tanggal_rencana, perencana
from mutasi.models import Dokumen, Notifikasi, Usulan
from mutasi.usulan import eligibility, pengecualian, services
from mutasi.usulan.choices import (
    DOKUMEN_WAJIB,
    JenisDokumen,
    Rekomendasi,
    SikapPegawai,
    StatusDokumen,
)
from mutasi.usulan.choices import StatusUsulan as S
from pegawai.access import Role
from pegawai.choices import JenisKelamin
from pegawai.models import Pegawai, User

# --- Timelines -----------------------------------------------------------------------------


class Jejak:
    """The steps of one proposal, each a service call, at day offsets from its first day,
    turned into times once the whole story is known, so it can end a given number of days
    ago."""

    def __init__(self, rng, key: str):
        self.rng = rng
        self.key = key
        self.day = 0
        self.rows = []  # (day, service, args): the service takes the proposal's pk first

    def lalu(self, low, high):
        self.day += self.rng.randint(low, high)

    def add(self, service, *args, day=None):
        self.rows.append((self.day if day is None else day, service, args))

    def waktu(self, now, usia_hari: float, exact_last: bool) -> list:
        """(time, service, args) rows, the last ``usia_hari`` days before ``now``."""
        rows = sorted(self.rows, key=lambda row: row[0])
        end = now - datetime.timedelta(days=usia_hari)
        start = timezone.localtime(end).date() - datetime.timedelta(days=rows[-1][0])
        per_day = defaultdict(int)
        out = []
        for day, service, args in rows:
            moment = jam_kerja(
                start + datetime.timedelta(days=day), acak("jam", self.key, day) * 0.6
            ) + datetime.timedelta(minutes=7 * per_day[day])
            per_day[day] += 1
            out.append([moment, service, args])
        if exact_last:
            out[-1][0] = end
        # The office-hours grid can put a same-day event after ``end``: keep the order.
        for n in range(len(out) - 2, -1, -1):
            if out[n][0] >= out[n + 1][0]:
                out[n][0] = out[n + 1][0] - datetime.timedelta(minutes=5)
        return [tuple(row) for row in out]


def _jejak(r: Rencana, users, akun, rng) -> Jejak:
    """The story of ``r``: each step, who takes it and what they enter. The services check
    it, keep it, log it and notify (``_mainkan``)."""
    j = Jejak(rng, r.pegawai.nip)
    filer = r.filer
    verifikator, tim = users["verifikator.bkd"], users["tim.pertimbangan"]
    pejabat = users["pejabat.penetap"]
    docs = DOKUMEN_WAJIB[r.jenis]
    j.add(None)  # filed: ``_mainkan`` creates the proposal
    uploaded = docs if r.unggah is None else docs[: r.unggah]
    for n, jenis in enumerate(uploaded):
        if n and rng.random() < 0.25:
            j.lalu(0, 2)
        j.add(_unggah, filer, jenis)
    if r.status == S.KONSEP and not r.dikembalikan:
        return j
    if r.pengecualian:
        # Before it can be submitted: asked for by the verifier, granted by the official (a
        # rule waived needs two people).
        alasan = KATA["pengecualian"].format(unit=r.unit_tujuan, jabatan=r.jabatan_tujuan)
        j.add(pengecualian.minta_pengecualian, verifikator, r.pengecualian, alasan)
        j.lalu(1, 3)
        catatan = "Disetujui: kebutuhan layanan mendesak dan tidak ada calon lain yang memenuhi."
        j.add(pengecualian.putuskan_pengecualian, pejabat, r.pengecualian, True, catatan)
    j.lalu(1, 6)
    j.add(services.ajukan, filer)
    if r.sendiri:
        if r.status == S.MENUNGGU_KEPALA:
            return j
        j.lalu(1, 7)
        j.add(services.dukung, users["kepala.dinkes"], rng.choice(KATA["catatan_dukung"]))
    sikap_day = None
    if r.sikap:
        n = rng.randrange(len(KATA["keberatan"]))
        keberatan = r.sikap == SikapPegawai.KEBERATAN
        alasan = KATA["keberatan"][n] if keberatan else rng.choice(KATA["setuju"])
        sikap_day = j.day + rng.randint(1, 3)
        j.add(services.catat_sikap, akun.get(r.pegawai.pk), r.sikap, alasan, day=sikap_day)
    if r.status == S.DIAJUKAN:
        if r.periksa:
            j.lalu(1, 3)
            for jenis in docs[: r.periksa]:
                j.add(_periksa, verifikator, jenis, StatusDokumen.DITERIMA, "")
        return j
    j.lalu(2, 8)
    if sikap_day is not None:
        j.day = max(j.day, sikap_day + 1)
    if r.dikembalikan:
        wrong = [d for d in docs if d in KATA["perbaiki"]]
        bad = wrong[int(acak("perbaiki", r.pegawai.nip) * len(wrong))]
        j.add(_periksa, verifikator, bad, StatusDokumen.PERBAIKI, _catatan_kembali(bad))
        j.add(services.terima_semua_dokumen, verifikator)
        j.add(services.kembalikan, verifikator, _catatan_kembali(bad))
        return j
    if r.batal_dari == S.DIAJUKAN:
        j.add(services.batalkan, filer, rng.choice(KATA["catatan_batal"]))
        return j
    j.add(services.terima_semua_dokumen, verifikator)
    j.add(services.verifikasi, verifikator, rng.choice(KATA["catatan_verifikasi"]))
    if r.dijawab:
        j.lalu(1, 4)
        j.add(services.jawab_keberatan, tim, KATA["jawaban"][n])
    if r.status == S.TERVERIFIKASI or r.batal_dari == S.TERVERIFIKASI:
        if r.dinilai and r.status == S.TERVERIFIKASI:
            j.lalu(1, 5)
            j.add(services.nilai, tim, rng.randint(3, 5), rng.choice(KATA["komentar_setuju"]))
        if r.batal_dari == S.TERVERIFIKASI:
            j.lalu(2, 10)
            j.add(services.batalkan, filer, rng.choice(KATA["catatan_batal"]))
        return j
    j.lalu(2, 10)
    setuju = r.rekomendasi == Rekomendasi.SETUJUI
    skor = rng.randint(3, 5) if setuju else rng.randint(1, 3)
    komentar = rng.choice(KATA["komentar_setuju"] if setuju else KATA["komentar_tolak"])
    j.add(services.nilai, tim, skor, komentar)
    j.add(services.rekomendasikan, tim, r.rekomendasi, komentar)
    if r.status == S.DIPERTIMBANGKAN:
        return j
    j.lalu(2, 12)
    if r.batal_dari == S.DIPERTIMBANGKAN:
        j.add(services.batalkan, filer, rng.choice(KATA["catatan_batal"]))
    elif r.status == S.DISETUJUI:
        j.add(services.setujui, pejabat, rng.choice(KATA["keputusan_setuju"]))
    else:
        j.add(services.tolak, pejabat, rng.choice(KATA["keputusan_tolak"]))
    return j


def _unggah(pk, user, jenis):
    usulan = Usulan.objects.select_related("pegawai").get(pk=pk)
    services.unggah_dokumen(pk, user, jenis, dokumen(usulan, jenis))


def _periksa(pk, user, jenis, status, catatan):
    dokumen = Dokumen.objects.get(usulan_id=pk, jenis=jenis)
    services.periksa_dokumen(dokumen.pk, user, status, catatan)


def _catatan_kembali(jenis: str) -> str:
    note = KATA["perbaiki"][jenis].format(tahun=timezone.localdate().year - 1)
    return f"{JenisDokumen(jenis).label}: {note} Perbaiki lalu ajukan kembali."


# --- Rows ----------------------------------------------------------------------------------


def _akun(rencana: list[Rencana], users) -> dict:
    """Accounts of the employees who act themselves (their own request, consent or
    objection), by employee id: the existing one, or a new ASN account with the demo
    password whose username is the NIP."""
    pks = {r.pegawai.pk for r in rencana}
    akun = {u.pegawai_id: u for u in User.objects.filter(pegawai_id__in=pks)}
    taken = set(User.objects.values_list("username", flat=True))
    group, _ = Group.objects.get_or_create(name=Role.ASN.value)
    acting = [r.pegawai for r in rencana if r.sendiri or r.sikap]  # one proposal each
    for pegawai in sorted(acting, key=lambda p: p.nip):
        if pegawai.pk in akun or pegawai.nip in taken:
            continue
        first, _, rest = pegawai.nama.partition(" ")
        user = User.objects.create(
            username=pegawai.nip,
            first_name=first,
            last_name=rest,
            pegawai_id=pegawai.pk,
            password=users["asn"].password,  # the demo password, hashed once already
        )
        user.groups.add(group)
        akun[pegawai.pk] = user
    return akun


def _isian(r: Rencana, times, rng, jabatan, today) -> dict:
    """What the filer types into the proposal form."""
    pegawai = r.pegawai
    first = times[0][0]
    jabatan_id = r.formasi.jabatan_id if r.formasi else r.pegawai.jabatan_id
    kota = r.tujuan_luar or rng.choice([k for k in catalogue.KOTA if k != pegawai.domisili])
    isi = {
        "jabatan": jabatan[jabatan_id],
        "unit": r.unit_tujuan,
        "tahun": today.year - 1,
        "n": eligibility.tahun_penuh(pegawai.tmt_jabatan, today),
        "kota": kota,
        "pasangan": "Suami" if pegawai.jenis_kelamin == JenisKelamin.PEREMPUAN else "Istri",
    }
    fields = {
        "jenis": r.jenis,
        "alasan": r.alasan,
        "alasan_publik": rng.choice(KATA["alasan_publik"][r.alasan]).format(**isi),
        "catatan_internal": rng.choice(KATA["catatan_internal"][r.alasan]).format(**isi),
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
    # No Pertek here: these stories release employees to another government, whose side asks
    # BKN for it after the filing (an incoming move's Pertek is told in masuk.py).
    return fields


def _mainkan(r: Rencana, times, fields: dict) -> Usulan:
    """Tell the story through the services, the clock stopped at each step's moment: they
    check the rules, keep what was decided, write the audit trail and send the notices."""
    (when, _none, _args), *steps = times
    pegawai = Pegawai.objects.get(pk=r.pegawai.pk)
    usulan = pada(when, services.buat_usulan, r.filer, pegawai, **fields)
    for when, service, args in steps:
        pada(when, service, usulan.pk, *args)
    return usulan


# Days between the last step and now, by state (data/kata.toml).
USIA = KATA["usia"]


def ceritakan(rencana: list[Rencana], users, usia, ubah=lambda r: {}) -> None:
    """Tell each planned proposal through the services, its last step ``usia(r, rng)`` days
    before now; ``ubah(r)`` overrides what the filer types."""
    now, today = timezone.now(), timezone.localdate()
    akun = _akun(rencana, users)
    jabatan = dict(Jabatan.objects.values_list("pk", "nama"))
    units = UnitKerja.objects.values_list("pk", "nama", "perangkat_daerah__kode")
    unit_nama, unit_opd = {pk: n for pk, n, _k in units}, {pk: k for pk, _n, k in units}
    for r in rencana:
        r.unit_tujuan = unit_nama.get(r.formasi.unit_id, "") if r.formasi else r.tujuan_luar
        r.jabatan_tujuan = jabatan[r.formasi.jabatan_id if r.formasi else r.pegawai.jabatan_id]
        r.jabatan_tujuan = r.jabatan_tujuan.lower()
        if r.pegawai.pk not in akun:  # no account could be made: filed by the operator
            r.sendiri, r.sikap, r.dijawab = False, "", False
        # The employee's agency's operator files, else the receiving agency's, else BKD's.
        operator = operator_of(users, unit_opd[r.pegawai.unit_id])
        if operator.username == "operator.bkd" and r.formasi is not None:
            operator = operator_of(users, unit_opd[r.formasi.unit_id])
        r.filer = akun[r.pegawai.pk] if r.sendiri else operator
    for r in rencana:
        rng = random.Random(f"{SEED}-usulan-{r.pegawai.nip}")
        times = _jejak(r, users, akun, rng).waktu(now, usia(r, rng), exact_last=r.asn)
        r.usulan = _mainkan(r, times, _isian(r, times, rng, jabatan, today) | ubah(r))


def build_usulan(ctx: Context) -> None:
    """The demo proposals: planned, then told through the services."""
    today, now, users = timezone.localdate(), timezone.now(), demo_users()
    planner, short, asn = perencana(ctx, today)
    rencana = _plan(planner, short, asn)

    def usia(r, rng):
        return r.usia if r.usia is not None else rng.uniform(*USIA[r.status])

    ceritakan(rencana, users, usia)
    # Notices older than three days have been read.
    Notifikasi.objects.filter(waktu__lt=now - datetime.timedelta(days=3)).update(dibaca=True)
