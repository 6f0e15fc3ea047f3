"""Extension points other apps may listen to (STYLE.md 8: signals only for decoupled extensions).

``service_moved`` is sent after commit when a service's address changes (a move has taken
effect), with ``service`` (the ``orders.Service``, already at the new address). The 911 address of
the service's phone line must follow the move (RAY BAUM'S Act, 47 CFR 9.16): the numbers work
connects a receiver that makes the line's registered 911 address the new service address.
"""

from __future__ import annotations

from django.dispatch import Signal

service_moved = Signal()
