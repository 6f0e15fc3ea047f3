"""Monthly bills and bill payments (azultel.billing; docs/operations.md "Billing").

The monthly run's schedule (the 1st at 02:00, TIME_ZONE) is billing.tasks.PERIODIC.
"""

from __future__ import annotations

from azultel.config.env import env_int

# A bill is due this many days after it is issued.
BILLING_DUE_DAYS = env_int("BILLING_DUE_DAYS", 21)
# Accounts per batch of the billing run (each batch is one transaction).
BILLING_RUN_BATCH_SIZE = env_int("BILLING_RUN_BATCH_SIZE", 1000)
