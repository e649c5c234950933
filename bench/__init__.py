"""Benchmarks: commands that print figures with their anchors (``manage.py bench``,
``bench_sk``, ``bench_impor``, ``bench_evaluasi``, ``bench_rencana``), the load scripts beside
them, and the archive of closed proposals they measure against (``arsip.py``, written in bulk
by ``bench_arsip`` after ``seed_demo``). Not part of the product: the app runs without them
(docs/benchmarks.md)."""
