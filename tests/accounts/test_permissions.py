import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import permissions
from accounts.models import Invitation, Membership, User
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TITULAR, CAPTURISTA = Membership.Role.TITULAR, Membership.Role.CAPTURISTA


def fresh(user: User) -> User:
    """The user as a view gets it: from the database, nothing prefetched."""
    return User.objects.get(pk=user.pk)


def test_titular_edits_and_submits_only_for_own_municipality(titular, oaxaca, puebla):
    user = fresh(titular)
    assert permissions.role_in(user, oaxaca) == TITULAR
    assert permissions.role_in(user, puebla) is None
    assert permissions.can_edit_files_of(user, oaxaca) is True
    assert permissions.can_submit_for(user, oaxaca) is True
    assert permissions.can_edit_files_of(user, puebla) is False
    assert permissions.can_submit_for(user, puebla) is False
    # The primary key works as well as the instance.
    assert permissions.can_submit_for(user, "20067") is True
    assert permissions.can_submit_for(user, "21114") is False


def test_capturista_edits_but_does_not_submit_or_invite(capturista, oaxaca):
    user = fresh(capturista)
    assert permissions.can_edit_files_of(user, oaxaca) is True
    assert permissions.can_submit_for(user, oaxaca) is False
    assert permissions.invitable_roles(user, oaxaca) == []
    assert permissions.can_invite_anywhere(user) is False


def test_invitable_roles_per_role(titular, sre_admin, sre_reviewer, oaxaca, puebla):
    assert permissions.invitable_roles(fresh(titular), oaxaca) == [TITULAR, CAPTURISTA]
    assert permissions.invitable_roles(fresh(titular), puebla) == []
    assert permissions.invitable_roles(fresh(sre_admin), puebla) == [TITULAR, CAPTURISTA]
    assert permissions.invitable_roles(fresh(sre_reviewer), oaxaca) == []
    assert permissions.can_invite(fresh(titular), oaxaca, CAPTURISTA) is True
    assert permissions.can_invite(fresh(titular), oaxaca, "admin") is False


def test_sre_roles(sre_admin, sre_reviewer, titular):
    assert (permissions.is_sre_reviewer(sre_reviewer), permissions.is_sre_admin(sre_reviewer)) == (
        True,
        False,
    )
    assert (permissions.is_sre_reviewer(sre_admin), permissions.is_sre_admin(sre_admin)) == (False, True)
    assert (permissions.is_sre_staff(titular), permissions.is_sre_admin(titular)) == (False, False)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert permissions.is_sre_admin(superuser) is True


def test_inactive_and_anonymous_users_may_do_nothing(titular, sre_admin, oaxaca):
    titular.is_active = False
    sre_admin.is_active = False
    for user in (titular, sre_admin, AnonymousUser()):
        assert permissions.can_edit_files_of(user, oaxaca) is False
        assert permissions.is_sre_admin(user) is False
        assert permissions.mfa_required(user) is False
        assert permissions.municipalities_of(user) == []


def test_mfa_required_for_sre_staff_superusers_and_admin_staff(sre_admin, sre_reviewer, titular):
    assert permissions.mfa_required(sre_admin) is True
    assert permissions.mfa_required(sre_reviewer) is True
    assert permissions.mfa_required(UserFactory(is_superuser=True)) is True
    assert permissions.mfa_required(UserFactory(is_staff=True)) is True
    assert permissions.mfa_required(titular) is False


def test_municipalities_of_lists_every_membership_in_cvegeo_order(titular, oaxaca, puebla):
    MembershipFactory(user=titular, municipality=puebla, role=CAPTURISTA)
    user = fresh(titular)
    assert permissions.municipalities_of(user) == [oaxaca, puebla]
    assert permissions.titular_municipalities_of(user) == [oaxaca]


def test_predicates_cost_no_query_once_memberships_are_loaded(
    titular, oaxaca, puebla, django_assert_num_queries
):
    MembershipFactory(user=titular, municipality=puebla, role=CAPTURISTA)
    user = fresh(titular)
    with django_assert_num_queries(1):
        permissions.load_memberships(user)
    with django_assert_num_queries(0):
        permissions.load_memberships(user)  # already loaded: nothing more
        assert [m.name for m in permissions.municipalities_of(user)] == ["Oaxaca de Juárez", "Puebla"]
        assert [str(m.state) for m in permissions.municipalities_of(user)] == ["Oaxaca", "Puebla"]
        assert permissions.can_submit_for(user, oaxaca) is True
        assert permissions.can_submit_for(user, puebla) is False
        assert permissions.can_edit_files_of(user, puebla) is True
        assert permissions.can_invite_anywhere(user) is True


def test_manage_invitation_admin_any_titular_own(titular, puebla_titular, sre_admin, capturista, oaxaca):
    invitation = Invitation(municipality=oaxaca, email="x@example.org", role=CAPTURISTA)
    assert permissions.can_manage_invitation(fresh(sre_admin), invitation) is True
    assert permissions.can_manage_invitation(fresh(titular), invitation) is True
    assert permissions.can_manage_invitation(fresh(puebla_titular), invitation) is False
    assert permissions.can_manage_invitation(fresh(capturista), invitation) is False
