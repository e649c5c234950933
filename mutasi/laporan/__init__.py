"""Reports on proposals: counts by state, agency, type and reason, and the time spent in each
state (``hitung``), with its page and exports."""
