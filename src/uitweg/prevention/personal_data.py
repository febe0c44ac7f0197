"""The prevention app keeps no personal data: public content and anonymous counters."""

from uitweg.core.personal_data import not_personal

from .models import (
    InfoPage,
    OrganisationSection,
    PageViewCount,
    PreventionHomePage,
    SelfCheckPage,
)

not_personal(PageViewCount, ["language"], reason="a language code of a counter row")
not_personal(PreventionHomePage, ["intro"], reason="published public information text")
not_personal(InfoPage, ["summary", "body"], reason="published public information text")
not_personal(InfoPage, ["image_alt"], reason="the description (alt text) of a page's image, "
             "written by an editor for the public")
not_personal(SelfCheckPage, ["intro", "questions", "result_none", "result_some",
                             "result_signs"],
             reason="the self-check's questions and result texts; answers are never stored")
not_personal(OrganisationSection, ["intro"], reason="published public information text")

#: Wagtail's page fields every page type inherits.
PAGE_FIELDS = ["path", "title", "draft_title", "slug", "url_path", "seo_title",
               "search_description"]
for _model in (PreventionHomePage, OrganisationSection, InfoPage, SelfCheckPage):
    not_personal(_model, PAGE_FIELDS, reason="tree position, title and address of a public page")
