"""Privacy limits not tied to one feature: partner aggregates and two-year retention (B3)."""

from __future__ import annotations

from azultel.config.env import env_int

# Partner aggregates blank every cell under this many people (k-anonymity).
PARTNER_REPORT_MIN_CELL = env_int("PARTNER_REPORT_MIN_CELL", 10)
# Retention (B3) of records the data map keeps for two years: contact messages, reveal and
# directory-assistance logs. Periodic jobs (site, privacy and directory tasks.py) delete them.
CONTACT_RETENTION_DAYS = env_int("CONTACT_RETENTION_DAYS", 730)
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 730)
