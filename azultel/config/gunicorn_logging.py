"""gunicorn's logger for Azultel: no client address and no secret in the access or error log.

* Access log: the path atom (``%(U)s``) and the request line have their secret segments replaced
  (``log_redaction.path_redact``); the address, user agent, referrer, query string, headers and
  environ atoms are never offered to the format, whatever ``access_log_format`` says (P27).
* Error log: every line (gunicorn's own messages such as "Invalid request from ip=...", "Error
  handling request <uri>", and tracebacks) passes through ``RedactingFormatter``, which removes
  IP addresses, secret segments and query strings.
"""

from __future__ import annotations

import logging
from typing import Any

from gunicorn.glogging import Logger

from azultel.config.log_redaction import RedactingFormatter, path_redact

# Atoms that name the client or carry what it sent besides method and path.
_WITHHELD = ("h", "u", "r", "q", "f", "a")


class RedactingLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                formatter = handler.formatter or logging.Formatter()
                if not isinstance(formatter, RedactingFormatter):
                    handler.setFormatter(RedactingFormatter(inner=formatter))

    def atoms(
        self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any
    ) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        # Header ({name}i / {name}o) and environ ({name}e) atoms could carry an address, a
        # cookie or a token: the format gets "-" for them.
        kept = {k: v for k, v in atoms.items() if not k.startswith("{") and k not in _WITHHELD}
        kept["U"] = path_redact(str(atoms.get("U") or "-"))
        return kept
