"""Errors of the open API: always JSON, always with a message in the request's language (Accept-Language)."""

from __future__ import annotations

from django.http import Http404
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler as drf_exception_handler

from registry.api.renderers import CSVRenderer


class RegistryThrottled(exceptions.Throttled):
    default_detail = _("Demasiadas solicitudes a la API pública desde esta dirección.")
    extra_detail_singular = _("Vuelva a intentarlo en {wait} segundo.")
    extra_detail_plural = _("Vuelva a intentarlo en {wait} segundos.")


def registry_exception_handler(exc, context):
    if isinstance(exc, Http404):
        # get_object_or_404's message is English and names the model ("No Agreement matches…"): DRF's
        # own "not found" speaks the request's language.
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {
            "detail": str(_("Parámetros no válidos: vea cada error en «errors».")),
            "errors": {name: [str(message) for message in messages] for name, messages in errors.items()},
        }
    return response


class RegistryAPIMixin:
    """Public, read-only, anonymous; JSON by default, CSV with ?format=csv; errors as JSON."""

    authentication_classes: list = []  # public data: no session, so no CSRF and no per-user state
    renderer_classes = [JSONRenderer, CSVRenderer]

    def initial(self, request, *args, **kwargs):
        # Unprefixed URLs are Spanish for LocaleMiddleware (prefix_default_language=False); the API has no
        # prefix, so it follows Accept-Language, before throttling or validation can speak.
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    def get_exception_handler(self):
        return registry_exception_handler

    def throttled(self, request, wait):
        raise RegistryThrottled(wait)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        response["Content-Language"] = translation.get_language()
        if response.status_code >= 400 and isinstance(
            getattr(response, "accepted_renderer", None), CSVRenderer
        ):
            # An error asked for as CSV still answers in JSON: a message, not an empty file.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = "application/json"
        return response
