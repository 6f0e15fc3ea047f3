"""One JSON object per log line, redacted like every other line (P27).

Fields: time (UTC, ISO 8601), level, logger, message, request_id (empty outside a request or a
task), and exc (the redacted traceback) when there is one. The message and traceback go through
``text_redact`` (addresses, secret path segments, query strings), so JSON output says no more
than the plain format.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from azultel.config.log_redaction import text_redact
from azultel.config.request_context import request_id_var


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, str] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": text_redact(record.getMessage()),
            "request_id": request_id_var.get(),
        }
        if record.exc_info:
            event["exc"] = text_redact(self.formatException(record.exc_info))
        return json.dumps(event, ensure_ascii=False)
