"""gunicorn settings for Mutasi ASN (docs/deploy.md): `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be changed from the environment of the service without editing this file.
"""

import multiprocessing
import os

wsgi_app = "mutasi.wsgi:application"
# Loopback only: nginx in front terminates TLS and forwards.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the app is database-bound; 2 × cores + 1 is gunicorn's rule of thumb.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Long enough for the Excel import of 40,000 rows and the large reports, short enough that a
# stuck request is killed.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this machine may claim https through X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Import the app once in the master: workers fork with it loaded (faster start, less memory).
preload_app = True
