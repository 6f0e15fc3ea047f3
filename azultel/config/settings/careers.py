"""Job listings and applications (azultel.careers; docs/architecture.md "Careers").

The retention job's schedule is careers.tasks.PERIODIC.
"""

from __future__ import annotations

from azultel.config.env import env_int

# B3: an application not hired is deleted (résumé and row) this many months after its last
# change of stage; a hired one is reduced to a minimal record at the same point.
CAREERS_RETENTION_MONTHS = env_int("CAREERS_RETENTION_MONTHS", 12)
# Text taken from a résumé for HR search: at most this many characters, pages and seconds.
CAREERS_EXTRACT_MAX_CHARS = env_int("CAREERS_EXTRACT_MAX_CHARS", 100_000)
CAREERS_EXTRACT_MAX_PAGES = env_int("CAREERS_EXTRACT_MAX_PAGES", 30)
CAREERS_EXTRACT_TIMEOUT_SECONDS = env_int("CAREERS_EXTRACT_TIMEOUT_SECONDS", 20)
# Applications per client address per hour (the public forms).
CAREERS_APPLY_RATE_LIMIT = env_int("CAREERS_APPLY_RATE_LIMIT", 10)
