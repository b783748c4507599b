"""Domain modules know the regulation, not the transport: none imports the kit's HTTP error
object, a web or RPC framework, the broker or the database, and none names an HTTP status.
They raise weiquan.errors; the RPC edge maps those once (kit.errors.from_domain)."""
import ast
from pathlib import Path

import pytest

from weiquan.config import REPO_ROOT

pytestmark = pytest.mark.unit
FORBIDDEN = ("weiquan.kit", "werkzeug", "nameko", "requests", "http", "urllib", "eventlet",
             "kombu", "sqlalchemy", "minio")
DOMAIN_FILES = sorted(REPO_ROOT.glob("services/*/*/domain/**/*.py"))


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_there_are_domain_modules_to_check():
    services = {p.relative_to(REPO_ROOT).parts[1] for p in DOMAIN_FILES}
    assert {"intake", "dispatch", "evidence"} <= services


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_domain_module_imports_nothing_of_the_transport(path):
    bad = [m for m in imported_modules(path)
           if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_domain_module_names_no_http_status_or_app_error(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    statuses = [k.arg for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords
                if isinstance(k.value, ast.Constant) and isinstance(k.value.value, int)
                and not isinstance(k.value.value, bool) and 100 <= k.value.value < 600]
    assert "AppError" not in names
    assert not statuses, f"{path.name} passes HTTP-like statuses: {statuses}"
