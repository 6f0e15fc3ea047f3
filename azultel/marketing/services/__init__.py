"""Writes of the marketing app, one module per job, every public name re-exported here:

* ``segments``: creating and changing segments (rules checked against the allow-list).
* ``campaigns``: drafts, CPNI approval by a second person, schedule, pause, resume, cancel,
  the test send.
* ``sending``: starting due campaigns and queueing their audience through comms in chunks.
* ``tracking``: the anonymous counters (opens, clicks, orders after a click).
* ``records``: the CPNI campaign records' export and retention.
"""

from azultel.marketing.services.campaigns import (
    CampaignContent,
    campaign_approve,
    campaign_cancel,
    campaign_create,
    campaign_pause,
    campaign_resume,
    campaign_schedule,
    campaign_send_back,
    campaign_submit,
    campaign_test_send,
    campaign_update,
)
from azultel.marketing.services.errors import CampaignRejected
from azultel.marketing.services.records import cpni_records_csv, cpni_records_purge
from azultel.marketing.services.segments import (
    segment_create,
    segment_rules_clean,
    segment_update,
)
from azultel.marketing.services.sending import (
    campaign_send_run,
    campaigns_stalled,
    campaigns_start_due,
)
from azultel.marketing.services.tracking import (
    campaign_conversion_count,
    campaign_open_count,
    link_click_count,
)

__all__ = [
    "CampaignContent",
    "CampaignRejected",
    "campaign_approve",
    "campaign_cancel",
    "campaign_conversion_count",
    "campaign_create",
    "campaign_open_count",
    "campaign_pause",
    "campaign_resume",
    "campaign_schedule",
    "campaign_send_back",
    "campaign_send_run",
    "campaign_submit",
    "campaign_test_send",
    "campaign_update",
    "campaigns_stalled",
    "campaigns_start_due",
    "cpni_records_csv",
    "cpni_records_purge",
    "link_click_count",
    "segment_create",
    "segment_rules_clean",
    "segment_update",
]
