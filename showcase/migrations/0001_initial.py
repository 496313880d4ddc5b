"""The showcase's models move here from the municipalities app: state only, same tables."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import municipalities.models
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
                    name="MunicipalityProfile",
                    fields=[
                        (
                            "municipality",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="profile",
                                serialize=False,
                                to="municipalities.municipality",
                            ),
                        ),
                        ("presentation", models.TextField(blank=True, verbose_name="presentación")),
                        (
                            "economic_sectors",
                            models.CharField(blank=True, max_length=300, verbose_name="sectores económicos"),
                        ),
                        ("offers", models.JSONField(blank=True, default=list, verbose_name="qué ofrece")),
                        ("seeks", models.TextField(blank=True, verbose_name="qué busca")),
                        (
                            "languages",
                            models.JSONField(
                                blank=True,
                                default=list,
                                help_text="Códigos ISO 639-1.",
                                verbose_name="idiomas",
                            ),
                        ),
                        (
                            "contact_name",
                            models.CharField(
                                blank=True,
                                max_length=150,
                                verbose_name="contacto para asuntos internacionales",
                            ),
                        ),
                        (
                            "contact_role",
                            models.CharField(blank=True, max_length=150, verbose_name="cargo del contacto"),
                        ),
                        (
                            "contact_email",
                            models.EmailField(blank=True, max_length=254, verbose_name="correo del contacto"),
                        ),
                        (
                            "contact_phone",
                            models.CharField(blank=True, max_length=40, verbose_name="teléfono del contacto"),
                        ),
                        ("website", models.URLField(blank=True, verbose_name="sitio web")),
                        (
                            "social_links",
                            models.JSONField(blank=True, default=list, verbose_name="redes sociales"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="actualizado")),
                        (
                            "desired_countries",
                            models.ManyToManyField(
                                blank=True,
                                related_name="+",
                                to="partners.country",
                                verbose_name="países de interés",
                            ),
                        ),
                        (
                            "desired_regions",
                            models.ManyToManyField(
                                blank=True,
                                related_name="+",
                                to="partners.region",
                                verbose_name="regiones de interés",
                            ),
                        ),
                        (
                            "themes",
                            models.ManyToManyField(
                                blank=True, to="agreements.theme", verbose_name="temas de interés"
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "municipalities_municipalityprofile",
                        "verbose_name": "perfil internacional",
                        "verbose_name_plural": "perfiles internacionales",
                    },
                ),
                migrations.CreateModel(
                    name="MunicipalityPhoto",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "image",
                            models.FileField(
                                max_length=200,
                                upload_to=municipalities.models.photo_path,
                                verbose_name="imagen",
                            ),
                        ),
                        (
                            "caption",
                            models.CharField(
                                help_text="Qué muestra la foto, para quien no la ve; también es su pie de foto.",
                                max_length=200,
                                verbose_name="descripción de la foto",
                            ),
                        ),
                        ("credit", models.CharField(blank=True, max_length=120, verbose_name="crédito")),
                        ("width", models.PositiveIntegerField(verbose_name="ancho")),
                        ("height", models.PositiveIntegerField(verbose_name="alto")),
                        ("size", models.PositiveIntegerField(verbose_name="tamaño en bytes")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="orden")),
                        ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="subida")),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="photos",
                                to="municipalities.municipality",
                                verbose_name="municipio",
                            ),
                        ),
                        (
                            "uploaded_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "municipalities_municipalityphoto",
                        "verbose_name": "foto de la vitrina",
                        "verbose_name_plural": "fotos de la vitrina",
                        "ordering": ["municipality", "position", "pk"],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_types("municipalities", "showcase", ["municipalityprofile", "municipalityphoto"]),
    ]
