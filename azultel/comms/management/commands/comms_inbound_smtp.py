from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from azultel.comms.inbound_smtp import inbound_domains, inbound_serve


class Command(BaseCommand):
    help = (
        "Run the local SMTP server for mail to the site's own addresses: bounces and spam "
        "complaints about our email (they add to the suppression list), and replies."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=None, help="Default: COMMS_INBOUND_HOST.")
        parser.add_argument("--port", type=int, default=None, help="Default: COMMS_INBOUND_PORT.")

    def handle(self, *args: object, **options: object) -> None:
        host = str(options["host"] or settings.COMMS_INBOUND_HOST)
        port_option = options["port"]
        port = port_option if isinstance(port_option, int) else int(settings.COMMS_INBOUND_PORT)
        domains = ", ".join(sorted(inbound_domains())) or "none"
        self.stdout.write(f"Taking mail for {domains} on {host}:{port}. Stop with Ctrl+C.")
        try:
            inbound_serve(host=host, port=port)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
