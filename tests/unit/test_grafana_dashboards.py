"""The Grafana dashboards (deploy/grafana/dashboards) are provisioned, and every panel queries
the provisioned Prometheus datasource for metric families that exist: a panel naming a family
no service exposes draws an empty graph and nobody notices.

The static checks are `unit`. The one that runs promtool (a subprocess, so `integration`)
parses every query as PromQL; without promtool it is skipped, or fails when CI is set."""
import json
import os
import re
import shutil
import subprocess

import pytest
import yaml

from tests.unit.helpers_compose import ROOT, bind_source, load_yaml
from tests.unit.metric_families import FAMILIES, families_in

DASHBOARDS = ROOT / "deploy" / "grafana" / "dashboards"
PROVISIONING = ROOT / "deploy" / "grafana" / "provisioning"
FILES = sorted(DASHBOARDS.glob("*.json"))


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def panels(dashboard):
    """Every panel, rows' nested panels included; rows themselves are layout, not queries."""
    for panel in dashboard.get("panels") or []:
        yield from (panel.get("panels") or []) if panel.get("type") == "row" else [panel]


def queries(dashboard):
    """(where, PromQL) of every panel target and every query variable."""
    for panel in panels(dashboard):
        for target in panel.get("targets") or []:
            yield f"{dashboard['uid']} / {panel.get('title')}", target.get("expr", "")
    for variable in (dashboard.get("templating") or {}).get("list") or []:
        if variable.get("type") == "query":
            query = variable.get("query")
            yield f"{dashboard['uid']} / ${variable['name']}", \
                query.get("query", "") if isinstance(query, dict) else str(query)


def datasource_uids():
    sources = [d for f in sorted((PROVISIONING / "datasources").glob("*.y*ml"))
               for d in load_yaml(f).get("datasources") or []]
    return {d["uid"] for d in sources if d.get("type") == "prometheus" and d.get("uid")}


@pytest.mark.unit
def test_four_dashboards_with_unique_uid_and_title():
    assert len(FILES) >= 4, f"expected the four dashboards, found {[f.name for f in FILES]}"
    uids, titles = [], []
    for path in FILES:
        dashboard = load(path)
        assert dashboard.get("uid"), f"{path.name}: no uid"
        assert len(dashboard["uid"]) <= 40, f"{path.name}: uid longer than Grafana's 40"
        assert str(dashboard.get("title", "")).strip(), f"{path.name}: no title"
        assert dashboard.get("id") is None, f"{path.name}: a provisioned dashboard has no id"
        uids.append(dashboard["uid"])
        titles.append(dashboard["title"])
    assert len(set(uids)) == len(uids), f"duplicate uids {uids}"
    assert len(set(titles)) == len(titles), f"duplicate titles {titles}"


@pytest.mark.unit
def test_every_panel_queries_the_provisioned_prometheus():
    uids = datasource_uids()
    assert uids, "no provisioned Prometheus datasource with a uid"
    for path in FILES:
        dashboard = load(path)
        found = list(panels(dashboard))
        assert found, f"{path.name}: no panels"
        for panel in found:
            where = f"{path.name} / {panel.get('title')}"
            assert (panel.get("datasource") or {}).get("uid") in uids, f"{where}: datasource"
            targets = panel.get("targets") or []
            assert targets, f"{where}: no targets"
            for target in targets:
                assert str(target.get("expr", "")).strip(), f"{where}: target without expr"
                assert target.get("refId"), f"{where}: target without refId"


@pytest.mark.unit
def test_panels_do_not_overlap():
    for path in FILES:
        taken = {}
        for panel in load(path)["panels"]:
            g = panel["gridPos"]
            assert g["x"] + g["w"] <= 24, f"{path.name} / {panel['title']}: wider than 24"
            for x in range(g["x"], g["x"] + g["w"]):
                for y in range(g["y"], g["y"] + g["h"]):
                    assert (x, y) not in taken, \
                        f"{path.name}: {panel['title']} overlaps {taken[(x, y)]}"
                    taken[(x, y)] = panel["title"]


@pytest.mark.unit
def test_queries_use_only_known_families():
    for path in FILES:
        for where, expr in queries(load(path)):
            named = families_in(expr)
            assert named, f"{where}: {expr!r} names no metric family"
            unknown = named - FAMILIES
            assert not unknown, f"{where}: unknown families {sorted(unknown)} in {expr!r}"


@pytest.mark.unit
def test_dashboards_use_every_family():
    used = {family for path in FILES for _, expr in queries(load(path))
            for family in families_in(expr)}
    assert not FAMILIES - used, f"no dashboard shows {sorted(FAMILIES - used)}"


@pytest.mark.unit
def test_provider_reads_the_mounted_dashboards():
    files = sorted((PROVISIONING / "dashboards").glob("*.y*ml"))
    assert files, "no dashboard provider in deploy/grafana/provisioning/dashboards"
    providers = [p for f in files for p in load_yaml(f).get("providers") or []]
    paths = [p["options"]["path"] for p in providers if p.get("type") == "file"]
    assert paths, "no file provider"
    for path in paths:
        source = bind_source("grafana", path.rstrip("/"))
        assert source == DASHBOARDS.resolve(), \
            f"grafana mounts {source} at {path}, not deploy/grafana/dashboards"


def as_promql(query):
    """Grafana's query as plain PromQL: `label_values(selector, label)` (a variable's query)
    becomes its selector, and every $variable a regex matching anything."""
    query = re.sub(r"\$\w+", ".*", query.strip())
    variable = re.fullmatch(r"label_values\((.*),\s*\w+\)", query)
    return variable.group(1) if variable else query


@pytest.mark.integration
def test_queries_parse_as_promql(tmp_path):
    """Each query becomes a recording rule of a throw-away file for `promtool check rules`
    (Grafana's $variables replaced by a regex that matches anything)."""
    promtool = shutil.which("promtool")
    if not promtool:
        reason = "promtool is not installed (Debian package `prometheus`; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    rules = [{"record": f"dashboard:query_{i}", "expr": as_promql(expr)}
             for i, (_, expr) in enumerate(q for path in FILES for q in queries(load(path)))]
    assert rules
    rule_file = tmp_path / "dashboard_queries.yml"
    rule_file.write_text(yaml.safe_dump({"groups": [{"name": "dashboards", "rules": rules}]}),
                         encoding="utf-8")
    result = subprocess.run([promtool, "check", "rules", str(rule_file)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
