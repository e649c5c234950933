"""Who decides each type of move, who issues its decree and who gives the technical opinion
(Pertek), under PP 11/2017 Pasal 190–194 as amended by PP 17/2020 and Peraturan BKN 5/2019
(docs/domain.md §4, "Types and authority").

The documents each type needs are ``choices.DOKUMEN_WAJIB``; this table says who acts.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from mutasi.usulan.choices import ArahMutasi, JenisMutasi


@dataclass(frozen=True)
class Kewenangan:
    penetap: str  # who decides the move under the law
    pertek: str  # who gives the technical opinion; empty when none is needed
    dasar: str  # the articles


KEWENANGAN = {
    JenisMutasi.DALAM_OPD: Kewenangan(
        penetap=_("PPK pemerintah daerah ini (kepala daerah)"),
        pertek="",
        dasar=_("PP 11/2017 Pasal 191; Peraturan BKN 5/2019"),
    ),
    JenisMutasi.ANTAR_OPD: Kewenangan(
        penetap=_("PPK pemerintah daerah ini (kepala daerah)"),
        pertek="",
        dasar=_("PP 11/2017 Pasal 191; Peraturan BKN 5/2019"),
    ),
    JenisMutasi.ANTAR_KABKOTA: Kewenangan(
        penetap=_("Gubernur"),
        pertek=_("Kepala Kantor Regional BKN"),
        dasar=_("PP 11/2017 Pasal 192 jo. PP 17/2020; Peraturan BKN 5/2019"),
    ),
    JenisMutasi.PROVINSI_KABKOTA: Kewenangan(
        penetap=_("Gubernur"),
        pertek=_("Kepala Kantor Regional BKN"),
        dasar=_("PP 11/2017 Pasal 192 jo. PP 17/2020; Peraturan BKN 5/2019"),
    ),
    JenisMutasi.ANTAR_PROVINSI: Kewenangan(
        penetap=_("PPK instansi penerima setelah pertimbangan teknis Kepala BKN"),
        pertek=_("Kepala BKN"),
        dasar=_("PP 11/2017 Pasal 193 jo. PP 17/2020; Peraturan BKN 5/2019"),
    ),
    JenisMutasi.PUSAT_DAERAH: Kewenangan(
        penetap=_("PPK instansi penerima setelah pertimbangan teknis Kepala BKN"),
        pertek=_("Kepala BKN"),
        dasar=_("PP 11/2017 Pasal 194 jo. PP 17/2020; Peraturan BKN 5/2019"),
    ),
}

# In practice the receiving side issues the decree once the Pertek is in hand.
PENERBIT_SK = {
    ArahMutasi.INTERNAL: _("Pejabat Penetap pemerintah daerah ini"),
    ArahMutasi.MASUK: _("Pejabat Penetap pemerintah daerah ini, sebagai instansi penerima"),
    ArahMutasi.KELUAR: _(
        "Instansi penerima; pemerintah daerah ini memberi persetujuan melepas dan mencatat "
        "nomor SK-nya"
    ),
}


def kewenangan(jenis: str) -> Kewenangan:
    return KEWENANGAN[jenis]


def penerbit_sk(arah: str) -> str:
    return PENERBIT_SK[arah]
