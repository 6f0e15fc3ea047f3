"""TMF621 Trouble Ticket: list, read, create and update (notes, closing), for the partner's own
customers only."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from azultel.api import selectors, services
from azultel.api.disclosures import partner_read_record
from azultel.api.errors import tmf_error
from azultel.api.paging import page_of
from azultel.api.permissions import request_partner
from azultel.api.serializers.tickets import (
    TroubleTicketCreateSerializer,
    TroubleTicketSerializer,
    TroubleTicketUpdateSerializer,
)
from azultel.api.views.base import FIELDS, LIST_PARAMETERS, TmfView
from azultel.api.views.catalog import ERRORS

TAG = ["TMF621 Trouble Ticket"]
# What a partner learns from a ticket: the problem in the customer's words and its history.
TICKET_CATEGORIES = ["user.content"]


class TroubleTicketList(TmfView):
    scopes = {"GET": "ticket", "POST": "ticket"}

    @extend_schema(
        operation_id="listTroubleTicket",
        tags=TAG,
        parameters=LIST_PARAMETERS,
        responses={200: TroubleTicketSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        partner = request_partner(request)
        page, headers = page_of(request, selectors.tickets_of(partner=partner))
        partner_read_record(partner=partner, customers=[t.customer for t in page],
                            categories=TICKET_CATEGORIES, what="trouble tickets")  # fmt: skip
        return self.rendered(request, TroubleTicketSerializer, page, headers)

    @extend_schema(
        operation_id="createTroubleTicket",
        tags=TAG,
        request=TroubleTicketCreateSerializer,
        responses={201: TroubleTicketSerializer, 422: ERRORS[400], **ERRORS},
    )
    def post(self, request: Request) -> Response:
        partner = request_partner(request)
        form = TroubleTicketCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        customer = selectors.customer_get(
            partner=partner, customer_id=data["relatedParty"][0]["id"]
        )
        if customer is None:
            return tmf_error(422, "relatedParty: no such customer of yours.")
        entities = data.get("relatedEntity") or []
        try:
            ticket = services.partner_ticket_open(
                partner=partner, customer=customer,
                service_id=entities[0]["id"] if entities else None,
                category=data["ticketType"], symptoms=data["description"],
            )  # fmt: skip
        except services.ApiTicketRefused as exc:
            return tmf_error(422, str(exc))
        ticket = selectors.ticket_get(partner=partner, ticket_id=ticket.pk) or ticket
        partner_read_record(partner=partner, customers=[customer],
                            categories=TICKET_CATEGORIES, what="trouble ticket")  # fmt: skip
        return self.rendered_one(
            request, TroubleTicketSerializer, ticket, status=status.HTTP_201_CREATED
        )


PATCH_DESCRIPTION = (
    "Add notes to a trouble ticket of one of your customers, or close it. Notes in `note` are "
    "added to the ticket's history, which is never rewritten. `status` may be `closed` (the "
    "problem is gone) or `cancelled` (reported by mistake); both close the ticket, which then "
    "reads back as `closed`, with `statusChangeReason` in its history. Staff decide every other "
    "status. A closed ticket takes no change (422): report a new problem instead. Another "
    "partner's ticket is 404. Accepts `application/json` and `application/merge-patch+json`."
)


class MergePatchParser(JSONParser):
    """TMF630 PATCH bodies as JSON Merge Patch (RFC 7386); parsed like JSON."""

    media_type = "application/merge-patch+json"


class TroubleTicketDetail(TmfView):
    scopes = {"GET": "ticket", "PATCH": "ticket"}
    parser_classes = [JSONParser, MergePatchParser]

    @extend_schema(
        operation_id="retrieveTroubleTicket",
        tags=TAG,
        parameters=[FIELDS],
        responses={200: TroubleTicketSerializer, **ERRORS},
    )
    def get(self, request: Request, ticket_id: str) -> Response:
        partner = request_partner(request)
        ticket = selectors.ticket_get(partner=partner, ticket_id=ticket_id)
        if ticket is None:
            raise NotFound("No such trouble ticket.")
        partner_read_record(partner=partner, customers=[ticket.customer],
                            categories=TICKET_CATEGORIES, what="trouble ticket")  # fmt: skip
        return self.rendered_one(request, TroubleTicketSerializer, ticket)

    @extend_schema(
        operation_id="patchTroubleTicket",
        tags=TAG,
        description=PATCH_DESCRIPTION,
        request=TroubleTicketUpdateSerializer,
        responses={200: TroubleTicketSerializer, **ERRORS},
    )
    def patch(self, request: Request, ticket_id: str) -> Response:
        partner = request_partner(request)
        ticket = selectors.ticket_get(partner=partner, ticket_id=ticket_id)
        if ticket is None:
            raise NotFound("No such trouble ticket.")
        form = TroubleTicketUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            services.partner_ticket_update(
                partner=partner, ticket=ticket, notes=[n["text"] for n in data.get("note", [])],
                status=data.get("status"), reason=data.get("statusChangeReason", ""),
            )  # fmt: skip
        except services.ApiTicketRefused as exc:
            return tmf_error(422, str(exc))
        ticket = selectors.ticket_get(partner=partner, ticket_id=ticket.pk) or ticket
        partner_read_record(partner=partner, customers=[ticket.customer],
                            categories=TICKET_CATEGORIES, what="trouble ticket")  # fmt: skip
        return self.rendered_one(request, TroubleTicketSerializer, ticket)
