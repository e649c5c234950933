"""Serving a private file (an upload or a generated letter) to the person allowed to see it.

One way for every private download, so none of them can run in the app's origin or fail with
a 500: the type sent is the one checked from the content at upload (anything else is sent as
bytes), the file name's extension follows that type whatever name the user gave it
(``sertifikat.html`` holding a PDF downloads as ``sertifikat.pdf``), the browser is told not
to guess (nosniff) and to sandbox it (CSP), nothing caches it, and a file recorded but gone
from the disk is a 404 page saying so.
"""

from pathlib import PurePath

from django.http import FileResponse, HttpResponseNotFound
from django.template import loader

from mutasi.usulan.dokumen import SIGNATURES

# The types an upload may have, checked from its content (mutasi.usulan.dokumen.jenis_isi).
EKSTENSI = {mime: f".{ext}" for _signature, mime, ext in SIGNATURES}
LAIN = "application/octet-stream"


def nama_unduhan(nama: str, tipe: str, cadangan: str = "berkas") -> str:
    """``nama`` without its own extension (and anything unprintable), with the type's."""
    bersih = "".join(ch for ch in nama if ch.isprintable() and ch not in '/\\"')
    stem = PurePath(bersih).stem.strip(". ") if bersih else ""
    return (stem or cadangan) + EKSTENSI.get(tipe, ".bin")


def berkas_pribadi(request, berkas, nama: str, tipe: str, *, inline: bool = False):
    """The response for a private file: see the module's docstring."""
    try:
        handle = berkas.open("rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return berkas_hilang(request)
    tipe = tipe if tipe in EKSTENSI else LAIN
    response = FileResponse(
        handle,
        # Only a checked type may open in the browser; the sandbox keeps even that one from
        # running anything in the app's origin.
        as_attachment=not (inline and tipe != LAIN),
        filename=nama_unduhan(nama, tipe),
        content_type=tipe,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def berkas_hilang(request):
    """404: the row names a file that is not in storage (restored backup, cleaned disk)."""
    body = loader.render_to_string("404_berkas.html", request=request)
    return HttpResponseNotFound(body)
