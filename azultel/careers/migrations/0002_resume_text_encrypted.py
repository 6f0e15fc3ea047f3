"""The résumé's extracted text becomes encrypted (privacy's EncryptedTextField) with a blind word
index for HR's search; the rows already held are encrypted and indexed here.

Going back, the texts are emptied and marked for extraction again (the earlier code re-reads them
from the résumé files), so no clear text is ever written back by a migration."""

import azultel.privacy.fields
from django.db import migrations


def encrypt_existing(apps, schema_editor):
    Application = apps.get_model("careers", "Application")
    azultel.privacy.fields.clear_values_encrypt(Application, "resume_text")


def forget_texts(apps, schema_editor):
    Application = apps.get_model("careers", "Application")
    Application.objects.exclude(resume_text="").update(resume_text="", text_extraction="pending")


class Migration(migrations.Migration):

    dependencies = [
        ('careers', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='application',
            name='resume_words',
            field=azultel.privacy.fields.WordIndexField(blank=True, default='', editable=False),
        ),
        migrations.AlterField(
            model_name='application',
            name='resume_text',
            field=azultel.privacy.fields.EncryptedTextField(blank=True, mask='hidden', verbose_name='résumé text', word_index_field='resume_words'),
        ),
        migrations.RunPython(encrypt_existing, forget_texts),
    ]
