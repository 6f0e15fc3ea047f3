"""Joins the two 0004 migrations (service suspension and rates; numbers, port-out and 911)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0004_numbers_port_out_and_e911"),
        ("orders", "0004_service_suspended_and_rates"),
    ]
    operations: list[migrations.operations.base.Operation] = []
