from __future__ import annotations

import uuid
from typing import ClassVar

from django.db import models

from azultel.privacy.datamap import Declaration, Personal
from azultel.privacy.fields import EncryptedTextField, LookupHashField, digits_only


class IdentitySample(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    holder = models.ForeignKey(
        "privacy.DataSubject", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ssn = EncryptedTextField(blank=True, lookup_field="ssn_lookup", normalise=digits_only)
    ssn_lookup = LookupHashField()
    date_of_birth = EncryptedTextField(blank=True, mask="hidden")

    data_map: ClassVar[dict[str, Declaration]] = {
        "ssn": Personal(
            "user.government_id", ("credit_check",), "credit_check_90d", sensitive=True
        ),
        "ssn_lookup": Personal(
            "user.government_id",
            ("credit_check",),
            "credit_check_90d",
            description="keyed hash of the number, for search",
        ),
        "date_of_birth": Personal(
            "user.date_of_birth", ("credit_check",), "credit_check_90d", sensitive=True
        ),
    }

    def __str__(self) -> str:
        return f"identity sample {self.pk}"

    def privacy_subject(self) -> object:
        return self.holder


class UploadOwnerSample(models.Model):
    """Points at a private upload the way careers' application will (a hidden relation)."""

    upload = models.ForeignKey(
        "core.StoredFile", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"upload owner {self.pk}"
