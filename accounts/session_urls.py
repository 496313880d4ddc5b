"""Machine endpoints of the idle-timeout dialog: outside the language prefixes, like /healthz/."""

from django.urls import path

from accounts import views

app_name = "session"

urlpatterns = [
    path("estado/", views.session_status, name="status"),
    path("seguir/", views.session_ping, name="ping"),
]
