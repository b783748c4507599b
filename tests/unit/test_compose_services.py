"""Static checks of the production stack: the services of docker-compose.yml, their
environment and their wiring (depends_on, volumes).

Docker is not needed (nor run): every check parses files and compares them with the repo and with
``weiquan.config.ENV_VARS``, the registry of every environment variable the code reads.
"""
import re

import pytest

from tests.unit.helpers_compose import (BUILT, COMPOSE, COMPOSE_FILE, ENV_VARS, ROOT, SERVICES,
                                        build_paths, dockerfile_env, dockerfile_instructions,
                                        effective_env, env_file_keys, env_files, environment,
                                        interpolations, is_bind,
                                        mounts)

pytestmark = pytest.mark.unit

EXPECTED_SERVICES = {"rabbitmq", "postgres", "minio", "prometheus", "grafana", "intake", "gateway"}

# Variables of third-party images that docker-compose.yml may interpolate (`${VAR}`) besides the
# keys of ENV_VARS. They configure those images (and feed the weiquan services' own settings, e.g.
# POSTGRES_PASSWORD inside INTAKE_DATABASE_URL) but are never read by weiquan code.
THIRD_PARTY_VARS = {
    "RABBITMQ_DEFAULT_USER": "rabbitmq image: initial user (guest may only connect from localhost)",
    "RABBITMQ_DEFAULT_PASS": "rabbitmq image: password of that user",
    "POSTGRES_USER": "postgres image: superuser name",
    "POSTGRES_PASSWORD": "postgres image: superuser password",
    "POSTGRES_DB": "postgres image: default database",
    "MINIO_ROOT_USER": "minio image: root access key",
    "MINIO_ROOT_PASSWORD": "minio image: root secret key",
    "GF_SECURITY_ADMIN_USER": "grafana image: admin login",
    "GF_SECURITY_ADMIN_PASSWORD": "grafana image: admin password",
}

# Variables of the Python/pip runtime that a weiquan Dockerfile may set with ENV besides ENV_VARS.
PYTHON_RUNTIME_VARS = {
    "PYTHONPATH",
    "PYTHONUNBUFFERED",
    "PYTHONDONTWRITEBYTECODE",
    "PIP_DISABLE_PIP_VERSION_CHECK",
    "PIP_NO_CACHE_DIR",
}

HEALTH_CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}


# ---------------------------------------------------------------------------- compose services

def test_expected_services_exist():
    missing = EXPECTED_SERVICES - set(SERVICES)
    assert not missing, f"docker-compose.yml lacks services {sorted(missing)}"


def test_intake_and_gateway_are_built_from_this_repo():
    assert {"intake", "gateway"} <= set(BUILT), f"built services: {BUILT}"
    assert "8000:8000" in [str(p) for p in SERVICES["gateway"].get("ports", [])]


# ---------------------------------------------------------------------------- environment

@pytest.mark.parametrize("service", BUILT)
def test_weiquan_service_environment_is_declared_in_env_vars(service):
    names = set(environment(service)) | set(env_file_keys(service))
    assert names, f"{service} sets no environment at all"
    undeclared = sorted(names - set(ENV_VARS))
    assert not undeclared, (
        f"{service} sets {undeclared}, which weiquan.config.ENV_VARS does not declare "
        "(a typo, or a setting the code never reads)")


@pytest.mark.parametrize("service", BUILT)
def test_weiquan_dockerfile_env_is_declared(service):
    _, dockerfile = build_paths(service)
    undeclared = sorted(set(dockerfile_env(dockerfile)) - set(ENV_VARS) - PYTHON_RUNTIME_VARS)
    assert not undeclared, f"{dockerfile} sets undeclared variables {undeclared}"


@pytest.mark.parametrize("service", BUILT)
def test_weiquan_services_run_in_production_mode(service):
    env = effective_env(service)
    assert env.get("WEIQUAN_ENV") == "production", (
        f"{service}: WEIQUAN_ENV must be 'production' (demo accounts exist only in development)")
    assert env.get("TZ") == "Asia/Shanghai"
    assert "AMQP_URI" in env and "@rabbitmq:" in env["AMQP_URI"], f"{service}: AMQP_URI"


def test_jwt_secret_comes_from_an_env_file_not_the_compose_file():
    """Compose refuses to start without the env file (it is required); the committed example
    holds a change-me token that deploy/env/init.sh replaces with a random value."""
    setters = [s for s in BUILT if "WEIQUAN_JWT_SECRET" in effective_env(s)]
    assert "gateway" in setters, "the gateway gets no WEIQUAN_JWT_SECRET"
    for service in setters:
        assert "WEIQUAN_JWT_SECRET" not in environment(service), \
            f"{service}: WEIQUAN_JWT_SECRET written in docker-compose.yml"
        assert all(f.startswith("deploy/env/") for f in env_files(service)), env_files(service)
        assert effective_env(service)["WEIQUAN_JWT_SECRET"].startswith("change-me-")


def test_database_urls_point_at_databases_the_init_script_creates():
    init_sql = ROOT / "deploy" / "postgres" / "init.sql"
    assert init_sql.is_file()
    created = set(re.findall(r"CREATE\s+DATABASE\s+\"?(\w+)", init_sql.read_text(), re.I))
    assert any(init_sql.name in str(t) or (s and "init.sql" in s) for s, t in mounts("postgres")), \
        "postgres does not mount deploy/postgres/init.sql"
    urls = {(s, k): v for s in BUILT for k, v in effective_env(s).items()
            if k.endswith("_DATABASE_URL")}
    assert urls, "no weiquan service has a database URL"
    for (service, key), url in urls.items():
        m = re.match(r"postgresql(\+\w+)?://[^@]+@([^:/]+)(:\d+)?/(\w+)$", str(url))
        assert m, f"{service}: {key}={url!r} is not a PostgreSQL URL"
        assert m.group(2) in SERVICES, f"{service}: {key} host {m.group(2)} is not a service"
        assert m.group(4) in created, f"{service}: database {m.group(4)} is not created by init.sql"


def test_interpolations_are_declared_or_allowed_third_party():
    names = interpolations(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert "MINIO_PUBLIC_ENDPOINT" in names, "interpolation scan found nothing (regex broken?)"
    unknown = sorted(set(names) - set(ENV_VARS) - set(THIRD_PARTY_VARS))
    assert not unknown, (
        f"docker-compose.yml interpolates {unknown}: declare them in weiquan.config.ENV_VARS or, "
        "for a third-party image, in THIRD_PARTY_VARS of this test")
    assert not set(THIRD_PARTY_VARS) & set(ENV_VARS), "a variable cannot be both"


# ---------------------------------------------------------------------------- wiring

def test_depends_on_targets_exist_and_are_healthy_when_required():
    problems = []
    graph = {}
    for name, svc in SERVICES.items():
        deps = svc.get("depends_on") or {}
        if isinstance(deps, list):
            deps = {d: {"condition": "service_started"} for d in deps}
        graph[name] = set(deps)
        for target, spec in deps.items():
            condition = (spec or {}).get("condition", "service_started")
            if target not in SERVICES:
                problems.append(f"{name} depends on unknown service {target}")
                continue
            if condition not in HEALTH_CONDITIONS:
                problems.append(f"{name} -> {target}: unknown condition {condition}")
            if condition == "service_healthy" and not has_healthcheck(target):
                problems.append(f"{name} waits for {target} to be healthy but it has no healthcheck")
    assert not problems, "; ".join(problems)
    for svc in ("intake", "gateway"):
        conditions = {t: (c or {}).get("condition") for t, c in
                      (SERVICES[svc].get("depends_on") or {}).items()}
        assert conditions.get("rabbitmq") == "service_healthy", f"{svc} must wait for rabbitmq"
        assert conditions.get("postgres") == "service_healthy", f"{svc} must wait for postgres"

    def visit(node, path):
        assert node not in path, f"depends_on cycle: {' -> '.join(path + [node])}"
        for nxt in graph.get(node, ()):
            visit(nxt, path + [node])

    for node in graph:
        visit(node, [])


def has_healthcheck(service):
    check = SERVICES[service].get("healthcheck")
    if check is not None:
        return not check.get("disable") and check.get("test") not in (None, ["NONE"], "NONE")
    if "build" in SERVICES[service]:
        _, dockerfile = build_paths(service)
        return any(w == "HEALTHCHECK" and not a.upper().startswith("NONE")
                   for w, a in dockerfile_instructions(dockerfile))
    return False


def test_volumes_are_declared_and_bind_sources_exist():
    declared = set(COMPOSE.get("volumes") or {})
    problems = []
    for name in SERVICES:
        for source, target in mounts(name):
            if source is None:
                continue
            if is_bind(source):
                if not (ROOT / source).exists():
                    problems.append(f"{name}: bind source {source} does not exist")
            elif source not in declared:
                problems.append(f"{name}: named volume {source} is not declared under volumes:")
    assert not problems, "; ".join(problems)
    for stateful in ("rabbitmq", "postgres", "minio"):
        assert any(s in declared for s, _ in mounts(stateful)), f"{stateful} keeps no data volume"
