"""The partner-seeking board's models move here from the partners app: state only, same tables."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.migration_ops import move_content_types


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("agreements", "0006_private_storage_callable"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("municipalities", "0003_municipality_photos"),
        ("partners", "0003_partner_seeking_board"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PartnerRequest",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=160, verbose_name="título")),
                        ("description", models.TextField(verbose_name="descripción")),
                        ("expires_on", models.DateField(verbose_name="vigente hasta")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="publicada")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="actualizada")),
                        ("closed_at", models.DateTimeField(blank=True, null=True, verbose_name="cerrada")),
                        (
                            "country",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="partner_requests",
                                to="partners.country",
                                verbose_name="país buscado",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="partner_requests",
                                to="municipalities.municipality",
                                verbose_name="municipio",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="partner_requests",
                                to="partners.region",
                                verbose_name="región buscada",
                            ),
                        ),
                        (
                            "themes",
                            models.ManyToManyField(
                                related_name="partner_requests", to="agreements.theme", verbose_name="temas"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "partners_partnerrequest",
                        "verbose_name": "solicitud de socio",
                        "verbose_name_plural": "solicitudes de socio",
                        "ordering": ["-created_at", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="PartnerRequestReply",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=150, verbose_name="nombre")),
                        (
                            "organization",
                            models.CharField(max_length=200, verbose_name="gobierno u organismo"),
                        ),
                        ("position", models.CharField(blank=True, max_length=150, verbose_name="cargo")),
                        ("city", models.CharField(blank=True, max_length=150, verbose_name="ciudad")),
                        ("email", models.EmailField(max_length=254, verbose_name="correo electrónico")),
                        ("website", models.URLField(blank=True, verbose_name="sitio web oficial")),
                        ("message", models.TextField(verbose_name="mensaje")),
                        ("language", models.CharField(max_length=10, verbose_name="idioma de la página")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="recibida")),
                        (
                            "country",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="partners.country",
                                verbose_name="país",
                            ),
                        ),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="replies",
                                to="matchmaking.partnerrequest",
                                verbose_name="solicitud",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "partners_partnerrequestreply",
                        "verbose_name": "respuesta a una solicitud de socio",
                        "verbose_name_plural": "respuestas a solicitudes de socio",
                        "ordering": ["-created_at", "-pk"],
                    },
                ),
                migrations.AddIndex(
                    model_name="partnerrequest",
                    index=models.Index(
                        fields=["closed_at", "expires_on"], name="partners_pa_closed__52bf77_idx"
                    ),
                ),
            ],
            database_operations=[],
        ),
        move_content_types("partners", "matchmaking", ["partnerrequest", "partnerrequestreply"]),
    ]
