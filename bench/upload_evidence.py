"""Upload benchmark: one generated file (default 1 GiB) uploaded through the gateway (streamed to
the evidence service, hashed, stored with S3 SHA-256 part checksums, proven by the store's
composite checksum or read back, registered) and directly with the MinIO SDK to the same store,
in one run. Prints both throughputs, their ratio, how the upload's integrity was proven
("store_checksum" or "read_back", from its first custody entry), and how much the gateway's and
the evidence service's resident memory grew (VmHWM/VmRSS from /proc), each as a row against its
limit (bench/rows.py).

Runs the whole system as the test suite does (bench/stack.py). The store is moto's S3 server
in its own process (it keeps objects in memory or spooled files; its memory is not the
gateway's or the evidence service's). Usage:
    .venv/bin/python bench/upload_evidence.py [--size-mb 1024]
"""
import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests  # noqa: E402
from minio import Minio  # noqa: E402

from bench.cpu import cpu_seconds  # noqa: E402
from bench.rows import record  # noqa: E402
from bench.stack import header, progress, run, whole_system  # noqa: E402
from tests.support.bodies import application  # noqa: E402

MIB = 1024 * 1024
MEMORY_BUDGET = 64  # MiB each of the gateway and the evidence service may grow by (issue 12)
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"


def memory(pid):
    """(VmRSS, VmHWM) in MiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def make_file(path, size_mb):
    sha = hashlib.sha256()
    block = os.urandom(8 * MIB)
    with open(path, "wb") as f:
        written = 0
        while written < size_mb * MIB:
            data = block[:min(8 * MIB, size_mb * MIB - written)]
            if written == 0:
                data = MP4 + data[len(MP4):]
            f.write(data)
            sha.update(data)
            written += len(data)
    return sha.hexdigest()


def measure(system, path):
    """Times both uploads; returns (gateway answer, gateway s, direct s, memory before/after)."""
    case_no = system.call("POST", "/api/applications", "officer",
                          json=application()).json()["case_no"]
    # warm up both paths (connections, bucket, imports) with a small upload
    system.call("POST", f"/api/cases/{case_no}/evidence", "officer", data=MP4 * 100,
                params={"kind": "video", "filename": "warm.mp4"}).raise_for_status()
    env = system.env
    direct = Minio(env["MINIO_ENDPOINT"], access_key=env["MINIO_ACCESS_KEY"],
                   secret_key=env["MINIO_SECRET_KEY"], secure=False, region="us-east-1")
    if not direct.bucket_exists("bench-direct"):
        direct.make_bucket("bench-direct")
    pids = {n: system.procs[n].pid for n in ("gateway", "evidence")}
    # the direct upload runs before and after the gateway's (the store's state and a shared
    # machine's load drift during a run); their mean brackets the gateway's upload in time
    direct_s = [direct_upload(direct, path, "before")]
    before = {n: memory(p) for n, p in pids.items()}
    cpu = {n: cpu_seconds(p) for n, p in pids.items()}

    progress("uploading through the gateway")
    started = time.perf_counter()
    with open(path, "rb") as f:
        r = requests.post(system.base_url + f"/api/cases/{case_no}/evidence", data=f,
                          params={"kind": "video", "filename": "bench.mp4"},
                          headers={"Authorization": "Bearer " + system.token("officer"),
                                   "Content-Type": "video/mp4"}, timeout=3600)
    gateway_s = time.perf_counter() - started
    r.raise_for_status()
    after = {n: memory(p) for n, p in pids.items()}
    cpu = {n: cpu_seconds(p) - cpu[n] for n, p in pids.items()}
    shown = system.call("GET", f"/api/evidence/{r.json()['evidence_id']}", "officer").json()
    integrity = shown["custody"][0]["detail"].get("integrity", "read_back")

    direct_s.append(direct_upload(direct, path, "after"))
    return r.json(), gateway_s, direct_s, before, after, integrity, cpu


def direct_upload(direct, path, when):
    """Seconds of one direct MinIO SDK upload of ``path`` to the same store."""
    progress(f"uploading directly with the MinIO SDK ({when})")
    started = time.perf_counter()
    with open(path, "rb") as f:
        direct.put_object("bench-direct", f"bench-{when}.mp4", f, length=-1,
                          part_size=10 * MIB)
    elapsed = time.perf_counter() - started
    direct.remove_object("bench-direct", f"bench-{when}.mp4")  # the store keeps it in memory
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    opts = parser.parse_args()
    with whole_system("upload") as system:
        path = system.tmp / "evidence.mp4"
        try:
            progress(f"generating {opts.size_mb} MiB ...")
            expected = make_file(path, opts.size_mb)
            answer, gateway_s, directs, before, after, integrity, cpu = measure(system, path)
        finally:
            path.unlink(missing_ok=True)  # a kept log folder must not keep a 1 GiB file
        size = opts.size_mb
        same = answer["sha256"] == expected
        header(f"upload: {size} MiB through the gateway and directly "
               "(local S3 server, every service x1)")
        print(f"file sha256 {expected}")
        print(f"gateway answer sha256 {answer['sha256']} ({'equal' if same else 'DIFFERENT'})")
        proof = {"store_checksum": "store's composite checksum",
                 "read_back": "read-back verify"}.get(integrity, integrity)
        print(f"integrity proven by: {integrity} (the upload's first custody entry)")
        print(f"through the gateway : {gateway_s:7.2f} s  {size / gateway_s:7.1f} MiB/s "
              f"(stream + hash + store + {proof} + register)")
        direct_s = sum(directs) / len(directs)
        print(f"direct MinIO SDK    : {direct_s:7.2f} s  {size / direct_s:7.1f} MiB/s "
              f"(mean of before the gateway's upload {directs[0]:.2f} s and after it "
              f"{directs[1]:.2f} s)")
        print(f"ratio gateway/direct throughput: {direct_s / gateway_s:.2f}")
        print("CPU during the gateway's upload: " + ", ".join(
            f"{name} {seconds:.2f} s" for name, seconds in cpu.items()))
        for name in before:
            rss0, hwm0 = before[name]
            rss1, hwm1 = after[name]
            print(f"{name:8s} RSS {rss0:6.1f} -> {rss1:6.1f} MiB, peak (VmHWM) {hwm0:6.1f} -> "
                  f"{hwm1:6.1f} MiB, growth of the peak over the start RSS: {hwm1 - rss0:5.1f} MiB",
                  flush=True)
        record(f"evidence upload {size} MiB ({integrity}): throughput", size / gateway_s,
               "MiB/s", "direct MinIO SDK upload", size / direct_s, ">= 0.9")
        for name in before:
            record(f"{name} memory growth during upload", after[name][1] - before[name][0],
                   "MiB", "budget", MEMORY_BUDGET, "<= 1")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(run(main))
