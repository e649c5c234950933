"""The mutation proposal (docs/domain.md §4): who may act (``aturan``), the services that change it
(``services``), the checklist (``eligibility``), seats (``kursi``), what was decided
(``jejak``), workload impact (``dampak``), documents (``dokumen``), the inbox (``tugas``), and
its forms, filters, tables, views and urls."""
