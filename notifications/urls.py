from django.urls import path

from notifications import views

app_name = "notifications"

# Inside i18n_patterns, under /notificaciones/.
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/abrir/", views.notification_open, name="open"),
    path("marcar-todas/", views.mark_all_read, name="mark_all_read"),
    path("preferencias/", views.PreferencesView.as_view(), name="preferences"),
]
