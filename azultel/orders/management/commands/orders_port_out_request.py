from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError, CommandParser

from azultel.core.actors import system_actor
from azultel.orders.models import PortOutKind
from azultel.orders.services import PortOutRefused, port_out_request


class Command(BaseCommand):
    help = (
        "A port-out, SIM change or line change as a partner carrier (the sandbox) or the care "
        "desk would ask for it. The PIN is read from the terminal, never from the command line. "
        "Refused while the customer's freeze is on or with a wrong PIN; otherwise held while "
        "the customer is told, and completed by the orders-port-outs job after the hold."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("number", help="The line's number in E.164, e.g. +13055550100.")
        parser.add_argument("--kind", choices=PortOutKind.values, default=PortOutKind.PORT_OUT)
        parser.add_argument("--requested-by", default="Sandbox partner carrier")

    def handle(
        self, *args: object, number: str, kind: str, requested_by: str, **options: object
    ) -> None:
        pin = getpass.getpass("Port-out PIN the customer gave: ")
        try:
            request = port_out_request(
                number=number,
                kind=kind,
                pin=pin,
                requested_by=requested_by,
                actor=system_actor("port-out-request"),
            )
        except PortOutRefused as exc:
            raise CommandError(str(exc)) from exc
        reason = f": {request.reason}" if request.reason else ""
        self.stdout.write(f"{request.get_status_display()}{reason}")
