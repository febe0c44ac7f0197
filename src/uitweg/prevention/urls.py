from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from uitweg.prevention import views

staff = [path("reach/", views.reach_view, name="reach")]

staff_urlpatterns = [
    path("cms/", include(wagtailadmin_urls)),
    path("cms/documents/", include(wagtaildocs_urls)),
    path("staff/prevention/", include((staff, "prevention"))),
]

#: Wagtail serves the page tree under /werken-in-nederland/ (and /pl/werken-in-nederland/ …);
#: ``wagtail_serve`` is the name Wagtail reverses for page URLs.
public_urlpatterns = [
    path("werken-in-nederland/flyer/<int:page_id>/<str:size>.pdf", views.flyer,
         name="prevention_flyer"),
    # CMS images (renditions) and documents of published pages: MEDIA_URL (media.py)
    path("werken-in-nederland/media/<path:name>", views.media_file, name="prevention_media"),
    path("werken-in-nederland/", views.serve, {"path": ""}, name="prevention_info"),
    re_path(r"^werken-in-nederland/((?:[\w\-]+/)*)$", views.serve, name="wagtail_serve"),
]
