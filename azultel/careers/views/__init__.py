"""The careers pages: ``public`` (applicants, no account) and ``staff`` (HR, under /staff/)."""
