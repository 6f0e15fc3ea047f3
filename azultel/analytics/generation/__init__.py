"""Synthetic page views for benchmarks and the demo (``manage.py analytics_generate``).

One module per job, the public names re-exported here:

* ``sampling``: the synthetic site (pages, referrers, server speed per page) and one day's
  sampled page views and visitors.
* ``counting``: counting an old day fast, equal to what ``services.count_views`` gives.
* ``writing``: bulk inserts of a day's or a month's rows (COPY on PostgreSQL); clearing them all.
* ``run``: ``generate``, the whole range day by day, months added up as it goes.
"""

from azultel.analytics.generation.counting import day_counts
from azultel.analytics.generation.run import generate
from azultel.analytics.generation.sampling import Day, Site, sample_day, zipf_cum
from azultel.analytics.generation.writing import clear

__all__ = ["Day", "Site", "clear", "day_counts", "generate", "sample_day", "zipf_cum"]
