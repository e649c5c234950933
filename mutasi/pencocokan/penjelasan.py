"""Why an employee was or was not proposed: their rule checklist, where they could go and
what the latest plan did with them."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.models import Usulan
from mutasi.models.pencocokan import LangkahRencana, RencanaRedistribusi, StatusRencana
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
    tujuan_terbaik: list = field(default_factory=list)  # (formasi, Skor), best first
    jumlah_tujuan: int = 0  # vacancies whose rules they meet


def jelaskan(pegawai) -> Penjelasan:
    today = timezone.localdate()
    (f,) = data.muat(data.pegawai_queryset().filter(pk=pegawai.pk), today, lengkap=True)
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
    # The vacancies whose target rules they meet (an equivalent post in their family, ...),
    # each formasi once, best fit first; the employee's own standing is told apart.
    fitting = [
        v
        for v in rencana.lowongan([])
        if (v.unit_id, v.jabatan_id) != (pegawai.unit_id, pegawai.jabatan_id)
        and data.layak_tujuan(f, v, today)
    ]
    fitting.sort(key=lambda v: (-data.total(f, v, bobot), v.pk))
    result.jumlah_tujuan = len(fitting)
    result.tujuan_terbaik = [(v, data.hitung_skor(f, v, bobot)) for v in fitting[:TERATAS]]

    notes = result.kesimpulan
    blocking = f.menghalangi
    if blocking:
        notes.append(
            _("Tidak dapat diusulkan: %(r)s.")
            % {"r": "; ".join(f"{s.nama} ({s.fakta})" for s in blocking)}
        )
    for reason in data.alasan_pencocokan(f):
        notes.append(_("Tidak diusulkan oleh pencocokan: %(r)s.") % {"r": reason})
    if f.dilindungi:
        notes.append(
            _(
                "Dilindungi: %(s)s. Pencocokan tidak mengusulkannya kecuali BKD menyatakan "
                "pengurangan ini disengaja saat membuat usulan dari daftar kandidat."
            )
            % {"s": f.kata_dilindungi}
        )
    if not fitting:
        notes.append(
            _(
                "Tidak ada lowongan yang setara dengan jabatannya (jenis, jenjang, kelas dan "
                "rumpun) dan syarat golongan, pendidikan serta usia pensiunnya terpenuhi."
            )
        )
        if f.pegawai.pppk:
            notes.append(
                _(
                    "PPPK hanya dicocokkan dengan jabatan fungsional atau pelaksana di perangkat "
                    "daerah perjanjian kerjanya."
                )
            )

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
                _("Dalam %(r)s ia dipindah ke %(j)s, %(u)s (skor kecocokan %(s).1f dari 100).")
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
                    "Dalam %(r)s ia dapat dipindah tetapi tidak dipilih: setiap lowongan yang "
                    "cocok untuknya diisi pegawai lain yang lebih cocok, sehingga jumlah "
                    "kecocokan seluruh rencana lebih tinggi, atau batas pindah keluar dari "
                    "unit atau formasi asalnya sudah terpakai."
                )
                % {"r": plan}
            )
        else:
            notes.append(
                _("Dalam %(r)s ia tidak termasuk pegawai yang dapat dipindah (lihat di atas).")
                % {"r": plan}
            )
    return result
