"""Contact lists from partners and co-sponsors (azultel.lists; docs "lists")."""

from __future__ import annotations

from azultel.config.env import env_int

# An import file may hold at most this many contacts and this many bytes; a larger file is
# refused whole, with nothing imported.
LISTS_IMPORT_MAX_ROWS = env_int("LISTS_IMPORT_MAX_ROWS", 50_000)
LISTS_IMPORT_MAX_BYTES = env_int("LISTS_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# List entries (with their consent evidence) are deleted this many months after the import (B3).
LISTS_CONTACT_RETENTION_MONTHS = env_int("LISTS_CONTACT_RETENTION_MONTHS", 24)
