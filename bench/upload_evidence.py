"""Upload benchmark: one generated file (default 1 GiB) uploaded through the gateway (streamed to
the evidence service, hashed, stored, read back and verified, registered) and directly with the
MinIO SDK to the same store, in one run. Prints both throughputs, their ratio, and how much the
gateway's and the evidence service's resident memory grew (VmHWM/VmRSS from /proc).

The store is moto's S3 server in its own process (it keeps objects in memory or spooled files;
its memory is not the gateway's or the evidence service's). Usage:
    .venv/bin/python bench/upload_evidence.py [--size-mb 1024]
"""
import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests  # noqa: E402
from minio import Minio  # noqa: E402

from tests.support.bodies import application  # noqa: E402
from tests.support.infra import PgDatabases, S3Server, System, app_services, drop_vhost  # noqa

MIB = 1024 * 1024
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    opts = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="wq-bench-upload-"))
    pg = PgDatabases()
    s3 = S3Server(tmp)
    system = System(tmp, pg)
    system.use_s3(s3.endpoint)
    try:
        path = tmp / "evidence.mp4"
        print(f"generating {opts.size_mb} MiB ...", flush=True)
        expected = make_file(path, opts.size_mb)
        system.migrate()
        for name in app_services():
            system.start(name)
        system.wait_ready()
        case_no = system.call("POST", "/api/applications", "officer",
                              json=application()).json()["case_no"]
        # warm up both paths (connections, bucket, imports) with a small upload
        system.call("POST", f"/api/cases/{case_no}/evidence", "command_center", data=MP4 * 100,
                    params={"kind": "video", "filename": "warm.mp4"}).raise_for_status()
        env = system.env
        direct = Minio(env["MINIO_ENDPOINT"], access_key=env["MINIO_ACCESS_KEY"],
                       secret_key=env["MINIO_SECRET_KEY"], secure=False, region="us-east-1")
        if not direct.bucket_exists("bench-direct"):
            direct.make_bucket("bench-direct")
        pids = {n: system.procs[n].pid for n in ("gateway", "evidence")}
        before = {n: memory(p) for n, p in pids.items()}

        started = time.perf_counter()
        with open(path, "rb") as f:
            r = requests.post(system.base_url + f"/api/cases/{case_no}/evidence", data=f,
                              params={"kind": "video", "filename": "bench.mp4"},
                              headers={"Authorization": "Bearer " + system.token("command_center"),
                                       "Content-Type": "video/mp4"}, timeout=3600)
        gateway_s = time.perf_counter() - started
        r.raise_for_status()
        after = {n: memory(p) for n, p in pids.items()}

        started = time.perf_counter()
        with open(path, "rb") as f:
            direct.put_object("bench-direct", "bench.mp4", f, length=-1, part_size=10 * MIB)
        direct_s = time.perf_counter() - started

        size = opts.size_mb
        print(f"\nfile: {size} MiB, sha256 {expected}")
        print(f"gateway answer sha256 {r.json()['sha256']} "
              f"({'equal' if r.json()['sha256'] == expected else 'DIFFERENT'})")
        print(f"through the gateway : {gateway_s:7.1f} s  {size / gateway_s:7.1f} MiB/s "
              "(stream + hash + store + read-back verify + register)")
        print(f"direct MinIO SDK    : {direct_s:7.1f} s  {size / direct_s:7.1f} MiB/s")
        print(f"ratio gateway/direct throughput: {direct_s / gateway_s:.2f}")
        for name in pids:
            rss0, hwm0 = before[name]
            rss1, hwm1 = after[name]
            print(f"{name:8s} RSS {rss0:6.1f} -> {rss1:6.1f} MiB, peak (VmHWM) {hwm0:6.1f} -> "
                  f"{hwm1:6.1f} MiB, growth of the peak over the start RSS: {hwm1 - rss0:5.1f} MiB")
    finally:
        system.shutdown()
        s3.stop()
        pg.drop_all()
        drop_vhost()


if __name__ == "__main__":
    main()
