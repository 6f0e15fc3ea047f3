"""Writes of privacy records. Every other app records consent and subjects through here.

One module per job, every public name re-exported here, so callers import from
``azultel.privacy.services`` whichever module holds it:

* ``consent``: data subjects (``subject_for_user``, ``subject_for_email``) and the consent
  ledger (``consent_record``, ``consent_set_many``, ``gpc_withdrawal_record``) (B4).
* ``consent_bulk``: the same for many people at once (``subjects_for_emails``,
  ``consent_grant_many``), a fixed number of queries per 500 people (list imports).
* ``kept_records``: ``privacy_records_kept``, so reveal-log entries and disclosures survive a
  rolled-back transaction (P04, P14).
* ``reveal``: ``sensitive_reveal``, the one path to a clear sensitive value, and
  ``access_log_purge`` (B3).
* ``disclosures``: ``disclosure_make``, the one way personal data leaves (P14, P15), and the
  chain check ``disclosure_log_verify``.
"""

from azultel.privacy.services.consent import (
    consent_record,
    consent_set_many,
    gpc_withdrawal_record,
    subject_for_email,
    subject_for_user,
)
from azultel.privacy.services.consent_bulk import consent_grant_many, subjects_for_emails
from azultel.privacy.services.disclosures import (
    DisclosureRefused,
    _disclosure_content,
    disclosure_entry_hash,
    disclosure_log_verify,
    disclosure_make,
)
from azultel.privacy.services.kept_records import privacy_records_kept
from azultel.privacy.services.reveal import RevealRefused, access_log_purge, sensitive_reveal

__all__ = [
    "DisclosureRefused",
    "RevealRefused",
    "_disclosure_content",
    "access_log_purge",
    "consent_grant_many",
    "consent_record",
    "consent_set_many",
    "disclosure_entry_hash",
    "disclosure_log_verify",
    "disclosure_make",
    "gpc_withdrawal_record",
    "privacy_records_kept",
    "sensitive_reveal",
    "subject_for_email",
    "subject_for_user",
    "subjects_for_emails",
]
