from __future__ import annotations

from collections import Counter

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from tqdm import tqdm

from azultel.privacy import crypto
from azultel.privacy.fields import _StoredToken, encrypted_fields


class Command(BaseCommand):
    help = (
        "Re-encrypt every sensitive value under the newest key in FIELD_ENCRYPTION_KEYS, in "
        "batches. Afterwards the older keys can be removed from the setting."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--check", action="store_true", help="Only count values per key id; change nothing."
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        ring = crypto.key_ring()
        newest = ring.current_id
        by_key: Counter[str] = Counter()
        rotated = 0
        for model in apps.get_models():
            fields = encrypted_fields(model)
            if not fields:
                continue
            manager = model._base_manager
            total = manager.count()
            bar = tqdm(
                total=total,
                desc=model._meta.label,
                disable=options["no_progress"] or options["check"],
                file=self.stderr,
            )
            last_pk: object = None  # the primary key of any model: compared, never read
            while True:
                batch_qs = manager.order_by("pk")
                if last_pk is not None:
                    batch_qs = batch_qs.filter(pk__gt=last_pk)
                batch = list(batch_qs[: options["batch_size"]])
                if not batch:
                    break
                changed = []
                for obj in batch:
                    touched = False
                    for field in fields:
                        token = obj.__dict__.get(field.attname)
                        if not token:
                            continue
                        key_id = crypto.token_key_id(str(token))
                        by_key[key_id] += 1
                        if key_id == newest or options["check"]:
                            continue
                        aad = field.associated_data(obj)
                        clear = crypto.decrypt(str(token), associated_data=aad)
                        obj.__dict__[field.attname] = _StoredToken(
                            crypto.encrypt(clear, associated_data=aad)
                        )
                        touched = True
                        rotated += 1
                    if touched:
                        changed.append(obj)
                if changed:
                    with transaction.atomic():
                        manager.bulk_update(changed, [f.name for f in fields])
                last_pk = batch[-1].pk
                bar.update(len(batch))
            bar.close()
        summary = ", ".join(f"{k}: {n}" for k, n in sorted(by_key.items())) or "no values"
        if options["check"]:
            self.stdout.write(f"Values per key id (newest is {newest}): {summary}.")
        else:
            self.stdout.write(
                f"Re-encrypted {rotated} values under key {newest}. Seen before: {summary}."
            )
