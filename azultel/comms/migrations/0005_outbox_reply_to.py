from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comms", "0003_outbox_batch_cpni_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="reply_to",
            field=models.EmailField(blank=True, default="", max_length=254),
        ),
    ]
