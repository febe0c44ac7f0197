"""The pure rules of staff administration, over every combination of roles (no database)."""

from hypothesis import given
from hypothesis import strategies as st

from uitweg.accounts import staff_rules as rules
from uitweg.accounts.roles import FOUR_EYES_ROLES, PERSONAL_DATA_ROLES, Role

roles = st.lists(st.sampled_from(list(Role)), unique=True)


@given(wanted=roles, staff=st.lists(roles, max_size=3), admins=st.integers(0, 3))
def test_the_functional_administrator_never_hands_out_access_to_personal_data(wanted, staff,
                                                                              admins):
    refusal = rules.invite_refusal(actor_roles=[Role.FUNCTIONAL_ADMIN], actor_org_id=1,
                                   admin_of_org_id=None, org_id=2, roles=wanted,
                                   staff_roles=staff, active_admins=admins)
    if set(wanted) & PERSONAL_DATA_ROLES:
        assert refusal is not None
    if refusal is None:
        assert set(wanted) == {Role.ORG_ADMIN} and rules.in_set_up(staff)


@given(wanted=roles, admins=st.integers(0, 3))
def test_an_administrator_invites_into_their_own_organisation_only(wanted, admins):
    elsewhere = rules.invite_refusal(actor_roles=[Role.ORG_ADMIN], actor_org_id=1,
                                     admin_of_org_id=1, org_id=2, roles=wanted, staff_roles=[],
                                     active_admins=admins)
    assert elsewhere is not None


@given(wanted=roles, admins=st.integers(0, 3))
def test_a_lone_administrator_cannot_ask_for_four_eyes_roles(wanted, admins):
    refusal = rules.grant_refusal(roles=wanted, active_admins=admins)
    if admins < 2 and set(wanted) & FOUR_EYES_ROLES:
        assert refusal == rules.SINGLE_ADMIN or refusal == rules.PLATFORM_ROLE
    if Role.FUNCTIONAL_ADMIN in wanted:
        assert refusal == rules.PLATFORM_ROLE


@given(actor=st.integers(1, 4), requester=st.integers(1, 4), subject=st.integers(1, 4),
       admin_of=st.one_of(st.none(), st.integers(1, 2)), grant_org=st.integers(1, 2))
def test_only_a_second_administrator_of_the_same_organisation_approves(actor, requester, subject,
                                                                        admin_of, grant_org):
    refusal = rules.decision_refusal(actor_id=actor, admin_of_org_id=admin_of,
                                     grant_org_id=grant_org, requested_by_id=requester,
                                     subject_id=subject, pending=True, subject_active=True)
    allowed = admin_of == grant_org and actor not in (requester, subject)
    assert (refusal is None) == allowed


def test_four_eyes_roles_wait_and_others_take_effect_at_once():
    assert rules.split_roles([Role.ANALYST, Role.CASE_WORKER, Role.ORG_ADMIN]) == (
        [Role.ANALYST], [Role.CASE_WORKER, Role.ORG_ADMIN])


def test_set_up_means_fewer_than_two_accounts_all_administrators():
    assert rules.in_set_up([])
    assert rules.in_set_up([[Role.ORG_ADMIN]])
    assert not rules.in_set_up([[Role.ORG_ADMIN], [Role.ORG_ADMIN]])
    assert not rules.in_set_up([[Role.CASE_WORKER]])
