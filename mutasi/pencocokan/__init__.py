"""Matching (docs/domain.md §6): facts loaded once (``data``), the fit score (``skor``), candidates
for one vacancy (``kandidat``), the redistribution plan (``rencana`` over the exact
``solver``), the fairness audit (``audit``), why someone was or was not proposed
(``penjelasan``), background plans (``tasks``), and its forms, views and urls."""
