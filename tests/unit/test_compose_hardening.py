"""Static checks of the production stack's hardening: a healthcheck and a restart policy on every
long-running service, start order on health, secrets only in git-ignored env files (with
committed examples that agree with each other), the evidence bucket made with object lock, and
download links a browser outside the compose network can open.

Docker is not needed (nor run): every check parses docker-compose.yml and deploy/env/."""
import re
import shutil
import stat
import subprocess

import pytest

from tests.unit.helpers_compose import (BUILT, COMPOSE, ROOT, SERVICES, effective_env,
                                        env_files, environment, mounts)

pytestmark = pytest.mark.unit

ENV_DIR = ROOT / "deploy" / "env"
SECRET_NAME = re.compile(r"PASS|PASSWORD|SECRET|ACCESS_KEY|TOKEN", re.I)
PASSWORDISH = re.compile(r"PASS|PASSWORD|SECRET", re.I)  # access keys and users are names
URL_CREDENTIALS = re.compile(r"://[^/@:\s]+:[^/@\s]+@")


def depends(service):
    deps = SERVICES[service].get("depends_on") or {}
    if isinstance(deps, list):
        return {d: "service_started" for d in deps}
    return {t: (c or {}).get("condition", "service_started") for t, c in deps.items()}


ONE_SHOTS = sorted({t for s in SERVICES for t, c in depends(s).items()
                    if c == "service_completed_successfully"})
LONG_RUNNING = sorted(set(SERVICES) - set(ONE_SHOTS))


# ---------------------------------------------------------------------------- health and restart

@pytest.mark.parametrize("service", LONG_RUNNING)
def test_every_long_running_service_has_a_healthcheck_and_restarts(service):
    svc = SERVICES[service]
    check = svc.get("healthcheck") or {}
    assert check.get("test") and not check.get("disable"), f"{service}: no healthcheck"
    assert svc.get("restart") == "unless-stopped", f"{service}: restart {svc.get('restart')!r}"


def test_one_shots_exist_and_are_not_restarted():
    assert "minio-init" in ONE_SHOTS, "nothing waits for minio-init to complete"
    for service in ONE_SHOTS:
        assert SERVICES[service].get("restart") in ("no", None), f"{service} would loop"


@pytest.mark.parametrize("service", BUILT)
def test_weiquan_healthcheck_probes_the_port_the_service_listens_on(service):
    test = " ".join(SERVICES[service]["healthcheck"]["test"])
    env = environment(service)
    if "WEB_SERVER_ADDRESS" in env:
        port = env["WEB_SERVER_ADDRESS"].rsplit(":", 1)[1]
        assert f"127.0.0.1:{port}/healthz" in test, f"{service}: {test}"
    else:
        assert "METRICS_PORT" in env, f"{service}: neither HTTP nor a metrics port to probe"
        assert "os.environ['METRICS_PORT']" in test and "/metrics" in test, f"{service}: {test}"


@pytest.mark.parametrize("service", BUILT)
def test_weiquan_services_start_once_broker_and_database_are_healthy(service):
    conditions = depends(service)
    for target in ("rabbitmq", "postgres"):
        assert conditions.get(target) == "service_healthy", f"{service} -> {target}"


def test_gateway_waits_for_every_service_it_calls_and_evidence_for_the_bucket():
    others = set(BUILT) - {"gateway"}
    conditions = depends("gateway")
    assert {s for s in others if conditions.get(s) == "service_healthy"} == others, conditions
    assert depends("evidence").get("minio-init") == "service_completed_successfully"
    assert depends("minio-init").get("minio") == "service_healthy"


def test_every_declared_volume_is_mounted():
    declared = set(COMPOSE.get("volumes") or {})
    used = {src for name in SERVICES for src, _ in mounts(name) if src}
    assert declared <= used, f"declared but unused volumes {sorted(declared - used)}"
    for stateful in ("rabbitmq", "postgres", "minio", "prometheus", "grafana"):
        assert any(s in declared for s, _ in mounts(stateful)), f"{stateful}: no named volume"


# ---------------------------------------------------------------------------- secrets

@pytest.mark.parametrize("service", sorted(SERVICES))
def test_no_secret_is_written_in_the_compose_file(service):
    for key, value in environment(service).items():
        assert not SECRET_NAME.search(key), f"{service}: {key} belongs in an env_file"
        assert not URL_CREDENTIALS.search(str(value)), f"{service}: {key} has credentials"


def test_env_files_are_git_ignored_and_each_has_a_committed_example():
    named = {f for s in SERVICES for f in env_files(s)}
    assert named, "no service reads an env_file"
    for entry in sorted(named):
        assert entry.startswith("deploy/env/") and entry.endswith(".env"), entry
        assert (ROOT / (entry + ".example")).is_file(), f"{entry}.example is not committed"
    examples = {str(p.relative_to(ROOT)).removesuffix(".example")
                for p in ENV_DIR.glob("*.env.example")}
    assert examples == named, f"examples no service reads: {sorted(examples - named)}"
    if shutil.which("git") and (ROOT / ".git").exists():
        for entry in sorted(named):
            ignored = subprocess.run(["git", "check-ignore", "-q", entry], cwd=ROOT)
            assert ignored.returncode == 0, f"{entry} is not git-ignored"
            kept = subprocess.run(["git", "check-ignore", "-q", entry + ".example"], cwd=ROOT)
            assert kept.returncode == 1, f"{entry}.example is git-ignored"


def _credentials_agree(env_of):
    """The passwords each service is given match those the third-party images are set up
    with; env_of(service) reads one set of env files (the examples, or files made from them)."""
    pg = env_of("postgres")["POSTGRES_PASSWORD"]
    mq = env_of("rabbitmq")
    minio = env_of("minio")
    for service in BUILT:
        env = env_of(service)
        assert env["AMQP_URI"].startswith(
            f"pyamqp://{mq['RABBITMQ_DEFAULT_USER']}:{mq['RABBITMQ_DEFAULT_PASS']}@rabbitmq:")
        for key, url in env.items():
            if key.endswith("_DATABASE_URL"):
                assert f"://weiquan:{pg}@postgres:" in url, f"{service}: {key}"
    evidence, gateway = env_of("evidence"), env_of("gateway")
    assert (evidence["MINIO_ACCESS_KEY"], evidence["MINIO_SECRET_KEY"]) == \
        (minio["MINIO_ROOT_USER"], minio["MINIO_ROOT_PASSWORD"])
    assert evidence["WEIQUAN_INTERNAL_SECRET"] == gateway["WEIQUAN_INTERNAL_SECRET"]
    assert env_of("minio-init")["MINIO_ROOT_PASSWORD"] == minio["MINIO_ROOT_PASSWORD"]
    return pg


def test_the_committed_examples_agree_and_hold_only_placeholders():
    _credentials_agree(effective_env)
    for example in ENV_DIR.glob("*.env.example"):
        for line in example.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            if line.startswith("#") or not PASSWORDISH.search(key):
                continue
            assert value.startswith("change-me-"), f"{example.name}: {key} is no placeholder"


def test_init_script_makes_private_consistent_files_and_keeps_existing_ones(tmp_path):
    work = tmp_path / "env"
    shutil.copytree(ENV_DIR, work, ignore=shutil.ignore_patterns("*.env"))

    def run():
        subprocess.run(["sh", str(work / "init.sh")], check=True, capture_output=True)

    def env_of(service):
        values = {}
        for entry in env_files(service):
            for line in (work / entry.rsplit("/", 1)[1]).read_text().splitlines():
                if line and not line.startswith("#"):
                    key, _, value = line.partition("=")
                    values[key] = value
        return values

    run()
    made = sorted(work.glob("*.env"))
    assert len(made) == len(list(work.glob("*.env.example")))
    for path in made:
        body = path.read_text()
        assert not re.search(r"change-me-[a-z0-9]", body), f"{path.name} keeps a placeholder"
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, f"{path.name} readable by others"
    pg = _credentials_agree(env_of)
    assert re.fullmatch(r"[0-9a-f]{48}", pg)

    (work / "intake.env").unlink()      # a file made again later gets the same passwords
    before = (work / "gateway.env").read_text()
    run()
    assert (work / "gateway.env").read_text() == before
    assert f":{pg}@postgres:" in (work / "intake.env").read_text()


# ---------------------------------------------------------------------------- evidence storage

def test_minio_init_makes_the_evidence_bucket_with_lock_and_default_retention():
    init = SERVICES["minio-init"]
    script = " ".join(init["command"]) if isinstance(init["command"], list) else init["command"]
    env = environment("minio-init")
    assert env["EVIDENCE_BUCKET"] == environment("evidence")["MINIO_BUCKET"]
    assert re.search(r"mc mb\b[^\n]*--with-lock[^\n]*\$\$EVIDENCE_BUCKET", script)
    assert re.search(r"mc retention set --default \"\$\$RETENTION_MODE\" "
                     r"\"\$\$RETENTION_VALIDITY\"", script)
    assert env["RETENTION_MODE"] in ("GOVERNANCE", "COMPLIANCE")
    assert re.fullmatch(r"\d+[dy]", env["RETENTION_VALIDITY"])
    assert init["image"] == SERVICES["minio"]["image"], "mc must match the server's release"


def test_download_links_name_a_host_the_browser_reaches():
    """Links are signed for MINIO_PUBLIC_ENDPOINT, not the compose-internal minio:9000; its
    default is a port minio publishes."""
    env = environment("evidence")
    assert env["MINIO_ENDPOINT"].split(":")[0] in SERVICES
    public = re.fullmatch(r"\$\{MINIO_PUBLIC_ENDPOINT:-([^}]+)\}", env["MINIO_PUBLIC_ENDPOINT"])
    assert public, "MINIO_PUBLIC_ENDPOINT must be overridable with a default"
    host, _, port = public.group(1).rpartition(":")
    assert host not in SERVICES, f"{host} resolves inside the compose network only"
    published = [str(p).rsplit(":", 2) for p in SERVICES["minio"].get("ports", [])]
    assert any(p[-2:] == [port, "9000"] and (len(p) == 2 or p[0] != "127.0.0.1")
               for p in published), f"minio does not publish {port} beyond the host"
