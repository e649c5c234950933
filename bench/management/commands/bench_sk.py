"""Time the decision-letter PDF for 1, 50 and 500 employees beside a bare WeasyPrint table,
and report the size of each letter's PDF.

The letter is rendered from rows made in memory (no database rows needed); the bare table
is the same rows in a plain HTML table with the same font, so the ratio shows what the
letter's layout adds. Targets (issue 5): under 1 s, 3 s and 10 s.
"""

import datetime
import os
import time

from django.core.management.base import BaseCommand
from django.utils.html import escape

from mutasi.models import StatusSK, SuratKeputusan
from mutasi.sk import pdf


def _rows(n):
    return [
        pdf.Baris(
            no=i,
            nama=f"Pegawai Contoh Nomor {i}, S.Kom.",
            nip=f"19850314201001{1 + i % 2}{i % 1000:03d}",
            pangkat="Penata Muda Tk. I",
            golongan="III/b",
            jabatan_lama="Pranata Komputer Ahli Pertama",
            unit_lama="Bidang Pelayanan Kesehatan, Dinas Kesehatan",
            jabatan_baru="Analis Sumber Daya Manusia Aparatur Ahli Pertama",
            unit_baru="Bidang SMA, Dinas Pendidikan",
            tmt=datetime.date(2026, 12, 1),
        )
        for i in range(1, n + 1)
    ]


def _bare_table(rows) -> str:
    body = "".join(
        f"<tr><td>{r.no}</td><td>{escape(r.nama)}<br>NIP {r.nip}</td>"
        f"<td>{r.pangkat}<br>{r.golongan}</td><td>{r.jabatan_lama}<br>{r.unit_lama}</td>"
        f"<td>{r.jabatan_baru}<br>{r.unit_baru}</td></tr>"
        for r in rows
    )
    return (
        "<html><body><table><thead><tr><th>No</th><th>Nama/NIP</th><th>Pangkat/Gol.</th>"
        f"<th>Jabatan Lama</th><th>Jabatan Baru</th></tr></thead><tbody>{body}</tbody>"
        "</table></body></html>"
    )


BARE_CSS = (
    '@font-face { font-family: "Liberation Serif"; src: url("FONTS/LiberationSerif-Regular.ttf"); }'
    '@page { size: A4; margin: 20mm; } html { font-family: "Liberation Serif"; font-size: 10pt; }'
    "table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #000; }"
)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _kb(data: bytes) -> str:
    return f"{len(data) / 1024:.0f} KB"


class Command(BaseCommand):
    help = "Ukur waktu pembuatan PDF SK untuk 1, 50 dan 500 pegawai."

    def add_arguments(self, parser):
        parser.add_argument("--ukuran", nargs="+", type=int, default=[1, 50, 500])
        parser.add_argument("--ulang", type=int, default=3, help="ambil waktu terbaik dari N")

    def handle(self, *args, ukuran, ulang, **options):
        sk = SuratKeputusan(
            status=StatusSK.TERBIT,
            nomor="800.1.3/123/BKD/2026",
            tanggal_terbit=datetime.date(2026, 11, 23),
            menimbang="a;\nb;\nc;",
            mengingat="1;\n2;\n3;\n4;",
            tembusan="x;\ny;",
            penandatangan_nama="Dr. H. Ahmad Fauzi, M.Si.",
            penandatangan_jabatan="Gubernur Asemrowo",
            seri="mutasi",
        )
        css = BARE_CSS.replace("FONTS/", pdf.FONT_DIR.as_uri() + "/")
        # The anchor: the same rows in a bare WeasyPrint table, in the same run.
        self.stdout.write(f"load {_load()}")
        self.stdout.write(
            f"{'pegawai':>8} {'SK (s)':>8} {'tabel (s)':>10} {'rasio':>6} {'PDF SK':>9} "
            f"{'PDF tabel':>10}  load"
        )
        for n in ukuran:
            rows = _rows(n)
            letter, bare = [], []
            for _i in range(ulang):
                start = time.perf_counter()
                letter_pdf = pdf.render_pdf(sk, baris=rows)
                letter.append(time.perf_counter() - start)
                start = time.perf_counter()
                bare_pdf = pdf.tulis_pdf(_bare_table(rows), css)
                bare.append(time.perf_counter() - start)
            best, base = min(letter), min(bare)
            self.stdout.write(
                f"{n:>8} {best:>8.2f} {base:>10.2f} {best / base:>6.2f} "
                f"{_kb(letter_pdf):>9} {_kb(bare_pdf):>10}  {_load()}"
            )
