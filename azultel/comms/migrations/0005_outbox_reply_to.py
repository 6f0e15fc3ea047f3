from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comms", "0004_outbox_attachments"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="reply_to",
            field=models.EmailField(blank=True, default="", max_length=254),
        ),
    ]
