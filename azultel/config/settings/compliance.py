"""The privacy office (azultel.compliance; docs/architecture.md "Compliance: disclosures on
request, CPNI breaches, certification"). Its reminders run from compliance.tasks.PERIODIC."""

from __future__ import annotations

from azultel.config.env import env_int

# Business days before a CPNI breach deadline when the privacy officers are first reminded.
COMPLIANCE_BREACH_REMINDER_BUSINESS_DAYS = env_int("COMPLIANCE_BREACH_REMINDER_BUSINESS_DAYS", 2)
# Years the list of customers a CPNI breach affected is kept (47 CFR 64.2011(d): at least two).
COMPLIANCE_BREACH_RECORD_YEARS = env_int("COMPLIANCE_BREACH_RECORD_YEARS", 2)
