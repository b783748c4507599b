"""Static checks of the production stack: deploy/prometheus (scrape targets, alert rules) and
the Grafana provisioning.

Docker is not needed (nor run): every check parses files and compares them with the repo and with
``weiquan.config.ENV_VARS``, the registry of every environment variable the code reads.
"""
import re

import pytest

from tests.unit.helpers_compose import BUILT, SERVICES, bind_source, environment, load_yaml

pytestmark = pytest.mark.unit

SEVERITIES = {"critical", "warning", "info"}
DURATION = re.compile(r"^(\d+(ms|s|m|h|d|w|y))+$")


# ---------------------------------------------------------------------------- prometheus, grafana

def prometheus_dir():
    source = bind_source("prometheus", "/etc/prometheus")
    assert source is not None, "prometheus does not mount ./deploy/prometheus at /etc/prometheus"
    return source


def test_prometheus_scrapes_compose_services():
    config = load_yaml(prometheus_dir() / "prometheus.yml")
    scrape = config.get("scrape_configs") or []
    assert scrape, "prometheus.yml has no scrape_configs"
    targets = {}
    for job in scrape:
        for static in job.get("static_configs") or []:
            for target in static.get("targets") or []:
                host, _, port = target.rpartition(":")
                assert host and port.isdigit(), f"job {job['job_name']}: bad target {target}"
                assert host in SERVICES, f"job {job['job_name']}: {host} is not a compose service"
                targets.setdefault(host, set()).add(port)
    for service in BUILT:
        assert service in targets, f"{service} is built from this repo but Prometheus skips it"
        env = environment(service)
        listening = {str(env.get("METRICS_PORT"))} | \
            {str(env.get("WEB_SERVER_ADDRESS", "")).rpartition(":")[2]}
        assert targets[service] & listening, \
            f"{service} scraped on {targets[service]}, listens on {listening - {'', 'None'}}"
    for rule_file in config.get("rule_files") or []:
        assert (prometheus_dir() / rule_file).is_file(), f"rule file {rule_file} missing"
    assert "alerts.yml" in (config.get("rule_files") or [])


def test_alert_rules_are_complete():
    groups = load_yaml(prometheus_dir() / "alerts.yml").get("groups") or []
    rules = [r for g in groups for r in g.get("rules") or [] if "alert" in r]
    assert rules, "alerts.yml defines no alert"
    names = [r["alert"] for r in rules]
    assert len(names) == len(set(names)), f"duplicate alert names in {names}"
    for rule in rules:
        where = f"alert {rule['alert']}"
        assert isinstance(rule.get("expr"), str) and rule["expr"].strip(), f"{where}: no expr"
        assert (rule.get("labels") or {}).get("severity") in SEVERITIES, f"{where}: severity"
        assert str((rule.get("annotations") or {}).get("summary", "")).strip(), f"{where}: summary"
        if "for" in rule:
            assert DURATION.match(str(rule["for"])), f"{where}: bad duration {rule['for']!r}"
    exprs = " ".join(r["expr"] for r in rules)
    for metric in ("up", "weiquan_outbox_pending", "weiquan_http_requests_total"):
        assert re.search(rf"\b{metric}\b", exprs), f"no alert watches {metric}"


def test_grafana_provisions_prometheus_datasource():
    provisioning = bind_source("grafana", "/etc/grafana/provisioning")
    assert provisioning is not None, "grafana does not mount its provisioning folder"
    files = sorted((provisioning / "datasources").glob("*.y*ml"))
    assert files, "no datasource provisioning file"
    sources = [d for f in files for d in load_yaml(f).get("datasources") or []]
    prom = [d for d in sources if d.get("type") == "prometheus"]
    assert prom, "no Prometheus datasource"
    host = re.match(r"https?://([^:/]+)", prom[0]["url"]).group(1)
    assert host in SERVICES, f"datasource points at {host}, not a compose service"
