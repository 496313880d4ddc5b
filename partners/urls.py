from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("ciudades/buscar/", views.city_autocomplete, name="city_autocomplete"),
]
