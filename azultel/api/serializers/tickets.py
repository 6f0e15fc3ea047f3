"""TMF621 Trouble Ticket, mapped onto the care desk's tickets.

A partner may change only what the reporting side may: add notes and close (or cancel) the
ticket (``TroubleTicketUpdateSerializer``); staff decide everything else.

Only what the customer sees of a ticket leaves: the problem as described, the status and the
history entries shown to the customer. Staff notes, the assignee and the service's ZIP code never
do (the history comes from ``care.selectors.tickets_for_customers``, which leaves notes out).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from azultel.api.serializers.common import HrefField, RefSerializer, TmfSerializer
from azultel.care.models import Category, Ticket

# care status -> TMF621 TroubleTicketStatusType
TICKET_STATES = {"new": "acknowledged", "open": "inProgress", "waiting": "pending",
                 "closed": "closed"}  # fmt: skip
SEVERITIES = {"no_service": "Critical", "slow_internet": "Major", "phone_line": "Major",
              "billing": "Minor", "other": "Minor"}  # fmt: skip
SYMPTOMS_MAX = 2000


def _when(value: object) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None  # type: ignore[attr-defined]


class NoteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField(read_only=True)
    date = serializers.DateTimeField(read_only=True)
    text = serializers.CharField(read_only=True)
    noteType = serializers.CharField(read_only=True)


class PartyRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True)


class TroubleTicketSerializer(TmfSerializer):
    tmf_type = "TroubleTicket"
    id = serializers.UUIDField(read_only=True)
    href = HrefField("api:trouble_ticket_detail")
    externalId = serializers.CharField(source="reference", read_only=True)
    name = serializers.CharField(source="reference", read_only=True)
    description = serializers.CharField(source="symptoms", read_only=True)
    ticketType = serializers.CharField(source="category", read_only=True)
    severity = serializers.SerializerMethodField()
    priority = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    creationDate = serializers.DateTimeField(source="created_at", read_only=True)
    lastUpdate = serializers.DateTimeField(source="updated_at", read_only=True)
    resolutionDate = serializers.DateTimeField(source="closed_at", read_only=True)
    relatedParty = serializers.SerializerMethodField()
    relatedEntity = serializers.SerializerMethodField()
    note = serializers.SerializerMethodField()

    def get_severity(self, ticket: Ticket) -> str:
        return SEVERITIES.get(ticket.category, "Minor")

    def get_priority(self, ticket: Ticket) -> str:
        return ticket.get_priority_display()

    def get_status(self, ticket: Ticket) -> str:
        return TICKET_STATES.get(ticket.status, "acknowledged")

    @extend_schema_field(PartyRefSerializer(many=True))
    def get_relatedParty(self, ticket: Ticket) -> list[dict[str, str]]:
        return [{"id": str(ticket.customer.public_id), "role": "Customer",
                 "@referredType": "Individual"}]  # fmt: skip

    @extend_schema_field(PartyRefSerializer(many=True))
    def get_relatedEntity(self, ticket: Ticket) -> list[dict[str, str]]:
        if ticket.service_id is None:
            return []
        return [{"id": str(ticket.service_id), "role": "Service", "@referredType": "Service"}]

    @extend_schema_field(NoteSerializer(many=True))
    def get_note(self, ticket: Ticket) -> list[dict[str, object]]:
        entries = getattr(ticket, "customer_entries", [])
        return [{"id": str(entry.pk), "date": _when(entry.created_at), "text": entry.body,
                 "noteType": entry.kind, "@type": "Note"} for entry in entries]  # fmt: skip


class TroubleTicketCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """What a partner sends to report a problem for one of its customers."""

    description = serializers.CharField(max_length=SYMPTOMS_MAX, trim_whitespace=True)
    ticketType = serializers.ChoiceField(choices=Category.values)
    relatedParty = RefSerializer(many=True, allow_empty=False, max_length=1)
    relatedEntity = RefSerializer(many=True, required=False, max_length=1)


class NoteInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    text = serializers.CharField(max_length=SYMPTOMS_MAX, trim_whitespace=True)


# What a PATCH may carry: ``@type`` is allowed (and ignored) because TMF clients send it.
PATCHABLE = ("note", "status", "statusChangeReason", "@type")
CLOSING = ["closed", "cancelled"]


class TroubleTicketUpdateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """What a partner may change on its customer's open ticket: ``note`` entries are added to the
    history (it is never rewritten); ``status`` ``closed`` or ``cancelled`` closes the ticket, with
    ``statusChangeReason`` in its history. Any other attribute is refused."""

    note = NoteInputSerializer(many=True, required=False, allow_empty=False, max_length=5)
    status = serializers.ChoiceField(
        choices=CLOSING,
        required=False,
        error_messages={"invalid_choice": "A partner may set only closed or cancelled."},
    )
    statusChangeReason = serializers.CharField(max_length=300, required=False, allow_blank=True)

    def validate(self, attrs: dict[str, object]) -> dict[str, object]:
        sent = self.initial_data if isinstance(self.initial_data, dict) else {}
        others = sorted(key for key in sent if key not in PATCHABLE)
        if others:
            raise ValidationError({others[0]: "This attribute cannot be changed through the "
                                   "API: only note, status and statusChangeReason."})  # fmt: skip
        if attrs.get("statusChangeReason") and "status" not in attrs:
            raise ValidationError({"statusChangeReason": "Give it with a status."})
        if not attrs.get("note") and "status" not in attrs:
            raise ValidationError("Nothing to change: send a note, or status closed or cancelled.")
        return attrs
