"""The models of the workflow app, one module per part: the proposal (``usulan``) and what
hangs off it (``lampiran``), the decision letters (``sk``), matching plans (``pencocokan``),
the audit log (``audit``), the on-screen notices (``notifikasi``), the regional rule settings
(``ketentuan``) and the report's time in state (``laporan``). Import them from here."""

from mutasi.models.audit import AuditLog, AuditLogQuerySet
from mutasi.models.ketentuan import AturanDaerah, KetentuanMutasi
from mutasi.models.lampiran import (
    Dokumen,
    PengecualianSyarat,
    PenilaianPanel,
    SalinanKeputusan,
    StatusPengecualian,
    TahapKeputusan,
)
from mutasi.models.laporan import LamaStatus
from mutasi.models.notifikasi import Notifikasi
from mutasi.models.pelaksanaan import EksporSiasn, Petikan, Spmt
from mutasi.models.pencocokan import LangkahRencana, RencanaRedistribusi, StatusRencana
from mutasi.models.sk import (
    PEMBACA_SK,
    NomorSurat,
    StatusRender,
    StatusSK,
    SuratKeputusan,
    SuratKeputusanUsulan,
)
from mutasi.models.usulan import Usulan, UsulanQuerySet

__all__ = [
    "PEMBACA_SK",
    "AuditLog",
    "AuditLogQuerySet",
    "AturanDaerah",
    "Dokumen",
    "EksporSiasn",
    "KetentuanMutasi",
    "LamaStatus",
    "LangkahRencana",
    "Notifikasi",
    "NomorSurat",
    "PengecualianSyarat",
    "PenilaianPanel",
    "Petikan",
    "RencanaRedistribusi",
    "SalinanKeputusan",
    "Spmt",
    "StatusPengecualian",
    "StatusRencana",
    "StatusRender",
    "StatusSK",
    "SuratKeputusan",
    "SuratKeputusanUsulan",
    "TahapKeputusan",
    "Usulan",
    "UsulanQuerySet",
]
