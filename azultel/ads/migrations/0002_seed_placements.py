"""The four places an ad may appear (their slugs are named in the templates and comms)."""

from django.db import migrations

PLACEMENTS = [
    ("home_hero", "Home page, below the welcome", "Under the home page's welcome and ZIP box."),
    ("shop_sidebar", "Shop, beside the plans", "Beside the plan cards on the shop's lists."),
    ("account_home", "Account home", "On a signed-in customer's account home page."),
    ("email_slot", "Email slot", "In marketing email, measured with a beacon."),
]


def seed(apps, schema_editor):
    Placement = apps.get_model("ads", "Placement")
    for slug, name, description in PLACEMENTS:
        Placement.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )


def unseed(apps, schema_editor):
    apps.get_model("ads", "Placement").objects.filter(slug__in=[p[0] for p in PLACEMENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("ads", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
