"""Static checks of the production stack: docker-compose.yml, the Dockerfiles and deploy/.

Docker is not needed (nor run): every check parses files and compares them with the repo and with
``weiquan.config.ENV_VARS``, the registry of every environment variable the code reads.
"""
import json
import re
import shlex
import sys
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
try:
    from weiquan.config import ENV_VARS
except ImportError:  # not bootstrapped with `make bootstrap`: find the shared package by path
    sys.path.insert(0, str(ROOT / "libs" / "weiquan"))
    from weiquan.config import ENV_VARS

pytestmark = pytest.mark.unit

COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERIGNORE = ROOT / ".dockerignore"

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
SEVERITIES = {"critical", "warning", "info"}
DURATION = re.compile(r"^(\d+(ms|s|m|h|d|w|y))+$")


# ---------------------------------------------------------------------------- helpers

def load_yaml(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


COMPOSE = load_yaml(COMPOSE_FILE)
SERVICES = COMPOSE.get("services") or {}
# "weiquan services": every service built from this repo (intake, gateway and any later one).
BUILT = sorted(name for name, svc in SERVICES.items() if "build" in svc)


def build_paths(service):
    """(context dir, Dockerfile path) of a built service, as compose resolves them."""
    build = SERVICES[service]["build"]
    if isinstance(build, str):
        build = {"context": build}
    context = (ROOT / build.get("context", ".")).resolve()
    return context, context / build.get("dockerfile", "Dockerfile")


def environment(service):
    env = SERVICES[service].get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return dict(env)


def env_file_keys(service):
    files = SERVICES[service].get("env_file") or []
    files = [files] if isinstance(files, (str, dict)) else files
    keys = {}
    for entry in files:
        path = ROOT / (entry["path"] if isinstance(entry, dict) else entry)
        if not path.exists():
            continue  # e.g. a secrets file that lives only on the host
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                keys[line.split("=", 1)[0].removeprefix("export ").strip()] = str(path)
    return keys


def dockerfile_instructions(path):
    """[(INSTRUCTION, arguments)] with continuation lines joined and comments dropped."""
    instructions, current = [], ""
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if current and line.startswith("#"):
            continue  # comment inside a continued instruction
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        word, _, args = current.strip().partition(" ")
        instructions.append((word.upper(), args.strip()))
        current = ""
    if current.strip():
        word, _, args = current.strip().partition(" ")
        instructions.append((word.upper(), args.strip()))
    return instructions


def exec_or_shell_words(args):
    args = args.strip()
    if args.startswith("["):
        return json.loads(args)
    return shlex.split(args)


def copies(path):
    """[(sources, absolute destination)] of the COPY/ADD instructions reading the build context."""
    result, workdir = [], PurePosixPath("/")
    for word, args in dockerfile_instructions(path):
        if word == "WORKDIR":
            workdir = workdir / args  # an absolute WORKDIR replaces the previous one
        if word not in ("COPY", "ADD"):
            continue
        parts = exec_or_shell_words(args)
        if any(p.startswith("--from") for p in parts):
            continue  # copies from another stage or image, not from the context
        paths = [p for p in parts if not p.startswith("--")]
        dest = str(workdir / paths[-1]) + ("/" if paths[-1].endswith("/") else "")
        result.append((paths[:-1], dest))
    return result


def dockerfile_env(path):
    env = {}
    for word, args in dockerfile_instructions(path):
        if word != "ENV":
            continue
        parts = shlex.split(args)
        if parts and "=" not in parts[0]:  # legacy form: ENV KEY value with spaces
            env[parts[0]] = " ".join(parts[1:])
        else:
            env.update(p.split("=", 1) for p in parts)
    return env


def container_to_repo(service, container_path):
    """The path in the repo that a COPY puts at container_path, or None if no COPY does."""
    context, dockerfile = build_paths(service)
    target = PurePosixPath(container_path)
    best = None
    for sources, dest in copies(dockerfile):
        for src in sources:
            if (context / src).is_file() and (len(sources) > 1 or dest.endswith("/")):
                placed = PurePosixPath(dest) / PurePosixPath(src).name  # file into a folder
            else:
                placed = PurePosixPath(dest)  # a file to a name, or a folder's contents
            try:
                rest = target.relative_to(placed)
            except ValueError:
                continue
            if best is None or len(placed.parts) > len(best[0].parts):  # the latest, deepest
                best = (placed, context / src / rest)
    return best[1] if best else None


def dockerignore_patterns():
    lines = DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
    return [l.strip().strip("/") for l in lines if l.strip() and not l.strip().startswith("#")]


def ignored(relpath, patterns):
    """True if relpath (or a folder above it) is excluded by .dockerignore (no '!' support)."""
    parts = PurePosixPath(relpath).parts
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        if pattern.startswith("!"):
            continue
        bare = pattern[3:] if pattern.startswith("**/") else None
        for prefix in prefixes:
            if fnmatch(prefix, pattern):
                return True
            if bare and any(fnmatch("/".join(prefix.split("/")[i:]), bare)
                            for i in range(len(prefix.split("/")))):
                return True
    return False


def interpolations(text):
    text = text.replace("$$", "")  # `$$` is a literal dollar, not an interpolation
    names = re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", text)
    names += re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", text)
    return names


def mounts(service):
    """[(source, target)] of a service's volumes, short or long syntax."""
    result = []
    for volume in SERVICES[service].get("volumes") or []:
        if isinstance(volume, dict):
            result.append((volume.get("source"), volume.get("target")))
        else:
            parts = volume.split(":")
            result.append((parts[0], parts[1]) if len(parts) > 1 else (None, parts[0]))
    return result


def bind_source(service, container_dir):
    for source, target in mounts(service):
        if source and source.startswith((".", "/")) and target.rstrip("/") == container_dir:
            return (ROOT / source).resolve()
    return None


def is_bind(source):
    return bool(source) and source.startswith((".", "/", "~"))


# ---------------------------------------------------------------------------- compose services

def test_expected_services_exist():
    missing = EXPECTED_SERVICES - set(SERVICES)
    assert not missing, f"docker-compose.yml lacks services {sorted(missing)}"


def test_intake_and_gateway_are_built_from_this_repo():
    assert {"intake", "gateway"} <= set(BUILT), f"built services: {BUILT}"
    assert "8000:8000" in [str(p) for p in SERVICES["gateway"].get("ports", [])]


@pytest.mark.parametrize("service", BUILT)
def test_build_context_and_dockerfile_exist(service):
    context, dockerfile = build_paths(service)
    assert context.is_dir(), f"{service}: build context {context} does not exist"
    assert dockerfile.is_file(), f"{service}: Dockerfile {dockerfile} does not exist"
    words = [w for w, _ in dockerfile_instructions(dockerfile)]
    assert words and words[0] in ("FROM", "ARG"), f"{dockerfile} does not start with FROM"


@pytest.mark.parametrize("service", BUILT)
def test_dockerfile_copy_sources_exist_and_are_not_ignored(service):
    context, dockerfile = build_paths(service)
    found = copies(dockerfile)
    assert found, f"{dockerfile} copies nothing from the build context"
    patterns = dockerignore_patterns() if DOCKERIGNORE.exists() else []
    problems = []
    for sources, _ in found:
        for src in sources:
            matches = list(context.glob(src.rstrip("/"))) if any(c in src for c in "*?[") \
                else [context / src]
            if not any(m.exists() for m in matches):
                problems.append(f"COPY source {src!r} not found in {context}")
            elif ignored(src.rstrip("/"), patterns):
                problems.append(f"COPY source {src!r} is excluded by .dockerignore")
    assert not problems, f"{dockerfile}: " + "; ".join(problems)


def test_dockerignore_keeps_local_state_out_of_the_context():
    assert DOCKERIGNORE.is_file(), ".dockerignore missing at the repo root"
    patterns = dockerignore_patterns()
    for path in (".venv", "var", ".git", "__pycache__", "libs/weiquan/weiquan/__pycache__"):
        assert ignored(path, patterns), f".dockerignore does not exclude {path}"
    assert not ignored("libs/weiquan/weiquan/config.py", patterns)


@pytest.mark.parametrize("service", BUILT)
def test_dockerfile_runs_as_non_root_in_shanghai_time(service):
    _, dockerfile = build_paths(service)
    instructions = dockerfile_instructions(dockerfile)
    users = [args.split(":")[0] for word, args in instructions if word == "USER"]
    assert users and users[-1] not in ("root", "0"), f"{dockerfile} runs as root"
    assert dockerfile_env(dockerfile).get("TZ") == "Asia/Shanghai", f"{dockerfile}: TZ not set"
    cmds = [args for word, args in instructions if word == "CMD"]
    assert cmds, f"{dockerfile} has no CMD"


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
    env = environment(service)
    assert env.get("WEIQUAN_ENV") == "production", (
        f"{service}: WEIQUAN_ENV must be 'production' (demo accounts exist only in development)")
    assert env.get("TZ") == "Asia/Shanghai"
    assert "AMQP_URI" in env and "@rabbitmq:" in env["AMQP_URI"], f"{service}: AMQP_URI"


def test_jwt_secret_must_be_given_not_defaulted():
    setters = [s for s in BUILT if "WEIQUAN_JWT_SECRET" in environment(s)]
    assert "gateway" in setters, "the gateway gets no WEIQUAN_JWT_SECRET"
    for service in setters:
        value = str(environment(service)["WEIQUAN_JWT_SECRET"])
        assert re.fullmatch(r"\$\{WEIQUAN_JWT_SECRET:?\?[^}]*\}", value), (
            f"{service}: WEIQUAN_JWT_SECRET must be a required interpolation "
            f"(${{WEIQUAN_JWT_SECRET:?...}}), got {value!r}")


def test_database_urls_point_at_databases_the_init_script_creates():
    init_sql = ROOT / "deploy" / "postgres" / "init.sql"
    assert init_sql.is_file()
    created = set(re.findall(r"CREATE\s+DATABASE\s+\"?(\w+)", init_sql.read_text(), re.I))
    assert any(init_sql.name in str(t) or (s and "init.sql" in s) for s, t in mounts("postgres")), \
        "postgres does not mount deploy/postgres/init.sql"
    urls = {(s, k): v for s in BUILT for k, v in environment(s).items() if k.endswith("_DATABASE_URL")}
    assert urls, "no weiquan service has a database URL"
    for (service, key), url in urls.items():
        m = re.match(r"postgresql(\+\w+)?://[^@]+@([^:/]+)(:\d+)?/(\w+)$", str(url))
        assert m, f"{service}: {key}={url!r} is not a PostgreSQL URL"
        assert m.group(2) in SERVICES, f"{service}: {key} host {m.group(2)} is not a service"
        assert m.group(4) in created, f"{service}: database {m.group(4)} is not created by init.sql"


def test_interpolations_are_declared_or_allowed_third_party():
    names = interpolations(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert "WEIQUAN_JWT_SECRET" in names, "interpolation scan found nothing (regex broken?)"
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


@pytest.mark.parametrize("service", BUILT)
def test_dockerfile_exposes_the_ports_the_service_listens_on(service):
    _, dockerfile = build_paths(service)
    instructions = dockerfile_instructions(dockerfile)
    exposed = {p.split("/")[0] for w, a in instructions if w == "EXPOSE" for p in a.split()}
    env = environment(service)
    ports = set()
    if "METRICS_PORT" in env:
        ports.add(str(env["METRICS_PORT"]))
    if "WEB_SERVER_ADDRESS" in env:
        ports.add(str(env["WEB_SERVER_ADDRESS"]).rsplit(":", 1)[1])
        checks = [a for w, a in instructions if w == "HEALTHCHECK"]
        assert checks and "/healthz" in checks[-1], f"{dockerfile}: no HEALTHCHECK on /healthz"
        assert f":{env['WEB_SERVER_ADDRESS'].rsplit(':', 1)[1]}/" in checks[-1]
    assert ports, f"{service} sets neither METRICS_PORT nor WEB_SERVER_ADDRESS: not scrapeable"
    assert ports <= exposed, f"{dockerfile} exposes {sorted(exposed)}, service uses {sorted(ports)}"


# ---------------------------------------------------------------------------- files written by others

@pytest.mark.parametrize("service", BUILT)
def test_files_the_container_command_needs_exist(service):
    """The nameko config.yaml, the migrate module, the service class module and the calendar file
    named by the container are written by other engineers: every path must map through a COPY to
    the repo now (asserted), and the file must exist (skipped, with the list, until it does)."""
    _, dockerfile = build_paths(service)
    instructions = dockerfile_instructions(dockerfile)
    cmd = " ".join(exec_or_shell_words([a for w, a in instructions if w == "CMD"][-1]))
    configs = re.findall(r"--config\s+(\S+)", cmd)
    assert configs, f"{dockerfile}: CMD names no nameko --config file"
    modules = re.findall(r"python\s+-m\s+([\w.]+)", cmd)
    modules += [m.split(":")[0] for m in re.findall(r"\b([\w.]+:\w+)", cmd)]
    assert modules, f"{dockerfile}: CMD names no module"

    wanted = [(path, (path,)) for path in configs]  # (what to report, container paths)
    calendar = environment(service).get("WEIQUAN_CALENDAR_FILE")
    if calendar:
        wanted.append((calendar, (calendar,)))
    pythonpath = [d for d in dockerfile_env(dockerfile).get("PYTHONPATH", "").split(":") if d]
    assert pythonpath, f"{dockerfile}: no PYTHONPATH, the CMD modules cannot be imported"
    for module in modules:
        rel = module.replace(".", "/")
        wanted.append((f"module {module}",
                       tuple(f"{d}/{rel}.py" for d in pythonpath)
                       + tuple(f"{d}/{rel}/__init__.py" for d in pythonpath)))

    unmapped, missing = [], []
    for label, options in wanted:
        mapped = [m for m in (container_to_repo(service, p) for p in options) if m]
        if not mapped:
            unmapped.append(label)
        elif not any(m.exists() for m in mapped):
            missing.append(label)
    assert not unmapped, f"{dockerfile}: no COPY puts anything at {unmapped}"
    if missing:
        pytest.skip(f"{service}: not written yet (another engineer's files): {missing}")


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
