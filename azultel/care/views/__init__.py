"""Views of the care desk: ``customer`` (the account's help pages), ``staff`` (tickets and
outages), ``desk`` (a caller on the phone: verification and call detail), ``changes`` and
``vacation`` (a verified caller's plan change and vacation suspension, through lifecycle)."""
