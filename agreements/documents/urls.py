from django.urls import path

from agreements.documents import views as views

app_name = "documents"

# Inside i18n_patterns. The working file's documents (members of its municipality; SRE staff once sent) and
# the public documents of an inscribed agreement, next to its registry page.
urlpatterns = [
    path("expedientes/<int:pk>/documentos/", views.file_documents, name="file"),
    path("expedientes/<int:pk>/documentos/generar/<slug:kind>/", views.document_generate, name="generate"),
    path(
        "expedientes/<int:pk>/documentos/generados/<int:document_pk>/",
        views.document_download,
        name="download",
    ),
    path(
        "expedientes/<int:pk>/documentos/generados/<int:document_pk>/estado/",
        views.document_status,
        name="status",
    ),
    path("registro/<int:pk>/acuerdo-firmado/", views.public_signed_agreement, name="public_signed"),
    path("registro/<int:pk>/constancia/", views.public_constancia, name="public_constancia"),
    path(
        "registro/<int:pk>/constancia/estado/",
        views.public_constancia_status,
        name="public_constancia_status",
    ),
]
