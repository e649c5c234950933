"""A tiny valid PDF with a few lines of text, for the demo's uploaded documents."""

from django.core.files.uploadedfile import SimpleUploadedFile

from mutasi.usulan.choices import JenisDokumen


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines``: small, but a real document a viewer opens."""

    def text(line):
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return escaped.encode("latin-1", "replace")

    content = b"BT /F1 12 Tf 72 770 Td 18 TL " + b" ".join(
        b"(" + text(line) + b") '" for line in lines
    )
    content += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def berkas(name: str, *lines: str) -> SimpleUploadedFile:
    """An upload of a demo document showing ``lines``, and that it is demo data."""
    body = pdf([*lines, "", "Dokumen contoh data demo Mutasi ASN, Pemerintah Provinsi Asemrowo."])
    return SimpleUploadedFile(name, body, "application/pdf")


def dokumen(usulan, jenis: str) -> SimpleUploadedFile:
    """Document ``jenis`` of a proposal."""
    p = usulan.pegawai
    lines = [str(JenisDokumen(jenis).label), "", f"Nama: {p.nama_lengkap}"]
    lines += [f"{'NI PPPK' if p.pppk else 'NIP'}: {p.nip}", f"Nomor usulan: {usulan.kode}"]
    return berkas(f"{jenis}_{p.nip}.pdf", *lines)
