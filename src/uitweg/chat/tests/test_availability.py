"""An honest wait estimate (issue 10, item 11): from the counsellors who have the console open
now, the chats they hold and the length of the channel's recent chats — and no number at all
when nobody is there."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from uitweg.accounts.roles import Role
from uitweg.chat import availability, waiting
from uitweg.chat.models import ConsolePresence, Status
from uitweg.chat.tests.factories import ConversationFactory, CounsellorFactory
from uitweg.chat.tests.sockets import ALWAYS, staff_cookie, start, youth_socket
from uitweg.testing.aio import run_coroutine
from uitweg.testing.factories import UserFactory

NOW = dt.datetime(2026, 11, 29, 20, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
@freeze_time(NOW)
def test_only_counsellors_of_the_channel_with_the_console_open_and_heard_count():
    here = CounsellorFactory()
    gone = CounsellorFactory()          # opened the console, then closed it
    stale = CounsellorFactory()         # a worker crashed: the socket was never counted out
    never = CounsellorFactory()         # noqa: F841 - never opened the console
    only_supervisor = UserFactory(roles=[Role.CHAT_SUPERVISOR])
    outreach = UserFactory(roles=[Role.OUTREACH_WORKER])
    inactive = CounsellorFactory(is_active=False)
    for user in (here, gone, only_supervisor, outreach, inactive):
        assert availability.console_opened(user_id=user.pk) is True
    with freeze_time(NOW - dt.timedelta(minutes=3)):
        availability.console_opened(user_id=stale.pk)
    assert availability.console_closed(user_id=gone.pk) is True

    assert availability.available_counsellors("youth") == [here.pk]
    assert availability.available_counsellors("outreach") == [outreach.pk]


@pytest.mark.django_db
def test_two_tabs_count_once_and_the_last_one_closing_counts_out():
    user = CounsellorFactory()
    assert availability.console_opened(user_id=user.pk) is True
    assert availability.console_opened(user_id=user.pk) is False  # a second tab
    assert availability.console_closed(user_id=user.pk) is False
    assert availability.available_counsellors("youth") == [user.pk]
    assert availability.console_closed(user_id=user.pk) is True
    assert availability.available_counsellors("youth") == []
    assert availability.console_closed(user_id=user.pk) is False  # never below zero


@pytest.mark.django_db
@freeze_time(NOW)
def test_a_console_heard_by_its_ping_stays_available():
    user = CounsellorFactory()
    with freeze_time(NOW - dt.timedelta(minutes=5)):
        availability.console_opened(user_id=user.pk)
    assert availability.available_counsellors("youth") == []
    availability.console_heard(user_id=user.pk)
    assert availability.available_counsellors("youth") == [user.pk]


@pytest.mark.django_db
@override_settings(CHAT_COUNSELLOR_CAPACITY=3, CHAT_AVERAGE_MINUTES=20)
def test_the_inputs_are_the_chats_held_and_the_median_of_recent_chats():
    busy, free = CounsellorFactory(), CounsellorFactory()
    for user in (busy, free):
        availability.console_opened(user_id=user.pk)
    ConversationFactory.create_batch(2, counsellor=busy, status=Status.ACTIVE,
                                     picked_at=timezone.now())
    staffing = availability.staffing("youth")
    assert sorted(staffing.loads) == [0, 2] and staffing.capacity == 3
    assert staffing.average_minutes == 20  # no ended chats yet: the setting

    ended = timezone.now()
    for minutes in (8, 9, 10, 11, 12, 90):
        ConversationFactory(counsellor=busy, status=Status.ENDED, ended_at=ended,
                            picked_at=ended - dt.timedelta(minutes=minutes))
    ConversationFactory(status=Status.ENDED, ended_at=ended, picked_at=None)  # never answered
    ConversationFactory(channel="outreach", status=Status.ENDED, ended_at=ended,
                        picked_at=ended - dt.timedelta(minutes=300))       # another channel
    assert availability.staffing("youth").average_minutes == 10.5


@pytest.mark.django_db
@override_settings(CHAT_COUNSELLOR_CAPACITY=1, CHAT_AVERAGE_MINUTES=20)
def test_estimated_wait_from_who_is_there_now():
    def estimated_wait_minutes(position):  # as the young person's socket works it out
        return waiting.estimate(position, availability.staffing("youth"))

    assert estimated_wait_minutes(1) is None  # nobody: no number
    counsellor = CounsellorFactory()
    availability.console_opened(user_id=counsellor.pk)
    assert estimated_wait_minutes(1) == 1     # a free place
    ConversationFactory(counsellor=counsellor, status=Status.ACTIVE, picked_at=timezone.now())
    assert estimated_wait_minutes(1) == 20    # they are busy with one chat of 20 min
    assert estimated_wait_minutes(2) == 40


@ALWAYS
@pytest.mark.django_db(transaction=True)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_young_person_is_told_when_a_counsellor_opens_or_closes_the_console():
    from uitweg.chat.tests.test_queue_socket import queue_socket

    counsellor = CounsellorFactory()
    cookie = staff_cookie(counsellor)

    async def scenario():
        youth = youth_socket()
        _token, _welcome, queue = await start(youth)
        assert queue["position"] == 1 and queue["wait_minutes"] is None  # nobody there

        console = queue_socket(cookie)
        assert (await console.connect())[0]
        queue = await youth.receive_json_from()
        assert queue["type"] == "queue" and queue["wait_minutes"] == 1

        await console.disconnect()
        queue = await youth.receive_json_from()
        assert queue["type"] == "queue" and queue["wait_minutes"] is None
        await youth.disconnect()

    run_coroutine(scenario())
    assert ConsolePresence.objects.get(user=counsellor).sockets == 0


@pytest.mark.django_db
def test_the_inputs_cost_three_queries_however_many_counsellors_are_there(
        django_assert_num_queries):
    for _ in range(6):
        user = CounsellorFactory()
        availability.console_opened(user_id=user.pk)
        ConversationFactory(counsellor=user, status=Status.ACTIVE, picked_at=timezone.now())
    with django_assert_num_queries(3):
        staffing = availability.staffing("youth")
    assert staffing.loads == (1,) * 6
