"""Example partner client: gets a token, places an order and polls it until it is finished.

Run the site with ``make run`` (it loads the demo partner), then:

    python docs/api_example_client.py [--base http://127.0.0.1:8000]

It uses only the standard library. The demo partner's client id and secret are printed by
``make run`` (``azultel-demo-partner`` / ``azultel demo partner secret``). Staff move the order
along at /staff/ (or ``manage.py shell``: ``orders.services.order_advance``); the script stops
when the order is completed, cancelled or rejected, or after ``--wait`` seconds.
"""

from __future__ import annotations

import argparse
import base64
import json
import time
import urllib.parse
import urllib.request
import uuid

TMF = "/api/tmf-api"


def call(base: str, path: str, token: str | None = None, body: dict | None = None,
         form: dict | None = None, basic: str | None = None) -> tuple[int, object]:  # fmt: skip
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if basic:
        headers["Authorization"] = f"Basic {basic}"
    request = urllib.request.Request(base + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--client-id", default="azultel-demo-partner")
    parser.add_argument("--client-secret", default="azultel demo partner secret")
    parser.add_argument("--wait", type=int, default=300)
    args = parser.parse_args()
    basic = base64.b64encode(f"{args.client_id}:{args.client_secret}".encode()).decode()
    status, token = call(args.base, "/api/oauth/token/", basic=basic,
                         form={"grant_type": "client_credentials"})  # fmt: skip
    assert status == 200, token
    access = token["access_token"]  # type: ignore[index]
    status, customers = call(
        args.base, f"{TMF}/customerManagement/v4/customer?limit=1&offset=1", access
    )
    assert status == 200 and customers, customers
    customer = customers[0]  # type: ignore[index]
    # No payment given: the order is paid with the card the customer saved last.
    print("Ordering for customer", customer["id"])
    order = {
        "externalId": f"example-{uuid.uuid4().hex[:12]}",
        "relatedParty": [{"id": customer["id"], "role": "Customer"}],
        "productOrderItem": [{"id": "1", "quantity": 1, "action": "add",
                              "productOffering": {"id": "cordless-phone-dect-2"}}],
    }  # fmt: skip
    for attempt in (1, 2):  # the retry shows idempotency: the same order comes back
        status, placed = call(args.base, f"{TMF}/productOrderingManagement/v4/productOrder",
                              access, body=order)  # fmt: skip
        print(f"attempt {attempt}: HTTP {status}", placed.get("id"), placed.get("state"))  # type: ignore[union-attr]
    assert status in (200, 201), placed
    deadline = time.monotonic() + args.wait
    while time.monotonic() < deadline:
        status, current = call(args.base, f"{TMF}/productOrderingManagement/v4/productOrder/"
                               f"{placed['id']}?fields=state", access)  # type: ignore[index]  # fmt: skip
        state = current["state"]  # type: ignore[index]
        print("state:", state)
        if state in ("completed", "cancelled", "rejected", "failed"):
            return
        time.sleep(5)
    print("Still not finished; the order id is", placed["id"])  # type: ignore[index]


if __name__ == "__main__":
    main()
