"""Monthly bills and bill payments (azultel.billing; docs/operations.md "Billing").

The monthly run's schedule (the 1st at 02:00, TIME_ZONE) is billing.tasks.PERIODIC.
"""

from __future__ import annotations

from azultel.config.env import env_int, env_str

# A bill is due this many days after it is issued.
BILLING_DUE_DAYS = env_int("BILLING_DUE_DAYS", 21)
# Accounts per batch of the billing run (each batch is one transaction).
BILLING_RUN_BATCH_SIZE = env_int("BILLING_RUN_BATCH_SIZE", 1000)

# Collections (azultel.billing.collections): days counted from a bill's due date.
BILLING_REMINDER_BEFORE_DAYS = env_int("BILLING_REMINDER_BEFORE_DAYS", 3)
BILLING_LATE_FIRST_DAYS = env_int("BILLING_LATE_FIRST_DAYS", 1)
BILLING_LATE_SECOND_DAYS = env_int("BILLING_LATE_SECOND_DAYS", 10)
# The late fee (the terms page states it): the greater of a minimum and a percentage of the
# overdue amount, once per bill, on the next bill.
BILLING_LATE_FEE_MINIMUM = env_str("BILLING_LATE_FEE_MINIMUM", "5.00")
BILLING_LATE_FEE_PERCENT = env_str("BILLING_LATE_FEE_PERCENT", "1.5")
BILLING_SUSPEND_AFTER_DAYS = env_int("BILLING_SUSPEND_AFTER_DAYS", 30)
BILLING_SUSPEND_NOTICE_DAYS = env_int("BILLING_SUSPEND_NOTICE_DAYS", 7)
BILLING_WRITE_OFF_AFTER_DAYS = env_int("BILLING_WRITE_OFF_AFTER_DAYS", 90)
# The last instalment of a payment arrangement is at most this many days away.
BILLING_ARRANGEMENT_MAX_DAYS = env_int("BILLING_ARRANGEMENT_MAX_DAYS", 90)
