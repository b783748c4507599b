"""Shared readers of the production stack for the test_compose_*.py checks: docker-compose.yml
(parsed once), the Dockerfiles, .dockerignore and the bind mounts, plus ``weiquan.config.ENV_VARS``,
the registry of every environment variable the code reads."""
import json
import re
import shlex
import sys
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

import yaml

ROOT = Path(__file__).resolve().parents[2]
try:
    from weiquan.config import ENV_VARS
except ImportError:  # not bootstrapped with `make bootstrap`: find the shared package by path
    sys.path.insert(0, str(ROOT / "libs" / "weiquan"))
    from weiquan.config import ENV_VARS

COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERIGNORE = ROOT / ".dockerignore"


def load_yaml(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


COMPOSE = load_yaml(COMPOSE_FILE)
SERVICES = COMPOSE.get("services") or {}
# "weiquan services": every long-running service built from this repo (intake, gateway and any
# later one); a service behind a profile (the `ops` backup) is a tool, not part of the system.
BUILT = sorted(name for name, svc in SERVICES.items() if "build" in svc and "profiles" not in svc)


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


def env_files(service):
    """The env_file paths of a service (relative to the repo root), in order."""
    files = SERVICES[service].get("env_file") or []
    files = [files] if isinstance(files, (str, dict)) else files
    return [entry["path"] if isinstance(entry, dict) else entry for entry in files]


def env_file_values(service):
    """{name: value} of a service's env files, later files winning as in compose. A file that
    lives only on the host (git-ignored secrets) is read from its committed ``.example``."""
    values = {}
    for entry in env_files(service):
        path = ROOT / entry
        if not path.exists():
            path = path.with_name(path.name + ".example")
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                values[key.removeprefix("export ").strip()] = value.strip()
    return values


def env_file_keys(service):
    return {key: service for key in env_file_values(service)}


def effective_env(service):
    """What the container gets: its env files, overridden by ``environment:``."""
    return {**env_file_values(service), **environment(service)}


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
