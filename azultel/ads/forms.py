"""Staff forms for campaigns and creatives: every choice from a fixed list, nothing free-form
that could become an address."""

from __future__ import annotations

from django import forms

from azultel.ads.models import DestinationKind, Illustration, Interest, Placement
from azultel.ads.services import CampaignFields, CreativeFields
from azultel.catalog.selectors import product_list_from_prices
from azultel.catalog.states import service_state_choices
from azultel.site.pages import page_list


def _plan_choices() -> list[tuple[str, str]]:
    return [
        (f"plan:{o.product.slug}", f"Plan: {o.product.name}") for o in product_list_from_prices()
    ]


def _page_choices() -> list[tuple[str, str]]:
    return [(f"page:{p.url_name}", f"Page: {p.title}") for p in page_list()]


class CampaignForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    placements = forms.MultipleChoiceField(
        label="Where it may appear", widget=forms.CheckboxSelectMultiple
    )
    starts_on = forms.DateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label="Last day", widget=forms.DateInput(attrs={"type": "date"}))
    priority = forms.IntegerField(
        label="Priority (1 to 9; the highest shows first)", min_value=1, max_value=9, initial=5
    )
    states = forms.MultipleChoiceField(
        label="States (none chosen: every state)",
        required=False,
        choices=service_state_choices,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    interest = forms.ChoiceField(
        label="Only for visitors interested in (optional)",
        required=False,
        choices=[("", "Everyone"), *Interest.choices],
    )
    daily_cap = forms.IntegerField(
        label="Shows per visitor per day", min_value=1, max_value=20, initial=3
    )
    active = forms.BooleanField(label="Running (untick to pause)", required=False)
    partner_name = forms.CharField(label="Partner (optional)", max_length=120, required=False)
    partner_email = forms.EmailField(
        label="Partner's address for the weekly report (optional)",
        required=False,
        help_text="Once a week the partner gets last week's counts per day; counts under "
        "the threshold are left blank, so no one can be picked out.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["placements"].choices = [  # type: ignore[attr-defined]
            (p.slug, p.name) for p in Placement.objects.order_by("name")
        ]

    def clean(self) -> dict[str, object] | None:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:  # type: ignore[operator]
            self.add_error("ends_on", "The last day must be on or after the first day.")
        return data

    def fields_value(self) -> CampaignFields:
        data = self.cleaned_data
        return CampaignFields(
            name=data["name"],
            placements=tuple(data["placements"]),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            priority=data["priority"],
            states=tuple(data["states"]),
            interest=data["interest"],
            daily_cap=data["daily_cap"],
            active=data["active"],
            partner_name=data["partner_name"],
            partner_email=data["partner_email"],
        )


class CreativeForm(forms.Form):
    headline = forms.CharField(label="Headline", max_length=80)
    text = forms.CharField(label="Words", max_length=240, widget=forms.Textarea(attrs={"rows": 3}))
    illustration = forms.ChoiceField(label="Picture", required=False, choices=Illustration.choices)
    alt_text = forms.CharField(
        label="What the picture shows (for screen readers)", max_length=150, required=False
    )
    destination = forms.ChoiceField(label="Where the ad leads")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["destination"].choices = [  # type: ignore[attr-defined]
            *_plan_choices(),
            *_page_choices(),
        ]

    def clean(self) -> dict[str, object] | None:
        data = super().clean() or {}
        if data.get("illustration") and not data.get("alt_text"):
            self.add_error("alt_text", "Say what the picture shows, or choose no picture.")
        return data

    def fields_value(self) -> CreativeFields:
        data = self.cleaned_data
        kind, _, destination = str(data["destination"]).partition(":")
        return CreativeFields(
            headline=data["headline"],
            text=data["text"],
            illustration=data["illustration"],
            alt_text=data["alt_text"],
            destination_kind=DestinationKind(kind),
            destination=destination,
        )


class PreviewForm(forms.Form):
    placement = forms.ChoiceField(label="Place")
    state = forms.ChoiceField(
        label="State", required=False, choices=[("", "No state chosen"), *service_state_choices()]
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["placement"].choices = [  # type: ignore[attr-defined]
            (p.slug, p.name) for p in Placement.objects.order_by("name")
        ]
