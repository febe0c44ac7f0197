from django.urls import include, path

from uitweg.week import views_public, views_staff

staff = [
    path("", views_staff.events, name="events"),
    path("events/new/", views_staff.event_new, name="event_new"),
    path("events/<int:event_pk>/", views_staff.event_edit, name="event_edit"),
    path("events/<int:event_pk>/decide/", views_staff.event_decide, name="event_decide"),
    path("events/<int:event_pk>/registration/", views_staff.event_registration,
         name="event_registration"),
    path("events/<int:event_pk>/attendees/", views_staff.attendees, name="attendees"),
    path("events/<int:event_pk>/attendees.csv", views_staff.attendees_csv,
         name="attendees_csv"),
    path("registrations/<int:registration_pk>/check-in/", views_staff.check_in,
         name="check_in"),
    path("editions/", views_staff.editions, name="editions"),
    path("editions/<int:edition_pk>/", views_staff.edition, name="edition"),
    path("editions/<int:edition_pk>/materials/", views_staff.material_upload,
         name="material_upload"),
    path("materials/<int:material_pk>/delete/", views_staff.material_delete,
         name="material_delete"),
    path("figures/", views_staff.figures, name="figures"),
    path("mailbox/", views_staff.mailbox_list, name="mailbox"),
    path("mailbox/<str:message_id>/", views_staff.mailbox_message, name="mailbox_message"),
]

public = [
    path("week/", views_public.programme, name="programme"),
    path("week/programme.ics", views_public.programme_ics, name="programme_ics"),
    path("week/events/<int:pk>/", views_public.event_detail, name="event"),
    path("week/events/<int:pk>/event.ics", views_public.event_ics, name="event_ics"),
    path("week/registered/<str:token>/", views_public.registered, name="registered"),
    path("week/cancel/<str:token>/", views_public.cancel, name="cancel"),
    path("week/<int:year>/toolkit/", views_public.toolkit, name="toolkit"),
    path("week/materials/<int:pk>/", views_public.material_file, name="material"),
]

staff_urlpatterns = [path("staff/week/", include((staff, "week")))]
public_urlpatterns = [path("", include((public, "week_public")))]
