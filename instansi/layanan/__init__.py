"""Public-service quality (issue 18, docs/layanan.md): service units, their satisfaction
surveys (SKM/IKM) and monthly complaints, and the signals drawn from them for the needs and
for judging moves."""
