from django.core.management.base import BaseCommand

from uitweg.crypto.rotation import rotate_field_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the first key of FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones until this has run."
    )

    def handle(self, *args, **options):
        total = 0
        for result in rotate_field_keys():
            total += result.rewritten
            self.stdout.write(f"{result.column}: {result.rewritten} re-encrypted")
        self.stdout.write(self.style.SUCCESS(f"Done: {total} values re-encrypted."))
