"""The public job pages: filters and search with a fixed number of queries, a stable address per
listing with schema.org JobPosting data that no listing text can break out of."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from azultel.careers.tests.factories import JobListingFactory

pytestmark = pytest.mark.django_db


def test_listings_filter_by_department_location_and_type_and_search(client: Client) -> None:
    JobListingFactory(title="Field technician", department="field", location="FL")
    JobListingFactory(title="Network engineer", department="network", location="CA",
                      description="BGP and MPLS")  # fmt: skip
    JobListingFactory(title="Care agent", department="care", location="remote",
                      employment_type="part_time")  # fmt: skip
    JobListingFactory(title="Draft job", status="draft")

    def titles(**query: str) -> list[str]:
        page = client.get("/careers/jobs/", query).content.decode()
        return re.findall(r'<h3 class="mt-0"><a href="[^"]+">([^<]+)</a></h3>', page)

    everything = titles()
    assert "Field technician" in everything and "Care agent" in everything
    assert "Draft job" not in everything
    assert "Network engineer" in titles(department="network") and "Care agent" not in titles(
        department="network"
    )
    assert "Care agent" in titles(location="remote") and "Field technician" not in titles(
        location="remote"
    )
    assert "Care agent" in titles(employment_type="part_time") and "Network engineer" not in titles(
        employment_type="part_time"
    )
    assert "Network engineer" in titles(q="mpls bgp") and "Field technician" not in titles(
        q="mpls bgp"
    )


def test_the_listings_page_runs_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries: Any
) -> None:
    JobListingFactory.create_batch(3)
    with django_assert_num_queries(1):
        client.get("/careers/jobs/")
    JobListingFactory.create_batch(5)
    with django_assert_num_queries(1):
        client.get("/careers/jobs/")


def test_a_listing_page_carries_job_posting_data_that_cannot_break_out(client: Client) -> None:
    listing = JobListingFactory(
        title="Technician </script><script>alert(1)</script>", location="CA", pay_min=90000,
        pay_max=110000,
    )  # fmt: skip

    response = client.get(f"/careers/jobs/{listing.slug}/")

    page = response.content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert block is not None
    assert "<script>alert(1)" not in page
    data = json.loads(block.group(1))
    assert data["@type"] == "JobPosting" and data["title"] == listing.title
    assert data["jobLocation"]["address"]["addressRegion"] == "CA"
    assert data["baseSalary"]["value"]["minValue"] == 90000.0
    assert data["url"] == f"https://www.azultel.example/careers/jobs/{listing.slug}/"
    # The CSP allows no inline script; a data block needs no exception.
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_a_remote_listing_is_marked_telecommute(client: Client) -> None:
    listing = JobListingFactory(location="remote")

    page = client.get(f"/careers/jobs/{listing.slug}/").content.decode()

    assert '"jobLocationType": "TELECOMMUTE"' in page


def test_the_careers_pages_are_in_the_site_map(client: Client) -> None:
    page = client.get("/site-map/").content.decode()

    assert "/careers/jobs/" in page and "/careers/resume/" in page


def test_open_jobs_are_in_sitemap_xml_on_the_site_address(client: Client, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    open_job = JobListingFactory()
    closed_job = JobListingFactory(status="closed")

    xml = client.get("/sitemap.xml", HTTP_HOST="evil.example").content.decode()

    assert f"<loc>https://www.azultel.example/careers/jobs/{open_job.slug}/</loc>" in xml
    assert closed_job.slug not in xml and "evil.example" not in xml
