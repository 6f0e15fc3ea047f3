"""Job listings, applications with résumés, and voluntary equal-opportunity answers.

An ``Application`` belongs to no account: the applicant reaches it through a private status link
whose token is stored only as a keyed hash. ``EqualOpportunityAnswer`` holds no reference to the
application it came with (only the listing and the day), so nobody deciding can read it.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from localflavor.us.us_states import US_STATES

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal
from azultel.privacy.fields import EncryptedTextField, WordIndexField

REMOTE = "remote"
LOCATION_CHOICES: list[tuple[str, str]] = [(REMOTE, "Remote (United States)"), *US_STATES]
# States (and remote, which can be anywhere) whose laws require a pay range on a job posting.
PAY_RANGE_STATES = frozenset(
    {REMOTE, "CA", "CO", "DC", "HI", "IL", "MA", "MD", "MN", "NJ", "NY", "VT", "WA"}
)


class Department(models.TextChoices):
    NETWORK = "network", _("Network engineering")
    FIELD = "field", _("Field operations")
    CARE = "care", _("Customer care")
    SOFTWARE = "software", _("Software and IT")
    RETAIL = "retail", _("Retail stores")
    CORPORATE = "corporate", _("Corporate")


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    CONTRACT = "contract", _("Contract")
    INTERNSHIP = "internship", _("Internship")


class PayPeriod(models.TextChoices):
    YEAR = "year", _("a year")
    HOUR = "hour", _("an hour")


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class JobListing(BaseModel):
    """A job. Shown publicly while open (or scheduled and past ``publish_at``) and before
    ``close_at``; the public address (``slug``) never changes once made."""

    id = models.BigAutoField(primary_key=True)
    slug = models.SlugField(max_length=90, unique=True, editable=False)
    title = models.CharField(max_length=120)
    department = models.CharField(max_length=16, choices=Department.choices)
    location = models.CharField(max_length=8, choices=LOCATION_CHOICES)
    employment_type = models.CharField(max_length=16, choices=EmploymentType.choices)
    pay_min = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    pay_max = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    pay_period = models.CharField(max_length=8, choices=PayPeriod.choices, default=PayPeriod.YEAR)
    description = models.TextField(help_text="The small text format: paragraphs and - lists.")
    status = models.CharField(
        max_length=12, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    publish_at = models.DateTimeField(null=True, blank=True)
    close_at = models.DateTimeField(null=True, blank=True)
    posted_on = models.DateField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {}

    class Meta:
        ordering = ["-posted_on", "title", "id"]
        indexes = [models.Index(fields=["status", "publish_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pay_min__isnull=True)
                | models.Q(pay_max__isnull=True)
                | models.Q(pay_min__lte=models.F("pay_max")),
                name="joblisting_pay_range_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ListingStatus.values),
                name="joblisting_known_status",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def location_label(self) -> str:
        return dict(LOCATION_CHOICES).get(self.location, self.location)


class ListingQuestion(BaseModel):
    """A question of a listing's own, answered in the application form."""

    id = models.BigAutoField(primary_key=True)
    listing = models.ForeignKey(JobListing, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    required = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    data_map: ClassVar[dict[str, Declaration]] = {}

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Stage(models.TextChoices):
    NEW = "new", _("New")
    SCREENING = "screening", _("Screening")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# HR may move an application only between these; "withdrawn" is the applicant's alone.
HR_STAGES = (
    Stage.NEW, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED, Stage.REJECTED
)  # fmt: skip
ENDED_STAGES = frozenset({Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN})


class TextExtraction(models.TextChoices):
    PENDING = "pending", _("Waiting")
    DONE = "done", _("Done")
    FAILED = "failed", _("Could not be read")
    NONE = "none", _("No résumé")


_APPLICANT = ("recruiting",)


class Application(BaseModel):
    """One application to a listing, or a general résumé (``listing`` empty)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    listing = models.ForeignKey(
        JobListing, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254, db_index=True)
    phone = models.CharField(max_length=32, blank=True)
    cover_letter = models.TextField(blank=True)
    # [{"question": text, "answer": text}], the questions as they were asked.
    answers = models.JSONField(default=list, blank=True)
    resume = models.ForeignKey(
        "core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The résumé's words, encrypted (only privacy decrypts); HR searches the blind word index.
    resume_text = EncryptedTextField(
        "résumé text", blank=True, mask="hidden", word_index_field="resume_words"
    )
    resume_words = WordIndexField(blank=True, default="", editable=False)
    text_extraction = models.CharField(
        max_length=8, choices=TextExtraction.choices, default=TextExtraction.PENDING
    )
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.NEW)
    stage_changed_at = models.DateTimeField(db_index=True)
    status_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    submission_key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # A hired applicant's application once the résumé period has ended (retention).
    reduced = models.BooleanField(default=False)

    data_map: ClassVar[dict[str, Declaration]] = {
        "name": Personal("user.name", _APPLICANT, "resume_1y"),
        "email": Personal(
            "user.contact.email",
            _APPLICANT,
            "resume_1y",
            description="to acknowledge the application and write about it",
        ),
        "phone": Personal("user.contact.phone", _APPLICANT, "resume_1y"),
        "cover_letter": Personal("user.employment", _APPLICANT, "resume_1y"),
        "answers": Personal(
            "user.employment",
            _APPLICANT,
            "resume_1y",
            description="answers to the listing's own questions",
        ),
        "resume": Personal(
            "user.employment", _APPLICANT, "resume_1y", description="the résumé file (encrypted)"
        ),
        "resume_text": Personal(
            "user.employment",
            _APPLICANT,
            "resume_1y",
            sensitive=True,
            description="the résumé's words, encrypted; HR searches them by whole word through "
            "a keyed-hash index and never sees them on a page",
        ),
        "resume_words": Personal(
            "user.employment",
            _APPLICANT,
            "resume_1y",
            description="keyed hashes of the résumé's distinct words (no words in clear), so HR "
            "can search résumés without the text being readable in the database",
        ),
        "stage": Personal(
            "user.employment",
            _APPLICANT,
            "hire_record",
            description="where the application is in hiring",
        ),
        "status_token_hash": NotPersonal("keyed hash of the private status link's secret"),
        "submission_key_hash": NotPersonal("keyed hash of the form's one-time submission key"),
    }

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("download_resume", "Can download applicants' résumés"),
            ("view_eeo_report", "Can see the equal-opportunity totals"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="application_known_stage"
            ),
        ]

    def __str__(self) -> str:
        return f"application {self.pk}"


class ApplicationNote(BaseModel):
    """An HR note on an application, with an optional rating (1-5)."""

    id = models.BigAutoField(primary_key=True)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "body": Personal(
            "user.employment",
            _APPLICANT,
            "resume_1y",
            description="HR's notes about the applicant",
        ),
        "rating": Personal("user.employment", _APPLICANT, "resume_1y"),
    }

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="applicationnote_rating_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"note {self.pk}"


class Gender(models.TextChoices):
    DECLINED = "declined", _("I prefer not to say")
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    SELF_DESCRIBED = "other", _("Another gender")


class Ethnicity(models.TextChoices):
    DECLINED = "declined", _("I prefer not to say")
    HISPANIC = "hispanic", _("Hispanic or Latino")
    WHITE = "white", _("White")
    BLACK = "black", _("Black or African American")
    ASIAN = "asian", _("Asian")
    NATIVE = "native", _("American Indian or Alaska Native")
    PACIFIC = "pacific", _("Native Hawaiian or Other Pacific Islander")
    TWO_OR_MORE = "two_or_more", _("Two or more races")


class YesNoDeclined(models.TextChoices):
    DECLINED = "declined", _("I prefer not to say")
    YES = "yes", _("Yes")
    NO = "no", _("No")


class EqualOpportunityAnswer(models.Model):
    """Voluntary self-identification, kept apart: no link to the application or the person.

    Only the listing and the day are kept, to count by listing; it is read only as totals with
    small groups suppressed (P16) and deleted on the application retention clock.
    """

    id = models.BigAutoField(primary_key=True)
    listing = models.ForeignKey(
        JobListing, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_on = models.DateField(db_index=True)
    gender = models.CharField(max_length=12, choices=Gender.choices, default=Gender.DECLINED)
    ethnicity = models.CharField(
        max_length=12, choices=Ethnicity.choices, default=Ethnicity.DECLINED
    )
    veteran = models.CharField(
        max_length=8, choices=YesNoDeclined.choices, default=YesNoDeclined.DECLINED
    )
    disability = models.CharField(
        max_length=8, choices=YesNoDeclined.choices, default=YesNoDeclined.DECLINED
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "gender": Personal(
            "user.employment",
            ("legal",),
            "resume_1y",
            description="voluntary equal-opportunity answers, not linked to any application",
        ),
        "ethnicity": Personal("user.employment", ("legal",), "resume_1y"),
        "veteran": Personal("user.employment", ("legal",), "resume_1y"),
        "disability": Personal("user.employment", ("legal",), "resume_1y"),
    }

    class Meta:
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return f"equal-opportunity answer {self.pk}"
