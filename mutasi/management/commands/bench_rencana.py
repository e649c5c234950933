"""Benchmark of the redistribution-plan solver against a greedy baseline, without a database.

For each size N: N surplus employees in origin formasi (surplus 1–3 each) inside units (at
most ``--maks-keluar`` moves out per unit), N vacancy slots in N/2 formasi, and an employee
eligible for the vacancies of their job family (``--rumpun`` families, so about
N × N/2 ÷ rumpun eligible pairs), each pair with a random fit 0–100. Each size runs in its
own process so its peak memory (ru_maxrss) is its own; tracemalloc gives the Python/numpy
peak of the solve.
"""

import multiprocessing
import resource
import time
import tracemalloc

import numpy as np
from django.core.management.base import BaseCommand

from mutasi.pencocokan.solver import Masalah, layak, selesaikan, serakah


def instance(n, rumpun, maks_keluar, seed=20261123) -> Masalah:
    rng = np.random.default_rng(seed + n)
    n_vac = max(n // 2, 1)
    fam_e = rng.integers(0, rumpun, n)
    fam_v = rng.integers(0, rumpun, n_vac)
    by_family = [np.flatnonzero(fam_v == f) for f in range(rumpun)]
    degree = np.array([len(by_family[f]) for f in fam_e])
    pegawai = np.repeat(np.arange(n), degree)
    lowongan = np.concatenate([by_family[f] for f in fam_e]) if n else np.array([], int)
    skor = rng.uniform(0, 100, pegawai.size).round(2)
    # Origin formasi of about 4 holders with surplus 1–3; units of about 3 formasi.
    n_formasi = max(n // 4, 1)
    formasi = rng.integers(0, n_formasi, n)
    unit_of_formasi = rng.integers(0, max(n_formasi // 3, 1), n_formasi)
    n_unit = int(unit_of_formasi.max()) + 1
    return Masalah(
        n_pegawai=n,
        kapasitas_lowongan=np.full(n_vac, 2),
        pegawai=pegawai,
        lowongan=lowongan,
        skor=skor,
        kelompok=[
            (formasi, rng.integers(1, 4, n_formasi)),
            (unit_of_formasi[formasi], np.full(n_unit, maks_keluar)),
        ],
    )


def run(args):
    n, rumpun, maks_keluar = args
    m = instance(n, rumpun, maks_keluar)
    tracemalloc.start()
    started = time.perf_counter()
    best = selesaikan(m)
    seconds = time.perf_counter() - started
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    started = time.perf_counter()
    greedy = serakah(m)
    greedy_seconds = time.perf_counter() - started
    assert not layak(m, best.terpilih) and not layak(m, greedy.terpilih)
    return {
        "n": n,
        "pasangan": int(m.skor.size),
        "detik": seconds,
        "tracemalloc_mib": traced_peak / 2**20,
        "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "total": best.total,
        "langkah": int(best.terpilih.size),
        "serakah_detik": greedy_seconds,
        "serakah_total": greedy.total,
        "serakah_langkah": int(greedy.terpilih.size),
    }


class Command(BaseCommand):
    help = "Waktu dan memori penghitungan rencana redistribusi (optimal vs serakah)."

    def add_arguments(self, parser):
        parser.add_argument("--ukuran", type=int, nargs="+", default=[500, 2000, 5000])
        parser.add_argument("--rumpun", type=int, default=20)
        parser.add_argument("--maks-keluar", type=int, default=2)

    def handle(self, *args, **options):
        ctx = multiprocessing.get_context("spawn")
        header = (
            f"{'N':>6} {'pasangan':>10} {'optimal s':>10} {'tracemalloc':>12} {'maxRSS':>9} "
            f"{'total optimal':>14} {'langkah':>8} {'serakah s':>10} {'total serakah':>14} "
            f"{'langkah':>8} {'selisih':>9}"
        )
        self.stdout.write(header)
        for n in options["ukuran"]:
            with ctx.Pool(1) as pool:
                r = pool.apply(run, ((n, options["rumpun"], options["maks_keluar"]),))
            gain = r["total"] - r["serakah_total"]
            pct = 100 * gain / r["serakah_total"] if r["serakah_total"] else 0.0
            self.stdout.write(
                f"{r['n']:>6} {r['pasangan']:>10,} {r['detik']:>10.2f} "
                f"{r['tracemalloc_mib']:>9.0f} MiB {r['maxrss_mib']:>5.0f} MiB "
                f"{r['total']:>14,.2f} {r['langkah']:>8} {r['serakah_detik']:>10.2f} "
                f"{r['serakah_total']:>14,.2f} {r['serakah_langkah']:>8} "
                f"{gain:>+9,.2f} ({pct:+.3f}%)"
            )
