"""Regional rule settings kept in the app (issue 20, point 1): thresholds of the checklist
with an effective date and a scope (``KetentuanMutasi``), and the region's extra rules — a
required document, a lock period, a blackout period (``AturanDaerah``). ``berlaku.py``
resolves what is in force for a proposal on a day; the environment gives the defaults."""
