"""The alert rules are tested, not only parsed: promtool's rule unit tests
(deploy/prometheus/tests/*.yml) make every alert fire on an unhealthy series, and the healthy
case, with a healthy series of every metric family, must fire none.

The checks that read the files are `unit`; the ones that run promtool (a subprocess) are
`integration`, following pytest.ini. Without promtool (Debian package `prometheus`) these
are skipped, saying so, or fail when CI is set: `.ci/run` installs it."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.unit.metric_families import FAMILIES, family_of, families_in

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS = ROOT / "deploy" / "prometheus"
TEST_FILES = sorted((PROMETHEUS / "tests").glob("*.yml"))
HEALTHY = "healthy"  # test groups whose name starts with this are the healthy case


def load(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def alert_rules():
    groups = load(PROMETHEUS / "alerts.yml")["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


def alert_names():
    return {rule["alert"] for rule in alert_rules()}


def promtool_groups():
    """(file name, test group) of every promtool test group."""
    for path in TEST_FILES:
        for group in load(path).get("tests") or []:
            yield path.name, group


def promtool():
    found = shutil.which("promtool")
    if found:
        return found
    reason = "promtool is not installed (Debian package `prometheus`; .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def run_promtool(*args):
    result = subprocess.run([promtool(), *args], cwd=PROMETHEUS, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, \
        f"promtool {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


# ------------------------------------------------------------------------------------ promtool

@pytest.mark.integration
def test_promtool_check_config():
    out = run_promtool("check", "config", "prometheus.yml")
    assert "SUCCESS" in out


@pytest.mark.integration
def test_promtool_check_rules():
    out = run_promtool("check", "rules", "alerts.yml")
    rules = sum(len(g["rules"]) for g in load(PROMETHEUS / "alerts.yml")["groups"])
    assert f"SUCCESS: {rules} rules found" in out, out


@pytest.mark.integration
def test_promtool_rule_unit_tests_pass():
    assert TEST_FILES, "deploy/prometheus/tests has no promtool test file"
    run_promtool("test", "rules", *(str(p.relative_to(PROMETHEUS)) for p in TEST_FILES))


# ------------------------------------------------------------------------ coverage of the tests

@pytest.mark.unit
def test_every_test_file_loads_the_alert_rules():
    for path in TEST_FILES:
        rule_files = [(path.parent / f).resolve() for f in load(path).get("rule_files") or []]
        assert (PROMETHEUS / "alerts.yml").resolve() in rule_files, \
            f"{path.name} does not load ../alerts.yml"


@pytest.mark.unit
def test_every_alert_fires_in_some_test():
    fired = {case["alertname"] for _, group in promtool_groups() if not group["name"].startswith(HEALTHY)
             for case in group.get("alert_rule_test") or [] if case.get("exp_alerts")}
    unknown = fired - alert_names()
    assert not unknown, f"tests expect alerts alerts.yml does not define: {sorted(unknown)}"
    missing = alert_names() - fired
    assert not missing, f"no promtool test makes these alerts fire: {sorted(missing)}"


@pytest.mark.unit
def test_healthy_case_lists_every_alert_as_silent():
    healthy = [(name, group) for name, group in promtool_groups() if group["name"].startswith(HEALTHY)]
    assert healthy, "no healthy test group (name starting with 'healthy')"
    for file_name, group in healthy:
        cases = group.get("alert_rule_test") or []
        loud = {c["alertname"] for c in cases if c.get("exp_alerts")}
        assert not loud, f"{file_name} / {group['name']}: healthy yet expects {sorted(loud)}"
        silent = {c["alertname"] for c in cases}
        missing = alert_names() - silent
        assert not missing, \
            f"{file_name} / {group['name']}: no `exp_alerts: []` for {sorted(missing)}"


@pytest.mark.unit
def test_healthy_case_has_a_series_of_every_family():
    covered = set()
    for _, group in promtool_groups():
        if group["name"].startswith(HEALTHY):
            for series in group.get("input_series") or []:
                covered.add(family_of(series["series"].split("{")[0].strip()))
    missing = FAMILIES - covered
    assert not missing, f"the healthy case has no series of {sorted(missing)}"


@pytest.mark.unit
def test_alerts_use_only_known_families():
    for rule in alert_rules():
        unknown = families_in(rule["expr"]) - FAMILIES
        assert not unknown, f"alert {rule['alert']} watches unknown families {sorted(unknown)}"
