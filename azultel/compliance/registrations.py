"""What the compliance app adds to other apps' registries (``core.app_config``): the privacy
office's staff tools with their queues, the CPNI training page every staff member sees, and the
person's rows in "my data" and at deletion (B2)."""

from __future__ import annotations

from azultel.accounts.panels import StaffQueue, StaffTool, staff_tool_register
from azultel.compliance import selectors
from azultel.compliance.services.personal_data import compliance_erase, compliance_export
from azultel.privacy.registry import erasure_hook_register, export_provider_register


def register() -> None:
    staff_tool_register(
        StaffTool(
            "Disclosure requests",
            "compliance:disclosures",
            "compliance.manage_disclosure_requests",
            "Subpoenas, court orders, warrants, emergencies and customer authorisations: record, "
            "decide what another officer recorded, hand over once.",
            icon="shield-check",
            queues=(
                StaffQueue(
                    "waiting for a second officer", selectors.disclosure_requests_waiting_count
                ),
            ),
        )
    )
    staff_tool_register(
        StaffTool(
            "CPNI breaches",
            "compliance:breaches",
            "privacy.change_cpnibreach",
            "The breach clock: law-enforcement notice, holding period, customers' notices.",
            icon="shield-check",
            queues=(StaffQueue("breaches not closed", selectors.breaches_open_count),),
        )
    )
    staff_tool_register(
        StaffTool(
            "Annual CPNI certificate",
            "compliance:certification",
            "compliance.sign_cpni_certification",
            "The yearly compliance certificate and statement, from the records; sign once a year.",
            icon="file-text",
        )
    )
    staff_tool_register(
        StaffTool(
            "CPNI training",
            "compliance:training",
            "compliance.acknowledge_cpni_training",
            "Read this year's CPNI rules and confirm you know them.",
            icon="info",
        )
    )
    export_provider_register("disclosures_on_request", compliance_export)
    erasure_hook_register(compliance_erase)
