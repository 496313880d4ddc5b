from django.urls import path

from accounts import views

app_name = "accounts"

# Mounted under /cuentas/ next to allauth's own pages (login, password, two-factor).
urlpatterns = [
    path("mi-cuenta/", views.ProfileView.as_view(), name="profile"),
    path("mi-cuenta/idioma/", views.LanguageUpdateView.as_view(), name="language"),
    path("invitar/", views.InvitationCreateView.as_view(), name="invite"),
    path("invitaciones/", views.InvitationListView.as_view(), name="invitation_list"),
    path("invitaciones/<int:pk>/cancelar/", views.InvitationRevokeView.as_view(), name="invitation_revoke"),
    path("invitacion/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
]
