"""Writes of the privacy-requests app, re-exported from the module that holds each:

* ``requests``: filing, verifying by link, the agent's permission check, acknowledging, the one
  extension, answering, the single-use download;
* ``fulfilment``: the copy of the data and the erasure across every app (B2);
* ``jobs``: reminders, the purge (B3), a child's account closed.
"""

from azultel.dsr.services.fulfilment import request_choices_apply, request_erase, request_export
from azultel.dsr.services.jobs import child_account_close, reminders_send, requests_purge
from azultel.dsr.services.requests import (
    HANDLE_PERMISSION,
    RequestDetails,
    RequestRefused,
    agent_decide,
    link_refusal_record,
    request_acknowledge,
    request_answer,
    request_extend,
    request_file,
    request_verify,
    result_download,
)

__all__ = [
    "HANDLE_PERMISSION",
    "RequestDetails",
    "RequestRefused",
    "agent_decide",
    "child_account_close",
    "link_refusal_record",
    "reminders_send",
    "request_acknowledge",
    "request_answer",
    "request_choices_apply",
    "request_erase",
    "request_export",
    "request_extend",
    "request_file",
    "request_verify",
    "requests_purge",
    "result_download",
]
