"""The payment arrangement form: two to four payments, each a date and an amount."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Unpack

from django import forms

from azultel.billing.collections.arrangements import MAX_INSTALMENTS, InstalmentPlan
from azultel.core.form_options import CleanedData, FormData, FormFiles, FormOptions

_AMOUNT_ERRORS = {
    "required": "Enter the amount of this payment.",
    "invalid": "Enter the amount in dollars and cents, like 25.00.",
    "min_value": "Enter an amount of at least $0.01.",
    "max_decimal_places": "Enter the amount in dollars and cents, like 25.00.",
    "max_digits": "That amount is too large.",
    "max_whole_digits": "That amount is too large.",
}


class ArrangementForm(forms.Form):
    """Payments 1 and 2 are required, 3 and 4 optional (each both a date and an amount)."""

    def __init__(
        self,
        data: FormData | None = None,
        files: FormFiles | None = None,
        **options: Unpack[FormOptions],
    ) -> None:
        super().__init__(data, files, **options)
        for n in range(1, MAX_INSTALMENTS + 1):
            required = n <= 2
            self.fields[f"date_{n}"] = forms.DateField(
                label=f"Date of payment {n}",
                required=required,
                widget=forms.DateInput(attrs={"type": "date"}),
                error_messages={
                    "required": "Enter the date of this payment.",
                    "invalid": "Enter a real date, like 2026-12-31.",
                },
            )
            self.fields[f"amount_{n}"] = forms.DecimalField(
                label=f"Amount of payment {n} (US dollars)",
                required=required,
                max_digits=12,
                decimal_places=2,
                min_value=Decimal("0.01"),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                error_messages=_AMOUNT_ERRORS,
            )

    @property
    def rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [(n, self[f"date_{n}"], self[f"amount_{n}"]) for n in range(1, MAX_INSTALMENTS + 1)]

    def clean(self) -> CleanedData:
        data = super().clean() or {}
        for n in range(3, MAX_INSTALMENTS + 1):
            day, amount = data.get(f"date_{n}"), data.get(f"amount_{n}")
            if day is not None and amount is None and f"amount_{n}" not in self.errors:
                self.add_error(
                    f"amount_{n}", "Enter the amount of this payment, or clear its date."
                )
            if amount is not None and day is None and f"date_{n}" not in self.errors:
                self.add_error(f"date_{n}", "Enter the date of this payment, or clear its amount.")
        return data

    def plan(self) -> list[InstalmentPlan]:
        data = self.cleaned_data
        plan = []
        for n in range(1, MAX_INSTALMENTS + 1):
            day, amount = data.get(f"date_{n}"), data.get(f"amount_{n}")
            if isinstance(day, date) and isinstance(amount, Decimal):
                plan.append(InstalmentPlan(day, amount))
        return plan
