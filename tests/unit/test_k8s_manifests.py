"""Static checks of deploy/k8s (kustomize): every file parses, every kustomization names files
that exist, every manifest is valid Kubernetes (the schemas bundled in kubernetes-validate, no
network), every Deployment has probes, resources and only the settings its service reads (the
same names compose gives it), and every Service and the Ingress reach a Deployment's pods.

No cluster is needed; `kubectl kustomize` (offline) builds the kustomizations when kubectl is
installed, and the build output is validated too."""
import re
import shutil
import subprocess
from dataclasses import fields

import kubernetes_validate
import pytest
import yaml

from weiquan.settings import ENV_VARS, Settings

from tests.unit.helpers_compose import ROOT, effective_env

pytestmark = pytest.mark.unit

K8S = ROOT / "deploy" / "k8s"
BASE = K8S / "base"
K8S_VERSION = kubernetes_validate.latest_version()   # the newest schemas the package bundles
# Kubernetes name -> (compose service and Python name, source folder)
SERVICES = {"gateway": ("gateway", ROOT / "gateway"),
            "intake": ("intake", ROOT / "services" / "intake"),
            "dispatch": ("dispatch", ROOT / "services" / "dispatch"),
            "evidence": ("evidence", ROOT / "services" / "evidence"),
            "welfare": ("welfare", ROOT / "services" / "welfare"),
            "logistics": ("logistics", ROOT / "services" / "logistics"),
            "legal-aid": ("legal_aid", ROOT / "services" / "legal-aid"),
            "publicity": ("publicity", ROOT / "services" / "publicity")}
FIELD_OF = {f.metadata["env"]: f.name for f in fields(Settings)}
# Read by every process: the broker (nameko config), the mode (Settings itself), the time zone
# (the C library and zoneinfo).
EVERY_PROCESS = {"AMQP_URI", "WEIQUAN_ENV", "TZ"}
# The shared package minus what no service process runs (make run, operator tools).
NOT_RUNTIME = ("settings.py", "config.py", "devrun.py", "ops")


def load_all(path):
    with open(path, encoding="utf-8") as fh:
        return [doc for doc in yaml.safe_load_all(fh) if doc is not None]


YAML_FILES = sorted(K8S.rglob("*.yaml")) + sorted(K8S.rglob("*.yml"))
KUSTOMIZATIONS = sorted(K8S.rglob("kustomization.yaml"))


def resource_files(kustomization):
    """The manifest files a kustomization lists as resources, through its bases."""
    spec = load_all(kustomization)[0]
    files = []
    for entry in spec.get("resources") or []:
        path = (kustomization.parent / entry).resolve()
        files += resource_files(path / "kustomization.yaml") if path.is_dir() else [path]
    return files


RESOURCE_FILES = sorted({p for k in KUSTOMIZATIONS for p in resource_files(k)})
BASE_DOCS = [doc for path in resource_files(BASE / "kustomization.yaml") for doc in load_all(path)]


def of_kind(kind, docs=BASE_DOCS):
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


DEPLOYMENTS = of_kind("Deployment")


def container(name):
    return DEPLOYMENTS[name]["spec"]["template"]["spec"]["containers"][0]


# ---------------------------------------------------------------------------- files

def test_the_tree_is_there():
    assert KUSTOMIZATIONS, "deploy/k8s has no kustomization.yaml"
    assert (K8S / "overlays" / "production" / "kustomization.yaml") in KUSTOMIZATIONS
    assert (K8S / "README.md").is_file()


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(K8S)))
def test_every_yaml_parses(path):
    docs = load_all(path)
    assert docs, f"{path} is empty"
    assert all(isinstance(d, dict) for d in docs)


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS, ids=lambda p: str(p.relative_to(K8S)))
def test_every_kustomization_names_files_that_exist(kustomization):
    spec = load_all(kustomization)[0]
    assert spec.get("kind") == "Kustomization"
    named = list(spec.get("resources") or []) + list(spec.get("components") or [])
    named += [p["path"] for p in spec.get("patches") or [] if "path" in p]
    assert named, f"{kustomization} names nothing"
    for entry in named:
        path = kustomization.parent / entry
        assert path.is_file() or (path / "kustomization.yaml").is_file(), \
            f"{kustomization.relative_to(K8S)}: {entry} does not exist"
    listed = {(kustomization.parent / e).resolve() for e in named}
    for path in kustomization.parent.glob("*.yaml"):
        assert path == kustomization or path.resolve() in listed, \
            f"{path.relative_to(K8S)} is in the folder but not in its kustomization"


@pytest.mark.parametrize("path", RESOURCE_FILES, ids=lambda p: str(p.relative_to(K8S)))
def test_every_manifest_validates_against_the_kubernetes_schema(path):
    for doc in load_all(path):
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_the_validator_is_not_a_rubber_stamp():
    bad = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"},
           "spec": {"replicas": "two", "selector": {}, "template": {}}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(bad, K8S_VERSION, strict=True)


# ---------------------------------------------------------------------------- deployments

def test_every_service_has_a_deployment():
    assert set(DEPLOYMENTS) == set(SERVICES)


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_deployment_has_probes_resources_and_scrape_annotations(name):
    c = container(name)
    ports = {p["name"]: p["containerPort"] for p in c.get("ports") or []}
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        get = (c.get(probe) or {}).get("httpGet")
        assert get, f"{name}: no HTTP {probe}"
        assert get["port"] in ports or get["port"] in ports.values(), f"{name}: {probe} port"
    for kind in ("requests", "limits"):
        assert {"cpu", "memory"} <= set((c.get("resources") or {}).get(kind) or {}), \
            f"{name}: resources.{kind} needs cpu and memory"
    notes = DEPLOYMENTS[name]["spec"]["template"]["metadata"].get("annotations") or {}
    assert notes.get("prometheus.io/scrape") == "true", name
    assert int(notes["prometheus.io/port"]) in ports.values(), f"{name}: scrape port not open"
    env = {e["name"]: e.get("value") for e in c["env"]}
    if name == "gateway":
        assert c["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert c["startupProbe"]["httpGet"]["path"] == "/readyz"
    else:
        assert int(env["METRICS_PORT"]) == int(notes["prometheus.io/port"]) == ports["metrics"]
        assert c["livenessProbe"]["httpGet"]["path"] == "/metrics"


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_replicas_above_one_say_why_it_is_safe(name):
    spec = DEPLOYMENTS[name]["spec"]
    assert spec["replicas"] > 1, f"{name}: a single replica"
    assert DEPLOYMENTS[name]["metadata"]["annotations"]["weiquan/replicas"].strip()
    assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0


def reads(name, env_name):
    """True when the service's code reads the setting: its field in the service's own package
    or the shared runtime (libs/weiquan), or the name in its nameko config; a database URL only
    by the service it names."""
    python_name, folder = SERVICES[name]
    if env_name in EVERY_PROCESS:
        return True
    if env_name.endswith("_DATABASE_URL"):
        return env_name == f"{python_name.upper()}_DATABASE_URL"
    if re.search(r"\$\{" + env_name + r"\b", (folder / "config.yaml").read_text()):
        return True
    pattern = re.compile(rf"\.{FIELD_OF[env_name]}\b|[\"']{env_name}[\"']")
    package = ROOT / "libs" / "weiquan" / "weiquan"
    shared = [p for p in package.rglob("*.py")
              if p.relative_to(package).parts[0] not in NOT_RUNTIME]
    own = [p for p in folder.rglob("*.py") if "migrations" not in p.parts]
    return any(pattern.search(p.read_text(encoding="utf-8")) for p in own + shared)


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_deployment_env_is_the_settings_the_service_reads(name):
    env = [e["name"] for e in container(name)["env"]]
    assert len(env) == len(set(env)), f"{name}: a variable set twice"
    undeclared = sorted(set(env) - set(ENV_VARS))
    assert not undeclared, f"{name}: {undeclared} are no weiquan setting"
    unread = sorted(n for n in env if not reads(name, n))
    assert not unread, f"{name} is given {unread}, which its code never reads"
    compose = set(effective_env(SERVICES[name][0]))
    assert set(env) == compose, (f"{name}: Kubernetes and compose differ: only here "
                                 f"{sorted(set(env) - compose)}, only in compose "
                                 f"{sorted(compose - set(env))}")


def test_reads_tells_a_setting_apart_from_one_never_read():
    assert reads("evidence", "MINIO_BUCKET") and not reads("intake", "MINIO_BUCKET")
    assert not reads("intake", "GATEWAY_DATABASE_URL")
    assert reads("gateway", "WEIQUAN_JWT_SECRET") and not reads("welfare", "WEIQUAN_JWT_SECRET")


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_deployment_env_references_exist_and_parse_as_settings(name):
    config = of_kind("ConfigMap")["weiquan-config"]["data"]
    secret = of_kind("Secret")["weiquan-secrets"]["stringData"]
    values = {}
    for e in container(name)["env"]:
        source = e.get("valueFrom") or {}
        if "configMapKeyRef" in source:
            ref, table = source["configMapKeyRef"], config
            assert ref["name"] == "weiquan-config"
        elif "secretKeyRef" in source:
            ref, table = source["secretKeyRef"], secret
            assert ref["name"] == "weiquan-secrets"
        else:
            values[e["name"]] = e["value"]
            continue
        assert ref["key"] in table, f"{name}: {e['name']} -> missing key {ref['key']}"
        values[e["name"]] = str(table[ref["key"]])
    settings = Settings.from_env(values)        # raises naming every bad value
    assert settings.environment == "production"


def test_configmap_and_secret_hold_only_settings():
    for table in (of_kind("ConfigMap")["weiquan-config"]["data"],
                  of_kind("Secret")["weiquan-secrets"]["stringData"]):
        assert set(table) <= set(ENV_VARS), sorted(set(table) - set(ENV_VARS))


# ---------------------------------------------------------------------------- services, ingress

def test_every_service_selects_a_deployment_and_its_ports():
    for name, svc in of_kind("Service").items():
        spec = svc["spec"]
        if spec.get("type") == "ExternalName":
            assert not spec.get("selector") and spec["externalName"], name
            continue
        selector = spec["selector"]
        matches = [d for d, dep in DEPLOYMENTS.items()
                   if selector.items() <= dep["spec"]["template"]["metadata"]["labels"].items()]
        assert matches, f"Service {name} selects no Deployment's pods"
        ports = {p["name"] for m in matches for p in container(m).get("ports") or []}
        for port in spec["ports"]:
            assert port["targetPort"] in ports, f"Service {name}: no container port {port}"
    for dep in DEPLOYMENTS.values():
        assert dep["spec"]["selector"]["matchLabels"].items() <= \
            dep["spec"]["template"]["metadata"]["labels"].items()


def test_external_dependencies_are_named_as_the_settings_name_them():
    external = {n for n, s in of_kind("Service").items() if s["spec"].get("type") == "ExternalName"}
    assert external == {"rabbitmq", "postgres", "minio"}
    config = of_kind("ConfigMap")["weiquan-config"]["data"]
    secret = of_kind("Secret")["weiquan-secrets"]["stringData"]
    assert config["MINIO_ENDPOINT"].split(":")[0] == "minio"
    assert "@rabbitmq:" in secret["AMQP_URI"]
    assert all("@postgres:" in v for k, v in secret.items() if k.endswith("_DATABASE_URL"))
    assert not config["MINIO_PUBLIC_ENDPOINT"].split("//")[-1].startswith("minio")


def test_the_ingress_reaches_the_gateway():
    ingress = of_kind("Ingress")["gateway"]
    services = of_kind("Service")
    for rule in ingress["spec"]["rules"]:
        for path in rule["http"]["paths"]:
            backend = path["backend"]["service"]
            assert backend["name"] == "gateway" and backend["name"] in services
            assert backend["port"]["name"] in {p["name"] for p in
                                               services["gateway"]["spec"]["ports"]}


# ---------------------------------------------------------------------------- kustomize build

@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS, ids=lambda p: str(p.relative_to(K8S)))
def test_kustomize_builds_and_the_output_validates(kustomization):
    kubectl = shutil.which("kubectl")
    if not kubectl:
        pytest.skip("kubectl not installed: the kustomize build is not checked")
    built = subprocess.run([kubectl, "kustomize", str(kustomization.parent)],
                           capture_output=True, text=True, timeout=60)
    assert built.returncode == 0, built.stderr
    docs = [d for d in yaml.safe_load_all(built.stdout) if d]
    for doc in docs:
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)
    assert set(of_kind("Deployment", docs)) == set(SERVICES)
    if "production" in kustomization.parts:
        assert not of_kind("Secret", docs), "production must not apply the placeholder Secret"
        assert {d["metadata"].get("namespace") for d in docs if d["kind"] != "Namespace"} \
            == {"weiquan"}
        images = [c["image"] for d in of_kind("Deployment", docs).values()
                  for c in d["spec"]["template"]["spec"]["containers"]]
        assert not [i for i in images if i.endswith(":latest")], images
