"""The permission matrix: every URL of the app, visited as every role, gives the decided status.

The URL names come from the resolver, so a new view cannot be added without a row here that
says who may see it. Columns are the personas of ``tests/dunia.py``; cells are shorthands:

    ok   200                      L    302 to the log-in page
    R    302 elsewhere            403  forbidden (a role that may see but not do, or no role)
    404  not found (out of scope) 405  wrong method (POST-only actions visited with GET)

The ``objek`` column names the object the URL arguments point at (``tests/dunia.py``);
everything belongs to agency A, so the operator of agency B must get 404 wherever the page
is open to agency staff.
"""

import datetime

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from evaluasi.choices import Rekomendasi as RekomendasiEvaluasi
from instansi.models import UnitKerja
from mutasi.models import AuditLog, LangkahRencana, Notifikasi, Usulan
from mutasi.pencocokan import skor
from mutasi.usulan.choices import JenisDokumen, Rekomendasi, SikapPegawai, StatusDokumen
from mutasi.usulan.eligibility import NAMA_SYARAT
from pegawai.models import Pegawai, User
from tests.dunia import PDF, PERAN, bangun_dunia

pytestmark = pytest.mark.django_db

DITOLAK = {"L", "403", "404", "405"}
KOLOM = ["objek", *PERAN]

# GET, every URL name of the app.
MATRIKS_GET = """
# name                      objek                   anon asn  opA  kpA  opB  bkd  ver  tim  pjb  adm
home                        -                       L    R    ok   ok   ok   ok   ok   ok   ok   ok
healthz                     -                       ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
login                       -                       ok   R    R    R    R    R    R    R    R    R
logout                      -                       405  405  405  405  405  405  405  405  405  405

instansi:opd_list           -                       L    403  ok   ok   ok   ok   ok   ok   ok   ok
instansi:opd_create         -                       L    403  403  403  403  ok   403  403  403  ok
instansi:opd_detail         opd                     L    403  ok   ok   404  ok   ok   ok   ok   ok
instansi:opd_update         opd                     L    403  403  403  403  ok   403  403  403  ok
instansi:unit_list          -                       L    403  ok   ok   ok   ok   ok   ok   ok   ok
instansi:unit_create        -                       L    403  403  403  403  ok   403  403  403  ok
instansi:unit_detail        unit                    L    403  ok   ok   404  ok   ok   ok   ok   ok
instansi:unit_update        unit                    L    403  403  403  403  ok   403  403  403  ok
instansi:jabatan_list       -                       L    403  ok   ok   ok   ok   ok   ok   ok   ok
instansi:jabatan_create     -                       L    403  403  403  403  ok   403  403  403  ok
instansi:jabatan_detail     jabatan                 L    403  ok   ok   ok   ok   ok   ok   ok   ok
instansi:jabatan_update     jabatan                 L    403  403  403  403  ok   403  403  403  ok
instansi:formasi_create     -                       L    403  403  403  403  ok   403  403  403  ok
instansi:formasi_update     formasi                 L    403  403  403  403  ok   403  403  403  ok
instansi:abk_list           -                       L    403  ok   ok   ok   ok   ok   ok   ok   ok
instansi:abk_create         -                       L    403  ok   ok   ok   ok   403  403  403  ok
instansi:abk_detail         abk                     L    403  ok   ok   404  ok   ok   ok   ok   ok
instansi:abk_formasi        abk+formasi             L    403  ok   ok   404  ok   ok   ok   ok   ok
instansi:abk_hitung         abk+formasi             L    403  405  405  405  405  403  403  403  405
instansi:abk_ajukan         abk                     L    403  405  405  405  405  403  403  403  405
instansi:abk_terima         abk                     L    403  403  403  403  405  405  403  403  405
instansi:abk_kembalikan     abk                     L    403  403  403  403  405  405  403  403  405
instansi:abk_unduh          abk                     L    403  ok   ok   404  ok   ok   ok   ok   ok
instansi:abk_unggah         abk                     L    403  ok   ok   404  ok   403  403  403  ok
mutasi:lowongan             -                       L    403  ok   ok   ok   ok   ok   ok   ok   ok
instansi:keseimbangan       -                       L    403  R    R    R    ok   ok   ok   ok   ok
instansi:keseimbangan_opd   opd                     L    403  ok   ok   404  ok   ok   ok   ok   ok
instansi:keseimbangan_unit  unit                    L    403  ok   ok   404  ok   ok   ok   ok   ok
instansi:layanan            -                       L    403  ok   ok   ok   ok   ok   ok   ok   ok
instansi:layanan_impor      -                       L    403  ok   ok   ok   ok   403  403  403  ok
instansi:layanan_unit       unit                    L    403  ok   ok   404  ok   ok   ok   ok   ok
instansi:layanan_skm        unit                    L    403  ok   ok   404  ok   403  403  403  ok
instansi:layanan_skm_jawaban unit                   L    403  R    R    404  R    403  403  403  R
instansi:layanan_skm_daring unit                    L    403  R    R    404  R    403  403  403  R

pegawai:list                -                       L    403  ok   ok   ok   ok   ok   ok   ok   ok
pegawai:create              -                       L    403  403  403  403  ok   403  403  403  ok
pegawai:me                  -                       L    R    R    R    R    R    R    R    R    R
pegawai:detail              pegawai                 L    ok   ok   ok   404  ok   ok   ok   ok   ok
pegawai:update              pegawai                 L    403  403  403  403  ok   403  403  403  ok
pegawai:import              -                       L    403  403  403  403  ok   403  403  403  ok
pegawai:import_confirm      -                       L    403  403  403  403  405  403  403  403  405
pegawai:import_cancel       -                       L    403  403  403  403  405  403  403  403  405
pegawai:import_template     -                       L    403  403  403  403  ok   403  403  403  ok

mutasi:usulan_list          -                       L    ok   ok   ok   ok   ok   ok   ok   ok   ok
mutasi:usulan_create        -                       L    ok   ok   ok   ok   ok   403  403  403  ok
mutasi:usulan_masuk_create  -                       L    403  403  403  403  ok   403  403  403  ok
mutasi:usulan_asal          -                       L    ok   ok   ok   ok   ok   403  403  403  ok
mutasi:usulan_formasi       -                       L    ok   ok   ok   ok   ok   403  403  403  ok
mutasi:usulan_cari_pegawai  -                       L    ok   ok   ok   ok   ok   403  403  403  ok
mutasi:tugas                -                       L    ok   ok   ok   ok   ok   ok   ok   ok   ok
mutasi:tugas_jumlah         -                       L    ok   ok   ok   ok   ok   ok   ok   ok   ok
mutasi:notifikasi           -                       L    ok   ok   ok   ok   ok   ok   ok   ok   ok
mutasi:usulan_detail        usulan-diajukan         L    ok   ok   ok   404  ok   ok   ok   ok   ok
mutasi:usulan_update        usulan-konsep           L    404  ok   ok   404  ok   403  403  403  ok
mutasi:usulan_ajukan        usulan-konsep           L    405  405  405  405  405  405  405  405  405
mutasi:usulan_dukung        usulan-diajukan         L    405  405  405  405  405  405  405  405  405
mutasi:usulan_kembalikan    usulan-diajukan         L    405  405  405  405  405  405  405  405  405
mutasi:usulan_verifikasi    usulan-diajukan         L    405  405  405  405  405  405  405  405  405
mutasi:usulan_setujui       usulan-dipertimbangkan  L    405  405  405  405  405  405  405  405  405
mutasi:usulan_tolak         usulan-dipertimbangkan  L    405  405  405  405  405  405  405  405  405
mutasi:usulan_batalkan      usulan-konsep           L    405  405  405  405  405  405  405  405  405
mutasi:usulan_sikap         usulan-diajukan         L    405  405  405  405  405  405  405  405  405
mutasi:usulan_pertek        usulan-diajukan         L    405  405  405  405  405  405  405  405  405
mutasi:usulan_sk_luar       usulan-diajukan         L    405  405  405  405  405  405  405  405  405
mutasi:usulan_pengecualian  usulan-diajukan         L    405  405  405  405  405  405  405  405  405
mutasi:usulan_pengecualian_putus usulan-diajukan    L    405  405  405  405  405  405  405  405  405
mutasi:dokumen_unggah       usulan-konsep           L    405  405  405  405  405  405  405  405  405
mutasi:dokumen_unduh        dokumen                 L    ok   ok   ok   404  ok   ok   ok   ok   ok
mutasi:dokumen_periksa      dokumen                 L    405  405  405  405  405  405  405  405  405
mutasi:dokumen_terima_semua usulan-diajukan         L    405  405  405  405  405  405  405  405  405
mutasi:usulan_massal        massal-verifikasi       L    405  405  405  405  405  405  405  405  405
mutasi:panel_list           -                       L    403  403  403  403  ok   ok   ok   ok   ok
mutasi:panel_formasi        formasi                 L    403  403  403  403  ok   ok   ok   ok   ok
mutasi:panel_nilai          usulan-terverifikasi    405  405  405  405  405  405  405  405  405  405
mutasi:panel_rekomendasi    usulan-terverifikasi    405  405  405  405  405  405  405  405  405  405
mutasi:panel_jawab          usulan-terverifikasi    405  405  405  405  405  405  405  405  405  405
mutasi:laporan              -                       L    403  ok   ok   ok   ok   ok   ok   ok   ok
mutasi:sk_list              -                       L    403  403  403  403  ok   ok   403  ok   ok
mutasi:sk_create            -                       L    403  403  403  403  ok   403  403  403  ok
mutasi:sk_css               -                       ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
mutasi:sk_detail            sk-draf                 L    403  403  403  403  ok   ok   403  ok   ok
mutasi:sk_update            sk-draf                 L    403  403  403  403  ok   403  403  403  ok
mutasi:sk_tambah            sk-draf                 L    403  403  403  403  ok   403  403  403  ok
mutasi:sk_pratinjau         sk-draf                 L    403  403  403  403  ok   ok   403  ok   ok
mutasi:sk_unduh             sk-terbit               L    404  ok   ok   404  ok   ok   ok   ok   ok
mutasi:sk_terbitkan         sk-draf                 L    403  403  403  403  405  405  403  405  405
mutasi:sk_ajukan            sk-draf                 L    403  403  403  403  405  405  403  405  405
mutasi:sk_kembalikan        sk-draf                 L    403  403  403  403  405  405  403  405  405
mutasi:sk_pembetulan        sk-terbit               L    403  403  403  403  405  405  403  405  405
mutasi:sk_render_ulang      sk-terbit               L    403  403  403  403  405  405  403  405  405
mutasi:sk_hapus             sk-draf                 L    403  403  403  403  405  405  403  405  405
mutasi:sk_keluarkan         sk-draf+usulan          L    403  403  403  403  405  405  403  405  405
mutasi:sk_cantumkan         sk-draf+usulan          L    403  403  403  403  405  405  403  405  405
mutasi:sk_baris             sk-draf+usulan          L    403  403  403  403  405  405  403  405  405
mutasi:sk_laksanakan        sk-terbit+usulan        L    403  403  403  403  405  405  403  405  405
mutasi:sk_tandatangani      sk-terbit               L    403  403  403  403  405  405  403  405  405
mutasi:spmt_terbitkan       sk-terbit+usulan        L    405  405  405  405  405  405  405  405  405
mutasi:ekspor_siasn         -                       L    403  403  403  403  ok   403  403  403  ok
ketentuan:daftar            -                       L    403  403  403  403  ok   ok   ok   ok   ok
ketentuan:ketentuan_tambah  -                       L    403  403  403  403  ok   403  403  403  ok
ketentuan:ketentuan_akhiri  ketentuan               L    403  403  403  403  ok   403  403  403  ok
ketentuan:aturan_tambah     -                       L    403  403  403  403  ok   403  403  403  ok
ketentuan:aturan_akhiri     aturan                  L    403  403  403  403  ok   403  403  403  ok
ketentuan:ketentuan_putuskan ketentuan-diajukan     L    403  403  403  403  403  403  403  ok   403
ketentuan:aturan_putuskan   aturan-diajukan         L    403  403  403  403  403  403  403  ok   403
mutasi:petikan_unduh        petikan                 L    404  ok   ok   404  ok   ok   ok   ok   ok
mutasi:spmt_unduh           spmt                    L    ok   ok   ok   404  ok   ok   ok   ok   ok

publik:transparansi         -                       ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
publik:data_csv             -                       ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
publik:data_json            -                       ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
publik:datapackage          -                       ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
publik:bagaimana            -                       ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
publik:verifikasi           -                       ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
publik:verifikasi_kode      kode                    ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
publik:survei               unit                    ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
publik:akar_pem             -                       ok   ok   ok   ok   ok   ok   ok   ok   ok   ok

evaluasi:list               -                       L    ok   ok   ok   ok   ok   ok   ok   ok   ok
evaluasi:detail             evaluasi                L    ok   ok   ok   404  ok   ok   ok   ok   ok
evaluasi:nilai_atasan       evaluasi                405  405  405  405  405  405  405  405  405  405
evaluasi:nilai_diri         evaluasi                405  405  405  405  405  405  405  405  405  405
evaluasi:pelatihan_tambah   evaluasi                405  405  405  405  405  405  405  405  405  405
evaluasi:pelatihan_list     -                       L    ok   ok   ok   ok   ok   ok   ok   ok   ok
evaluasi:pelatihan_selesai  pelatihan               405  405  405  405  405  405  405  405  405  405
evaluasi:pelatihan_bukti    pelatihan-selesai       L    ok   ok   ok   404  ok   ok   ok   ok   ok
evaluasi:dasbor             -                       L    403  403  403  403  ok   ok   ok   ok   ok

pencocokan:index            -                       L    403  403  403  403  ok   ok   403  403  ok
pencocokan:kandidat         formasi                 L    403  403  403  403  ok   ok   403  403  ok
pencocokan:usulkan          formasi                 405  405  405  405  405  405  405  405  405  405
pencocokan:rencana_detail   rencana                 L    404  404  404  404  ok   ok   404  404  ok
pencocokan:rencana_status   rencana                 L    404  404  404  404  ok   ok   404  404  ok
pencocokan:rencana_terima   rencana                 405  405  405  405  405  405  405  405  405  405
pencocokan:audit            -                       L    403  403  403  403  ok   ok   403  403  ok
pencocokan:penjelasan       pegawai                 L    ok   403  403  403  ok   ok   403  403  ok
pencocokan:preferensi       -                       L    ok   404  404  404  404  404  404  404  404
otp_atur                    -                       L    ok   ok   ok   ok   ok   ok   ok   ok   ok
otp_verifikasi              -                       L    R    R    R    R    R    R    R    R    R
"""

# POST (with valid data, DATA_POST) to every endpoint that changes something. Each cell runs
# in a transaction rolled back afterwards; where the role is refused (L, 403, 404, 405)
# nothing may have changed. ok/R: the action ran or answered with a message on the page.
MATRIKS_POST = """
# name                      objek                   anon asn  opA  kpA  opB  bkd  ver  tim  pjb  adm
instansi:opd_create         -                       L    403  403  403  403  ok   403  403  403  ok
instansi:opd_update         opd                     L    403  403  403  403  ok   403  403  403  ok
instansi:unit_create        -                       L    403  403  403  403  ok   403  403  403  ok
instansi:unit_update        unit                    L    403  403  403  403  ok   403  403  403  ok
instansi:jabatan_create     -                       L    403  403  403  403  ok   403  403  403  ok
instansi:jabatan_update     jabatan                 L    403  403  403  403  ok   403  403  403  ok
instansi:formasi_create     -                       L    403  403  403  403  ok   403  403  403  ok
instansi:formasi_update     formasi                 L    403  403  403  403  ok   403  403  403  ok
instansi:abk_create         -                       L    403  ok   ok   ok   ok   403  403  403  ok
instansi:abk_formasi        abk+formasi             L    403  ok   ok   404  ok   403  403  403  ok
instansi:abk_hitung         abk+formasi             L    403  ok   ok   404  ok   403  403  403  ok
instansi:abk_ajukan         abk                     L    403  R    R    404  R    403  403  403  R
instansi:abk_terima         abk                     L    403  403  403  403  R    R    403  403  R
instansi:abk_kembalikan     abk                     L    403  403  403  403  R    R    403  403  R
instansi:layanan_skm        unit                    L    403  R    R    404  R    403  403  403  R
instansi:layanan_impor      -                       L    403  R    R    ok   R    403  403  403  R
instansi:layanan_skm_jawaban unit                   L    403  R    R    404  R    403  403  403  R
instansi:layanan_skm_daring unit                    L    403  ok   ok   404  ok   403  403  403  ok
publik:survei               unit                    ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
instansi:abk_unggah         abk                     L    403  ok   ok   404  ok   403  403  403  ok

pegawai:create              -                       L    403  403  403  403  ok   403  403  403  ok
pegawai:update              pegawai                 L    403  403  403  403  ok   403  403  403  ok
pegawai:import              -                       L    403  403  403  403  ok   403  403  403  ok
pegawai:import_confirm      -                       L    403  403  403  403  R    403  403  403  R
pegawai:import_cancel       -                       L    403  403  403  403  R    403  403  403  R

mutasi:usulan_create        -                       L    ok   ok   ok   ok   ok   403  403  403  ok
mutasi:usulan_masuk_create  -                       L    403  403  403  403  ok   403  403  403  ok
mutasi:usulan_update        usulan-konsep           L    404  ok   ok   404  ok   403  403  403  ok
mutasi:usulan_ajukan        usulan-konsep           L    404  R    R    404  R    403  403  403  R
mutasi:usulan_dukung        usulan-diajukan         L    403  403  R    404  403  403  403  403  403
mutasi:usulan_kembalikan    usulan-diajukan         L    403  403  403  404  403  R    403  403  R
mutasi:usulan_verifikasi    usulan-diajukan         L    403  403  403  404  403  R    403  403  R
mutasi:usulan_setujui       usulan-dipertimbangkan  L    404  403  403  404  403  403  403  R    403
mutasi:usulan_tolak         usulan-dipertimbangkan  L    404  403  403  404  403  403  403  R    403
mutasi:usulan_batalkan      usulan-konsep           L    404  R    R    404  R    403  403  403  R
mutasi:usulan_sikap         usulan-diajukan         L    R    403  403  404  403  403  403  403  403
mutasi:usulan_pertek        usulan-diajukan         L    403  403  403  404  R    403  403  403  R
mutasi:usulan_sk_luar       usulan-diajukan         L    403  403  403  404  R    403  403  403  R
mutasi:usulan_pengecualian  usulan-diajukan         L    403  403  403  404  403  R    403  403  403
mutasi:usulan_pengecualian_putus usulan-diajukan    L    403  403  403  404  403  403  403  R    403
mutasi:dokumen_unggah       usulan-konsep           L    404  R    R    404  R    403  403  403  R
mutasi:dokumen_periksa      dokumen                 L    403  403  403  404  403  R    403  403  R
mutasi:dokumen_terima_semua usulan-diajukan         L    403  403  403  404  403  R    403  403  R
mutasi:usulan_massal        massal-verifikasi       L    403  403  403  403  403  R    403  403  R
mutasi:panel_nilai          usulan-terverifikasi    L    404  403  403  404  403  403  R    403  403
mutasi:panel_rekomendasi    usulan-terverifikasi    L    404  403  403  404  403  403  R    403  403
mutasi:panel_jawab          usulan-terverifikasi    L    404  403  403  404  403  403  R    403  403
mutasi:sk_create            -                       L    403  403  403  403  ok   403  403  403  ok
mutasi:sk_update            sk-draf                 L    403  403  403  403  ok   403  403  403  ok
mutasi:sk_tambah            sk-draf                 L    403  403  403  403  ok   403  403  403  ok
mutasi:sk_terbitkan         sk-draf                 L    403  403  403  403  403  403  403  R    403
mutasi:sk_ajukan            sk-draf                 L    403  403  403  403  R    403  403  403  R
mutasi:sk_kembalikan        sk-draf                 L    403  403  403  403  403  403  403  R    403
mutasi:sk_pembetulan        sk-terbit               L    403  403  403  403  R    403  403  403  R
mutasi:sk_render_ulang      sk-terbit               L    403  403  403  403  R    403  403  403  R
mutasi:sk_hapus             sk-draf                 L    403  403  403  403  R    403  403  403  R
mutasi:sk_keluarkan         sk-draf+usulan          L    403  403  403  403  R    403  403  403  R
mutasi:sk_cantumkan         sk-draf+usulan          L    403  403  403  403  R    403  403  403  R
mutasi:sk_baris             sk-draf+usulan          L    403  403  403  403  R    403  403  403  R
mutasi:sk_laksanakan        sk-terbit+usulan        L    403  403  403  403  R    403  403  403  R
mutasi:sk_tandatangani      sk-terbit               L    403  403  403  403  403  403  403  R    403
mutasi:spmt_terbitkan       sk-terbit+usulan        L    404  403  R    404  403  403  403  403  403
mutasi:ekspor_siasn         -                       L    403  403  403  403  ok   403  403  403  ok
ketentuan:ketentuan_tambah  -                       L    403  403  403  403  R    403  403  403  R
ketentuan:ketentuan_akhiri  ketentuan               L    403  403  403  403  R    403  403  403  R
ketentuan:aturan_tambah     -                       L    403  403  403  403  R    403  403  403  R
ketentuan:aturan_akhiri     aturan                  L    403  403  403  403  R    403  403  403  R
ketentuan:ketentuan_putuskan ketentuan-diajukan     L    403  403  403  403  403  403  403  R    403
ketentuan:aturan_putuskan   aturan-diajukan         L    403  403  403  403  403  403  403  R    403

evaluasi:nilai_atasan       evaluasi                L    403  403  R    404  403  403  403  403  403
evaluasi:nilai_diri         evaluasi                L    R    403  403  404  403  403  403  403  403
evaluasi:pelatihan_tambah   evaluasi                L    403  403  R    404  R    403  403  403  R
evaluasi:pelatihan_selesai  pelatihan               L    R    403  R    404  R    403  403  403  R

pencocokan:index            -                       L    403  403  403  403  R    ok   403  403  R
pencocokan:usulkan          formasi                 L    403  403  403  403  R    403  403  403  R
pencocokan:rencana_terima   rencana                 L    404  404  404  404  R    403  404  404  R
pencocokan:preferensi       -                       L    R    404  404  404  404  404  404  404  404
otp_atur                    -                       L    ok   ok   ok   ok   ok   ok   ok   ok   ok
"""

# Not part of the app's own permission model: Django's admin (tested below) and static files.
ABAIKAN_NAMESPACE = {"admin"}


def baca_tabel(teks):
    rows = {}
    for line in teks.strip().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, *cells = line.split()
        assert len(cells) == len(KOLOM), f"row {name!r}: {len(cells)} cells, want {len(KOLOM)}"
        assert name not in rows, f"row {name!r} twice"
        rows[name] = dict(zip(KOLOM, cells, strict=True))
    return rows


def nama_url(patterns=None, namespace=""):
    """Every named URL pattern of the app as (name, pattern), namespaces included."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            if ns in ABAIKAN_NAMESPACE:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from nama_url(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def cek_lengkap(tabel, nama):
    missing = sorted(set(nama) - set(tabel))
    stale = sorted(set(tabel) - set(nama))
    pesan = []
    if missing:
        pesan.append(
            "These URL names have no row in MATRIKS_GET of tests/test_matriks_izin.py: "
            + ", ".join(missing)
            + ".\nDecide who may see each: add one row per name with the object its URL "
            "arguments need (the 'objek' column: a key of Dunia.objek in tests/dunia.py, '-' for "
            "none; add the object there if it is new) and the "
            "expected status for every role (ok, L, R, 403, 404, 405). POST-only actions also "
            "need a row in MATRIKS_POST."
        )
    if stale:
        pesan.append("Rows for URL names that no longer exist: " + ", ".join(stale))
    return "\n".join(pesan)


def klien(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def status_dari(response):
    """The shorthand of a response, as written in the tables."""
    if response.status_code == 302:
        return "L" if response.url.startswith(reverse("login")) else "R"
    if response.status_code == 200:
        return "ok"
    return str(response.status_code)


# What each action is posted with: valid data, so that only the permission check can stop it.
DATA_POST = {
    "mutasi:usulan_dukung": {"catatan": "Disetujui."},
    "mutasi:usulan_kembalikan": {"catatan": "Lengkapi SKP."},
    "mutasi:usulan_verifikasi": {"catatan": "Lengkap."},
    "mutasi:usulan_setujui": {"catatan": "Setuju."},
    "mutasi:usulan_tolak": {"catatan": "Formasi sudah terisi."},
    "mutasi:usulan_batalkan": {"catatan": "Ditarik."},
    "mutasi:usulan_sikap": {"sikap": SikapPegawai.SETUJU},
    "mutasi:usulan_sk_luar": lambda: {
        "sk_luar_nomor": "821/45/BKPSDM",
        "sk_luar_tanggal": datetime.date.today().isoformat(),
        "tmt": datetime.date.today().isoformat(),
    },
    "mutasi:usulan_pertek": lambda: {
        "pertek_nomor": "PT-1/KR.XI",
        "pertek_tanggal": datetime.date.today().isoformat(),
        "pertek_hasil": "disetujui",
    },
    "mutasi:usulan_pengecualian": {"syarat": next(iter(NAMA_SYARAT)), "alasan": "Kebijakan."},
    "mutasi:usulan_pengecualian_putus": {
        "syarat": next(iter(NAMA_SYARAT)),
        "putusan": "beri",
        "catatan": "Setuju.",
    },
    "mutasi:sk_baris": lambda: {"tmt": datetime.date.today().isoformat()},
    "mutasi:dokumen_unggah": lambda: {
        "jenis": JenisDokumen.values[0],
        "berkas": SimpleUploadedFile("surat.pdf", PDF, "application/pdf"),
    },
    "mutasi:dokumen_periksa": {"status": StatusDokumen.DITERIMA},
    "mutasi:usulan_massal": lambda: {"usulan": [str(Usulan.objects.get(status="diajukan").pk)]},
    "mutasi:panel_nilai": {"skor": "5", "komentar": "Sangat sesuai."},
    "mutasi:panel_rekomendasi": {"rekomendasi": Rekomendasi.SETUJUI, "catatan": "Layak."},
    "mutasi:panel_jawab": {"jawaban": "Sudah dipertimbangkan."},
    "mutasi:sk_laksanakan": lambda: {"tanggal": datetime.date.today().isoformat()},
    "mutasi:sk_kembalikan": {"catatan": "Perbaiki pertimbangan."},
    "mutasi:sk_tandatangani": {"passphrase": "mutasi-demo"},
    "mutasi:ekspor_siasn": lambda: {
        "dari": (datetime.date.today() - datetime.timedelta(days=30)).isoformat(),
        "sampai": datetime.date.today().isoformat(),
        "format": "csv",
        "hanya_baru": "on",
    },
    "mutasi:spmt_terbitkan": lambda: {
        "tanggal": datetime.date.today().isoformat(),
        "passphrase": "mutasi-demo",
    },
    "ketentuan:ketentuan_tambah": lambda: {
        "kunci": "min_tahun_jabatan",
        "nilai": "3",
        "lingkup": "pemerintah",
        "berlaku_mulai": datetime.date.today().isoformat(),
        "alasan": "Peraturan Gubernur.",
    },
    "ketentuan:aturan_tambah": lambda: {
        "jenis": "larangan",
        "pesan": "Tidak ada mutasi menjelang pilkada.",
        "lingkup": "pemerintah",
        "berlaku_mulai": datetime.date.today().isoformat(),
        "berlaku_sampai": (datetime.date.today() + datetime.timedelta(days=90)).isoformat(),
        "alasan": "UU 10/2016 Pasal 71.",
    },
    "ketentuan:ketentuan_akhiri": lambda: {
        "berlaku_sampai": datetime.date.today().isoformat(),
        "alasan_berakhir": "Diganti.",
    },
    "ketentuan:ketentuan_putuskan": {"perkara": "mulai", "putusan": "setujui"},
    "ketentuan:aturan_putuskan": {"perkara": "mulai", "putusan": "setujui"},
    "ketentuan:aturan_akhiri": lambda: {
        "berlaku_sampai": datetime.date.today().isoformat(),
        "alasan_berakhir": "Dicabut.",
    },
    "instansi:abk_kembalikan": {"catatan": "Periksa volume."},
    "instansi:layanan_skm": {
        "tahun": "2025",
        "periode": "tahun",
        "responden": "150",
        **{f"u{i}": "3,2" for i in range(1, 10)},
    },
    "publik:survei": {f"u{i}": "3" for i in range(1, 10)},
    "instansi:layanan_skm_daring": {"daring-tahun": "2025", "daring-periode": "tahun"},
    "instansi:layanan_skm_jawaban": lambda: {
        "tahun": "2025",
        "periode": "tahun",
        "berkas": SimpleUploadedFile("jawaban.xlsx", jawaban_xlsx([[3] * 9, [4] * 9])),
    },
    # Agency A's service unit: the operator of agency B gets the page with the problem.
    "instansi:layanan_impor": lambda: {
        "berkas": SimpleUploadedFile(
            "aduan.csv",
            "KODE_UNIT;BULAN;KATEGORI;JUMLAH;SELESAI\n{};2025-01;waktu;4;3\n".format(
                UnitKerja.objects.get(nama="Bidang Pelayanan").kode
            ).encode(),
            "text/csv",
        )
    },
    "evaluasi:nilai_atasan": {
        "kinerja": "4",
        "adaptasi": "4",
        "komentar": "Cepat menyesuaikan diri.",
        "rekomendasi": RekomendasiEvaluasi.PERTAHANKAN,
    },
    "evaluasi:nilai_diri": {"kepuasan": "4", "adaptasi": "4", "beban_kerja": "3"},
    "evaluasi:pelatihan_tambah": lambda: {
        "topik": "Analisis data",
        "penyelenggara": "BPSDM",
        "tenggat": (datetime.date.today() + datetime.timedelta(days=60)).isoformat(),
    },
    "evaluasi:pelatihan_selesai": lambda: {
        "tanggal": datetime.date.today().isoformat(),
        "bukti": SimpleUploadedFile("sertifikat.pdf", PDF, "application/pdf"),
    },
    "pencocokan:index": lambda: {
        "maks_keluar": "2",
        **{f"bobot_{k}": str(v) for k, v in skor.bobot_default().items()},
    },
    "pencocokan:usulkan": lambda: {"pegawai": Pegawai.objects.get(nama="Fajar").pk},
    "pencocokan:rencana_terima": lambda: {"langkah": LangkahRencana.objects.get().pk},
    "pencocokan:preferensi": {"bersedia_pindah": "on", "catatan": "Dekat rumah."},
    # No valid code can be written down: a wrong one, refused with a message on the page.
    "otp_atur": {"kode": "000000"},
}


def jawaban_xlsx(rows) -> bytes:
    """An SKM answer sheet: U1..U9, one row per respondent."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append([f"U{i}" for i in range(1, 10)])
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def keadaan():
    """Every row the app's actions could change (not the audit log, notices or log-ins)."""
    snapshot = {}
    for model in apps.get_models():
        if model._meta.app_label not in ("instansi", "pegawai", "mutasi", "evaluasi"):
            continue
        if model in (AuditLog, Notifikasi, User) or model.__name__.startswith("Historical"):
            continue
        snapshot[model._meta.label] = list(model.objects.order_by("pk").values())
    return snapshot


def data_post(name):
    data = DATA_POST.get(name, {})
    return data() if callable(data) else data


def test_every_url_name_is_in_the_matrix():
    nama = dict(nama_url())
    tabel_get, tabel_post = baca_tabel(MATRIKS_GET), baca_tabel(MATRIKS_POST)
    if pesan := cek_lengkap(tabel_get, nama):
        pytest.fail(pesan, pytrace=False)
    hanya_post = {n for n, row in tabel_get.items() if "405" in row.values() and n != "logout"}
    missing = sorted(hanya_post - set(tabel_post))
    assert not missing, f"POST-only URL names without a row in MATRIKS_POST: {missing}"
    assert set(tabel_post) <= set(nama), sorted(set(tabel_post) - set(nama))


def test_every_url_as_every_role_gives_the_decided_status():
    dunia = bangun_dunia()
    clients = {peran: klien(user) for peran, user in dunia.users.items()}
    salah = []
    for name, row in baca_tabel(MATRIKS_GET).items():
        url = reverse(name, kwargs=dunia.objek[row["objek"]])
        for peran, client in clients.items():
            got = status_dari(client.get(url))
            if got != row[peran]:
                salah.append(f"GET {name} {url} as {peran}: {got}, want {row[peran]}")
    if salah:
        pytest.fail("\n".join(salah), pytrace=False)


def test_every_action_posted_by_every_role_gives_the_decided_status_and_refusals_change_nothing():
    dunia = bangun_dunia()
    clients = {peran: klien(user) for peran, user in dunia.users.items()}
    sebelum = keadaan()
    salah = []
    for name, row in baca_tabel(MATRIKS_POST).items():
        url = reverse(name, kwargs=dunia.objek[row["objek"]])
        for peran, client in clients.items():
            with transaction.atomic():
                got = status_dari(client.post(url, data_post(name)))
                berubah = row[peran] in DITOLAK and keadaan() != sebelum
                transaction.set_rollback(True)
            if got != row[peran]:
                salah.append(f"POST {name} {url} as {peran}: {got}, want {row[peran]}")
            if berubah:
                salah.append(f"POST {name} {url} as {peran}: refused, yet data changed")
    if salah:
        pytest.fail("\n".join(salah), pytrace=False)


@pytest.mark.parametrize("peran", ["asn", "opA", "bkd", "pjb"])
def test_django_admin_is_only_for_superusers(peran):
    dunia = bangun_dunia()
    for url in (reverse("admin:index"), reverse("admin:mutasi_usulan_changelist")):
        anon = Client().get(url)
        assert anon.status_code == 302 and "/admin/login/" in anon.url
        response = klien(dunia.users[peran]).get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url
        assert klien(dunia.users["adm"]).get(url).status_code == 200
