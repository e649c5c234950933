"""``build_plan``: the header found, furniture skipped, each row checked against the model's
rules and the file's own (a NIP twice, an unknown unit), and what it would create or update."""

import datetime
import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from instansi.models import BidangPendidikan
from mutasi.lib.xlsx import FileRejected
from pegawai.choices import JenisAsn
from pegawai.gelar import split_gelar
from pegawai.importer.cells import (
    _check_excel_damage,
    _Lookups,
    _parse_date,
    _parse_gender,
    _parse_golongan,
    _parse_golongan_pppk,
    _parse_nip,
    _parse_pendidikan,
    _parse_predikat,
    _text,
)
from pegawai.importer.columns import (
    _FIVE_DIGITS,
    _TOTAL_ROW,
    CHUNK,
    COLUMN_ALIASES,
    COLUMN_FIELDS,
    COLUMN_MODEL_FIELDS,
    CONTRACT_DATE_COLUMNS,
    DATE_COLUMNS,
    FIELD_COLUMNS,
    FOOTER_MAX_CELLS,
    HEADER_SEARCH_ROWS,
    PANGKAT_COLUMN,
    REQUIRED_COLUMNS,
    SKP_COLUMN,
)
from pegawai.importer.files import _cell, _header_name, _is_blank, read_table
from pegawai.importer.types import ImportPlan, Problem, RowPlan, Skipped, _BadCell
from pegawai.models import Pegawai, Skp
from pegawai.nip import jenis_dari_nip
from pegawai.signals import Pindah, alasan_tolak_pindah

# --- the plan -------------------------------------------------------------------------


def _find_header(rows) -> tuple[int, list] | None:
    candidates = [(line, cells) for line, cells in rows if not _is_blank(cells)]
    for line, cells in candidates[:HEADER_SEARCH_ROWS]:
        names = {_header_name(c) for c in cells}
        if "NIP" in {COLUMN_ALIASES.get(name, name) for name in names}:
            return line, cells
    return candidates[0] if candidates else None


def _read_header(line: int, cells: list, today: datetime.date, plan: ImportPlan) -> dict:
    """Column name → index; FileRejected when required columns are missing or doubled."""
    columns, seen = {}, set()
    for index, cell in enumerate(cells):
        name = _header_name(cell)
        if not name:
            continue
        if name in COLUMN_ALIASES:
            plan.renamed_columns.append((_text(cell), COLUMN_ALIASES[name]))
            name = COLUMN_ALIASES[name]
        if name in seen:
            raise FileRejected(
                _("Kolom %(col)s muncul lebih dari sekali di baris judul (baris %(line)s).")
                % {"col": name, "line": line}
            )
        seen.add(name)
        columns[name] = index
    if "GOLONGAN" not in columns and PANGKAT_COLUMN in columns:
        plan.renamed_columns.append((_text(cells[columns[PANGKAT_COLUMN]]), "GOLONGAN"))
        columns["GOLONGAN"] = columns.pop(PANGKAT_COLUMN)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        read_as = ""
        if plan.format == "csv":
            read_as = " " + _(
                "File dibaca sebagai teks %(encoding)s dengan pemisah %(delimiter)s."
            ) % {"encoding": plan.encoding, "delimiter": plan.delimiter_label}
        raise FileRejected(
            _(
                "Kolom wajib tidak ditemukan di baris judul (baris %(line)s): %(cols)s. Baris "
                "judul harus berisi judul kolom seperti pada templat."
            )
            % {"line": line, "cols": ", ".join(missing)}
            + read_as
        )
    for name in columns:
        match = SKP_COLUMN.match(name)
        if match:
            year = int(match.group(1))
            if 2000 <= year <= today.year:
                plan.skp_years.append(year)
            else:
                plan.problems.append(
                    Problem(
                        line,
                        name,
                        _("Tahun SKP harus antara 2000 dan %(y)s.") % {"y": today.year},
                    )
                )
        elif name not in COLUMN_FIELDS and name != PANGKAT_COLUMN:
            plan.ignored_columns.append(name)
    plan.skp_years.sort()
    return columns


def _filled(cells) -> list:
    return [c for c in cells if c is not None and (not isinstance(c, str) or c.strip())]


def _has_nip(value) -> bool:
    """Something in the NIP column that is meant as a NIP, right or wrong."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value >= 10_000
    text = _text(value)
    return text[:3].upper() != "NIP" and _FIVE_DIGITS.match(text) is not None


def _is_column_numbers(filled: list) -> bool:
    """The row of column numbers under a header: 1, 2, 3, ... or (1), (2), (3), ..."""
    numbers = [_text(c).strip("()") for c in filled]
    return len(numbers) >= 3 and numbers == [str(n) for n in range(1, len(numbers) + 1)]


def _split_rows(rows, header_line: int, columns: dict) -> tuple[list, list[Skipped]]:
    """The employee rows, and what is around them (blank rows, titles, column numbers,
    totals, notes and signatures), skipped and said why."""
    nip_index = columns["NIP"]
    nip_lines = {
        line for line, cells in rows if line > header_line and _has_nip(_cell(cells, nip_index))
    }
    last_nip_line = max(nip_lines, default=header_line)
    records, skipped = [], []

    def skip(line, reason, filled=()):
        text = " · ".join(_text(c) for c in filled)
        if len(text) > 100:
            text = text[:99] + "…"
        last = skipped[-1] if skipped else None
        if last and last.reason == reason and last.last_line == line - 1 and not text:
            skipped[-1] = Skipped(last.first_line, line, reason)  # a run of blank rows
        else:
            skipped.append(Skipped(line, line, reason, text))

    for line, cells in rows:
        if line in nip_lines:
            records.append((line, cells))
            continue
        if line == header_line:
            continue
        filled = _filled(cells)
        if not filled:
            skip(line, _("Baris kosong"))
        elif line < header_line:
            skip(line, _("Judul di atas baris judul kolom"), filled)
        elif _header_name(_cell(cells, nip_index)) == "NIP":
            skip(line, _("Baris judul kolom yang berulang"), filled)
        elif _is_column_numbers(filled):
            skip(line, _("Baris nomor kolom"), filled)
        elif any(_TOTAL_ROW.match(_text(c)) for c in filled[:2]):
            skip(line, _("Baris jumlah"), filled)
        elif line > last_nip_line and len(filled) <= FOOTER_MAX_CELLS:
            skip(line, _("Keterangan atau tanda tangan di bawah tabel"), filled)
        elif len(filled) == 1:
            skip(line, _("Hanya satu sel terisi (judul bagian atau keterangan)"), filled)
        else:
            records.append((line, cells))
    return records, skipped


def _gelar_key(text: str) -> str:
    return re.sub(r"[\s.,]", "", text).casefold()


def _split_name(line: int, values: dict, problems: list) -> str:
    """Move degrees written in NAMA to the degree columns that are empty or absent; the
    NAMA cell as written when something moved, else ""."""
    written = values.get("nama")
    if not written:
        return ""
    depan, nama, belakang = split_gelar(written)
    if not (depan or belakang):
        return ""
    for column, found in (("GELAR_DEPAN", depan), ("GELAR_BELAKANG", belakang)):
        given = values.get(COLUMN_FIELDS[column], "")
        if not found:
            continue
        if not given:
            values[COLUMN_FIELDS[column]] = found
        elif _gelar_key(given) != _gelar_key(found):
            problems.append(
                Problem(
                    line,
                    "NAMA",
                    _(
                        "Nama memuat gelar “%(found)s”, tetapi kolom %(col)s berisi "
                        "“%(given)s”. Tulis gelar hanya di kolom %(col)s."
                    )
                    % {"found": found, "col": column, "given": given},
                )
            )
            return ""
    values["nama"] = nama
    return written


def build_plan(fileobj, fmt: str, today: datetime.date | None = None) -> ImportPlan:
    """Read and check the whole file without writing anything."""
    today = today or timezone.localdate()
    table = read_table(fileobj, fmt)
    plan = ImportPlan(
        format=fmt, encoding=table.encoding, delimiter=table.delimiter, sheet=table.sheet
    )
    header = _find_header(table.rows)
    if header is None:
        raise FileRejected(_("File kosong. Unggah file yang berisi baris judul dan data pegawai."))
    header_line, header_cells = header
    columns = _read_header(header_line, header_cells, today, plan)
    records, plan.skipped = _split_rows(table.rows, header_line, columns)
    if not records:
        raise FileRejected(_("File hanya berisi baris judul, tanpa data pegawai."))
    plan.data_rows = len(records)

    lookups = _Lookups()
    parsers = {
        "NIP": _parse_nip,
        "JENIS_KELAMIN": _parse_gender,
        "GOLONGAN": _parse_golongan,
        "PENDIDIKAN": _parse_pendidikan,
        "JABATAN": lookups.jabatan,
        "UNIT_KERJA": lookups.unit,
    }
    file_columns = [c for c in COLUMN_FIELDS if c in columns]
    pangkat_index = columns.get(PANGKAT_COLUMN)

    parsed = []
    first_line_of_nip = {}
    for line, cells in records:
        values, bad, problems, skp, bidang = {}, set(), [], {}, None
        for name in file_columns:
            raw = _cell(cells, columns[name])
            if name == "GOLONGAN" and pangkat_index is not None:
                raw = f"{_text(_cell(cells, pangkat_index))} {_text(raw)}"
            try:
                _check_excel_damage(raw)
                if name == "BIDANG_PENDIDIKAN":
                    bidang = _text(raw)
                    limit = BidangPendidikan._meta.get_field("nama").max_length
                    if len(bidang) > limit:
                        bidang = None
                        raise _BadCell(
                            _("Bidang pendidikan paling banyak %(n)s karakter.") % {"n": limit}
                        )
                elif name == "GOLONGAN" and values.get("jenis_asn") == JenisAsn.PPPK:
                    if not _text(raw):
                        raise _BadCell(_("Wajib diisi."))
                    values["golongan"] = None
                    values["golongan_pppk"] = _parse_golongan_pppk(raw)
                elif name in CONTRACT_DATE_COLUMNS:
                    values[COLUMN_FIELDS[name]] = _parse_date(raw)[0] if _text(raw) else None
                elif name in DATE_COLUMNS:
                    if not _text(raw):
                        raise _BadCell(_("Wajib diisi."))
                    values[COLUMN_FIELDS[name]], note = _parse_date(raw)
                    if note:
                        plan.notes.append(Problem(line, name, note))
                elif name in parsers:
                    if name != "NIP" and not _text(raw):
                        raise _BadCell(_("Wajib diisi."))
                    values[COLUMN_FIELDS[name]] = parsers[name](raw)
                    if name == "NIP":
                        # The kind is read from the number: an NI PPPK has 21 for a month.
                        values["jenis_asn"] = jenis_dari_nip(values["nip"])
                        values["golongan_pppk"] = None
                        if values["jenis_asn"] == JenisAsn.PPPK:
                            note = _(
                                "Digit 13–14 NIP “21”: dibaca sebagai NI PPPK, jadi pegawai "
                                "ini dicatat sebagai PPPK, dengan golongan PPPK (I–XVII) dan "
                                "perjanjian kerja."
                            )
                            plan.notes.append(Problem(line, name, note))
                elif name in REQUIRED_COLUMNS and not _text(raw):
                    raise _BadCell(_("Wajib diisi."))
                else:
                    values[COLUMN_FIELDS[name]] = _text(raw)
            except _BadCell as e:
                bad.add(name)
                problems.append(Problem(line, name, str(e)))
        nama_asli = _split_name(line, values, problems)
        for year in plan.skp_years:
            try:
                raw = _cell(cells, columns[f"SKP_{year}"])
                _check_excel_damage(raw)
                predikat = _parse_predikat(raw)
            except _BadCell as e:
                problems.append(Problem(line, f"SKP_{year}", str(e)))
            else:
                if predikat is not None:
                    skp[year] = predikat
        nip = values.get("nip")
        if nip:
            if nip in first_line_of_nip:
                problems.append(
                    Problem(
                        line,
                        "NIP",
                        _("NIP %(nip)s sudah ada di baris %(line)s file ini.")
                        % {"nip": nip, "line": first_line_of_nip[nip]},
                    )
                )
            else:
                first_line_of_nip[nip] = line
        parsed.append((line, values, bad, problems, skp, bidang, nama_asli))

    existing = _existing_employees(list(first_line_of_nip))
    existing_skp = _existing_skp([p.pk for p in existing.values()], plan.skp_years)

    moves = {}  # line -> Pindah: an existing employee's post changed by the file
    for line, values, bad, problems, skp, bidang, nama_asli in parsed:
        nip = values.get("nip")
        pegawai = existing.get(nip) if nip else None
        created = pegawai is None
        if created:
            pegawai = Pegawai()
        stored_post = (pegawai.unit_id, pegawai.jabatan_id)
        changed = []
        for attname, name in (("jenis_asn", "NIP"), ("golongan_pppk", "GOLONGAN")):
            if (
                name not in bad
                and attname in values
                and getattr(pegawai, attname) != values[attname]
            ):
                changed.append(name)
                setattr(pegawai, attname, values[attname])
        for name, attname in COLUMN_FIELDS.items():
            # Degree columns absent from the file may be filled from the name.
            if name in bad or name == "BIDANG_PENDIDIKAN" or attname not in values:
                continue
            if getattr(pegawai, attname) != values[attname]:
                changed.append(name)
                setattr(pegawai, attname, values[attname])
        new_bidang = ""
        if bidang is not None:
            bidang_id = lookups.bidang_by_key.get(bidang.casefold()) if bidang else None
            if bidang and bidang_id is None:
                new_bidang = bidang
            if new_bidang or pegawai.bidang_pendidikan_id != bidang_id:
                changed.append("BIDANG_PENDIDIKAN")
                pegawai.bidang_pendidikan_id = bidang_id
        problems.extend(_model_problems(line, pegawai, bad))
        if problems:
            plan.problems.extend(problems)
            continue
        skp_changes = {
            year: predikat
            for year, predikat in skp.items()
            if existing_skp.get((pegawai.pk, year), (None, None))[1] != predikat
        }
        changed.extend(f"SKP_{year}" for year in sorted(skp_changes))
        if not created and (pegawai.unit_id, pegawai.jabatan_id) != stored_post:
            moves[line] = Pindah(pegawai.pk, stored_post, (pegawai.unit_id, pegawai.jabatan_id))
        plan.rows.append(
            RowPlan(
                line=line,
                pegawai=pegawai,
                created=created,
                changed_columns=[] if created else changed,
                skp=skp_changes,
                new_bidang=new_bidang,
                jabatan_nama=lookups.jabatan_nama.get(pegawai.jabatan_id, ""),
                unit_nama=lookups.unit_nama.get(pegawai.unit_id, ""),
                nama_asli=nama_asli,
            )
        )
    _refuse_moves(plan, moves)
    order = {name: i for i, name in enumerate(COLUMN_FIELDS)}
    plan.problems.sort(key=lambda p: (p.line, order.get(p.column, len(order)), p.column))
    return plan


def _refuse_moves(plan: ImportPlan, moves: dict) -> None:
    """Posts changed by the file are checked like a change by hand in the form (a move under
    way, a formasi with no free seat): a refused row becomes a problem."""
    reasons = alasan_tolak_pindah(list(moves.values()))
    refused = {line for line, move in moves.items() if reasons[move.pegawai_id]}
    for line in sorted(refused):
        for reason in reasons[moves[line].pegawai_id]:
            plan.problems.append(Problem(line, "UNIT_KERJA", reason))
    plan.rows = [row for row in plan.rows if row.line not in refused]


def _model_problems(line: int, pegawai: Pegawai, bad: set) -> list[Problem]:
    """The model's own checks. Foreign keys were resolved from the lookups and uniqueness
    and the golongan constraint are known already, so none of them costs a query here."""
    exclude = {"unit", "jabatan", "bidang_pendidikan", "kompetensi"}
    exclude |= {COLUMN_MODEL_FIELDS[c] for c in bad if c in COLUMN_MODEL_FIELDS}
    try:
        pegawai.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as e:
        # A column already reported bad is not reported again by clean().
        return [
            Problem(line, FIELD_COLUMNS.get(name, "" if name == NON_FIELD_ERRORS else name), msg)
            for name, messages in e.message_dict.items()
            if name not in exclude
            for msg in messages
        ]
    return []


def _existing_employees(nips: list[str]) -> dict[str, Pegawai]:
    found = {}
    for start in range(0, len(nips), CHUNK):
        for pegawai in Pegawai.objects.filter(nip__in=nips[start : start + CHUNK]):
            found[pegawai.nip] = pegawai
    return found


def _existing_skp(pegawai_ids: list[int], years: list[int]) -> dict:
    """(pegawai id, year) → (Skp id, predikat)."""
    found = {}
    if not years:
        return found
    for start in range(0, len(pegawai_ids), CHUNK):
        rows = Skp.objects.filter(
            pegawai_id__in=pegawai_ids[start : start + CHUNK], tahun__in=years
        ).values_list("pegawai_id", "tahun", "pk", "predikat")
        for pegawai_id, tahun, pk, predikat in rows:
            found[(pegawai_id, tahun)] = (pk, predikat)
    return found
