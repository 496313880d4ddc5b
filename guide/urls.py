from django.urls import path

from . import views

app_name = "guide"
urlpatterns = [
    path("guia/ley/", views.LawView.as_view(), name="law"),
]
