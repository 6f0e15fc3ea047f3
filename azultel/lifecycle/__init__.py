"""Service changes after activation: change plan, move, vacation suspend and restore, disconnect.

The customer makes them from "Your services"; care staff call the same services on their behalf
(``services``: ``service_plan_change`` and friends take an ``actor``, customer or staff). Each
change is a ``ServiceChange`` row, unique per idempotency key, emailed to the account holder, and
reaches the bill through ``orders.ServiceRate`` (prorated to the day by the billing run).
"""
