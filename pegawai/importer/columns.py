"""The staff file's columns, the spellings accepted in its cells, and the importer's limits."""

import datetime
import re

from pegawai.choices import PredikatSkp, TingkatPendidikan

REQUIRED_COLUMNS = (
    "NIP",
    "NAMA",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "GOLONGAN",
    "JABATAN",
    "UNIT_KERJA",
    "TMT_JABATAN",
    "PENDIDIKAN",
)
OPTIONAL_COLUMNS = (
    "GELAR_DEPAN",
    "GELAR_BELAKANG",
    "BIDANG_PENDIDIKAN",
    "EMAIL",
    "DOMISILI",
    *("NOMOR_PERJANJIAN_KERJA", "PERJANJIAN_KERJA_MULAI", "PERJANJIAN_KERJA_SELESAI"),
)
# A PPPK's work contract: required on PPPK rows, empty on PNS rows (the model says which).
CONTRACT_DATE_COLUMNS = ("PERJANJIAN_KERJA_MULAI", "PERJANJIAN_KERJA_SELESAI")
# Header names offices use for a column of the layout (after _header_name).
COLUMN_ALIASES = {
    "N_I_P": "NIP",
    "NIP_BARU": "NIP",
    "NOMOR_INDUK_PEGAWAI": "NIP",
    "NAMA_PEGAWAI": "NAMA",
    "NAMA_LENGKAP": "NAMA",
    "L_P": "JENIS_KELAMIN",
    "JK": "JENIS_KELAMIN",
    "TGL_LAHIR": "TANGGAL_LAHIR",
    "TGL_LHR": "TANGGAL_LAHIR",
    "NAMA_JABATAN": "JABATAN",
    "TMT_JAB": "TMT_JABATAN",
    "TGL_TMT_JABATAN": "TMT_JABATAN",
    "PENDIDIKAN_TERAKHIR": "PENDIDIKAN",
    "TINGKAT_PENDIDIKAN": "PENDIDIKAN",
    "PANGKAT_GOL": "GOLONGAN",
    "PANGKAT_GOLONGAN": "GOLONGAN",
    "PANGKAT_GOL_RUANG": "GOLONGAN",
    "GOL": "GOLONGAN",
    "GOL_RUANG": "GOLONGAN",
    "GOLONGAN_RUANG": "GOLONGAN",
}
# A separate pangkat column: checked against GOLONGAN, or read as it when there is none.
PANGKAT_COLUMN = "PANGKAT"
DATE_COLUMNS = ("TANGGAL_LAHIR", "TMT_JABATAN")
# The order of the template; SKP_<year> columns go after PENDIDIKAN/BIDANG_PENDIDIKAN.
TEMPLATE_COLUMNS = (
    "NIP",
    "NAMA",
    "GELAR_DEPAN",
    "GELAR_BELAKANG",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "GOLONGAN",
    "JABATAN",
    "UNIT_KERJA",
    "TMT_JABATAN",
    "PENDIDIKAN",
    "BIDANG_PENDIDIKAN",
)
TEMPLATE_TAIL = ("EMAIL", "DOMISILI")
SKP_COLUMN = re.compile(r"^SKP_(\d{4})$")

# Column → the Pegawai attribute it fills, in the order problems are listed.
COLUMN_FIELDS = {
    "NIP": "nip",
    "NAMA": "nama",
    "GELAR_DEPAN": "gelar_depan",
    "GELAR_BELAKANG": "gelar_belakang",
    "JENIS_KELAMIN": "jenis_kelamin",
    "TANGGAL_LAHIR": "tanggal_lahir",
    "GOLONGAN": "golongan",
    "JABATAN": "jabatan_id",
    "UNIT_KERJA": "unit_id",
    "TMT_JABATAN": "tmt_jabatan",
    "PENDIDIKAN": "tingkat_pendidikan",
    "BIDANG_PENDIDIKAN": "bidang_pendidikan_id",
    "EMAIL": "email",
    "DOMISILI": "domisili",
    "NOMOR_PERJANJIAN_KERJA": "nomor_perjanjian_kerja",
    "PERJANJIAN_KERJA_MULAI": "perjanjian_kerja_mulai",
    "PERJANJIAN_KERJA_SELESAI": "perjanjian_kerja_selesai",
}
# Model field name (as in ValidationError.message_dict) → column.
FIELD_COLUMNS = {
    "jenis_asn": "NIP",
    "nip": "NIP",
    "golongan_pppk": "GOLONGAN",
    "nama": "NAMA",
    "gelar_depan": "GELAR_DEPAN",
    "gelar_belakang": "GELAR_BELAKANG",
    "jenis_kelamin": "JENIS_KELAMIN",
    "tanggal_lahir": "TANGGAL_LAHIR",
    "golongan": "GOLONGAN",
    "jabatan": "JABATAN",
    "unit": "UNIT_KERJA",
    "tmt_jabatan": "TMT_JABATAN",
    "tingkat_pendidikan": "PENDIDIKAN",
    "bidang_pendidikan": "BIDANG_PENDIDIKAN",
    "email": "EMAIL",
    "domisili": "DOMISILI",
    "nomor_perjanjian_kerja": "NOMOR_PERJANJIAN_KERJA",
    "perjanjian_kerja_mulai": "PERJANJIAN_KERJA_MULAI",
    "perjanjian_kerja_selesai": "PERJANJIAN_KERJA_SELESAI",
}
COLUMN_MODEL_FIELDS = {column: name for name, column in FIELD_COLUMNS.items()}

# Spellings seen in staff files, after upper-casing and dropping spaces, dots, dashes and
# slashes ("D-III" → "DIII", "SMA/SMK" → "SMASMK").
PENDIDIKAN_SPELLINGS = {
    TingkatPendidikan.SD: ("SD", "MI", "SDMI", "SDSEDERAJAT"),
    TingkatPendidikan.SMP: ("SMP", "SLTP", "MTS", "SMPMTS", "SMPSEDERAJAT"),
    TingkatPendidikan.SMA: ("SMA", "SMK", "SMU", "SLTA", "MA", "SMASMK", "SMASEDERAJAT"),
    TingkatPendidikan.D1: ("D1", "DI", "DIPLOMA1", "DIPLOMAI"),
    TingkatPendidikan.D2: ("D2", "DII", "DIPLOMA2", "DIPLOMAII"),
    TingkatPendidikan.D3: ("D3", "DIII", "DIPLOMA3", "DIPLOMAIII"),
    TingkatPendidikan.D4: ("D4", "DIV", "DIPLOMA4", "DIPLOMAIV"),
    TingkatPendidikan.S1: ("S1", "SARJANA", "STRATA1"),
    TingkatPendidikan.S2: ("S2", "MAGISTER", "STRATA2"),
    TingkatPendidikan.S3: ("S3", "DOKTOR", "STRATA3"),
}
PENDIDIKAN_BY_SPELLING = {
    spelling: tingkat
    for tingkat, spellings in PENDIDIKAN_SPELLINGS.items()
    for spelling in spellings
}
JENIS_KELAMIN_BY_SPELLING = {
    **dict.fromkeys(("L", "LK", "LAKILAKI", "PRIA", "1"), "1"),
    **dict.fromkeys(("P", "PR", "PEREMPUAN", "WANITA", "2"), "2"),
}
# The file is written in Indonesian whatever language the page is shown in.
PREDIKAT_BY_LABEL = {
    "sangat baik": PredikatSkp.SANGAT_BAIK,
    "baik": PredikatSkp.BAIK,
    "butuh perbaikan": PredikatSkp.BUTUH_PERBAIKAN,
    "kurang": PredikatSkp.KURANG,
    "sangat kurang": PredikatSkp.SANGAT_KURANG,
}

_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")
# A date column that Excel shows as "General" or "Number" holds the day number (27001 is
# 4 December 1973): five digits cover 1927 to 2173.
_EXCEL_SERIAL = re.compile(r"^\d{5}(?:[.,]0+)?$")
_EXCEL_ERRORS = frozenset(
    ("#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")
)
# Where the header is in a text file: a cell reading NIP.
_HEADER_LINE = re.compile(r"(?:^|[,;\t\"])\s*NIP\s*(?:[,;\t\"]|$)", re.IGNORECASE)
# Rows under the table: a total, or a NIP that belongs to a signature ("NIP. 1970...").
_TOTAL_ROW = re.compile(r"^(?:JUMLAH|TOTAL|SUB\s*TOTAL|GRAND\s*TOTAL)\b", re.IGNORECASE)
_FIVE_DIGITS = re.compile(r"(?:\D*\d){5}")
# A row under the table with at most this many filled cells and no NIP is a note or part of
# a signature block; an employee row missing its NIP has more and is reported.
FOOTER_MAX_CELLS = 3
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
# How far down the file the header row may be (exports sometimes start with a title).
HEADER_SEARCH_ROWS = 10
# An .xlsx is a zip; refuse one that would unpack to far more than any staff list needs.
# Lookups of existing employees go in chunks below every database's parameter limit.
CHUNK = 500
PREVIEW_ROWS = 20
# Lists of the preview that the operator reads through (skipped rows, notes, split names).
PREVIEW_LIST_ROWS = 200
STORED_FILE_MAX_AGE = datetime.timedelta(days=1)
