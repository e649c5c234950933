"""Every audit action code written anywhere is registered by its app with its wording
(``mutasi.audit.daftarkan``), and an unregistered code is refused."""

import pathlib
import re

import pytest

from mutasi.audit import ACTIONS, log
from mutasi.usulan.choices import StatusUsulan

ROOT = pathlib.Path(__file__).resolve().parent.parent
APPS = ["mutasi", "instansi", "pegawai", "evaluasi"]
# log("code", ...) and audit("code", ...) rows (the demo's stories call the services).
WRITTEN = re.compile(r"""\b(?:log|audit)\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']""")


def written_codes() -> dict[str, str]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for code in WRITTEN.findall(path.read_text()):
                found.setdefault(code, str(path.relative_to(ROOT)))
    return found


def test_every_code_written_in_the_source_is_registered():
    codes = written_codes()
    assert len(codes) > 30
    missing = {code: where for code, where in codes.items() if code not in ACTIONS}
    assert missing == {}


def test_every_state_a_proposal_moves_to_has_its_wording():
    # The services log state changes as f"mutasi.usulan.{status}".
    for status in StatusUsulan.values:
        assert f"mutasi.usulan.{status}" in ACTIONS, status


@pytest.mark.django_db
def test_an_unregistered_code_is_refused():
    with pytest.raises(ValueError, match="unknown audit action"):
        log("mutasi.usulan.diterbangkan")
