"""The models of the workflow app, one module per part: the proposal (``usulan``), the
decision letters (``sk``), matching plans (``pencocokan``), the audit log (``audit``), the
on-screen notices (``notifikasi``) and the report's time in state (``laporan``). Import them
from here."""

from mutasi.models.audit import AuditLog, AuditLogQuerySet
from mutasi.models.laporan import LamaStatus
from mutasi.models.notifikasi import Notifikasi
from mutasi.models.pelaksanaan import EksporSiasn, Petikan, Spmt
from mutasi.models.pencocokan import (
    LangkahRencana,
    RencanaRedistribusi,
    StatusRencana,
)
from mutasi.models.sk import (
    PEMBACA_SK,
    NomorSurat,
    StatusRender,
    StatusSK,
    SuratKeputusan,
    SuratKeputusanUsulan,
)
from mutasi.models.usulan import (
    Dokumen,
    PengecualianSyarat,
    PenilaianPanel,
    SalinanKeputusan,
    StatusPengecualian,
    TahapKeputusan,
    Usulan,
    UsulanQuerySet,
)

__all__ = [
    "PEMBACA_SK",
    "AuditLog",
    "AuditLogQuerySet",
    "Dokumen",
    "EksporSiasn",
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
