"""TMF629 Customer (the partner's own customers only) and TMF678 Customer Bill."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from azultel.api import selectors
from azultel.api.disclosures import partner_read_record
from azultel.api.paging import page_of
from azultel.api.permissions import request_partner
from azultel.api.serializers.parties import CustomerBillSerializer, CustomerSerializer
from azultel.api.views.base import FIELDS, LIST_PARAMETERS, TmfView
from azultel.api.views.catalog import ERRORS
from azultel.billing.pdf import bill_pdf

CUSTOMER_CATEGORIES = ["user.name", "user.contact.email"]
BILL_CATEGORIES = ["user.name", "user.financial.account", "user.contact.address"]


class CustomerList(TmfView):
    scopes = {"GET": "customer"}

    @extend_schema(
        operation_id="listCustomer",
        tags=["TMF629 Customer"],
        parameters=LIST_PARAMETERS,
        responses={200: CustomerSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        partner = request_partner(request)
        page, headers = page_of(request, selectors.customers_of(partner=partner))
        partner_read_record(partner=partner, customers=page, categories=CUSTOMER_CATEGORIES,
                            what="customers")  # fmt: skip
        return self.rendered(request, CustomerSerializer, page, headers)


class CustomerDetail(TmfView):
    scopes = {"GET": "customer"}

    @extend_schema(
        operation_id="retrieveCustomer",
        tags=["TMF629 Customer"],
        parameters=[FIELDS],
        responses={200: CustomerSerializer, **ERRORS},
    )
    def get(self, request: Request, customer_id: str) -> Response:
        partner = request_partner(request)
        customer = selectors.customer_get(partner=partner, customer_id=customer_id)
        if customer is None:
            raise NotFound("No such customer.")
        partner_read_record(partner=partner, customers=[customer],
                            categories=CUSTOMER_CATEGORIES, what="customer")  # fmt: skip
        return self.rendered_one(request, CustomerSerializer, customer)


class CustomerBillList(TmfView):
    scopes = {"GET": "bill"}

    @extend_schema(
        operation_id="listCustomerBill",
        tags=["TMF678 Customer Bill"],
        parameters=LIST_PARAMETERS,
        responses={200: CustomerBillSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        partner = request_partner(request)
        page, headers = page_of(request, selectors.bills_of(partner=partner))
        partner_read_record(partner=partner, customers=[b.account.customer for b in page],
                            categories=BILL_CATEGORIES, what="bills")  # fmt: skip
        return self.rendered(request, CustomerBillSerializer, page, headers)


class CustomerBillDetail(TmfView):
    scopes = {"GET": "bill"}

    @extend_schema(
        operation_id="retrieveCustomerBill",
        tags=["TMF678 Customer Bill"],
        parameters=[FIELDS],
        responses={200: CustomerBillSerializer, **ERRORS},
    )
    def get(self, request: Request, bill_id: str) -> Response:
        partner = request_partner(request)
        bill = selectors.bill_get(partner=partner, bill_id=bill_id)
        if bill is None:
            raise NotFound("No such bill.")
        partner_read_record(partner=partner, customers=[bill.account.customer],
                            categories=BILL_CATEGORIES, what="bill")  # fmt: skip
        return self.rendered_one(request, CustomerBillSerializer, bill)


class CustomerBillPdf(TmfView):
    scopes = {"GET": "bill"}

    @extend_schema(
        operation_id="retrieveCustomerBillDocument",
        tags=["TMF678 Customer Bill"],
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY), **ERRORS},
    )
    def get(self, request: Request, bill_id: str) -> HttpResponse:
        partner = request_partner(request)
        bill = selectors.bill_get(partner=partner, bill_id=bill_id)
        if bill is None:
            raise NotFound("No such bill.")
        partner_read_record(partner=partner, customers=[bill.account.customer],
                            categories=BILL_CATEGORIES, what="bill document")  # fmt: skip
        company = {"name": settings.COMPANY_NAME, "postal_address": settings.COMPANY_POSTAL_ADDRESS,
                   "phone": settings.COMPANY_PHONE, "site_url": settings.SITE_URL}  # fmt: skip
        content = bill_pdf(bill=bill, lines=bill.lines.all(), company=company)
        return HttpResponse(content, content_type="application/pdf")
