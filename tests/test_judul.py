"""Every page's title is plain words: a template that put markup in its title block showed it
as text in the browser's tab and to screen readers."""

import re

import pytest
from django.urls import reverse

from mutasi.models import SuratKeputusan
from tests.dunia import bangun_dunia
from tests.test_matriks_izin import MATRIKS_GET, baca_tabel, klien

JUDUL = re.compile(r"<title>(.*?)</title>", re.S)


def judul(html: str) -> str:
    (title,) = JUDUL.findall(html)
    return " ".join(title.split())


@pytest.mark.django_db
def test_every_page_title_is_plain_words(client):
    dunia = bangun_dunia()
    salah = []
    for name, row in baca_tabel(MATRIKS_GET).items():
        url = reverse(name, kwargs=dunia.objek[row["objek"]])
        for peran in ("anon", "bkd", "kpA", "asn"):
            if row[peran] != "ok":
                continue
            response = klien(dunia.users[peran]).get(url)
            html = ""
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                html = response.content.decode()
            if "<title>" not in html:  # a file, a fragment for htmx, a redirect
                continue
            title = judul(html)
            if "<" in title or ">" in title or not title:
                salah.append(f"{url} as {peran}: {title!r}")
    letter = SuratKeputusan.objects.exclude(kode_verifikasi="").first()
    url = reverse("publik:verifikasi_kode", args=[letter.kode_verifikasi])
    title = judul(client.get(url).content.decode())
    if "<" in title or not title.startswith(f"Verifikasi SK {letter.nomor}"):
        salah.append(f"{url}: {title!r}")
    assert not salah, "\n".join(salah)
