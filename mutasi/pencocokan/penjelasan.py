"""Why an employee was or was not proposed: their rule checklist, where they could go and
what the latest plan did with them."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.models import Usulan
from mutasi.models_pencocokan import LangkahRencana, RencanaRedistribusi, StatusRencana
from mutasi.pencocokan import data, rencana, skor

TERATAS = 5


@dataclass
class Penjelasan:
    fakta: data.FaktaPegawai
    syarat: list
    usulan: list
    rencana: object = None
    langkah: object = None
    kesimpulan: list = field(default_factory=list)
    tujuan_terbaik: list = field(default_factory=list)  # (formasi, Skor, reasons)


def jelaskan(pegawai) -> Penjelasan:
    today = timezone.localdate()
    (f,) = data.muat(data.pegawai_queryset().filter(pk=pegawai.pk), today)
    result = Penjelasan(
        fakta=f,
        syarat=f.syarat,
        usulan=list(
            Usulan.objects.filter(pegawai=pegawai)
            .select_related("formasi_tujuan__unit", "formasi_tujuan__jabatan")
            .order_by("-created")
        ),
    )
    bobot = skor.periksa_bobot(skor.bobot_default())
    vacancies = list(rencana.lowongan([]))
    ranked = sorted(
        vacancies,
        key=lambda v: (not data.layak_jabatan(f, v.jabatan, today), -data.total(f, v, bobot)),
    )
    result.tujuan_terbaik = [
        (v, data.hitung_skor(f, v, bobot), data.alasan_tidak_layak(f, v, today))
        for v in ranked[:TERATAS]
    ]
    options = result.tujuan_terbaik

    notes = result.kesimpulan
    blocking = f.menghalangi
    if blocking:
        notes.append(
            _("Tidak dapat diusulkan: %(r)s.")
            % {"r": "; ".join(f"{s.nama} ({s.fakta})" for s in blocking)}
        )
    if f.usulan_terbuka:
        notes.append(_("Sudah memiliki usulan mutasi yang terbuka."))
    if not f.surplus_asal:
        notes.append(
            _(
                "Formasi asalnya %(s)s (kebutuhan %(k)s, terisi %(b)s): rencana "
                "redistribusi tidak memindahkan pegawai dari formasi ini agar tidak kekurangan."
            )
            % {"s": f.beban_asal.kata_selisih, "k": f.kebutuhan_asal, "b": f.bezetting_asal}
        )
    if not any(not o[2] for o in options):
        notes.append(_("Tidak ada lowongan yang syaratnya ia penuhi."))

    plan = (
        RencanaRedistribusi.objects.filter(status=StatusRencana.SELESAI)
        .order_by("-created")
        .first()
    )
    result.rencana = plan
    if plan is not None:
        result.langkah = (
            LangkahRencana.objects.filter(rencana=plan, pegawai=pegawai)
            .select_related("formasi_tujuan__unit", "formasi_tujuan__jabatan", "usulan")
            .first()
        )
        considered = pegawai.pk in set(plan.ringkasan.get("sumber_ids", []))
        if result.langkah:
            notes.append(
                _("Dalam %(r)s ia dipindah ke %(j)s, %(u)s (skor %(s).1f).")
                % {
                    "r": plan,
                    "j": result.langkah.formasi_tujuan.jabatan.nama,
                    "u": result.langkah.formasi_tujuan.unit.nama,
                    "s": result.langkah.skor,
                }
            )
        elif considered:
            notes.append(
                _(
                    "Dalam %(r)s ia dipertimbangkan tetapi tidak dipindah: lowongan yang cocok "
                    "memberi total kecocokan lebih tinggi bila diisi pegawai lain, atau batas "
                    "pindah keluar unit/formasi asalnya sudah terpakai."
                )
                % {"r": plan}
            )
        else:
            notes.append(
                _("Dalam %(r)s ia tidak termasuk pegawai yang dapat dipindah (lihat di atas).")
                % {"r": plan}
            )
    return result
