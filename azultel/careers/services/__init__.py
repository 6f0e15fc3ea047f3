"""Writes of the careers app, one module per job, re-exported here.

* ``listings``: HR saves, schedules, closes and reopens listings.
* ``applications``: applying (idempotent), withdrawing, the applicant's export and deletion.
* ``hr``: stages, notes and ratings, emails, bulk rejection, résumé download records.
* ``extraction``: résumé text for search, read in a limited child process.
* ``retention``: the B3 clock.
"""

from azultel.careers.services.applications import (
    Submitted,
    application_as_data,
    application_erase,
    application_export,
    application_submit,
    application_withdraw,
    status_token_hash,
    submission_key_new,
)
from azultel.careers.services.extraction import (
    resume_text_extract,
    resume_texts_extract_pending,
    text_from_bytes,
)
from azultel.careers.services.hr import (
    EMAIL_TEMPLATES,
    ApplicationChangeRefused,
    application_email_send,
    application_note_add,
    application_stage_move,
    application_view_record,
    applications_bulk_reject,
    applications_search_record,
    resume_download_record,
)
from azultel.careers.services.listings import (
    ListingDetails,
    ListingRefused,
    listing_close,
    listing_reopen,
    listing_save,
    listings_status_sync,
)
from azultel.careers.services.retention import (
    RetentionResult,
    application_reduce,
    careers_retention_run,
)

__all__ = [
    "EMAIL_TEMPLATES",
    "ApplicationChangeRefused",
    "ListingDetails",
    "ListingRefused",
    "RetentionResult",
    "Submitted",
    "application_as_data",
    "application_email_send",
    "application_erase",
    "application_export",
    "application_note_add",
    "application_reduce",
    "application_stage_move",
    "application_submit",
    "application_view_record",
    "application_withdraw",
    "applications_bulk_reject",
    "applications_search_record",
    "careers_retention_run",
    "listing_close",
    "listing_reopen",
    "listing_save",
    "listings_status_sync",
    "resume_download_record",
    "resume_text_extract",
    "resume_texts_extract_pending",
    "status_token_hash",
    "submission_key_new",
    "text_from_bytes",
]
