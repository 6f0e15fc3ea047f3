"""Company facts used on pages and in every commercial email; the staff admin's address."""

from __future__ import annotations

from azultel.config.env import env_str

COMPANY_NAME = env_str("COMPANY_NAME", "Azultel Communications, Inc.")
COMPANY_POSTAL_ADDRESS = env_str(
    "COMPANY_POSTAL_ADDRESS",
    "Azultel Communications, Inc., 1450 Brickell Bay Drive, Suite 900, Miami, FL 33131, USA",
)
COMPANY_PHONE = env_str("COMPANY_PHONE", "1-800-298-5835")
SECURITY_CONTACT_EMAIL = env_str("SECURITY_CONTACT_EMAIL", "security@azultel.example")
PRIVACY_CONTACT_EMAIL = env_str("PRIVACY_CONTACT_EMAIL", "privacy@azultel.example")
ADMIN_URL_PATH = env_str("ADMIN_URL_PATH", "staff/admin/").strip("/") + "/"
