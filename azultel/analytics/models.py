"""Anonymous site statistics: raw page views (30 days), rollups (kept), bot counts, daily salts.

A page view holds only what P01 allows: the minute, the path, the external referrer's domain, the
browser, platform and device families, the visitor's chosen US state, the response status and
server time, and a visitor hash that changes every day and is cleared once the day is closed.
Nothing here is linked to an account.
Raw rows do not inherit ``BaseModel``: its exact ``created_at`` would defeat the minute rounding.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from azultel.privacy.datamap import Declaration, NotPersonal, Personal


class DeviceClass(models.TextChoices):
    DESKTOP = "desktop", "Desktop"
    MOBILE = "mobile", "Mobile"
    TABLET = "tablet", "Tablet"
    BOT = "bot", "Bot"
    OTHER = "other", "Other"


class Dimension(models.IntegerChoices):
    """What a rollup row counts by. TOTAL rows (value "") hold the site-wide figures."""

    TOTAL = 0, "All pages"
    PAGE = 1, "Page"
    REFERRER = 2, "Referrer"
    CAMPAIGN = 3, "Campaign"
    BROWSER = 4, "Browser"
    PLATFORM = 5, "Platform"
    DEVICE = 6, "Device"
    STATE = 7, "State"
    NOT_FOUND = 8, "Page not found"


class TimingMetric(models.IntegerChoices):
    SERVER = 1, "Server time"
    LOAD = 2, "Page load in the browser"


PATH_MAX_LENGTH = 300
VALUE_MAX_LENGTH = 320


class PageView(models.Model):
    """One counted page view, kept for ANALYTICS_RAW_RETENTION_DAYS (30) days (B3)."""

    minute = models.DateTimeField(help_text="Time of the view, rounded down to the minute (UTC).")
    path = models.CharField(max_length=PATH_MAX_LENGTH)
    referrer_domain = models.CharField(max_length=253, blank=True)
    browser = models.CharField(max_length=50)
    platform = models.CharField(max_length=50)
    device = models.CharField(max_length=10, choices=DeviceClass.choices)
    state = models.CharField(max_length=2, blank=True)
    status = models.PositiveSmallIntegerField()
    server_ms = models.PositiveIntegerField()
    visitor_hash = models.CharField(max_length=32, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "visitor_hash": Personal(
            "user.device",
            ("analytics",),
            "analytics_30d",
            description="keyed hash of a salt deleted within 48 hours, the address and the "
            "browser; links views of one day only, cleared when the day is closed (at most two "
            "hours after it ends), empty under Do Not Track or GPC",
        ),
        "minute": NotPersonal("time rounded down to the minute"),
        "path": NotPersonal("page address without its query string (campaign tags kept)"),
        "referrer_domain": NotPersonal("domain of the external site that linked here"),
        "browser": NotPersonal("browser family, without version or the full user agent"),
        "platform": NotPersonal("operating system family"),
        "device": NotPersonal("device class: desktop, mobile, tablet or other"),
        "state": NotPersonal("US state the visitor chose for prices, never located from an IP"),
        "status": NotPersonal("HTTP status of the response"),
        "server_ms": NotPersonal("time the server took to answer"),
    }

    class Meta:
        ordering = ["-minute", "-id"]
        indexes = [
            models.Index(fields=["minute"], name="analytics_pv_minute"),
            models.Index(fields=["visitor_hash", "minute"], name="analytics_pv_visitor"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(device__in=DeviceClass.values), name="analytics_pv_device_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minute:%Y-%m-%d %H:%M} {self.path}"


class Rollup(models.Model):
    """Counts for one bucket, dimension and value. Rows are only ever incremented (upserts)."""

    dimension = models.PositiveSmallIntegerField(choices=Dimension.choices)
    value = models.CharField(max_length=VALUE_MAX_LENGTH, blank=True)
    views = models.PositiveIntegerField(default=0)
    visitors = models.PositiveIntegerField(default=0)
    entries = models.PositiveIntegerField(default=0)

    data_map: ClassVar[dict[str, Declaration]] = {
        "value": NotPersonal(
            "a page, referrer domain, campaign, browser, platform, device or state"
        ),
    }

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.bucket} {self.get_dimension_display()} {self.value}: {self.views}"  # type: ignore[attr-defined]


class HourlyRollup(Rollup):
    """Counts per hour (bucket = start of the hour, UTC). Visitors are distinct within the hour."""

    bucket = models.DateTimeField()

    class Meta:
        ordering = ["-bucket", "dimension", "-views"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "value", "bucket"], name="analytics_hourly_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(dimension__in=Dimension.values),
                name="analytics_hourly_dimension_valid",
            ),
        ]
        indexes = [models.Index(fields=["bucket"], name="analytics_hourly_bucket")]


class DailyRollup(Rollup):
    """Counts per local day. Visitors are distinct within the day (the salt's lifetime)."""

    bucket = models.DateField()

    class Meta:
        ordering = ["-bucket", "dimension", "-views"]
        permissions = [
            ("view_dashboard", "Can see the site statistics dashboard and download its exports"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "value", "bucket"], name="analytics_daily_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(dimension__in=Dimension.values),
                name="analytics_daily_dimension_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["dimension", "bucket", "views"], name="analytics_daily_views"),
            models.Index(fields=["dimension", "bucket", "entries"], name="analytics_daily_entries"),
        ]


class MonthlyRollup(Rollup):
    """Counts per local month (bucket = first day). Visitors are the sum of daily visitors."""

    bucket = models.DateField()

    class Meta:
        ordering = ["-bucket", "dimension", "-views"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "value", "bucket"], name="analytics_monthly_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(dimension__in=Dimension.values),
                name="analytics_monthly_dimension_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["dimension", "bucket", "views"], name="analytics_monthly_views"),
            models.Index(
                fields=["dimension", "bucket", "entries"], name="analytics_monthly_entries"
            ),
        ]


class Timing(models.Model):
    """A histogram of response times: how many views of ``path`` fell into bin ``bin``.

    ``path`` "" holds the whole site. Bin edges are in ``azultel.analytics.timing_bins``. The
    unique index leads with the path: the dashboard reads a few pages' histograms over a range.
    """

    metric = models.PositiveSmallIntegerField(choices=TimingMetric.choices)
    path = models.CharField(max_length=PATH_MAX_LENGTH, blank=True)
    bin = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    data_map: ClassVar[dict[str, Declaration]] = {
        "path": NotPersonal("page address without its query string"),
    }

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.bucket} {self.path} bin {self.bin}: {self.count}"  # type: ignore[attr-defined]


class DailyTiming(Timing):
    bucket = models.DateField()

    class Meta:
        ordering = ["-bucket", "metric", "path", "bin"]
        constraints = [
            models.UniqueConstraint(
                fields=["path", "bucket", "metric", "bin"], name="analytics_dailytiming_unique"
            ),
        ]


class MonthlyTiming(Timing):
    bucket = models.DateField()

    class Meta:
        ordering = ["-bucket", "metric", "path", "bin"]
        constraints = [
            models.UniqueConstraint(
                fields=["path", "bucket", "metric", "bin"], name="analytics_monthlytiming_unique"
            ),
        ]


class BotHit(models.Model):
    """Requests from bots and crawlers, counted apart by day and family; never in the statistics."""

    day = models.DateField()
    family = models.CharField(max_length=50)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "-hits"]
        constraints = [
            models.UniqueConstraint(fields=["day", "family"], name="analytics_bothit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.family}: {self.hits}"


class SeenScope(models.IntegerChoices):
    DAY = 0, "Day"
    HOUR = 1, "Hour"


class VisitorSeen(models.Model):
    """What a visitor hash has already been counted for today: a visitor counts once per value.

    Kept for the current day only (the hash changes every day): ``analytics_purge`` deletes the
    rows of past days. Reading this instead of raw views keeps a batch's cost independent of how
    many views the same visitor made earlier in the day.
    """

    visitor_hash = models.CharField(max_length=32)
    scope = models.PositiveSmallIntegerField(choices=SeenScope.choices)
    bucket = models.DateTimeField(help_text="Start of the local day, or of the hour (UTC).")
    dimension = models.PositiveSmallIntegerField(choices=Dimension.choices)
    value = models.CharField(max_length=VALUE_MAX_LENGTH, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "visitor_hash": Personal(
            "user.device",
            ("analytics",),
            "analytics_30d",
            description="the day's visitor hash, kept until the day is over",
        ),
        "value": NotPersonal(
            "a page, referrer domain, campaign, browser, platform, device or state"
        ),
    }

    class Meta:
        verbose_name = "visitor seen"
        verbose_name_plural = "visitors seen"
        ordering = ["visitor_hash", "scope", "bucket"]
        constraints = [
            models.UniqueConstraint(
                fields=["visitor_hash", "scope", "bucket", "dimension", "value"],
                name="analytics_visitorseen_unique",
            ),
        ]
        indexes = [models.Index(fields=["bucket"], name="analytics_seen_bucket")]

    def __str__(self) -> str:
        return f"{self.bucket} {self.get_dimension_display()} {self.value}"


class ClosedDay(models.Model):
    """A local day whose statistics are final: its raw views no longer hold visitor hashes.

    Every day up to the latest closed day counts as closed. A view of a closed day written late
    (a backlog) counts as a view and never as a visitor: its day's visitors are final.
    """

    day = models.DateField(unique=True)

    class Meta:
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} closed"


class DailySalt(models.Model):
    """The random key of one day's visitor hashes. Deleted when the day is over (48 h at most)."""

    day = models.DateField(unique=True)
    salt = models.BinaryField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "salt": NotPersonal("random bytes; without them a visitor hash cannot be recomputed"),
    }

    class Meta:
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"salt for {self.day}"
