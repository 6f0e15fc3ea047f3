"""Writes of the comms app: the one path every email takes.

Other apps call ``message_send`` (one email) or ``messages_queue_bulk`` (many). Both only write
outbox rows, in the caller's transaction; delivery starts after commit (a Celery task, or in
process when no broker is configured) and decides at that moment whether the message may go.

One module per job, every public name re-exported here, so callers import from
``azultel.comms.services`` whichever module holds it:

* ``queueing``: ``message_send``, ``messages_queue_bulk``; checks the request, writes the rows.
* ``rendering``: templates, company facts, the commercial footer, the Message-ID.
* ``html``: the HTML part every email carries (shared layout, CSS inlined, dark mode).
* ``delivery``: claiming a message (lease), the delivery-time checks, sending, retries.
* ``delivery_batch``: many messages over one connection, claimed and checked per sub-batch.
* ``email_message``: the email a row is sent as (headers, RFC 8058 unsubscribe, fixed boundary).
* ``suppression``: the suppression list and the one-click unsubscribe.
* ``policy_notices``: the policy-change notice to every account holder (P08), started by
  privacy's ``policy_change_published`` signal.
* ``retention``: clearing and deleting finished messages (B3).
* ``inbound``: mail to the site's addresses: bounces and complaints, then ``inbound_routes``.
* ``data_requests``: a person's messages in their export, and erasing them (B2).
* ``errors``: ``MessageRejected``.
"""

from azultel.comms.addresses import InvalidAddress
from azultel.comms.services.data_requests import messages_erase, messages_export
from azultel.comms.services.delivery import DeliveryOutcome, DeliveryTally, message_deliver
from azultel.comms.services.delivery_batch import messages_deliver, outbox_deliver_due
from azultel.comms.services.errors import MessageRejected
from azultel.comms.services.inbound import InboundOutcome, inbound_receive, report_record
from azultel.comms.services.policy_notices import (
    policy_notices_queue_batch,
    policy_notices_send_all,
)
from azultel.comms.services.queueing import (
    BULK_BATCH_SIZE,
    DEDUPE_KEY_MAX_LENGTH,
    Attachment,
    message_send,
    messages_queue_bulk,
)
from azultel.comms.services.rendering import SUBJECT_MAX_LENGTH
from azultel.comms.services.retention import PurgeResult, outbox_purge
from azultel.comms.services.suppression import (
    UnsubscribeScope,
    suppression_add,
    unsubscribe_apply,
)

__all__ = [
    "BULK_BATCH_SIZE",
    "DEDUPE_KEY_MAX_LENGTH",
    "SUBJECT_MAX_LENGTH",
    "Attachment",
    "DeliveryOutcome",
    "DeliveryTally",
    "InboundOutcome",
    "InvalidAddress",
    "MessageRejected",
    "PurgeResult",
    "UnsubscribeScope",
    "inbound_receive",
    "message_deliver",
    "message_send",
    "messages_deliver",
    "messages_erase",
    "messages_export",
    "messages_queue_bulk",
    "outbox_deliver_due",
    "outbox_purge",
    "policy_notices_queue_batch",
    "policy_notices_send_all",
    "report_record",
    "suppression_add",
    "unsubscribe_apply",
]
