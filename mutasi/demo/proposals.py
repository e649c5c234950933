"""Demo mutation proposals (usulan mutasi): the stories, told through the services.

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

Who and where to is planned in ``planning``, the words in ``words``; the benchmark archive is
``arsip``.
"""

import datetime
import random
from collections import defaultdict

import time_machine
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from instansi.models import Jabatan
from mutasi.demo import catalogue
from mutasi.demo.context import ARSIP, SEED, Context
from mutasi.demo.pdf import pdf
from mutasi.demo.planning import (
    BARU_HARI,
    STATUSES,
    Rencana,
    Tujuan,
    _calon,
    _filer,
    _plan,
    _tanggal_rencana,
)
from mutasi.demo.words import (
    ALASAN_PUBLIK,
    CATATAN_BATAL,
    CATATAN_DUKUNG,
    CATATAN_INTERNAL,
    CATATAN_VERIFIKASI,
    JAWABAN,
    KEBERATAN,
    KEPUTUSAN_SETUJU,
    KEPUTUSAN_TOLAK,
    KOMENTAR_SETUJU,
    KOMENTAR_TOLAK,
    PENGECUALIAN,
    PERBAIKI,
    SETUJU,
)
from mutasi.demo.workload import acak, demo_users, hitung_bezetting, jam_kerja
from mutasi.models import Dokumen, Notifikasi, StatusPengecualian, Usulan
from mutasi.usulan import services
from mutasi.usulan.choices import (
    DOKUMEN_WAJIB,
    JenisDokumen,
    JenisMutasi,
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


def _isian(r: Rencana, times, rng, jabatan, today) -> dict:
    """What the filer types into the proposal form."""
    plan = r.calon.plan
    first = times[0][0]
    nama_jabatan, nama_unit = _tujuan_nama(r, jabatan)
    kota = r.tujuan_luar or rng.choice([k for k in catalogue.KOTA if k != plan.domisili])
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
