from django.core.management.base import BaseCommand

from push.vapid import new_key_pair


class Command(BaseCommand):
    help = "Make a VAPID key pair for web push; prints the two environment lines to set (once per site)."

    def handle(self, *args, **options):
        private, public = new_key_pair()
        self.stdout.write(f"VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"VAPID_PUBLIC_KEY={public}")
        self.stderr.write(
            "Keep the private key secret and the pair unchanged: a new pair makes every device subscribe again."
        )
