"""Static checks of the production stack: the Dockerfiles of the services built from this repo and
.dockerignore.

Docker is not needed (nor run): every check parses files and compares them with the repo and with
``weiquan.config.ENV_VARS``, the registry of every environment variable the code reads.
"""
import re

import pytest

from tests.unit.helpers_compose import (BUILT, DOCKERIGNORE, build_paths, container_to_repo, copies,
                                        dockerfile_env, dockerfile_instructions,
                                        dockerignore_patterns, environment, exec_or_shell_words,
                                        ignored)

pytestmark = pytest.mark.unit

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
