"""Small files whose first bytes fit each evidence kind, and helpers to look into the bucket."""
import base64
import hashlib
import os

from minio import Minio

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00"
PDF = b"%PDF-1.7\n"
HTML = b"<!DOCTYPE html><html><body>post</body></html>\n"


def blob(magic, size):
    """``magic`` followed by random bytes up to ``size``."""
    return magic + os.urandom(max(0, size - len(magic)))


def sha(data):
    return hashlib.sha256(data).hexdigest()


def bucket_client(system):
    env = system.env
    return Minio(env["MINIO_ENDPOINT"], access_key=env["MINIO_ACCESS_KEY"],
                 secret_key=env["MINIO_SECRET_KEY"], secure=False, region="us-east-1")


def stored(system):
    """Every object version and unfinished multipart upload in the evidence bucket (probe
    objects of the lock check excluded)."""
    client, bucket = bucket_client(system), system.env["MINIO_BUCKET"]
    if not client.bucket_exists(bucket):
        return set()
    names = {(o.object_name, o.version_id) for o in client.list_objects(
        bucket, recursive=True, include_version=True) if not o.object_name.startswith("_probe/")}
    uploads = {(u.object_name, "multipart:" + u.upload_id)
               for u in client._list_multipart_uploads(bucket).uploads}
    return names | uploads


# A real 16x16 baseline JFIF JPEG (CPython's Lib/test/imghdrdata/python.jpg); Pillow is not
# installed here. The evidence service sniffs the content against the kind "photo".
PHOTO_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsO"
    "CwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ"
    "EBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAA"
    "BwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/E"
    "ACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPk"
    "JWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kq"
    "cWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9"
    "XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KO"
    "p1KM6iCNvngZHwetf//Z")
