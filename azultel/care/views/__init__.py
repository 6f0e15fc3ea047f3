"""Views of the care desk: ``customer`` (the account's help pages), ``staff`` (tickets and
outages), ``desk`` (a caller on the phone: verification and call detail)."""
