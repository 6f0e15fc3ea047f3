"""Writes of the compliance app, one module per job:

* ``disclosures``: disclosure requests recorded, decided by a second officer, handed over once.
* ``breaches``: the CPNI breach workflow, its clock, reminders and the two-year record.
* ``certification``: the annual CPNI certificate and the staff's training acknowledgements.
* ``refusals``: refused attempts are logged, nothing else is saved.
"""

from azultel.compliance.services.breaches import (
    BreachStep,
    breach_clock,
    breach_customers_notify,
    breach_law_enforcement_record,
    breach_lists_purge,
    breach_open,
    breach_reminders_send,
)
from azultel.compliance.services.certification import (
    CertificateFacts,
    certificate_facts,
    certificate_pdf,
    certificate_text,
    certification_sign,
    training_acknowledge,
)
from azultel.compliance.services.disclosures import (
    HandOverFile,
    RequestDraft,
    delayed_notices_send,
    disclosure_hand_over,
    disclosure_request_approve,
    disclosure_request_record,
    disclosure_request_refuse,
    hand_over_content,
)
from azultel.compliance.services.refusals import ComplianceRefused

__all__ = [
    "BreachStep",
    "CertificateFacts",
    "ComplianceRefused",
    "HandOverFile",
    "RequestDraft",
    "breach_clock",
    "breach_customers_notify",
    "breach_law_enforcement_record",
    "breach_lists_purge",
    "breach_open",
    "breach_reminders_send",
    "certificate_facts",
    "certificate_pdf",
    "certificate_text",
    "certification_sign",
    "delayed_notices_send",
    "disclosure_hand_over",
    "disclosure_request_approve",
    "disclosure_request_record",
    "disclosure_request_refuse",
    "hand_over_content",
    "training_acknowledge",
]
