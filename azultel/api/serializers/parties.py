"""TMF629 Customer and TMF678 Customer Bill.

A customer is shown with a name and an email to reach them, nothing more: no date of birth, no
SSN, no card (P24), no listing (P06). Each read is a recorded disclosure (``api.disclosures``).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from azultel.accounts.models import User
from azultel.api.serializers.common import HrefField, MoneySerializer, TmfSerializer, money
from azultel.billing.models import Bill


class ContactMediumSerializer(serializers.Serializer):  # type: ignore[type-arg]
    mediumType = serializers.CharField(read_only=True)
    preferred = serializers.BooleanField(read_only=True)
    characteristic = serializers.DictField(child=serializers.CharField(), read_only=True)


class EngagedPartySerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class CustomerSerializer(TmfSerializer):
    tmf_type = "Customer"
    id = serializers.UUIDField(source="public_id", read_only=True)
    href = HrefField("api:customer_detail", "public_id")
    name = serializers.CharField(source="get_full_name", read_only=True)
    status = serializers.SerializerMethodField()
    engagedParty = serializers.SerializerMethodField()
    contactMedium = serializers.SerializerMethodField()

    def get_status(self, user: User) -> str:
        return "Approved" if user.is_active else "Closed"

    @extend_schema_field(EngagedPartySerializer)
    def get_engagedParty(self, user: User) -> dict[str, str]:
        return {"id": str(user.public_id), "name": user.get_full_name(),
                "@referredType": "Individual"}  # fmt: skip

    @extend_schema_field(ContactMediumSerializer(many=True))
    def get_contactMedium(self, user: User) -> list[dict[str, object]]:
        return [{"mediumType": "email", "preferred": True,
                 "characteristic": {"emailAddress": user.email}}]  # fmt: skip


BILL_STATES = {"open": "new", "paid": "settled", "carried": "partiallyPaid"}


class BillDocumentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField(read_only=True)
    href = serializers.CharField(read_only=True)
    mimeType = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class CustomerBillSerializer(TmfSerializer):
    tmf_type = "CustomerBill"
    id = serializers.UUIDField(read_only=True)
    href = HrefField("api:customer_bill_detail")
    billNo = serializers.CharField(source="number", read_only=True)
    billDate = serializers.DateTimeField(source="issued_at", read_only=True)
    paymentDueDate = serializers.SerializerMethodField()
    state = serializers.SerializerMethodField()
    category = serializers.SerializerMethodField()
    amountDue = serializers.SerializerMethodField()
    taxExcludedAmount = serializers.SerializerMethodField()
    taxIncludedAmount = serializers.SerializerMethodField()
    billingPeriod = serializers.SerializerMethodField()
    billDocument = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DateTimeField())
    def get_paymentDueDate(self, bill: Bill) -> str:
        return f"{bill.due_date.isoformat()}T00:00:00Z"

    def get_state(self, bill: Bill) -> str:
        return BILL_STATES.get(bill.status, "new")

    def get_category(self, bill: Bill) -> str:
        return "normal"

    @extend_schema_field(MoneySerializer)
    def get_amountDue(self, bill: Bill) -> dict[str, object]:
        return money(bill.amount_due)

    @extend_schema_field(MoneySerializer)
    def get_taxExcludedAmount(self, bill: Bill) -> dict[str, object]:
        return money(bill.charges_total)

    @extend_schema_field(MoneySerializer)
    def get_taxIncludedAmount(self, bill: Bill) -> dict[str, object]:
        return money(bill.charges_total + bill.taxes_total)

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_billingPeriod(self, bill: Bill) -> dict[str, str]:
        return {"startDateTime": f"{bill.period_start.isoformat()}T00:00:00Z",
                "endDateTime": f"{bill.period_end.isoformat()}T23:59:59Z"}  # fmt: skip

    @extend_schema_field(BillDocumentSerializer(many=True))
    def get_billDocument(self, bill: Bill) -> list[dict[str, str]]:
        path = f"/api/tmf-api/customerBillManagement/v4/customerBill/{bill.pk}/pdf"
        request = self.context.get("request")
        href = request.build_absolute_uri(path) if request is not None else path
        return [{"id": f"{bill.pk}-pdf", "href": href, "mimeType": "application/pdf",
                 "name": f"Bill {bill.number}", "@type": "Document"}]  # fmt: skip
