"""Finding the published letter a citizen means on /verifikasi/: forgive form, not substance.

A citizen types the letter's number, types or pastes its verification code, or pastes the
link printed under (or encoded in) the QR code. Whatever the form — any case, spaces, leading
zeros in the sequence number (``800.1.3/03/bkd/2026``), hyphens dropped or added, ``l`` for
``1`` — the answer is the one letter that the number or the code identifies, or a plain
account of what was looked for. The parts that identify a letter never change: a number is
matched part by part against the pattern ``SK_NOMOR_POLA``, a code must fold to exactly one
letter's code (``mutasi.lib.kode_verifikasi``).
"""

import functools
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db.models import Q

from mutasi.lib import kode_verifikasi as kode
from mutasi.models import Petikan, StatusSK, SuratKeputusan

# A link to a verification page, with or without scheme and host: the code is what follows.
_LINK = re.compile(r"(?:^|/)verifikasi/+(?P<kode>[^/?#]*)", re.I)
# Punctuation around a code that was copied with it ("kode: ABCD-…", "…/ABCD-…/.").
_AROUND_CODE = "/.,;:()[]<>\"'"


@dataclass
class Pencarian:
    """What was typed, what it was read as, and what was found."""

    masukan: str
    nomor: str = ""  # the letter number looked for, as the pattern writes it
    kode: str = ""  # the code looked for, as typed once tidied (grouped if a new code)
    host: str = ""  # the host of a pasted link, when it is not this site's
    sk: SuratKeputusan | None = None
    ambigu: bool = False  # the folded code fits more than one letter
    petikan: Petikan | None = None  # the code is an extract's, of letter ``sk``

    @property
    def kode_tujuan(self) -> str:
        """The code of the page to show: the extract's, or the letter's."""
        return self.petikan.kode_verifikasi if self.petikan else self.sk.kode_verifikasi

    @property
    def terbaca(self) -> bool:
        """Whether the text could be read as a number or a code at all."""
        return bool(self.nomor or self.kode)


def cari(teks: str) -> Pencarian:
    """The published letter ``teks`` names, by number, code or link."""
    hasil = Pencarian(masukan=teks.strip())
    rapi = kode.tidy(teks)
    link = _LINK.search(rapi)
    if link:
        hasil.host = _host_lain(rapi[: link.start()])
        return cari_kode(unquote(link["kode"]), hasil)
    nomor = nomor_kanonik(rapi)
    terbit = SuratKeputusan.objects.terbit()
    if nomor:
        hasil.nomor = nomor
        hasil.sk = terbit.filter(nomor__iexact=nomor).first()
        return hasil
    # A number in a pattern used before SK_NOMOR_POLA changed: the same text, any case.
    if "/" in rapi:
        hasil.sk = terbit.filter(Q(nomor__iexact=hasil.masukan) | Q(nomor__iexact=rapi)).first()
        if hasil.sk is not None:
            hasil.nomor = hasil.sk.nomor
            return hasil
    return cari_kode(rapi.rsplit(":", 1)[-1], hasil)


def cari_kode(teks: str, hasil: Pencarian | None = None) -> Pencarian:
    """The published letter whose verification code ``teks`` is, slips forgiven."""
    hasil = hasil or Pencarian(masukan=teks.strip())
    typed = kode.tidy(teks).strip(_AROUND_CODE)
    folded = kode.fold(typed)
    if not kode.FOLDED.fullmatch(folded):
        return hasil
    new = kode.new_form(folded)
    hasil.kode = new or typed
    terbit = SuratKeputusan.objects.terbit()
    # As typed (an old code is case-sensitive), or a new code in its stored form: the index.
    codes = [typed, new] if new else [typed]
    hasil.sk = terbit.filter(kode_verifikasi__in=codes).first()
    if hasil.sk is None:
        # An extract's code (petikan): its own page, of its letter.
        hasil.petikan = (
            Petikan.objects.filter(kode_verifikasi__in=codes, baris__sk__status=StatusSK.TERBIT)
            .select_related("baris__sk")
            .first()
        )
        hasil.sk = hasil.petikan.baris.sk if hasil.petikan else None
    if hasil.sk is None:
        # Folded on both sides: every published letter's code is folded, so this scans them;
        # it runs only for a code with a slip in it, under the page's rate limit.
        found = list(
            terbit.alias(kunci=kode.fold_expression("kode_verifikasi")).filter(kunci=folded)[:2]
        )
        if len(found) == 1:
            hasil.sk = found[0]
        hasil.ambigu = len(found) > 1
    return hasil


def nomor_kanonik(teks: str) -> str:
    """The letter number in ``teks`` as ``SK_NOMOR_POLA`` writes it, or "" if none is there.

    ``teks`` has been tidied (no whitespace); letters may be in any case and the sequence
    number may have leading zeros."""
    pola = settings.SK_NOMOR_POLA
    match = _pola_nomor(pola).search(teks)
    if match is None:
        return ""
    parts = match.groupdict()
    return pola.format(
        urut=int(parts.get("urut") or 0),
        tahun=parts.get("tahun") or "",
        seri=parts.get("seri") or settings.SK_SERI,
    )


def _host_lain(awal: str) -> str:
    """The host named before ``verifikasi/`` in a pasted link, if it is not this site's: a
    forged letter's QR code may lead to a look-alike site."""
    if not awal:
        return ""
    try:
        host = urlsplit(awal if "//" in awal else "//" + awal).hostname or ""
    except ValueError:
        return ""
    return host if host and host != urlsplit(settings.SITE_URL).hostname else ""


@functools.lru_cache(maxsize=4)
def _pola_nomor(pola: str) -> re.Pattern:
    """A regular expression for numbers written with ``pola`` ("800.1.3/{urut}/BKD/{tahun}")."""
    groups = {
        "{urut}": r"0*(?P<urut>\d{1,9})",
        "{tahun}": r"(?P<tahun>\d{4})",
        "{seri}": r"(?P<seri>[^/]+?)",
    }
    regex = ""
    for part in re.split(r"(\{urut\}|\{tahun\}|\{seri\})", "".join(pola.split())):
        regex += groups.pop(part) if part in groups else re.escape(part)
    # Not the tail of a longer number, nor the head of one.
    return re.compile(rf"(?<![\w.]){regex}(?![\w.]*\d)", re.I)
