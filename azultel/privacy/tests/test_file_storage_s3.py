"""The S3 backend against a local S3 (moto's server on 127.0.0.1): the bucket holds ciphertext only,
objects are private and server-side encrypted, and failures surface as StorageError."""

from __future__ import annotations

import base64
import logging
import socket
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from moto.server import ThreadedMotoServer

from azultel.core.file_storage import StorageError, StoredFileMissing, private_storage
from azultel.core.stored_files import stored_file_read, stored_file_save
from azultel.core.testing.sample_files import RESUME_PHRASE, TEXT_RESUME, pdf_bytes
from azultel.core.upload_checks import RESUME_UPLOADS, upload_check
from azultel.privacy.file_storage import EncryptedS3Storage

ACCESS = {"aws_access_key_id": "local-test", "aws_secret_access_key": "local-test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint: str, settings: Any) -> Iterator[str]:
    name = f"private-uploads-{uuid.uuid4().hex[:12]}"
    _client(s3_endpoint).create_bucket(Bucket=name)
    settings.PRIVATE_UPLOAD_STORAGE = "azultel.privacy.file_storage.EncryptedS3Storage"
    settings.PRIVATE_UPLOAD_S3_BUCKET = name
    settings.PRIVATE_UPLOAD_S3_PREFIX = "uploads/"
    settings.PRIVATE_UPLOAD_S3_ENDPOINT_URL = s3_endpoint
    settings.PRIVATE_UPLOAD_S3_REGION = "us-east-1"
    settings.PRIVATE_UPLOAD_S3_ACCESS_KEY_ID = ACCESS["aws_access_key_id"]
    settings.PRIVATE_UPLOAD_S3_SECRET_ACCESS_KEY = ACCESS["aws_secret_access_key"]
    settings.PRIVATE_UPLOAD_S3_SSE = "AES256"
    yield name


def _client(endpoint: str, **config: Any) -> Any:
    return boto3.session.Session().client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", config=Config(**config), **ACCESS
    )


@pytest.mark.promise("P24")
@pytest.mark.django_db
def test_a_file_comes_back_byte_for_byte_through_the_bucket(bucket: str) -> None:
    content = pdf_bytes()

    stored = stored_file_save(upload=upload_check(content, policy=RESUME_UPLOADS), actor=None)

    assert isinstance(private_storage(), EncryptedS3Storage)
    assert stored_file_read(stored_file=stored) == content


@pytest.mark.promise("P24")
def test_the_bucket_holds_private_server_side_encrypted_ciphertext(
    bucket: str, s3_endpoint: str
) -> None:
    key = private_storage().save(TEXT_RESUME, content_type="text/plain", purpose="resume")

    raw = _client(s3_endpoint).get_object(Bucket=bucket, Key=f"uploads/{key}")
    body = raw["Body"].read()
    grants = _client(s3_endpoint).get_object_acl(Bucket=bucket, Key=f"uploads/{key}")["Grants"]

    assert body.startswith(b"AZF1") and RESUME_PHRASE.encode() not in body
    assert raw["ServerSideEncryption"] == "AES256"
    assert raw["ContentType"] == "application/octet-stream"
    assert raw.get("Metadata", {}) == {}
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]
    assert all(g["Grantee"]["Type"] == "CanonicalUser" for g in grants)


@pytest.mark.promise("P24")
def test_a_tampered_object_fails_authentication(bucket: str, s3_endpoint: str) -> None:
    storage = private_storage()
    key = storage.save(TEXT_RESUME, content_type="text/plain", purpose="resume")
    client = _client(s3_endpoint)
    body = bytearray(client.get_object(Bucket=bucket, Key=f"uploads/{key}")["Body"].read())
    body[-1] ^= 0x01
    client.put_object(Bucket=bucket, Key=f"uploads/{key}", Body=bytes(body))

    with pytest.raises(StorageError, match="failed authentication"):
        storage.open(key)


def test_exists_delete_list_and_missing_keys(bucket: str, s3_endpoint: str) -> None:
    storage = private_storage()
    key = storage.save(b"cv", content_type="text/plain", purpose="resume")
    _client(s3_endpoint).put_object(Bucket=bucket, Key="elsewhere/not-ours", Body=b"x")

    listed = [stored.key for stored in storage.stored_objects()]
    storage.delete(key)

    assert listed == [key]
    assert not storage.exists(key)
    with pytest.raises(StoredFileMissing):
        storage.open(key)


@pytest.mark.promise("P24")
def test_objects_sealed_under_an_older_key_open_and_rewrap(bucket: str) -> None:
    old = "old-1:" + base64.urlsafe_b64encode(b"o" * 32).decode()
    new = "new-2:" + base64.urlsafe_b64encode(b"n" * 32).decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=old):
        key = private_storage().save(TEXT_RESUME, content_type="text/plain", purpose="resume")

    with override_settings(FIELD_ENCRYPTION_KEYS=f"{new},{old}"):
        storage = EncryptedS3Storage()
        assert storage.open(key) == TEXT_RESUME
        assert storage.rewrap(key) is True
        assert storage.key_id(key) == "new-2"

    with override_settings(FIELD_ENCRYPTION_KEYS=new):
        assert EncryptedS3Storage().open(key) == TEXT_RESUME


def test_an_unreachable_store_is_a_storage_error(bucket: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    client = _client(
        f"http://127.0.0.1:{closed_port}", retries={"max_attempts": 1}, connect_timeout=1
    )
    storage = EncryptedS3Storage(client=client)

    with pytest.raises(StorageError, match="cannot be written"):
        storage.save(b"cv", content_type="text/plain", purpose="resume")


def test_the_s3_backend_needs_a_bucket(settings: Any) -> None:
    settings.PRIVATE_UPLOAD_STORAGE = "azultel.privacy.file_storage.EncryptedS3Storage"
    settings.PRIVATE_UPLOAD_S3_BUCKET = ""

    with pytest.raises(ImproperlyConfigured, match="PRIVATE_UPLOAD_S3_BUCKET"):
        private_storage()
