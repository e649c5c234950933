"""The government's structure, one module per part: the organisation (``organisasi``:
agencies and units), positions (``jabatan``), the staffing map (``formasi``), the workload
analysis (``abk``) and the public-service quality data (``instansi.layanan.models``).
Import them from here."""

from instansi.layanan.models import HasilSkm, JawabanSurvei, PengaduanBulanan
from instansi.models.abk import AnalisisBebanKerja, AnalisisBebanKerjaQuerySet, UraianTugas
from instansi.models.formasi import Formasi, FormasiQuerySet
from instansi.models.jabatan import BidangPendidikan, Jabatan, Kompetensi
from instansi.models.organisasi import (
    Instansi,
    PerangkatDaerah,
    PerangkatDaerahQuerySet,
    UnitKerja,
    UnitKerjaQuerySet,
)

__all__ = [
    "AnalisisBebanKerja",
    "AnalisisBebanKerjaQuerySet",
    "BidangPendidikan",
    "Formasi",
    "FormasiQuerySet",
    "HasilSkm",
    "Instansi",
    "Jabatan",
    "JawabanSurvei",
    "Kompetensi",
    "PengaduanBulanan",
    "PerangkatDaerah",
    "PerangkatDaerahQuerySet",
    "UnitKerja",
    "UnitKerjaQuerySet",
    "UraianTugas",
]
