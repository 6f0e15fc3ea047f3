"""The tell-a-friend FAQ answer said the form did not exist yet; it does now (issue 17).

Only the seeded answer is replaced: an answer staff have edited since is left as they wrote it.
"""

from django.db import migrations

QUESTION = "If I tell a friend about Azultel, will you keep emailing them?"
OLD = (
    "No. The site has no tell-a-friend form yet; when it does, your friend will get exactly one "
    "email, will never be added to a mailing list, and we will not keep their address after "
    "sending it."
)
NEW = (
    "No. Your friend gets exactly one email, from our address, saying who sent it. We never add "
    "them to a mailing list, and once the email is sent we keep only a scrambled fingerprint of "
    "their address (to count the referral if they sign up, and to stop a second invitation "
    "within 30 days), erased after 180 days. The email has a link your friend can use to block "
    "any further invitations."
)


def update(apps, schema_editor):
    FaqEntry = apps.get_model("site", "FaqEntry")
    FaqEntry.objects.filter(question=QUESTION, answer=OLD).update(answer=NEW)


def revert(apps, schema_editor):
    FaqEntry = apps.get_model("site", "FaqEntry")
    FaqEntry.objects.filter(question=QUESTION, answer=NEW).update(answer=OLD)


class Migration(migrations.Migration):
    dependencies = [("site", "0004_contact_message_account")]

    operations = [migrations.RunPython(update, revert)]
