"""What the build steps of the demo data share: the options, the rows made so far, and how
they draw numbers and moments."""

import datetime
import hashlib
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import time_machine
from django.utils import timezone

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


def acak(*parts) -> float:
    """A number in [0, 1) fixed by ``parts``. Unlike ``stable_fraction`` (a CRC, which is
    linear: two CRCs of the same value under different prefixes differ by a constant), rolls
    keyed on the same value here do not move together."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest) / 2**64


def pukul(day: datetime.date, hour: int = 9, minutes: int = 0) -> datetime.datetime:
    """A local moment on ``day``."""
    moment = datetime.datetime.combine(day, datetime.time(hour))
    return timezone.make_aware(moment + datetime.timedelta(minutes=minutes))


def jam_kerja(day: datetime.date, roll: float) -> datetime.datetime:
    """A moment of office hours (08:00–15:30 local) on ``day``."""
    return pukul(day, 8, int(roll * 450))


def pada(moment: datetime.datetime, service, *args, **kwargs):
    """``service(*args, **kwargs)`` with the clock stopped at ``moment``: the services check
    the rules as they were then and stamp their records with it."""
    with time_machine.travel(moment, tick=False):
        return service(*args, **kwargs)


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
    accounts: list = field(default_factory=list)  # accounts.account_rows()
    created: Counter = field(default_factory=Counter)  # model label -> rows created
    timings: dict = field(default_factory=dict)  # step name -> seconds

    def report(self, label: str, total: int, new: int) -> None:
        self.log(f"  {label:<28} {angka(total):>8}  ({angka(new)} baru)")
