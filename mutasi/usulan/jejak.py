"""What was decided, kept as it stood (docs/domain.md §4): at verification, approval, rejection,
publication and carrying out, the services store the checklist, the employee's data, the
posts and the rule settings of that moment (``SalinanKeputusan``). A finished proposal is
shown by its decision; today's checklist is secondary and labelled so.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from mutasi.models import SalinanKeputusan, TahapKeputusan
from mutasi.usulan import eligibility

# The stages at which the checklist as a whole was the ground of a decision; carrying out
# re-checks only the employee's standing (``eligibility.SYARAT_PELAKSANAAN``).
TAHAP_PUTUSAN = (
    TahapKeputusan.VERIFIKASI,
    TahapKeputusan.PERSETUJUAN,
    TahapKeputusan.PENOLAKAN,
    TahapKeputusan.PENETAPAN,
)


def _posisi(jabatan, unit) -> dict:
    return {
        "jabatan": jabatan.nama,
        "kelas": jabatan.kelas,
        "jenis": jabatan.get_jenis_display(),
        "unit": unit.nama,
        "perangkat_daerah": unit.perangkat_daerah.nama,
    }


def _syarat(syarat: list) -> list[dict]:
    rows = []
    for s in syarat:
        p = s.pengecualian
        rows.append(
            {
                "kode": s.kode,
                "nama": str(s.nama),
                "status": s.status,
                "tingkat": s.tingkat,
                "fakta": s.fakta,
                "ketentuan": s.ketentuan,
                "menghalangi": s.menghalangi,
                "pengecualian": None
                if p is None
                else {
                    "status": p.status,
                    "alasan": p.alasan,
                    "diminta_oleh": _nama(p.diminta_oleh),
                    "diputuskan_oleh": _nama(p.diputuskan_oleh) if p.diputuskan_oleh_id else "",
                    "catatan": p.catatan_keputusan,
                },
            }
        )
    return rows


def _nama(user) -> str:
    return user.get_full_name() or user.username


def aturan(usulan) -> dict:
    """The rule settings applied to ``usulan`` now: each threshold's value with the version
    it came from (a ``KetentuanMutasi`` or the environment), the regional rules that applied,
    and what each failed rule does."""
    asal = usulan.jabatan_asal if usulan.jabatan_asal_id else usulan.pegawai.jabatan
    terapan = eligibility.ketentuan_usulan(usulan, asal, timezone.localdate())
    return {
        **{kunci: nilai["nilai"] for kunci, nilai in terapan.simpanan()["ketentuan"].items()},
        **terapan.simpanan(),
        "tingkat": dict(settings.MUTASI_TINGKAT_SYARAT),
        "tidak_dapat_dikecualikan": sorted(eligibility.TIDAK_DAPAT_DIKECUALIKAN),
    }


def simpan(usulan, tahap, user, syarat=None, **extra) -> SalinanKeputusan:
    """Store the decision of ``tahap`` on ``usulan`` as it stands now."""
    pegawai = usulan.pegawai
    syarat = eligibility.periksa(usulan) if syarat is None else syarat
    formasi = usulan.formasi_tujuan
    data = {
        "syarat": _syarat(syarat),
        "pegawai": {
            "nama": pegawai.nama_lengkap,
            "nip": pegawai.nip,
            "golongan": pegawai.get_golongan_display(),
            "pangkat": pegawai.pangkat,
            "tmt_jabatan": pegawai.tmt_jabatan.isoformat(),
            "pendidikan": " ".join(
                str(x)
                for x in (
                    pegawai.get_tingkat_pendidikan_display() if pegawai.tingkat_pendidikan else "",
                    pegawai.bidang_pendidikan or "",
                )
                if x
            ),
        },
        "asal": _posisi(usulan.jabatan_asal, usulan.unit_asal)
        if usulan.unit_asal_id
        else {"luar": usulan.asal_instansi, "jabatan": usulan.asal_jabatan},
        "arah": usulan.arah,
        "tujuan": _posisi(formasi.jabatan, formasi.unit)
        if formasi
        else {"luar": usulan.tujuan_luar},
        "jenis": usulan.jenis,
        "alasan": usulan.alasan,
        "permintaan_sendiri": usulan.permintaan_sendiri,
        "tanggal_rencana": usulan.tanggal_rencana.isoformat(),
        "aturan": aturan(usulan),
        **extra,
    }
    return SalinanKeputusan.objects.create(
        usulan=usulan, tahap=tahap, oleh=user, waktu=timezone.now(), data=data
    )


@dataclass
class SyaratTersimpan:
    """A stored checklist row, read like an ``eligibility.Syarat`` by the templates."""

    kode: str
    nama: str
    status: str
    tingkat: str
    fakta: str
    menghalangi: bool
    pengecualian: dict | None
    ketentuan: str = ""  # the versions of the settings applied (older snapshots have none)

    @property
    def wajib(self) -> bool:
        return self.tingkat == eligibility.BLOKIR

    @property
    def dikecualikan(self) -> bool:
        return bool(self.pengecualian and self.pengecualian["status"] == "diberikan")


def syarat_tersimpan(salinan: SalinanKeputusan) -> list[SyaratTersimpan]:
    return [SyaratTersimpan(**row) for row in salinan.data.get("syarat", [])]
