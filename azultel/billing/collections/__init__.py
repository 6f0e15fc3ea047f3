"""Collections: what happens when a bill is not paid (issue 20).

* ``models``: the account's collections status (a mixin of ``BillingAccount``), the notices sent
  (each once per bill or per episode: unique constraints), late fees, payment arrangements.
* ``policy``: the numbers (days, fee) read from settings at call time.
* ``arrears``: reading what an account owes past its due date, and since when.
* ``dunning``: the daily steps (reminders and the late fee, suspension notice and suspension,
  write-off), each a periodic job in ``tasks``.
* ``arrangements``: splitting an overdue balance into instalments; checking they are kept.
* ``restore``: a payment that clears the overdue balance restores the account at once.
* ``notices``: the emails (account notices: always sent, P19).
* ``views``, ``forms``, ``urls``: the customer's arrangement page and the staff queue.
"""
