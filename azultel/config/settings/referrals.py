"""Tell a friend (azultel.referrals; docs/architecture.md "Referrals (tell a friend)").

The hash purge's schedule is referrals.tasks.PERIODIC.
"""

from __future__ import annotations

from azultel.config.env import env_int

# B3: a friend's keyed address hash is erased this many days after the invitation (the counts
# of sent, signed up and ordered stay, without it).
REFERRALS_HASH_RETENTION_DAYS = env_int("REFERRALS_HASH_RETENTION_DAYS", 180)
# P05: an address invited in the last this-many days gets no second invitation from anyone.
REFERRALS_REPEAT_DAYS = env_int("REFERRALS_REPEAT_DAYS", 30)
# Abuse limits per day: invitations one signed-in sender may send, attempts at one friend's
# address (beyond it nothing is sent, and the sender is not told), and a visitor's client address.
REFERRALS_PER_SENDER_DAY = env_int("REFERRALS_PER_SENDER_DAY", 5)
REFERRALS_PER_ADDRESS_DAY = env_int("REFERRALS_PER_ADDRESS_DAY", 3)
REFERRALS_PER_VISITOR_DAY = env_int("REFERRALS_PER_VISITOR_DAY", 3)
# A visitor must take at least this many seconds between opening the form and sending it.
REFERRALS_MIN_FORM_SECONDS = env_int("REFERRALS_MIN_FORM_SECONDS", 3)
# A credit (in cents) on the first bill of a friend who orders; 0 gives none.
REFERRALS_FRIEND_CREDIT_CENTS = env_int("REFERRALS_FRIEND_CREDIT_CENTS", 0)
