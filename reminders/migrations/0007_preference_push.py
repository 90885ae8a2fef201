from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0006_admin_digest"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminderpreference",
            name="push",
            field=models.BooleanField(default=True, verbose_name="also as a notification on my devices"),
        ),
    ]
