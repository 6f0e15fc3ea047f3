"""Reads of the marketing app: audiences (``audience``) and campaigns, links, records and the
report (``campaigns``); every public name re-exported here."""

from azultel.marketing.selectors.audience import (
    audience_count,
    audience_people,
    channel_records,
    list_audience,
    profiling_refused,
    segment_count,
    segment_members_for_analysis,
    segment_people,
)
from azultel.marketing.selectors.campaigns import (
    CampaignReport,
    campaign_get,
    campaign_list,
    campaign_report,
    campaigns_awaiting_approval_count,
    campaigns_due,
    cpni_record_list,
    link_get,
    plan_choices,
    segment_get,
    segment_list,
)

__all__ = [
    "CampaignReport",
    "audience_count",
    "audience_people",
    "campaign_get",
    "campaign_list",
    "campaign_report",
    "campaigns_awaiting_approval_count",
    "campaigns_due",
    "channel_records",
    "cpni_record_list",
    "link_get",
    "list_audience",
    "plan_choices",
    "profiling_refused",
    "segment_count",
    "segment_get",
    "segment_list",
    "segment_members_for_analysis",
    "segment_people",
]
