"""The stack's mail server: accepts every message on loopback and keeps it as var/stack/mail/*.eml.

Each file is named after the message's Message-ID, so a message delivered twice shows up as a
second delivery in var/stack/mail/deliveries.log (one line per delivery) while the file is the
same: `scripts/stack/check.py` counts both to prove nothing was lost or sent twice.
"""

from __future__ import annotations

import asyncio
import hashlib
import sys
from email import message_from_bytes
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


class Sink:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        message_id = (
            message_from_bytes(content).get("Message-ID", "") or hashlib.sha256(content).hexdigest()
        )
        name = hashlib.sha256(message_id.encode()).hexdigest()[:32]
        (self.folder / f"{name}.eml").write_bytes(content)
        with (self.folder / "deliveries.log").open("a") as log:
            log.write(f"{name}\n")
        return "250 OK"


def main() -> None:
    port, folder = int(sys.argv[1]), Path(sys.argv[2])
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        asyncio.get_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
