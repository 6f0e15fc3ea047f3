"""Private uploads (résumés): core.file_storage, privacy.file_storage; docs "File uploads"."""

from __future__ import annotations

from pathlib import Path

from azultel.config.env import env_int, env_str
from azultel.config.settings.base import TESTING, VAR_DIR

# The backend (dotted path): EncryptedLocalStorage keeps encrypted files under PRIVATE_UPLOAD_ROOT
# (never inside STATIC_ROOT or MEDIA_ROOT); EncryptedS3Storage keeps them, encrypted by us and by
# the store (PRIVATE_UPLOAD_S3_SSE), in a private S3-compatible bucket.
PRIVATE_UPLOAD_STORAGE = env_str(
    "PRIVATE_UPLOAD_STORAGE", "azultel.privacy.file_storage.EncryptedLocalStorage"
)
PRIVATE_UPLOAD_ROOT = (
    VAR_DIR / "private-uploads"
    if TESTING
    else Path(env_str("PRIVATE_UPLOAD_ROOT", str(VAR_DIR / "private-uploads")))
)
PRIVATE_UPLOAD_S3_BUCKET = env_str("PRIVATE_UPLOAD_S3_BUCKET", "")
PRIVATE_UPLOAD_S3_PREFIX = env_str("PRIVATE_UPLOAD_S3_PREFIX", "")
PRIVATE_UPLOAD_S3_ENDPOINT_URL = env_str("PRIVATE_UPLOAD_S3_ENDPOINT_URL", "")
PRIVATE_UPLOAD_S3_REGION = env_str("PRIVATE_UPLOAD_S3_REGION", "")
PRIVATE_UPLOAD_S3_ADDRESSING_STYLE = env_str("PRIVATE_UPLOAD_S3_ADDRESSING_STYLE", "auto")
# Empty: boto3's own credential chain (an instance or task role) is used.
PRIVATE_UPLOAD_S3_ACCESS_KEY_ID = env_str("PRIVATE_UPLOAD_S3_ACCESS_KEY_ID", "")
PRIVATE_UPLOAD_S3_SECRET_ACCESS_KEY = env_str("PRIVATE_UPLOAD_S3_SECRET_ACCESS_KEY", "")
PRIVATE_UPLOAD_S3_SSE = env_str("PRIVATE_UPLOAD_S3_SSE", "AES256")  # or aws:kms ("": none)
PRIVATE_UPLOAD_S3_KMS_KEY_ID = env_str("PRIVATE_UPLOAD_S3_KMS_KEY_ID", "")
# Largest file accepted (bytes), and what a .docx may unpack to (zip bombs).
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES = env_int("UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
# Files nothing points at (and stored bytes without a record) are deleted after this long (B3).
UPLOAD_UNCLAIMED_HOURS = env_int("UPLOAD_UNCLAIMED_HOURS", 24)
# Uploads stay in memory (capped): Django's default would write big ones to /tmp in clear.
FILE_UPLOAD_HANDLERS = ["azultel.core.upload_handlers.MemoryOnlyUploadHandler"]
