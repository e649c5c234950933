"""Benchmarks: commands that print figures with their anchors (``manage.py bench``,
``bench_sk``, ``bench_impor``, ``bench_evaluasi``, ``bench_rencana``) and the load scripts
beside them. Not part of the product: the app runs without them (docs/benchmarks.md)."""
