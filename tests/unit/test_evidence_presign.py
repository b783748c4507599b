"""Evidence download links name the host a browser reaches: MINIO_PUBLIC_ENDPOINT when set
(compose and Kubernetes, where the store's own name is internal), the store itself otherwise.
Presigning is offline (fixed region), so no store runs here."""
from urllib.parse import parse_qs, urlsplit

import pytest

from weiquan.settings import Settings, SettingsError

from evidence.store import EvidenceStore

pytestmark = pytest.mark.unit
INTERNAL = {"MINIO_ENDPOINT": "minio:9000", "MINIO_ACCESS_KEY": "wq", "MINIO_SECRET_KEY": "s3cret"}


def link(**env):
    store = EvidenceStore(Settings.from_env({**INTERNAL, **env}))
    return urlsplit(store.presign("cases/GX-WQ-2026-000001/photo.jpg", "v1", minutes=5))


def test_without_a_public_endpoint_the_link_names_the_internal_store():
    url = link()
    assert (url.scheme, url.netloc) == ("http", "minio:9000")
    assert url.path == "/evidence/cases/GX-WQ-2026-000001/photo.jpg"
    query = parse_qs(url.query)
    assert query["versionId"] == ["v1"] and query["X-Amz-Expires"] == ["300"]


def test_a_public_url_names_its_host_and_its_scheme_decides_tls():
    url = link(MINIO_PUBLIC_ENDPOINT="https://files.gx.example.cn")
    assert (url.scheme, url.netloc) == ("https", "files.gx.example.cn")
    assert "X-Amz-Signature" in parse_qs(url.query)


def test_a_public_host_port_keeps_minio_secure():
    url = link(MINIO_PUBLIC_ENDPOINT="localhost:9000")
    assert (url.scheme, url.netloc) == ("http", "localhost:9000")
    url = link(MINIO_PUBLIC_ENDPOINT="files.gx.example.cn:8443", MINIO_SECURE="true")
    assert (url.scheme, url.netloc) == ("https", "files.gx.example.cn:8443")


@pytest.mark.parametrize("raw", ["files.gx.example.cn", "ftp://files:21", "https://h/minio",
                                 "https://h:99999"])
def test_a_bad_public_endpoint_is_named_at_start(raw):
    with pytest.raises(SettingsError, match="MINIO_PUBLIC_ENDPOINT"):
        Settings.from_env({"MINIO_PUBLIC_ENDPOINT": raw})
