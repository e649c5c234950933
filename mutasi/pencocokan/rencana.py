"""The redistribution plan (docs/domain.md §6): load the data, build the exact problem for
``solver``, store the moves with their reasons, and turn accepted moves into proposals.

Sources are the employees of formasi above their need who do not hold their post alone (only
the surplus may leave: a formasi never drops below its need nor empties), who pass the
employee-only hard rules and whom matching does not leave alone (a proposal or letter in
progress, a recent move: ``data.bebas``). Targets are the formasi with a free seat. A pair is
allowed when every rule of ``data.layak`` passes (and, optionally, both sit in the same
agency); its weight is the fit score.
"""

import hashlib

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from instansi import beban, keseimbangan
from instansi.beban import Beban
from instansi.layanan.sinyal import sinyal_unit
from instansi.models import Formasi
from mutasi.models import AturanDaerah, KetentuanMutasi
from mutasi.models.pencocokan import LangkahRencana, RencanaRedistribusi, StatusRencana
from mutasi.pencocokan import data, kandidat, skor, solver
from mutasi.usulan import eligibility, kursi
from mutasi.usulan.choices import KategoriAlasan
from pegawai.models import HukumanDisiplin, Pegawai, PotensiPegawai, PreferensiMutasi, Skp

# Below this many candidate pairs a plan is computed at once; above, in the background.
BATAS_LATAR = 20_000


def _formasi(opd_ids):
    qs = Formasi.objects.all()
    return qs.filter(unit__perangkat_daerah__in=opd_ids) if opd_ids else qs


def _pegawai(opd_ids):
    qs = data.pegawai_queryset()
    return qs.filter(unit__perangkat_daerah__in=opd_ids) if opd_ids else qs


def lowongan(opd_ids):
    """Formasi with a free seat (``mutasi.usulan.kursi``): moves already approved hold theirs."""
    return (
        kursi.daftar_kursi(_formasi(opd_ids))
        .filter(kursi__gt=0)
        .select_related("unit__perangkat_daerah", "jabatan")
        .prefetch_related("jabatan__bidang_pendidikan", "jabatan__kompetensi")
        .order_by("pk")
    )


def sidik(opd_ids, abaikan_pegawai=(), today=None) -> str:
    """A fingerprint of every input of a plan over these agencies: employees (post, rank,
    records), formasi, SKP, penalties, preferences, potential, proposals in progress and
    recent moves, and the rule settings and regional rules (an added or ended one changes who
    may move). Employees whose open proposal came from this very plan are left out of the
    proposals part."""
    peg = Pegawai.objects.filter(aktif=True)
    if opd_ids:
        peg = peg.filter(unit__perangkat_daerah__in=opd_ids)
    ids = peg.values("pk")
    h = hashlib.sha256()
    parts = [
        peg.order_by("pk").values_list("pk", "unit_id", "jabatan_id", "golongan", "updated"),
        _formasi(opd_ids).order_by("pk").values_list("pk", "kebutuhan", "updated"),
        Skp.objects.filter(pegawai__in=ids).order_by("pk").values_list("pk", "tahun", "predikat"),
        HukumanDisiplin.objects.filter(pegawai__in=ids)
        .order_by("pk")
        .values_list("pk", "mulai", "selesai"),
        PreferensiMutasi.objects.filter(pegawai__in=ids).order_by("pk").values_list("updated"),
        PotensiPegawai.objects.filter(pegawai__in=ids).order_by("pk").values_list("updated"),
        KetentuanMutasi.objects.order_by("pk").values_list("pk", "updated"),
        AturanDaerah.objects.order_by("pk").values_list("pk", "updated"),
    ]
    for rows in parts:
        for row in rows:
            h.update(repr(row).encode())
        h.update(b"|")
    berjalan = data.pegawai_berjalan()
    for pk in abaikan_pegawai:
        berjalan.pop(pk, None)
    h.update(repr(sorted(berjalan.items())).encode())
    h.update(repr(sorted(data.pindah_terakhir(today or timezone.localdate()).items())).encode())
    return h.hexdigest()


def _progres(rencana, persen, tahap):
    RencanaRedistribusi.objects.filter(pk=rencana.pk).update(progres=persen, tahap=tahap)


def _spread_json(s) -> dict:
    def f(x):
        return None if x is None else float(x)

    return {
        "jumlah_unit": s.jumlah_unit,
        "rata_rata": f(s.rata_rata),
        "simpangan_baku": f(s.simpangan_baku),
        "koefisien_variasi": f(s.koefisien_variasi),
        "jumlah_a": s.jumlah_a,
        "jumlah_bc": s.jumlah_bc,
        "jumlah_de": s.jumlah_de,
    }


class Bahan:
    """Everything the solver needs, and what the page needs to explain the result."""

    def __init__(self, opd_ids, satu_opd, maks_keluar, bobot, today):
        self.today = today
        self.bobot = bobot
        vacancies = list(lowongan(opd_ids))
        # Only employees of formasi with holders to spare can be sources: load just those.
        formasi_map = data.peta_formasi()
        rows = _pegawai(opd_ids).values_list("pk", "unit_id", "jabatan_id")
        ids = [pk for pk, u, j in rows if not eligibility.asal_terlindungi(*formasi_map[(u, j)])]
        facts = data.muat(data.pegawai_queryset().filter(pk__in=ids), today)
        self.dipertimbangkan = facts
        self.sumber = [f for f in facts if data.bebas(f) and not f.dilindungi]
        self.lowongan = vacancies
        formasi_index, unit_index = {}, {}
        grup_formasi, grup_unit, cap_formasi = [], [], []
        for f in self.sumber:
            key = (f.pegawai.unit_id, f.pegawai.jabatan_id)
            if key not in formasi_index:
                formasi_index[key] = len(formasi_index)
                cap_formasi.append(f.bisa_dilepas)
            unit_index.setdefault(f.pegawai.unit_id, len(unit_index))
            grup_formasi.append(formasi_index[key])
            grup_unit.append(unit_index[f.pegawai.unit_id])
        # Vacancies are shortages: a unit with poor service is a priority (issue 18).
        self.prioritas = prioritas_layanan(vacancies, today)
        pe, pv, w = [], [], []
        for i, f in enumerate(self.sumber):
            opd = f.pegawai.unit.perangkat_daerah_id
            for j, v in enumerate(vacancies):
                v_opd = v.unit.perangkat_daerah_id
                if satu_opd and opd != v_opd:
                    continue
                if not data.layak(f, v, today):
                    continue
                pe.append(i)
                pv.append(j)
                w.append(data.total(f, v, bobot, v_opd) + self.bonus(v))
        self.masalah = solver.Masalah(
            n_pegawai=len(self.sumber),
            kapasitas_lowongan=[v.kursi for v in vacancies],
            pegawai=pe,
            lowongan=pv,
            skor=w,
            kelompok=[(grup_formasi, cap_formasi), (grup_unit, [maks_keluar] * len(unit_index))],
        )

    def bonus(self, v) -> float:
        return self.prioritas[v.unit_id][0] if v.unit_id in self.prioritas else 0


NAMA_PRIORITAS = gettext_lazy("Prioritas layanan publik")


def prioritas_layanan(vacancies, today) -> dict:
    """unit pk -> (points, why) for the vacancies' units with poor service, when the bonus
    setting is on; empty when it is off (the default)."""
    bonus = settings.PENCOCOKAN_BONUS_PRIORITAS_LAYANAN
    if not bonus:
        return {}
    tanda = sinyal_unit({v.unit_id for v in vacancies}, today)
    result = {}
    for unit_id, s in tanda.items():
        if s.buruk:
            why = [_("IKM %(m)s") % {"m": s.mutu}] if s.mutu in ("C", "D") else []
            if s.tren == "naik":
                why.append(_("pengaduan naik"))
            result[unit_id] = (bonus, ", ".join(why))
    return result


def buat(user, opd_ids, satu_opd, maks_keluar, bobot) -> RencanaRedistribusi:
    """Record a plan request and compute it: at once when small, else in the background."""
    bobot = skor.periksa_bobot(bobot)
    if maks_keluar < 1:
        raise ValidationError(_("Batas pindah keluar per unit paling sedikit 1."))
    if not _pegawai(opd_ids).exists() or not _formasi(opd_ids).exists():
        raise ValidationError(
            _("Pilihan ini kosong: tidak ada pegawai atau formasi pada perangkat daerah terpilih.")
        )
    rencana = RencanaRedistribusi.objects.create(
        dibuat_oleh=user, satu_opd=satu_opd, maks_keluar=maks_keluar, bobot=bobot
    )
    rencana.perangkat_daerah.set(opd_ids)
    from mutasi.pencocokan.tasks import hitung_rencana

    n_lowongan = lowongan(opd_ids).count()
    n_pegawai = _pegawai(opd_ids).count()
    if n_lowongan * n_pegawai <= BATAS_LATAR:
        hitung(rencana.pk)
    else:
        transaction.on_commit(lambda: hitung_rencana.enqueue(rencana.pk))
    rencana.refresh_from_db()
    return rencana


def hitung(pk) -> RencanaRedistribusi:
    """Compute a recorded plan; any failure is kept on the plan and shown."""
    rencana = RencanaRedistribusi.objects.get(pk=pk)
    try:
        _hitung(rencana)
    except Exception as exc:
        RencanaRedistribusi.objects.filter(pk=pk).update(
            status=StatusRencana.GAGAL, pesan_galat=str(exc)[:2000]
        )
        raise
    return rencana


def _jenis_jenjang(jabatan) -> str:
    return eligibility._jenis_jenjang(jabatan)


def _kalimat_tengah(text: str) -> str:
    """A fact inside a sentence: "Pendidikan sesuai" → "pendidikan sesuai", "SKP: …" kept."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _tempat(jabatan, unit) -> str:
    opd = unit.perangkat_daerah
    return _("%(j)s di %(u)s (%(o)s)") % {
        "j": jabatan.nama,
        "u": unit.nama,
        "o": opd.singkatan or opd.nama,
    }


def jelaskan_langkah(f, v, fit, keluar: int, masuk: int) -> list[str]:
    """A move in plain words: why this person, why this post, and what the whole plan does
    to the origin and the target formasi (``keluar`` people leave the one, ``masuk`` join the
    other)."""
    asal, tujuan = f.pegawai.jabatan, v.jabatan
    parts = sorted(fit.bagian, key=lambda b: -b.poin)
    why_person = [
        _("formasi asalnya %(s)s (kebutuhan %(k)s, terisi %(b)s)")
        % {"s": f.beban_asal.kata_selisih, "k": f.kebutuhan_asal, "b": f.bezetting_asal}
    ] + [_kalimat_tengah(b.fakta) for b in parts[:3] if b.kode != "beban_asal"][:2]
    why_post = _(
        "jabatan setara (%(j)s), kelas %(a)s ke %(t)s, rumpun %(r)s; formasi tujuan %(s)s"
    ) % {
        "j": _jenis_jenjang(tujuan),
        "a": asal.kelas,
        "t": tujuan.kelas,
        "r": tujuan.get_rumpun_display().lower() if tujuan.rumpun else _("belum dicatat"),
        "s": Beban(kebutuhan=v.kebutuhan, bezetting=v.bezetting).kata_selisih,
    }
    before_out = f.bezetting_asal - f.kebutuhan_asal
    before_in = v.bezetting + v.masuk - v.keluar - v.kebutuhan
    effect = "; ".join(
        [
            beban.kalimat_perubahan(_tempat(asal, f.pegawai.unit), before_out, before_out - keluar),
            beban.kalimat_perubahan(_tempat(tujuan, v.unit), before_in, before_in + masuk),
        ]
    )
    return [
        _("Mengapa pegawai ini: %(s)s.") % {"s": "; ".join(why_person)},
        _("Mengapa jabatan ini: %(s)s.") % {"s": why_post},
        _("Akibat seluruh rencana: %(s)s.") % {"s": effect},
    ]


def hari_rencana(rencana):
    """The day a plan is computed for and judged by (its request's day)."""
    return timezone.localtime(rencana.created).date()


def _hitung(rencana):
    today = hari_rencana(rencana)
    opd_ids = list(rencana.perangkat_daerah.values_list("pk", flat=True))
    RencanaRedistribusi.objects.filter(pk=rencana.pk).update(status=StatusRencana.BERJALAN)
    _progres(rencana, 5, _("Memuat data pegawai dan formasi"))
    fingerprint = sidik(opd_ids, today=today)
    bahan = Bahan(opd_ids, rencana.satu_opd, rencana.maks_keluar, rencana.bobot, today)
    m = bahan.masalah
    _progres(rencana, 60, _("Menghitung rencana optimal"))
    hasil = solver.selesaikan(m)
    errors = solver.layak(m, hasil.terpilih)
    if errors:  # pragma: no cover - the solver honours every cap
        raise RuntimeError("; ".join(errors))
    _progres(rencana, 85, _("Menyimpan langkah"))
    moves, delta = [], {}
    # EJ counts holders of analysed formasi only (instansi.keseimbangan).
    analysed = set(
        Formasi.objects.filter(beban_kerja_jam__isnull=False).values_list("unit_id", "jabatan_id")
    )
    filled = np.bincount(m.lowongan[hasil.terpilih], minlength=m.n_lowongan)
    leaving = {}
    for e in hasil.terpilih:
        p = bahan.sumber[m.pegawai[e]].pegawai
        leaving[(p.unit_id, p.jabatan_id)] = leaving.get((p.unit_id, p.jabatan_id), 0) + 1
    for e in hasil.terpilih:
        f = bahan.sumber[m.pegawai[e]]
        j = m.lowongan[e]
        v = bahan.lowongan[j]
        fit = data.hitung_skor(f, v, bahan.bobot)
        detail = fit.as_json()
        key = (f.pegawai.unit_id, f.pegawai.jabatan_id)
        detail["alasan"] = jelaskan_langkah(f, v, fit, leaving[key], int(filled[j]))
        if v.unit_id in bahan.prioritas:
            poin, why = bahan.prioritas[v.unit_id]
            detail["prioritas_layanan"] = {
                "nama": str(NAMA_PRIORITAS),
                "nilai": 1,
                "poin": poin,
                "fakta": why,
            }
        moves.append(
            LangkahRencana(
                rencana=rencana,
                pegawai=f.pegawai,
                unit_asal_id=f.pegawai.unit_id,
                jabatan_asal_id=f.pegawai.jabatan_id,
                formasi_tujuan=v,
                skor=float(m.skor[e]),
                rincian=detail,
            )
        )
        if key in analysed:
            delta[f.pegawai.unit_id] = delta.get(f.pegawai.unit_id, 0) - 1
        if v.beban_kerja_jam is not None:
            delta[v.unit_id] = delta.get(v.unit_id, 0) + 1
    pairs_per_v = np.bincount(m.lowongan, minlength=m.n_lowongan) if m.lowongan.size else None
    unfilled = []
    for j, v in enumerate(bahan.lowongan):
        left = v.kursi - int(filled[j])
        if left <= 0:
            continue
        n_cand = int(pairs_per_v[j]) if pairs_per_v is not None else 0
        if not bahan.sumber:
            why = _("Tidak ada pegawai pada formasi berlebih yang dapat dipindah di pilihan ini")
        elif n_cand == 0:
            why = _(
                "Tidak ada pegawai dari formasi berlebih yang memenuhi syarat jabatan ini "
                "(jabatan setara, kelas, rumpun, golongan, pendidikan, usia pensiun%(o)s)"
            ) % {"o": _(", perangkat daerah yang sama") if rencana.satu_opd else ""}
        else:
            why = _(
                "%(n)s pegawai memenuhi syarat, tetapi masing-masing lebih cocok di lowongan "
                "lain, atau batas pindah keluar dari unit atau formasi asalnya sudah tercapai"
            ) % {"n": n_cand}
        unfilled.append(
            {
                "formasi": v.pk,
                "jabatan": v.jabatan.nama,
                "unit": v.unit.nama,
                "opd": v.unit.perangkat_daerah.singkatan or v.unit.perangkat_daerah.nama,
                "sisa": left,
                "alasan": why,
            }
        )
    formasi_qs = _formasi(opd_ids)
    before = keseimbangan.sebaran_ej(formasi_qs)
    after = keseimbangan.sebaran_ej(formasi_qs, delta)
    with transaction.atomic():
        LangkahRencana.objects.bulk_create(moves)
        RencanaRedistribusi.objects.filter(pk=rencana.pk).update(
            status=StatusRencana.SELESAI,
            progres=100,
            tahap="",
            sidik=fingerprint,
            total_skor=hasil.total,
            ringkasan={
                "sumber": len(bahan.sumber),
                "dipertimbangkan": len(bahan.dipertimbangkan),
                "lowongan": int(m.kapasitas_lowongan.sum()),
                "formasi_lowong": m.n_lowongan,
                "pasangan": int(m.skor.size),
                "langkah": len(moves),
                "rata_rata_skor": hasil.total / len(moves) if moves else None,
                "sebelum": _spread_json(before),
                "sesudah": _spread_json(after),
                "tidak_terisi": unfilled,
                "sumber_ids": [f.pegawai.pk for f in bahan.sumber],
            },
        )


def masih_berlaku(rencana) -> bool:
    opd_ids = list(rencana.perangkat_daerah.values_list("pk", flat=True))
    own = rencana.langkah.filter(usulan__isnull=False).values_list("pegawai_id", flat=True)
    return sidik(opd_ids, set(own), hari_rencana(rencana)) == rencana.sidik


PESAN_USANG = _(
    "Rencana ini sudah usang: data pegawai, formasi atau usulan berubah sejak rencana dihitung. "
    "Hitung ulang rencana sebelum menerima langkah."
)


def terima(rencana, user, langkah_ids) -> list:
    """Turn the chosen moves into draft proposals, all or none."""
    if not rencana.selesai:
        raise ValidationError(_("Rencana belum selesai dihitung."))
    if not langkah_ids:
        raise ValidationError(_("Pilih paling sedikit satu langkah."))
    if not masih_berlaku(rencana):
        raise ValidationError(str(PESAN_USANG))
    created = []
    with transaction.atomic():
        moves = list(
            rencana.langkah.select_for_update()
            .filter(pk__in=langkah_ids, usulan__isnull=True)
            .select_related("pegawai__unit", "formasi_tujuan__unit", "formasi_tujuan__jabatan")
        )
        # The rules of the candidate list, checked again for each move as of today.
        today = timezone.localdate()
        facts = {
            f.pegawai.pk: f
            for f in data.muat(
                data.pegawai_queryset().filter(pk__in=[m.pegawai_id for m in moves]),
                today,
                lengkap=True,
            )
        }
        for langkah in moves:
            f = facts.get(langkah.pegawai_id)
            reasons = (
                data.alasan_tidak_layak(f, langkah.formasi_tujuan, today)
                if f
                else [_("Pegawai tidak lagi aktif")]
            )
            if f and f.dilindungi:
                reasons.append(f.kata_dilindungi)
            if reasons:
                raise ValidationError(
                    _("Langkah %(p)s tidak dapat dijadikan usulan: %(r)s.")
                    % {"p": langkah.pegawai.nama_lengkap, "r": "; ".join(reasons)}
                )
        for langkah in moves:
            usulan = kandidat.buat_usulan(
                user,
                langkah.pegawai,
                langkah.formasi_tujuan,
                alasan=KategoriAlasan.KESEIMBANGAN_BEBAN,
                catatan=_("Dari %(r)s: skor kecocokan %(s).1f") % {"r": rencana, "s": langkah.skor},
            )
            langkah.usulan = usulan
            langkah.save(update_fields=["usulan"])
            created.append(usulan)
    return created
