"""The refusal comms' services raise for a request they cannot queue or apply.

(A bad address raises ``addresses.InvalidAddress``, also a ``ValueError``.)
"""

from __future__ import annotations


class MessageRejected(ValueError):
    """A send request that cannot be queued (unknown category, missing template, bad input).

    Nothing has been written when it is raised.
    """
