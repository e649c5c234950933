"""The decision letter as HTML and as PDF: one template for the browser preview and the PDF.

The letter's look (Tata Naskah Dinas) lives in ``templates/sk/keputusan.html`` and
``templates/sk/surat.css``; the font ships in ``static/fonts`` so every machine renders the
same PDF. The QR code is a PNG data URI made with segno.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from instansi.choices import JenisInstansi
from instansi.models import Instansi
from mutasi.lib.tanggal import tanggal_indonesia

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
DIKTUM = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA")
KEPALA_DAERAH = {
    JenisInstansi.PROVINSI: ("PROVINSI", "GUBERNUR"),
    JenisInstansi.KABUPATEN: ("KABUPATEN", "BUPATI"),
    JenisInstansi.KOTA: ("KOTA", "WALI KOTA"),
}
# Pixels per QR module in the PNG; the letter shows it at a fixed size in mm.
QR_SKALA = 4


def url_verifikasi(sk) -> str:
    return f"{settings.SITE_URL}/verifikasi/{sk.kode_verifikasi}/"


def url_kode(kode: str) -> str:
    return f"{settings.SITE_URL}/verifikasi/{kode}/"


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").png_data_uri(scale=QR_SKALA, border=0)


@dataclass
class Baris:
    """One row of the Lampiran table."""

    no: int
    nama: str
    nip: str
    pangkat: str
    golongan: str
    jabatan_lama: str
    unit_lama: str
    jabatan_baru: str
    unit_baru: str
    tmt: datetime.date | None = None

    @property
    def tmt_indonesia(self) -> str:
        return tanggal_indonesia(self.tmt)


def baris_lampiran(sk) -> list[Baris]:
    """The Lampiran rows: a published letter's as copied at publication, a draft's as the
    records read today."""
    from mutasi.sk.terbit import baris_langsung

    links = sk.baris_lampiran()
    if not sk.terbit:
        links = links.select_related(
            "usulan__pegawai",
            "usulan__jabatan_asal",
            "usulan__unit_asal__perangkat_daerah",
            "formasi_tujuan__jabatan",
            "formasi_tujuan__unit__perangkat_daerah",
        )
    rows = []
    for no, link in enumerate(links, start=1):
        data = link if sk.terbit else _Baca(baris_langsung(link))
        rows.append(
            Baris(
                no=no,
                nama=data.nama,
                nip=data.nip,
                pangkat=data.pangkat,
                golongan=data.golongan,
                jabatan_lama=data.jabatan_lama,
                unit_lama=f"{data.unit_lama}, {data.opd_lama}",
                jabatan_baru=data.jabatan_baru,
                unit_baru=f"{data.unit_baru}, {data.opd_baru}" if data.opd_baru else data.unit_baru,
                tmt=link.tmt,
            )
        )
    return rows


class _Baca:
    def __init__(self, values):
        self.__dict__.update(values)


def kop(instansi=None) -> dict:
    """Letterhead words: PEMERINTAH PROVINSI ASEMROWO, GUBERNUR ASEMROWO, the city."""
    instansi = instansi or Instansi.objects.order_by("pk").first()
    if instansi is None:
        daerah, jenis, kota = settings.NAMA_INSTANSI.split()[-1], JenisInstansi.PROVINSI, ""
    else:
        daerah, jenis, kota = instansi.daerah, instansi.jenis, instansi.ibu_kota
    wilayah, kepala = KEPALA_DAERAH.get(jenis, KEPALA_DAERAH[JenisInstansi.PROVINSI])
    return {
        "pemerintah": f"PEMERINTAH {wilayah} {daerah.upper()}",
        "kepala": f"{kepala} {daerah.upper()}",
        "kepala_judul": f"{kepala.title()} {daerah}",
        "kota": settings.SK_KOTA or kota or daerah,
        "alamat": settings.SK_ALAMAT,
        # A Keputusan of the head of region carries the head's letterhead: the emblem above
        # the title of office, no address (Tata Naskah Dinas); "bkd" keeps the agency's.
        "jenis": settings.SK_KOP,
        "lambang": settings.SK_KOP_LAMBANG,
    }


def lambang_uri(path: str) -> str:
    """The emblem as a file URI for WeasyPrint, or "" when none is configured or found."""
    if not path:
        return ""
    file = Path(path)
    if not file.is_absolute():
        file = Path(settings.BASE_DIR) / file
    return file.as_uri() if file.is_file() else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def konteks(sk, *, untuk_pdf: bool, baris=None, petikan=None) -> dict:
    if untuk_pdf:
        font_url = FONT_DIR.as_uri() + "/"
        css_url = ""
    else:
        font_url = static("fonts/")
        css_url = reverse("mutasi:sk_css")
    mencabut = sk.mencabut
    baris = baris_lampiran(sk) if baris is None else baris
    tmts = {b.tmt for b in baris if b.tmt}
    kode = petikan.kode_verifikasi if petikan else sk.kode_verifikasi
    letterhead = sk.kop if sk.terbit and sk.kop else kop()
    return {
        "sk": sk,
        "kop": letterhead,
        "kop_kepala": letterhead.get("jenis", "bkd") == "kepala_daerah",
        "lambang": lambang_uri(letterhead.get("lambang", "")) if untuk_pdf else "",
        "petikan": petikan,
        "kode": kode,
        "tte": True,
        "tte_demo": settings.SK_TTE == "demo",
        "nomor": sk.nomor,
        "tanggal": tanggal_indonesia(sk.tanggal_terbit),
        # One TMT for everyone is named in the text; several are given per row in the Lampiran.
        "tmt": tanggal_indonesia(tmts.pop()) if len(tmts) == 1 else "",
        "menimbang": _lines(sk.menimbang),
        "mengingat": _lines(sk.mengingat),
        "tembusan": _lines(sk.tembusan),
        "baris": baris,
        "diktum": DIKTUM,
        "mencabut": mencabut,
        "mencabut_tanggal": tanggal_indonesia(mencabut.tanggal_terbit) if mencabut else "",
        "qr": qr_data_uri(url_kode(kode)),
        "url_verifikasi": url_kode(kode),
        "css_url": css_url,
        "font_url": font_url,
    }


def css_surat(font_url: str, catatan: str = "") -> str:
    """The letter's stylesheet; ``catatan`` is printed at the foot of every page (the
    electronic-signature statement of a published letter)."""
    return render_to_string(
        "sk/surat.css",
        {
            "font_url": font_url,
            "kertas": "215mm 330mm" if settings.SK_KERTAS == "F4" else "A4",
            "catatan": catatan.replace("\\", " ").replace('"', "'").replace("\n", " "),
        },
    )


def html_surat(sk, *, untuk_pdf: bool, baris=None, petikan=None) -> str:
    with translation.override("id"):
        context = konteks(sk, untuk_pdf=untuk_pdf, baris=baris, petikan=petikan)
        return render_to_string("sk/keputusan.html", context)


def tulis_pdf(html: str, css: str) -> bytes:
    """HTML and CSS to PDF bytes with the shipped fonts."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    stylesheet = CSS(string=css, font_config=fonts)
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)


def render_pdf(sk, baris=None) -> bytes:
    """The letter as PDF bytes (A4 or F4, page numbers, repeated table header, QR).

    ``baris`` replaces the rows read from the database (the benchmark uses it)."""
    return _render(sk, baris)


def render_petikan(sk, baris, petikan) -> bytes:
    """One employee's extract: their row only, the extract's own code and QR."""
    return _render(sk, baris, petikan)


def _render(sk, baris=None, petikan=None) -> bytes:
    from mutasi.sk.tanda_tangan import catatan_tte

    html = html_surat(sk, untuk_pdf=True, baris=baris, petikan=petikan)
    catatan = catatan_tte() if sk.terbit else ""
    return tulis_pdf(html, css_surat(FONT_DIR.as_uri() + "/", catatan))
