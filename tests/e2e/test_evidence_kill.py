"""Killing the evidence service in the middle of an upload leaves no half-registered evidence:
the client gets a clean error, and after the restart the sweep removes the unfinished multipart
upload, so neither an evidence row nor an object remains."""
import socket
import threading
import time

import pytest
import requests

from tests.support.bodies import application
from tests.support.evidence_files import MP4, blob, sha, stored
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e
DECLARED = 24 * 1024 * 1024


class SlowClient(threading.Thread):
    """Sends 12 MiB at once (so a first 10 MiB part reaches the store), then trickles."""

    def __init__(self, system, case_no):
        super().__init__(daemon=True)
        host, port = system.base_url.split("//")[1].split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=60)
        path = f"/api/cases/{case_no}/evidence?kind=video&filename=slow.mp4"
        self.head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {DECLARED}\r\n"
                     f"Authorization: Bearer {system.token('officer')}\r\n"
                     "Content-Type: video/mp4\r\nConnection: close\r\n\r\n").encode()
        self.stop = threading.Event()

    def run(self):
        try:
            self.sock.sendall(self.head + blob(MP4, 12 * 1024 * 1024))
            while not self.stop.is_set():
                self.sock.sendall(b"\0" * 65536)
                time.sleep(0.2)
        except OSError:
            pass

    def answer(self, timeout=30):
        self.sock.settimeout(timeout)
        data = b""
        try:
            while chunk := self.sock.recv(65536):
                data += chunk
                if b"\r\n\r\n" in data and b"}" in data:
                    break
        except OSError:
            pass
        return data



def test_kill_mid_upload_leaves_nothing(system):
    case_no = requests.post(system.base_url + "/api/applications", json=application(),
                            headers={"Authorization": "Bearer " + system.token("officer")},
                            timeout=10).json()["case_no"]
    before = stored(system)
    client = SlowClient(system, case_no)
    client.start()
    try:
        wait_until(lambda: {o for o in stored(system) - before if o[1].startswith("multipart:")},
                   30, what="a multipart upload in the store")
        system.stop("evidence", kill=True)
        answer = client.answer()
    finally:
        client.stop.set()
    # a clean error (or a dropped connection), never a success
    assert not answer.startswith(b"HTTP/1.1 201"), answer[:200]
    if answer:
        assert answer.split(b" ", 2)[1] in (b"503", b"502", b"400"), answer[:300]
    assert stored(system) != before  # what the killed process left behind, until the sweep

    system.start("evidence", EVIDENCE_STALE_UPLOAD_SECONDS="2")
    wait_until(lambda: stored(system) == before, 60, what="the sweep to clean the store")

    def intent_states():
        return [r[0] for r in system.sql("evidence", "SELECT state FROM upload_intents "
                                         "WHERE case_no = :c", c=case_no)[1]]
    # the sweep deletes the objects first, then closes the intent ('aborting' -> 'aborted')
    wait_until(lambda: intent_states() == ["aborted"], 30, what="the intent to be closed")
    assert system.sql("evidence", "SELECT count(*) FROM evidence WHERE case_no = :c",
                      c=case_no)[1][0][0] == 0

    # the restarted service takes uploads again
    data = blob(MP4, 300_000)

    def upload():
        r = requests.post(system.base_url + f"/api/cases/{case_no}/evidence",
                          params={"kind": "video", "filename": "after.mp4"}, data=data,
                          headers={"Authorization": "Bearer " + system.token("officer")},
                          timeout=30)
        return r if r.status_code == 201 else None
    restarted = wait_until(upload, 30, what="the restarted evidence service")
    assert restarted.json()["sha256"] == sha(data)
