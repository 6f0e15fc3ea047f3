"""comms reacting to what the apps below it announce (connected in ``CommsConfig.ready``)."""

from __future__ import annotations


def policy_change_published(sender: object, *, version_id: int, **kwargs: object) -> None:
    """A policy version changing a use of personal data was published: notify everyone (P08).

    privacy sends this after its commit, so the task sees the published version.
    """
    from azultel.comms import tasks  # tasks import services, which import this app's models

    tasks.policy_notices_send.delay(version_id)
