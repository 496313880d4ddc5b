from django.urls import path

from matchmaking.board import views as views

app_name = "board"

# Inside i18n_patterns: /buscan-socio/ in Spanish, /en/buscan-socio/ in English (URL words stay Spanish).
urlpatterns = [
    path("buscan-socio/", views.board_list, name="list"),
    path("buscan-socio/nueva/", views.RequestFormView.as_view(), name="create"),
    path("buscan-socio/<int:pk>/", views.request_detail, name="detail"),
    path("buscan-socio/<int:pk>/editar/", views.RequestFormView.as_view(), name="edit"),
    path("buscan-socio/<int:pk>/cerrar/", views.request_close, name="close"),
    path("buscan-socio/<int:pk>/responder/", views.reply, name="reply"),
    path("buscan-socio/<int:pk>/enviada/", views.reply_sent, name="sent"),
]
