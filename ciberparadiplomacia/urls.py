from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from ciberparadiplomacia import views

# The admin's own login form would skip allauth's rate limits and two-factor: send it through allauth.
admin.site.login = secure_admin_login(admin.site.login)

# Not translated: the admin, the API and machine endpoints keep one address.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz/", views.healthz, name="healthz"),
    # Open API of the public registry (read-only), its OpenAPI 3 schema and offline interactive docs.
    path("api/v1/", include("registry.api.urls")),
    # The review workflow's transitions for the SRE's own systems (authenticated: session or token).
    path("api/v1/", include("agreements.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="registry/swagger_ui.html"),
        name="api-docs",
    ),
    path("sesion/", include("accounts.session_urls")),
    path("api/notificaciones/", include("notifications.api_urls")),
]

# Spanish at /registro/, English at /en/registro/: the URL words stay Spanish in both languages.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("acerca-de-los-datos/", views.AboutDataView.as_view(), name="about_data"),
    path("cuentas/", include("allauth.urls")),
    path("", include("agreements.urls")),
    path("", include("agreements.review.urls")),
    path("", include("guide.urls")),
    path("", include("partners.urls")),
    path("", include("matchmaking.board.urls")),
    path("", include("showcase.urls")),
    path("cuentas/", include("accounts.urls")),
    path("", include("registry.urls")),
    path("notificaciones/", include("notifications.urls")),
    path("", include("agreements.documents.urls")),
    prefix_default_language=False,
)
