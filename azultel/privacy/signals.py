"""What privacy announces to the apps above it. Privacy imports none of them (one-way layers):
an app that must act on a privacy event connects a receiver in its ``AppConfig.ready``."""

from __future__ import annotations

from django.dispatch import Signal

#: Sent after the commit that published a policy version which changes a use of personal data.
#: Keyword argument: ``version_id``. comms connects the change notices to it (P08).
policy_change_published = Signal()
