"""Find the employee while filing a proposal: the type-ahead of the NIP box on /usulan/baru/.

One htmx GET per pause in typing answers with three parts: the origin preview (``#asal``,
as ``mutasi:usulan_asal`` gives it), the suggestions (a ``<datalist>`` of NIPs labelled with
name, post and agency) and a word on what was typed (a name, a NIP too short or too long, a
NIP that cannot exist). Suggestions come only from the employees the user may see
(``Pegawai.objects.for_user``); an employee filing about themselves gets none.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from mutasi.lib.views import pk_from, role_required
from mutasi.usulan.forms import (
    BATAS_SARAN,
    cari_nip,
    cari_pegawai,
    dapat_diusulkan,
    masalah_nip,
    seperti_nama,
)
from mutasi.usulan.views import PENGUSUL
from pegawai.access import STAFF_ROLES, roles_of
from pegawai.models import Pegawai

# Fewer characters than this suggest nothing: two letters already narrow a name list.
MIN_KETIK = 2


@role_required(PENGUSUL)
def usulan_cari_pegawai(request):
    user = request.user
    teks = " ".join(request.GET.get("nip", "").split())[:150]
    nip = teks.replace(" ", "")
    staf = bool(roles_of(user) & STAFF_ROLES)
    # NUL bytes and other non-text name nobody (PostgreSQL refuses them in a query).
    terbaca = teks.isprintable()
    saran = []
    if staf and terbaca and len(teks) >= MIN_KETIK:
        saran = list(cari_pegawai(dapat_diusulkan(user), teks)[: BATAS_SARAN + 1])

    scoped = Pegawai.objects.for_user(user).select_related("unit__perangkat_daerah", "jabatan")
    asal, di_luar = None, False
    if nip:
        if terbaca and len(nip) == 18 and nip.isascii() and nip.isdigit():
            asal = scoped.filter(nip=nip).first()
            # As on usulan_asal: staff may file someone of another agency for their vacancy.
            di_luar = asal is None and staf and cari_nip(nip) is not None
    elif pk := pk_from(request.GET.get("pegawai")):
        asal = scoped.filter(pk=pk).first()

    nama = staf and seperti_nama(nip)
    umpan = ""
    if not nama and terbaca:
        umpan = masalah_nip(nip)
        if nip and not umpan and asal is None and not di_luar:
            umpan = _("Tidak ada pegawai aktif dengan NIP %(nip)s.") % {"nip": nip}
    return render(
        request,
        "mutasi/inc/cari_pegawai.html",
        {
            "asal": asal,
            "di_luar": di_luar,
            "saran": saran[:BATAS_SARAN],
            "saran_lebih": len(saran) > BATAS_SARAN,
            "nama": nama,
            "teks": teks,
            "umpan": umpan,
        },
    )
