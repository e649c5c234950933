"""What the build steps of the demo data share: the options and the rows made so far."""

import datetime
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from mutasi.lib.angka import angka

# The private note of every benchmark archive proposal (bench/arsip.py), by which the demo's
# own stories are told apart from them.
ARSIP = "Arsip usulan periode lalu, dibuat bench_arsip untuk uji kinerja."
# The private note of the moves whose evaluations the demo tells (mutasi.demo.evaluasi) and
# of those bench_evaluasi adds in bulk (bench/evaluasi.py).
ARSIP_EVALUASI = "[demo: mutasi terlaksana untuk evaluasi]"

# Every random choice of the demo derives from this, so two runs build the same province.
SEED = 20_261_123
BATCH_SIZE = 2000


def stable_fraction(*parts) -> float:
    """A number in [0, 1) fixed by ``parts``: Python's own hash() changes between runs."""
    return zlib.crc32("|".join(map(str, parts)).encode()) / 2**32


@dataclass
class Context:
    """Options of one seeding run, and the rows each step hands to the next."""

    pegawai: int
    # Day the employees' histories are measured against (TMT, SKP years, penalties in force).
    reference: datetime.date
    log: Callable[[str], None] = print
    instansi: object = None
    bidang: dict = field(default_factory=dict)  # nama -> BidangPendidikan
    kompetensi: dict = field(default_factory=dict)  # nama -> Kompetensi
    jabatan: dict = field(default_factory=dict)  # nama -> Jabatan
    opd: dict = field(default_factory=dict)  # kode -> PerangkatDaerah
    units: dict = field(default_factory=dict)  # kode -> UnitKerja
    formasi: dict = field(default_factory=dict)  # (unit_id, jabatan_id) -> Formasi
    people: list = field(default_factory=list)  # people.PersonPlan, in generation order
    accounts: list = field(default_factory=list)  # accounts.AccountRow
    created: Counter = field(default_factory=Counter)  # model label -> rows created
    timings: dict = field(default_factory=dict)  # step name -> seconds

    def report(self, label: str, total: int, new: int) -> None:
        self.log(f"  {label:<28} {angka(total):>8}  ({angka(new)} baru)")
