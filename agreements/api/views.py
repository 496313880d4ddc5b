"""The transition API for the SRE's own systems: /api/v1/expedientes/.

- GET /api/v1/expedientes/ and /api/v1/expedientes/{id}/: the files the caller may see (SRE staff: every file
  sent to the SRE; municipal officials: their municipality's), with `allowed_actions` for the caller.
- POST /api/v1/expedientes/{id}/<action>/: one endpoint per action of the workflow's table (enviar, tomar,
  pedir-cambios, reenviar, dictaminar, firmar, inscribir, retirar). Each calls `workflow.transition()`, the
  same function as the web pages: same roles, same checks, same history. Answers: 200 with the file, 400 with
  a message per field, 403 (role), 404 (a file the caller may not see), 409 (not allowed from the file's
  current state).

Authentication: a session (the web login, with CSRF; SRE staff must have two-factor set up) or a token,
`Authorization: Token <key>`. Tokens are created for a user in the Django admin ("Tokens") or with
`python manage.py drf_create_token <e-mail>`; the token acts with that user's roles.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from accounts import permissions as roles
from accounts.selectors import has_totp
from agreements.api import serializers as api
from agreements.domain import selectors
from agreements.models import WorkingFile
from agreements.review import selectors as review_selectors
from agreements.steps import services
from agreements.workflow import transitions as workflow

Action = workflow.Action


class StaffHasTwoFactor(permissions.BasePermission):
    """Through a browser session, SRE staff act only with two-factor set up (the web pages send them to set
    it up; the API says no instead). A token is an explicit credential for a system: no second factor."""

    message = _lazy("Las cuentas de la SRE deben activar la verificación en dos pasos antes de usar la API.")

    def has_permission(self, request, view) -> bool:
        if not isinstance(request.successful_authenticator, SessionAuthentication):
            return True
        user = request.user
        return not roles.mfa_required(user) or has_totp(user)


ERROR = api.WorkflowErrorSerializer
ERRORS = {
    400: OpenApiResponse(description="Invalid data: a message per field."),
    403: OpenApiResponse(ERROR, description="The caller's role may not take this action."),
    404: OpenApiResponse(ERROR, description="No file with this id that the caller may see."),
    409: OpenApiResponse(ERROR, description="Not allowed from the file's current state."),
}


def transition_schema(body, summary: str):
    return extend_schema(
        summary=summary,
        request=body,
        responses={200: api.WorkingFileDetailSerializer, **ERRORS},
        tags=["expedientes"],
    )


@extend_schema_view(
    list=extend_schema(
        summary="Working files the caller may see",
        tags=["expedientes"],
        parameters=[
            OpenApiParameter(
                "state", OpenApiTypes.STR, enum=WorkingFile.State.values, description="Workflow state."
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One working file, with the caller's allowed actions", tags=["expedientes"]
    ),
)
class WorkingFileViewSet(viewsets.ReadOnlyModelViewSet):
    authentication_classes = [SessionAuthentication, TokenAuthentication]
    permission_classes = [permissions.IsAuthenticated, StaffHasTwoFactor]
    parser_classes = [JSONParser, FormParser, MultiPartParser]
    throttle_classes: list = []
    lookup_value_regex = r"\d+"

    def initial(self, request, *args, **kwargs):
        # No language prefix on /api/: follow Accept-Language, before authentication or validation speak.
        translation.activate(translation.get_language_from_request(request, check_path=False))
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        files = selectors.working_files_visible_to(self.request.user).select_related(
            *review_selectors.REVIEW_DETAILS
        )
        state = self.request.query_params.get("state")
        if self.action == "list" and state:
            if state not in WorkingFile.State.values:
                raise exceptions.ValidationError(
                    {"state": [_("Estado desconocido: %(state)s.") % {"state": state}]}
                )
            files = files.filter(state=state)
        return files.order_by("pk")

    def get_serializer_class(self):
        return api.WorkingFileSerializer if self.action == "list" else api.WorkingFileDetailSerializer

    def _perform(self, request, action_name, body_class, to_data) -> Response:
        """`action_name`: an Action, or a function of the valid body that says which one (the dictamen)."""
        working_file = self.get_object()  # 404 for a file the caller may not see
        body = body_class(data=request.data)
        body.is_valid(raise_exception=True)
        if callable(action_name):
            action_name = action_name(body.validated_data)
        try:
            workflow.transition(
                file_id=working_file.pk,
                action=action_name,
                by=request.user,
                data=to_data(body.validated_data),
            )
        except workflow.TransitionNotAllowed as refused:
            return Response(
                {
                    "detail": _("«%(action)s» no es posible con el expediente en estado «%(state)s».")
                    % {"action": Action(action_name).label, "state": WorkingFile.State(refused.state).label},
                    "state": refused.state,
                },
                status=status.HTTP_409_CONFLICT,
            )
        except ValidationError as error:
            raise serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            ) from error
        except services.SubmitRefused as refused:
            raise serializers.ValidationError({"non_field_errors": refused.reasons}) from refused
        fresh = self.get_queryset().get(pk=working_file.pk)
        return Response(self.get_serializer(fresh).data)

    @transition_schema(api.NoBodySerializer, "Submit a draft to the SRE (titular)")
    @action(detail=True, methods=["post"], url_path="enviar")
    def submit(self, request, pk=None):
        return self._perform(request, Action.SUBMIT, api.NoBodySerializer, lambda v: {})

    @transition_schema(api.TakeSerializer, "Take a file for review, or assign it (SRE)")
    @action(detail=True, methods=["post"], url_path="tomar")
    def take(self, request, pk=None):
        return self._perform(
            request, Action.TAKE, api.TakeSerializer, lambda v: {"assignee": v.get("assignee")}
        )

    @transition_schema(
        api.ReassignSerializer, "Hand a file in review to another reviewer (SRE administrator)"
    )
    @action(detail=True, methods=["post"], url_path="reasignar")
    def reassign(self, request, pk=None):
        return self._perform(
            request, Action.REASSIGN, api.ReassignSerializer, lambda v: {"assignee": v["assignee"]}
        )

    @transition_schema(
        api.RequestChangesSerializer, "Send observations to the municipality (assigned reviewer)"
    )
    @action(detail=True, methods=["post"], url_path="pedir-cambios")
    def request_changes(self, request, pk=None):
        return self._perform(
            request,
            Action.REQUEST_CHANGES,
            api.RequestChangesSerializer,
            lambda v: {"observations": v.get("observations", [])},
        )

    @transition_schema(api.ResubmitSerializer, "Answer every observation and resubmit (titular)")
    @action(detail=True, methods=["post"], url_path="reenviar")
    def resubmit(self, request, pk=None):
        return self._perform(
            request,
            Action.RESUBMIT,
            api.ResubmitSerializer,
            lambda v: {"answers": {str(a["observation"]): a["answer"] for a in v["answers"]}},
        )

    @transition_schema(
        api.DictamenInputSerializer, "Issue the dictamen, favorable or not (assigned reviewer)"
    )
    @action(detail=True, methods=["post"], url_path="dictaminar")
    def dictamen(self, request, pk=None):
        return self._perform(
            request,
            lambda v: Action.FAVORABLE if v["favorable"] else Action.UNFAVORABLE,
            api.DictamenInputSerializer,
            lambda v: {"reasoning": v["reasoning"]},
        )

    @transition_schema(api.SignInputSerializer, "Record the signature with the signed PDF (titular)")
    @action(detail=True, methods=["post"], url_path="firmar", parser_classes=[MultiPartParser, FormParser])
    def sign(self, request, pk=None):
        return self._perform(request, Action.SIGN, api.SignInputSerializer, dict)

    @transition_schema(api.NoBodySerializer, "Inscribe the signed agreement in the registry (SRE)")
    @action(detail=True, methods=["post"], url_path="inscribir")
    def inscribe(self, request, pk=None):
        return self._perform(request, Action.INSCRIBE, api.NoBodySerializer, lambda v: {})

    @transition_schema(api.WithdrawSerializer, "Withdraw the file (titular)")
    @action(detail=True, methods=["post"], url_path="retirar")
    def withdraw(self, request, pk=None):
        return self._perform(
            request, Action.WITHDRAW, api.WithdrawSerializer, lambda v: {"reason": v["reason"]}
        )
