"""A read replica carries the public pages and the report; the primary keeps everything else.

Run as a deployment would: a separate process whose settings come from the environment, with
``DATABASE_REPLICA_URL`` naming a second connection (here to the same SQLite file, so the
"replica" is always caught up), and each connection's queries counted.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import json
from django.contrib.auth.models import Group
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pegawai.models import User

user = User.objects.create_user("bkd", password="x")
user.groups.add(Group.objects.get_or_create(name="Operator BKD")[0])
client = Client()
client.force_login(user)
out = {}
for url in ["/transparansi/", "/transparansi/data.csv", "/verifikasi/", "/usulan/laporan/",
            "/usulan/"]:
    with CaptureQueriesContext(connections["default"]) as primary, \\
            CaptureQueriesContext(connections["replica"]) as replica:
        status = client.get(url).status_code
    out[url] = {
        "status": status,
        "primary": [q["sql"] for q in primary.captured_queries],
        "replica": len(replica.captured_queries),
    }
print("RESULT" + json.dumps(out))
"""


def run(tmp_path, **env) -> dict:
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    environ = {
        **os.environ,
        "DATABASE_URL": database,
        "DEBUG": "1",
        "CACHE_URL": "locmem://",
        "ALLOWED_HOSTS": "testserver",
        **env,
    }
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=environ, check=True, cwd=ROOT)
    done = subprocess.run(
        [*manage, "shell", "-c", SCRIPT],
        env=environ,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT"))
    return json.loads(line.removeprefix("RESULT"))


def test_public_pages_and_the_report_read_from_the_replica_the_rest_from_the_primary(tmp_path):
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = run(tmp_path, DATABASE_REPLICA_URL=database)
    for url in ["/transparansi/", "/transparansi/data.csv", "/verifikasi/", "/usulan/laporan/"]:
        page = result[url]
        assert page["status"] == 200, url
        assert page["replica"] > 0, url
        # On the primary only the log-in: the session and the user, never the page's data.
        assert all("django_session" in q or "pegawai_user" in q for q in page["primary"]), (
            url,
            page["primary"],
        )
    # A working page of the workflow reads from the primary.
    assert result["/usulan/"]["status"] == 200
    assert result["/usulan/"]["replica"] == 0
    assert any("mutasi_usulan" in q for q in result["/usulan/"]["primary"])


def test_without_a_replica_everything_reads_from_the_primary(tmp_path):
    """Without DATABASE_REPLICA_URL the settings add no second database."""
    environ = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    environ.pop("DATABASE_REPLICA_URL", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", _ALIASES],
        env=environ,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "['default']"


_ALIASES = "from django.db import connections; print(list(connections.settings))"
