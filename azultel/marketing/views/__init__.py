"""Views of the marketing app: staff pages (segments, campaigns, CPNI records) and the two
anonymous measurement endpoints (tracking)."""
