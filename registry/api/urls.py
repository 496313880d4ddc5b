from django.urls import path
from rest_framework.routers import SimpleRouter

from registry.api import views

app_name = "registry-api"

router = SimpleRouter()
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("states", views.StateViewSet, basename="state")
router.register("countries", views.CountryViewSet, basename="country")
router.register("partner-cities", views.PartnerCityViewSet, basename="partner-city")

urlpatterns = [
    *router.urls,
    path("stats/<str:name>/", views.StatisticView.as_view(), name="stats"),
]
