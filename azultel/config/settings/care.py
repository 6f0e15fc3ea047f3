"""The care desk (azultel.care; docs/architecture.md "Care desk"): caller verification windows,
limits and one-time codes (47 CFR 64.2010(b)). The reminder and outage jobs are care.tasks.PERIODIC.
"""

from __future__ import annotations

from azultel.config.env import env_int

# A verified caller stays verified for this staff member for this many minutes.
CARE_VERIFICATION_MINUTES = env_int("CARE_VERIFICATION_MINUTES", 15)
# Failed passcode or code attempts for one customer (any staff member) that lock verification.
CARE_VERIFICATION_MAX_FAILURES = env_int("CARE_VERIFICATION_MAX_FAILURES", 5)
# How long verification stays locked after too many failures.
CARE_VERIFICATION_LOCK_MINUTES = env_int("CARE_VERIFICATION_LOCK_MINUTES", 30)
# How long a one-time code emailed to the address on file can be used.
CARE_CODE_MINUTES = env_int("CARE_CODE_MINUTES", 10)
