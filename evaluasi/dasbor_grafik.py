"""The programme dashboard as charts (Chart.js data) and tables (on the page and in its
XLSX and PDF exports), from the figures ``evaluasi.dasbor.hitung`` computed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutasi.laporan.hitung import Tabel
from mutasi.lib.tanggal import bulan_tahun

if TYPE_CHECKING:
    from evaluasi.dasbor import Dasbor


# --- Charts and tables ------------------------------------------------------------------------


def _r(value, digits=2):
    return None if value is None else round(float(value), digits)


def grafik(d: Dasbor) -> dict:
    """Chart specs for ``static/js/charts.js``."""
    return {
        "bulan": {
            "type": "bar",
            "labels": [bulan_tahun(m) for m, _n in d.per_bulan if m],
            "datasets": [{"label": _("Mutasi terlaksana"), "data": [n for _m, n in d.per_bulan]}],
            "options": {"plugins": {"legend": {"display": False}}},
        },
        "kinerja": {
            "type": "bar",
            "labels": [_("Lebih baik"), _("Sama"), _("Lebih buruk")],
            "datasets": [
                {
                    "label": _("Jumlah pegawai"),
                    "data": [d.kinerja["lebih_baik"], d.kinerja["sama"], d.kinerja["lebih_buruk"]],
                }
            ],
            "options": {"plugins": {"legend": {"display": False}}},
        },
        "tahap": {
            "type": "bar",
            "labels": [_("%(n)s bulan") % {"n": r["bulan"]} for r in d.skor_per_tahap],
            "datasets": [
                {"label": str(label), "data": [_r(r[key]) for r in d.skor_per_tahap]}
                for key, label in LABEL_SKOR.items()
            ],
            "options": {"scales": {"y": {"min": 0, "max": 5}}},
        },
    }


LABEL_SKOR = {
    "kinerja": gettext_lazy("Kinerja (atasan)"),
    "adaptasi_atasan": gettext_lazy("Adaptasi (atasan)"),
    "kepuasan": gettext_lazy("Kepuasan (pegawai)"),
    "adaptasi_diri": gettext_lazy("Adaptasi (pegawai)"),
}


def _pct(value):
    return None if value is None else round(100 * float(value), 1)


def tabel_dasbor(d: Dasbor) -> list[Tabel]:
    """The dashboard as tables, for the XLSX and PDF exports."""
    k, e, o, p = d.kinerja, d.evaluasi, d.keberatan, d.pelatihan
    ringkasan = Tabel(
        "ringkasan",
        _("Ringkasan"),
        [_("Ukuran"), _("Nilai")],
        [
            [_("Mutasi terlaksana"), d.jumlah],
            [_("Usulan sampai SK, median (hari)"), _r(d.durasi_median, 1)],
            [_("Usulan sampai SK, P90 (hari)"), _r(d.durasi_p90, 1)],
            [_("SKP dapat dibandingkan"), k["dibandingkan"]],
            [_("Kinerja lebih baik (%)"), _pct(k["porsi_lebih_baik"])],
            [_("Kinerja sama (%)"), _pct(k["porsi_sama"])],
            [_("Kinerja lebih buruk (%)"), _pct(k["porsi_lebih_buruk"])],
            [_("Rata-rata kinerja menurut atasan (1–5)"), _r(d.skor.get("kinerja"))],
            [_("Rata-rata adaptasi menurut atasan (1–5)"), _r(d.skor.get("adaptasi_atasan"))],
            [_("Rata-rata kepuasan pegawai (1–5)"), _r(d.skor.get("kepuasan"))],
            [_("Rata-rata adaptasi menurut pegawai (1–5)"), _r(d.skor.get("adaptasi_diri"))],
            [_("Evaluasi terjadwal"), e.get("jumlah", 0)],
            [_("Evaluasi terlambat"), e.get("terlambat", 0)],
            [_("Usulan dengan keberatan"), o["keberatan"]],
            [_("Keberatan dijawab"), o["dijawab"]],
            [_("Pelatihan direkomendasikan"), p["jumlah"]],
            [_("Pelatihan selesai (%)"), _pct(p["porsi_selesai"])],
            [_("EJ simpangan baku sebelum"), _r(d.sebaran_sebelum.simpangan_baku, 3)],
            [_("EJ simpangan baku sesudah"), _r(d.sebaran_sesudah.simpangan_baku, 3)],
            [_("Pegawai dimutasi lebih dari sekali dalam 2 tahun"), d.berulang_jumlah],
        ],
        lembar=_("Ringkasan"),
    )
    tahap = Tabel(
        "tahap",
        _("Skor per tahap evaluasi"),
        [_("Tahap (bulan)"), _("Terjadwal"), _("Diisi atasan"), _("Diisi pegawai")]
        + [str(v) for v in LABEL_SKOR.values()],
        [
            [r["bulan"], r["jumlah"], r["atasan"], r["diri"]] + [_r(r[key]) for key in LABEL_SKOR]
            for r in d.skor_per_tahap
        ],
        lembar=_("Per tahap"),
    )
    tables = [ringkasan, tahap]
    for group in d.keadilan:
        tables.append(
            Tabel(
                "keadilan",
                _("Keadilan: %(d)s") % {"d": group["judul"]},
                [
                    str(group["judul"]),
                    _("Mutasi"),
                    _("Pegawai aktif"),
                    _("Per 100 pegawai"),
                    _("Kinerja (1–5)"),
                    _("Kepuasan (1–5)"),
                ],
                [
                    [
                        r["label"],
                        r["mutasi"],
                        r["pegawai"],
                        _r(r["per_100"]),
                        _r(r["kinerja"]),
                        _r(r["kepuasan"]),
                    ]
                    for r in group["baris"]
                ],
                lembar=str(group["judul"])[:31],
            )
        )
    return tables
