"""Serializers of the transition API (/api/v1/expedientes/): what a file looks like, and each action's body.

The bodies are checked for shape here; what depends on the file (its state, who may act, the dictamen's date,
every open observation answered) is checked by `workflow.transition`, whose messages come back under the same
field names.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from agreements.models import Dictamen, Observation, Signature, WorkingFile
from agreements.review import selectors as review_selectors
from agreements.steps import registry as wizard
from agreements.workflow import transitions as workflow


class MunicipalityBriefSerializer(serializers.Serializer):
    cvegeo = serializers.CharField()
    name = serializers.CharField()
    state = serializers.CharField(source="state.name")


class ObservationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Observation
        fields = ["id", "round", "step", "field", "text", "sent_at", "answer", "answered_at"]


class DictamenSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dictamen
        fields = ["favorable", "reasoning", "issued_at"]


class SignatureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Signature
        fields = [
            "place",
            "signed_on",
            "mx_signatory",
            "mx_signatory_office",
            "counterpart_signatory",
            "counterpart_signatory_office",
        ]


class WorkingFileSerializer(serializers.ModelSerializer):
    """A working file as the list shows it."""

    title = serializers.CharField(source="display_title")
    municipality = MunicipalityBriefSerializer()
    country = serializers.CharField(source="country_id", allow_null=True, help_text="ISO 3166-1 alpha-2.")
    state_label = serializers.CharField(source="get_state_display")
    assigned_reviewer = serializers.EmailField(
        source="assigned_reviewer.email", allow_null=True, default=None
    )
    registration_number = serializers.CharField(
        source="agreement.registration_number", allow_null=True, default=None
    )

    class Meta:
        model = WorkingFile
        fields = [
            "id",
            "title",
            "municipality",
            "country",
            "state",
            "state_label",
            "review_round",
            "assigned_reviewer",
            "submitted_at",
            "state_changed_at",
            "registration_number",
        ]


class WorkingFileDetailSerializer(WorkingFileSerializer):
    """A file with what the SRE said and what the requesting user may do now."""

    allowed_actions = serializers.SerializerMethodField(
        help_text="The actions this user may take now (from the workflow's transition table)."
    )
    observations = serializers.SerializerMethodField()
    dictamen = serializers.SerializerMethodField()
    signature = serializers.SerializerMethodField()
    precheck = serializers.ListField(source="precheck_results", child=serializers.DictField())
    registry_url = serializers.SerializerMethodField()

    class Meta(WorkingFileSerializer.Meta):
        fields = [
            *WorkingFileSerializer.Meta.fields,
            "allowed_actions",
            "observations",
            "dictamen",
            "signature",
            "precheck",
            "registry_url",
        ]

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=workflow.Action.choices))
    )
    def get_allowed_actions(self, working_file: WorkingFile) -> list[str]:
        return [t.action for t in workflow.allowed_actions(self.context["request"].user, working_file)]

    @extend_schema_field(ObservationSerializer(many=True))
    def get_observations(self, working_file: WorkingFile) -> list[dict]:
        found = working_file.observations.order_by("round", "pk")
        if not workflow.roles_of(self.context["request"].user, working_file) & {
            workflow.Role.SRE_REVIEWER,
            workflow.Role.SRE_ADMIN,
        }:
            found = found.sent()  # drafts are the reviewers' own
        return ObservationSerializer(found, many=True).data

    @extend_schema_field(DictamenSerializer(allow_null=True))
    def get_dictamen(self, working_file: WorkingFile) -> dict | None:
        found = review_selectors.related(working_file, "dictamen")
        return DictamenSerializer(found).data if found else None

    @extend_schema_field(SignatureSerializer(allow_null=True))
    def get_signature(self, working_file: WorkingFile) -> dict | None:
        found = review_selectors.related(working_file, "signature")
        return SignatureSerializer(found).data if found else None

    def get_registry_url(self, working_file: WorkingFile) -> str | None:
        if not working_file.agreement_id:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("registry:agreement", args=[working_file.agreement_id])
        )


# --- Bodies of the actions ----------------------------------------------------------------------------------
class TakeSerializer(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(sre_role=User.SreRole.REVIEWER, is_active=True),
        required=False,
        allow_null=True,
        help_text="The reviewer's user id (administrators assign); empty: the requesting reviewer.",
    )


class ReassignSerializer(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(sre_role=User.SreRole.REVIEWER, is_active=True),
        help_text="The user id of the reviewer who takes the file over.",
    )


class ObservationInputSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=[s.name for s in wizard.FORM_STEPS])
    field = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=Observation._meta.get_field("field").max_length,
    )
    text = serializers.CharField(max_length=Observation.TEXT_MAX)


class RequestChangesSerializer(serializers.Serializer):
    observations = ObservationInputSerializer(
        many=True,
        required=False,
        help_text="Observations to add to this round; the reviewer's drafts (from the web page) go too.",
    )


class AnswerInputSerializer(serializers.Serializer):
    observation = serializers.IntegerField(min_value=1)
    answer = serializers.CharField(max_length=Observation.TEXT_MAX)


class ResubmitSerializer(serializers.Serializer):
    answers = AnswerInputSerializer(many=True, help_text="One answer for every open observation.")


class DictamenInputSerializer(serializers.Serializer):
    favorable = serializers.BooleanField()
    reasoning = serializers.CharField(min_length=workflow.MIN_REASONING, max_length=10_000)


class SignInputSerializer(serializers.Serializer):
    place = serializers.CharField(max_length=200)
    signed_on = serializers.DateField()
    mx_signatory = serializers.CharField(max_length=150)
    mx_signatory_office = serializers.CharField(max_length=200)
    counterpart_signatory = serializers.CharField(max_length=150)
    counterpart_signatory_office = serializers.CharField(max_length=200)
    document = serializers.FileField(help_text="The signed agreement, PDF up to 20 MB (multipart/form-data).")


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=workflow.MAX_NOTE)


class NoBodySerializer(serializers.Serializer):
    pass


class WorkflowErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    state = serializers.CharField(required=False, help_text="The file's current state (409 only).")
