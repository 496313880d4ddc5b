"""PartnerRequest and PartnerRequestReply now belong to the matchmaking app: state only, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_partner_seeking_board"),
        ("matchmaking", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PartnerRequestReply"),
                migrations.DeleteModel(name="PartnerRequest"),
            ],
            database_operations=[],
        ),
    ]
