"""Implemented moves with their letters, evaluations and assessments, inserted in bulk
(``sisipkan``: COPY on PostgreSQL) for ``bench_evaluasi``, which needs 100,000 of them. The
demo tells its few evaluation stories through the services instead
(``mutasi.demo.evaluasi``); these rows carry the same private note, ``ARSIP_EVALUASI``."""

import datetime
import random
from collections import defaultdict

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from bench.bulk import BATCH_SIZE, sisipkan
from evaluasi.choices import Rekomendasi, StatusPelatihan
from evaluasi.models import Evaluasi, Pelatihan, PenilaianAtasan, PenilaianDiri, salin_skor
from evaluasi.services import add_months
from mutasi.demo.catalogue import KATA
from mutasi.demo.context import SEED
from mutasi.demo.evaluasi import ARSIP_EVALUASI
from mutasi.demo.pdf import pdf as pdf_contoh
from mutasi.ketentuan.berlaku import bawaan, pilih
from mutasi.ketentuan.choices import KunciKetentuan, Lingkup
from mutasi.lib import kode_verifikasi as kode
from mutasi.models import (
    KetentuanMutasi,
    NomorSurat,
    StatusRender,
    StatusSK,
    SuratKeputusan,
    SuratKeputusanUsulan,
    Usulan,
)
from mutasi.sk import pdf
from mutasi.sk import services as sk_services
from mutasi.sk import terbit as sk_terbit
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan
from pegawai.access import Role
from pegawai.choices import PredikatSkp
from pegawai.models import Skp, User

PER_SK = 10
TOPIK = [tuple(row) for row in KATA["pelatihan"]]  # (topic, organiser)
ALASAN = [a for a, _label in KategoriAlasan.choices]


def _moment(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def sisipkan_mutasi(moves: list[dict], today: datetime.date, operator_id, pejabat_id, seed=SEED):
    """Insert implemented moves with their letters, evaluations and assessments.

    Each move is ``{"pegawai", "asal_unit", "asal_jabatan", "asal_opd", "formasi", "unit",
    "jabatan", "opd", "tmt"}``. Deterministic for a given ``seed``. Returns counts.
    """
    rng = random.Random(seed)
    # Moves of the past, before any setting in the app: the environment's objection window.
    jendela = datetime.timedelta(days=bawaan(KunciKetentuan.JENDELA_SIKAP_HARI))
    # Letters: groups of PER_SK in TMT order, each published a week or more before the
    # first TMT in it (no TMT before its letter's date), its moves approved before that.
    order = sorted(range(len(moves)), key=lambda i: (moves[i]["tmt"], i))
    groups = [order[start : start + PER_SK] for start in range(0, len(order), PER_SK)]
    letter_day = {}
    for group in groups:
        day = min(moves[i]["tmt"] for i in group) - datetime.timedelta(days=rng.randint(7, 21))
        for i in group:
            letter_day[i] = day
    usulan_rows, times = [], []
    for n, m in enumerate(moves):
        tmt = m["tmt"]
        terbit = letter_day[n]
        diajukan = terbit - datetime.timedelta(days=int(rng.lognormvariate(3.6, 0.5)))
        times.append((diajukan, terbit))
        alasan = rng.choice(ALASAN)
        usulan_rows.append(
            {
                "pegawai_id": m["pegawai"],
                "jenis": JenisMutasi.DALAM_OPD
                if m["opd"] == m["asal_opd"]
                else JenisMutasi.ANTAR_OPD,
                "alasan": alasan,
                "alasan_publik": "Penataan pegawai sesuai kebutuhan organisasi.",
                "catatan_internal": ARSIP_EVALUASI,
                "unit_asal_id": m["asal_unit"],
                "jabatan_asal_id": m["asal_jabatan"],
                "formasi_tujuan_id": m["formasi"],
                "tanggal_rencana": tmt,
                "status": StatusUsulan.DILAKSANAKAN,
                "dibuat_oleh_id": operator_id,
                "diajukan_pada": _moment(diajukan),
                "diberitahukan_pada": _moment(diajukan),
                "batas_sikap": _moment(diajukan + jendela),
                "sikap": "keberatan" if rng.random() < 0.06 else "setuju",
                "sikap_pada": _moment(diajukan + datetime.timedelta(days=3)),
                "jawaban_keberatan": "Keberatan telah dipertimbangkan Tim Pertimbangan.",
                "rekomendasi": "setujui",
                "diputuskan_oleh_id": pejabat_id,
                "diputuskan_pada": _moment(terbit - datetime.timedelta(days=3)),
                "created": _moment(diajukan - datetime.timedelta(days=2)),
                "updated": _moment(tmt),
            }
        )
    # No objection, no answer.
    for row in usulan_rows:
        if row["sikap"] != "keberatan":
            row["jawaban_keberatan"] = ""
    usulan_ids = sisipkan(Usulan, usulan_rows)

    # Numbered on from the counter of each year, like the archive letters, so later
    # publications stay gap-free.
    counters = defaultdict(int)
    counters.update(
        NomorSurat.objects.filter(seri=settings.SK_SERI).values_list("tahun", "terakhir")
    )
    texts = sk_services.nilai_awal()
    kop = pdf.kop()
    sk_rows = []
    for group in groups:
        terbit = letter_day[group[0]]
        counters[terbit.year] += 1
        urut = counters[terbit.year]
        sk_rows.append(
            {
                "status": StatusSK.TERBIT,
                "judul": texts["judul"],
                "menimbang": texts["menimbang"],
                "mengingat": texts["mengingat"],
                "kop": kop,
                "penandatangan_nama": texts["penandatangan_nama"] or "Gubernur",
                "penandatangan_jabatan": texts["penandatangan_jabatan"] or "Gubernur",
                "seri": settings.SK_SERI,
                "urut": urut,
                "tahun": terbit.year,
                "nomor": sk_services.format_nomor(urut, terbit.year, settings.SK_SERI),
                "tanggal_terbit": terbit,
                "kode_verifikasi": kode.generate(),
                "render_status": StatusRender.SELESAI,
                "dibuat_oleh_id": operator_id,
                "diterbitkan_oleh_id": pejabat_id,
                "diterbitkan_pada": _moment(terbit),
                "created": _moment(terbit - datetime.timedelta(days=2)),
                "updated": _moment(terbit),
            }
        )
    sk_ids = sisipkan(SuratKeputusan, sk_rows)
    for tahun, terakhir in counters.items():
        NomorSurat.objects.update_or_create(
            seri=settings.SK_SERI, tahun=tahun, defaults={"terakhir": terakhir}
        )
    sisipkan(
        SuratKeputusanUsulan,
        [
            {
                "sk_id": sk_id,
                "usulan_id": usulan_ids[i],
                "urutan": n,
                "aktif": True,
                "tmt": moves[i]["tmt"],
                "formasi_tujuan_id": moves[i]["formasi"],
                "dilaksanakan_pada": moves[i]["tmt"],
            }
            for sk_id, group in zip(sk_ids, groups, strict=True)
            for n, i in enumerate(group, start=1)
        ],
    )
    # What the letters print, copied as for any published letter.
    sk_terbit.salin(SuratKeputusanUsulan.objects.filter(sk_id__in=sk_ids))

    # Evaluations, and the assessments of those past due.
    tenggat = datetime.timedelta(days=settings.EVALUASI_TENGGAT_HARI)
    # Each move's stages are those in force on its TMT, as ``evaluasi.services.jadwalkan``
    # schedules them: every government-wide version read once.
    versi = list(
        KetentuanMutasi.objects.filter(
            kunci=KunciKetentuan.EVALUASI_BULAN, lingkup=Lingkup.PEMERINTAH
        )
    )
    eval_rows, plans = [], []
    for i, m in enumerate(moves):
        terapan = pilih(k for k in versi if k.berlaku_pada(m["tmt"]))
        for bulan in terapan[KunciKetentuan.EVALUASI_BULAN].nilai:
            due = add_months(m["tmt"], bulan)
            sent = _moment(due, 7) if due <= today else None
            eval_rows.append(
                {
                    "usulan_id": usulan_ids[i],
                    "pegawai_id": m["pegawai"],
                    "perangkat_daerah_id": m["opd"],
                    "unit_id": m["unit"],
                    "jabatan_id": m["jabatan"],
                    "bulan": bulan,
                    "tmt": m["tmt"],
                    "jatuh_tempo": due,
                    "tenggat": due + tenggat,
                    "pengingat_pada": sent,
                    "created": _moment(m["tmt"]),
                    "updated": _moment(m["tmt"]),
                }
            )
            plans.append((m, due))
    eval_ids = sisipkan(Evaluasi, eval_rows)
    penilai = _penilai(operator_id)
    atasan, diri, pelatihan = [], [], []
    for eval_id, (m, due) in zip(eval_ids, plans, strict=True):
        if due > today or m.get("baru"):
            continue
        # Recent ones are often still open; older ones mostly filled.
        age = (today - due).days
        chance = 0.35 if age < 20 else 0.9
        quality = rng.gauss(0, 1)
        filled_at = _moment(min(today, due + datetime.timedelta(days=rng.randint(1, 25))))
        if rng.random() < chance:
            kinerja = _skala(3.4 + 0.8 * quality, rng)
            rekomendasi = (
                Rekomendasi.TINJAU_ULANG
                if kinerja <= 1
                else Rekomendasi.PELATIHAN
                if kinerja == 2 or rng.random() < 0.15
                else Rekomendasi.DUKUNGAN
                if kinerja == 3 and rng.random() < 0.4
                else Rekomendasi.PERTAHANKAN
            )
            atasan.append(
                {
                    "evaluasi_id": eval_id,
                    "kinerja": kinerja,
                    "adaptasi": _skala(3.5 + 0.7 * quality, rng),
                    "komentar": "",
                    "rekomendasi": rekomendasi,
                    "penilai_id": penilai.get(m["opd"], operator_id),
                    "created": filled_at,
                    "updated": filled_at,
                }
            )
            if rekomendasi == Rekomendasi.PELATIHAN:
                topik, penyelenggara = rng.choice(TOPIK)
                target = due + datetime.timedelta(days=rng.randint(60, 150))
                done = target < today and rng.random() < 0.7
                pelatihan.append(
                    {
                        "evaluasi_id": eval_id,
                        "topik": topik,
                        "penyelenggara": penyelenggara,
                        "tenggat": target,
                        "status": StatusPelatihan.SELESAI if done else StatusPelatihan.DIRENCANAKAN,
                        "bukti": _sertifikat(eval_id, topik, penyelenggara) if done else "",
                        "bukti_nama": "sertifikat.pdf" if done else "",
                        "bukti_tipe": "application/pdf" if done else "",
                        "selesai_pada": target - datetime.timedelta(days=5) if done else None,
                        "dibuat_oleh_id": penilai.get(m["opd"], operator_id),
                        "created": filled_at,
                        "updated": filled_at,
                    }
                )
        if rng.random() < chance * 0.9:
            diri.append(
                {
                    "evaluasi_id": eval_id,
                    "kepuasan": _skala(3.6 + 0.6 * quality + rng.gauss(0, 0.6), rng),
                    "adaptasi": _skala(3.5 + 0.7 * quality, rng),
                    "beban_kerja": _skala(3.1 + rng.gauss(0, 0.8), rng),
                    "yang_membantu": "",
                    "yang_menghambat": "",
                    "pelatihan_diinginkan": "",
                    "izinkan_atasan": rng.random() < 0.5,
                    "created": filled_at,
                    "updated": filled_at,
                }
            )
    sisipkan(PenilaianAtasan, atasan)
    sisipkan(PenilaianDiri, diri)
    both = sorted({r["evaluasi_id"] for r in atasan} & {r["evaluasi_id"] for r in diri})
    for start in range(0, len(both), BATCH_SIZE):
        Evaluasi.objects.filter(pk__in=both[start : start + BATCH_SIZE]).update(lengkap=True)
    dinilai = sorted({r["evaluasi_id"] for r in atasan} | {r["evaluasi_id"] for r in diri})
    for start in range(0, len(dinilai), BATCH_SIZE):
        salin_skor(dinilai[start : start + BATCH_SIZE])
    sisipkan(Pelatihan, pelatihan)
    _skp_sesudah(moves, today, rng)
    return {
        "mutasi": len(moves),
        "sk": len(sk_rows),
        "evaluasi": len(eval_rows),
        "atasan": len(atasan),
        "diri": len(diri),
        "pelatihan": len(pelatihan),
    }


def _sertifikat(eval_id, topik, penyelenggara) -> str:
    """A small certificate PDF under MEDIA_ROOT, as the employee would have uploaded it: the
    row names a file that exists (a missing one would only show the 404 page)."""
    body = pdf_contoh(
        [
            "SERTIFIKAT PELATIHAN",
            "",
            topik,
            f"Penyelenggara: {penyelenggara}",
            "",
            "Dokumen contoh data demo Mutasi ASN, Pemerintah Provinsi Asemrowo.",
        ]
    )
    storage = Pelatihan._meta.get_field("bukti").storage
    return storage.save(f"pelatihan/{eval_id}/sertifikat-demo.pdf", ContentFile(body))


def _skala(value: float, rng) -> int:
    return max(1, min(5, round(value)))


def _penilai(fallback_id) -> dict:
    """The agency head of each agency that has a demo account; others fall back to BKD."""
    return dict(
        User.objects.filter(groups__name=Role.KEPALA_OPD.value, perangkat_daerah__isnull=False)
        .order_by("pk")
        .values_list("perangkat_daerah_id", "pk")
    )


def _skp_sesudah(moves, today, rng):
    """An SKP for the complete years after each move that has none yet, so before and after
    can be compared; mostly like the latest predicate, sometimes better or worse."""
    ids = {m["pegawai"] for m in moves}
    skp = Skp.objects.filter(pegawai_id__in=ids).order_by("tahun")
    have = set(skp.values_list("pegawai_id", "tahun"))
    # The latest predicate of each employee (rows come oldest first).
    last = dict(skp.values_list("pegawai_id", "predikat"))
    rows = []
    for m in moves:
        for tahun in range(m["tmt"].year + 1, today.year):
            if (m["pegawai"], tahun) in have:
                continue
            have.add((m["pegawai"], tahun))
            step = rng.choices((-1, 0, 1), (15, 60, 25))[0]
            predikat = max(1, min(5, last.get(m["pegawai"], PredikatSkp.BAIK) + step))
            rows.append(Skp(pegawai_id=m["pegawai"], tahun=tahun, predikat=predikat))
    Skp.objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)
