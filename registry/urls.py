from django.urls import path

from registry import municipality_page, views

app_name = "registry"

# Inside i18n_patterns: /registro/ in Spanish, /en/registro/ in English (URL words stay Spanish).
urlpatterns = [
    path("registro/", views.RegistryListView.as_view(), name="list"),
    path("registro/municipios/", views.municipality_options, name="municipality-options"),
    path("registro/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement"),
    path("municipios/<str:cvegeo>/", municipality_page.MunicipalityView.as_view(), name="municipality"),
    path("estados/<str:code>/", views.StateView.as_view(), name="state"),
    path("paises/<str:iso2>/", views.CountryView.as_view(), name="country"),
    path("estadisticas/", views.StatisticsView.as_view(), name="statistics"),
]
