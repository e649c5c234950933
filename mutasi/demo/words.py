"""What the demo's people write in their proposals (data/kata.toml): public reasons, internal
notes, the verifier's and the panel's remarks, objections and their answers, decisions."""

from mutasi.demo.catalogue import read
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan

KATA = read("kata.toml")
ALASAN_PUBLIK = KATA["alasan_publik"]
CATATAN_INTERNAL = KATA["catatan_internal"]
PERBAIKI = KATA["perbaiki"]
CATATAN_VERIFIKASI = KATA["catatan_verifikasi"]
CATATAN_DUKUNG = KATA["catatan_dukung"]
KOMENTAR_SETUJU = KATA["komentar_setuju"]
KOMENTAR_TOLAK = KATA["komentar_tolak"]
KEPUTUSAN_SETUJU = KATA["keputusan_setuju"]
KEPUTUSAN_TOLAK = KATA["keputusan_tolak"]
CATATAN_BATAL = KATA["catatan_batal"]
KEBERATAN = KATA["keberatan"]
JAWABAN = KATA["jawaban"]  # to each objection, in order
SETUJU = KATA["setuju"]
PENGECUALIAN = KATA["pengecualian"]
# Proposals that need BKN's technical opinion: (state, type, reason, destination).
PERTEK = [
    (StatusUsulan(p["status"]), JenisMutasi(p["jenis"]), KategoriAlasan(p["alasan"]), p["tujuan"])
    for p in KATA["pertek"]
]
