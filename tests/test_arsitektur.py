"""The layout holds: the lower apps (agencies, employees) do not import the workflow app, and
no module grows past about 600 lines. Both read the source (ast), importing nothing."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOWER_APPS = ("instansi", "pegawai")
# What the lower apps may use of ``mutasi``: plain helpers, the audit log, the notices.
SHARED_CORE = ("mutasi.lib", "mutasi.audit", "mutasi.notifikasi")
MAX_LINES = 600


def python_files(*folders):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imported_names(source: str):
    """Every module or name imported, dotted in full (``from a import b`` gives ``a.b``),
    function-level imports included."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def workflow_imports(source: str) -> list[str]:
    def shared(name):
        return any(name == core or name.startswith(core + ".") for core in SHARED_CORE)

    return [
        name
        for name in imported_names(source)
        if (name == "mutasi" or name.startswith("mutasi.")) and not shared(name)
    ]


def test_the_check_sees_a_workflow_import_and_lets_the_shared_core_pass():
    source = (
        "from mutasi import audit\n"
        "from mutasi.lib.views import ObjectListView\n"
        "def f():\n"
        "    from mutasi.models import Usulan\n"
        "import mutasi.usulan.kursi\n"
    )
    assert sorted(workflow_imports(source)) == ["mutasi.models.Usulan", "mutasi.usulan.kursi"]


def test_agencies_and_employees_do_not_import_the_workflow_app():
    found = {
        str(path.relative_to(ROOT)): names
        for path in python_files(*LOWER_APPS)
        if (names := workflow_imports(path.read_text()))
    }
    assert found == {}


def test_no_module_of_the_app_passes_600_lines():
    folders = [p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name != "tests"]
    assert "mutasi" in folders and "instansi" in folders
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in python_files(*folders)
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert too_long == {}
