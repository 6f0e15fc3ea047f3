"""Public pages: the shop's state cookie and page cache, the contact form and the directory."""

from __future__ import annotations

from azultel.config.env import env_int, env_str

# The visitor's chosen US state for prices: the cookie holds the two-letter code and nothing else.
STATE_COOKIE_NAME = env_str("STATE_COOKIE_NAME", "azultel_state")
# Shop pages for visitors without a session are cached this long (seconds; 0: off). Catalog
# edits made through the models show at once; see azultel/catalog/page_cache.py.
CATALOG_CACHE_SECONDS = env_int("CATALOG_CACHE_SECONDS", 300)
# The parts of shop pages that are the same for every visitor of a state (product cards) are
# cached on their own, also for signed-in visitors and with the page cache off; the same catalog
# version invalidates them at any catalog change (0: off).
CATALOG_FRAGMENT_CACHE_SECONDS = env_int("CATALOG_FRAGMENT_CACHE_SECONDS", 300)
DIRECTORY_RATE_LIMIT = env_int("DIRECTORY_RATE_LIMIT", 30)
DIRECTORY_RATE_WINDOW_SECONDS = env_int("DIRECTORY_RATE_WINDOW_SECONDS", 600)
CONTACT_RATE_LIMIT = env_int("CONTACT_RATE_LIMIT", 5)
CONTACT_RATE_WINDOW_SECONDS = env_int("CONTACT_RATE_WINDOW_SECONDS", 600)
