"""The audit actions surveys records (the values are what ``AuditEvent.action`` stores).

An anonymous survey's answers are never audited: an audit event carries a time and, for a
signed-in person, an account, which together could link the answers to someone.
"""

from __future__ import annotations

from azultel.core.audit import AuditAction


class SurveysAudit(AuditAction):
    SURVEY_CREATED = "surveys.survey_created"
    SURVEY_CHANGED = "surveys.survey_changed"
    SURVEY_OPENED = "surveys.survey_opened"
    SURVEY_CLOSED = "surveys.survey_closed"
    STRUCTURE_CHANGED = "surveys.structure_changed"
    RESPONSE_ATTRIBUTED = "surveys.response_attributed"
    RESULTS_EXPORTED = "surveys.results_exported"
    FREE_TEXT_PURGED = "surveys.free_text_purged"
    RESPONSES_ERASED = "surveys.responses_erased"
