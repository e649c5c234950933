"""Benchmark of the redistribution-plan solver, without a database.

For each size N: N surplus employees in origin formasi (surplus 1–3 each) inside units (at
most ``--maks-keluar`` moves out per unit), N vacancy seats in N/2 formasi, and an employee
eligible for the vacancies of their job family (``--rumpun`` families, so about
N × N/2 ÷ rumpun eligible pairs; ``--rumpun 1``: every pair), each pair with a random fit
0–100.

Each size runs in its own processes. The timing process times the solver with nothing
watching it, then the anchor: the same instance without the origin caps (a plain assignment
of employees to seats) solved by this solver and by scipy's ``linear_sum_assignment`` on the
dense matrix, whose totals must agree; then the greedy baseline (skipped above
``--serakah-maks`` pairs: it is a Python loop). A second process solves again under
tracemalloc for the Python/numpy peak; maxRSS is each process's peak. The load average is
printed before and after each size: on shared cores, read the times against the anchor.
"""

import multiprocessing
import os
import resource
import time
import tracemalloc

import numpy as np
from django.core.management.base import BaseCommand
from scipy.optimize import linear_sum_assignment

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


def tanpa_batas(m: Masalah) -> Masalah:
    """The same pairs and seats, no cap on the origins: an assignment problem."""
    return Masalah(m.n_pegawai, m.kapasitas_lowongan, m.pegawai, m.lowongan, m.skor, [])


def penugasan(m: Masalah) -> float:
    """The uncapped optimum by the Hungarian method: employees × seats, 0 where a pair is not
    eligible (taking it or leaving the seat empty is the same)."""
    seats = np.repeat(np.arange(m.n_lowongan), m.kapasitas_lowongan)
    matrix = np.zeros((m.n_pegawai, seats.size))
    # A vacancy's seats are interchangeable: each pair's fit goes on all of them.
    first = np.searchsorted(seats, np.arange(m.n_lowongan))
    for k in range(int(m.kapasitas_lowongan.max(initial=0))):
        has = m.kapasitas_lowongan[m.lowongan] > k
        matrix[m.pegawai[has], first[m.lowongan[has]] + k] = m.skor[has]
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return float(matrix[rows, cols].sum())


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(args):
    n, rumpun, maks_keluar, serakah_maks = args
    m = instance(n, rumpun, maks_keluar)
    started = time.perf_counter()
    best = selesaikan(m)
    seconds = time.perf_counter() - started
    rss = _rss_mib()
    assert not layak(m, best.terpilih)
    bebas = tanpa_batas(m)
    started = time.perf_counter()
    ours = selesaikan(bebas)
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    anchor = penugasan(bebas)
    anchor_seconds = time.perf_counter() - started
    assert abs(ours.total - anchor) < 1e-6 * max(anchor, 1), (ours.total, anchor)
    result = {
        "n": n,
        "pasangan": int(m.skor.size),
        "detik": seconds,
        "maxrss_mib": rss,
        "total": best.total,
        "langkah": int(best.terpilih.size),
        "tanpa_batas_detik": ours_seconds,
        "lsa_detik": anchor_seconds,
        "tanpa_batas_total": anchor,
        "serakah_detik": None,
        "serakah_total": None,
    }
    if m.skor.size <= serakah_maks:
        started = time.perf_counter()
        greedy = serakah(m)
        result["serakah_detik"] = time.perf_counter() - started
        result["serakah_total"] = greedy.total
        assert not layak(m, greedy.terpilih)
    return result


def run_traced(args):
    n, rumpun, maks_keluar = args
    m = instance(n, rumpun, maks_keluar)
    tracemalloc.start()
    selesaikan(m)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20, _rss_mib()


def _beban() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class Command(BaseCommand):
    help = (
        "Waktu dan memori penghitungan rencana redistribusi, dengan pembanding "
        "linear_sum_assignment pada masalah yang sama tanpa batas asal."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ukuran", type=int, nargs="+", default=[500, 2000, 5000])
        parser.add_argument("--rumpun", type=int, default=20)
        parser.add_argument("--maks-keluar", type=int, default=2)
        parser.add_argument(
            "--serakah-maks",
            type=int,
            default=2_000_000,
            help="Lewati pembanding serakah bila pasangan lebih dari ini.",
        )

    def handle(self, *args, **options):
        ctx = multiprocessing.get_context("spawn")
        self.stdout.write(
            f"{'N':>6} {'pasangan':>11} {'optimal s':>9} {'maxRSS':>8} {'tracemalloc':>11} "
            f"{'total optimal':>14} {'langkah':>7} | {'tanpa batas s':>13} {'LSA s':>7} "
            f"{'total tanpa batas':>17} | {'serakah s':>9} {'selisih serakah':>16} | beban"
        )
        for n in options["ukuran"]:
            before = _beban()
            with ctx.Pool(1) as pool:
                r = pool.apply(
                    run, ((n, options["rumpun"], options["maks_keluar"], options["serakah_maks"]),)
                )
            with ctx.Pool(1) as pool:
                traced, traced_rss = pool.apply(
                    run_traced, ((n, options["rumpun"], options["maks_keluar"]),)
                )
            if r["serakah_total"] is None:
                greedy = f"{'–':>9} {'–':>16}"
            else:
                gain = r["total"] - r["serakah_total"]
                greedy = f"{r['serakah_detik']:>9.2f} {gain:>+16,.2f}"
            self.stdout.write(
                f"{r['n']:>6} {r['pasangan']:>11,} {r['detik']:>9.2f} "
                f"{r['maxrss_mib']:>4.0f} MiB {traced:>7.0f} MiB "
                f"{r['total']:>14,.2f} {r['langkah']:>7} | {r['tanpa_batas_detik']:>13.2f} "
                f"{r['lsa_detik']:>7.2f} {r['tanpa_batas_total']:>17,.2f} | {greedy} | "
                f"{before} → {_beban()}"
            )
