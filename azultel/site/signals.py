"""What the public site announces to the apps above it (they connect from their registrations).

``contact_message_received`` is sent inside the transaction that stores a Contact Us message, with
``message`` (the ``ContactMessage``) and ``person`` (the request's user, signed in or not). A
receiver's writes commit or roll back with the message, so a message is never kept without what
the apps above record about it (the contact app's thread and acknowledgement); a receiver that
fails makes the whole send fail. The site imports none of its receivers (layers in pyproject.toml).
"""

from __future__ import annotations

from django.dispatch import Signal

contact_message_received = Signal()
