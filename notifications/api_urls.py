from django.urls import path

from notifications import views

app_name = "notifications-api"

# Outside i18n_patterns: a machine endpoint, one address in both languages (the header's script reads it).
urlpatterns = [
    path("sin-leer/", views.unread, name="unread"),
]
