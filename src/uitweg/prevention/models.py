"""The prevention pages as Wagtail page types, and the page-view counter (issue 11).

Page tree (one per locale, kept in step by wagtail-localize):
``PreventionHomePage`` ("Werken in Nederland", the site root) → ``InfoPage`` children and a
``SelfCheckPage``; a partner organisation gets its own ``OrganisationSection`` under the home
page, and its editors may edit only below it (:mod:`uitweg.prevention.roles_sync`).
"""

from __future__ import annotations

from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from uitweg.prevention import selfcheck

#: What editors may use in rich text: no raw HTML, no embeds, no images inline (ADR 0093); links
#: to documents (PDF flyers), sent only while a published page links to them (ADR 0101).
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def indicator_choices():
    from uitweg.signals.vocabulary import public_indicator_choices

    return public_indicator_choices()


class CountedPage(Page):
    """A public page whose views are counted per page, language and day (no visitor data)."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        from django.utils.translation import get_language

        if self.locale.language_code != get_language():
            # Not translated into the language of the URL: Wagtail found the page in its own
            # language; send the visitor there (its lang attribute and direction are right).
            return HttpResponseRedirect(self.url)
        response = super().serve(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and getattr(response, "status_code", 200) == 200:
            from uitweg.prevention.reach import count_view

            count_view(page_id=self.pk, language=self.locale.language_code)
            # what a cached copy of this answer must count again (views.serve, ADR 0111)
            request.counted_page = {"page_id": self.pk, "language": self.locale.language_code}
        return response


NATIVE_NAMES = {"nl": "Nederlands", "nl-b1": "Makkelijk lezen", "en": "English",
                "pl": "Polski", "ro": "Română", "bg": "Български", "uk": "Українська",
                "ar": "العربية"}


def page_context(page, request) -> dict:
    """Language links to the live translations, lang attribute, breadcrumbs, help links."""
    from django.conf import settings

    code = page.locale.language_code
    translations = {p.locale.language_code: p for p in
                    page.get_translations(inclusive=True).live().select_related("locale")}
    links = [(lang, NATIVE_NAMES.get(lang, lang), translations[lang].url)
             for lang, _name in settings.LANGUAGES if lang in translations]
    request.public_languages = tuple(lang for lang, _n, _u in links)
    ancestors = [a for a in page.get_ancestors().specific() if a.depth >= 2]
    self_check = (SelfCheckPage.objects.live().filter(locale=page.locale)
                  .exclude(pk=page.pk).first())
    return {
        "language_links": links,
        "html_lang": "nl" if code == "nl-b1" else code,
        "breadcrumbs": [{"title": a.title, "url": a.url} for a in ancestors],
        "self_check_url": self_check.url if self_check else "",
        "report_url": selfcheck.report_url([], code),
    }


class PreventionHomePage(CountedPage):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["prevention.InfoPage", "prevention.SelfCheckPage",
                     "prevention.OrganisationSection"]
    parent_page_types = ["wagtailcore.Page"]
    template = "prevention/home_page.html"

    class Meta:
        verbose_name = _("information home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context


class OrganisationSection(CountedPage):
    """The pages of one partner organisation; its editors and publishers work only below it."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("organisation"))
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("organisation")]
    subpage_types = ["prevention.InfoPage", "prevention.SelfCheckPage"]
    parent_page_types = ["prevention.PreventionHomePage"]
    template = "prevention/home_page.html"

    class Meta:
        verbose_name = _("organisation section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context


class InfoPage(CountedPage):
    summary = models.CharField(_("summary"), max_length=300, blank=True,
                               help_text=_("One or two sentences, shown in lists and flyers."))
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("image"),
        help_text=_("Shown above the text; visitors get a smaller copy made by this server."))
    image_alt = models.CharField(
        _("description of the image"), max_length=250, blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an "
                    "image."))
    body = RichTextField(_("text"), features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("summary"),
                      MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")],
                                      heading=_("Image")),
                      FieldPanel("body")]
    subpage_types: list[str] = []
    template = "prevention/info_page.html"

    class Meta:
        verbose_name = _("information page")

    def clean(self):
        from django.core.exceptions import ValidationError

        from uitweg.prevention import media

        super().clean()
        if media.image_alt_problem(has_image=self.image_id is not None, alt=self.image_alt):
            raise ValidationError({"image_alt": _(
                "Describe the image for people who cannot see it (alt text).")})


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    explanation = blocks.TextBlock(label=_("explanation"), required=False, max_length=600)
    indicator = blocks.ChoiceBlock(choices=indicator_choices, label=_("indicator"),
                                   help_text=_("The sign of exploitation this question is "
                                               "about; a report opened from the result has "
                                               "it ticked."))
    weight = blocks.IntegerBlock(label=_("weight"), min_value=1, max_value=5, default=1)
    decisive = blocks.BooleanBlock(
        label=_("decisive"), required=False,
        help_text=_("A 'yes' alone means signs of exploitation (e.g. the employer keeps your "
                    "passport)."))

    class Meta:
        icon = "help"
        label = _("question")


class SelfCheckPage(CountedPage):
    """"Check your work situation": answers are never stored (ADR 0093)."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    questions = StreamField([("question", QuestionBlock())], verbose_name=_("questions"),
                            min_num=1, max_num=20)
    some_concerns_from = models.PositiveSmallIntegerField(
        _("'some concerns' from score"), default=1)
    signs_from = models.PositiveSmallIntegerField(
        _("'signs of exploitation' from score"), default=4)
    result_none = RichTextField(_("result: no signs"), features=RICH_TEXT_FEATURES)
    result_some = RichTextField(_("result: some concerns"), features=RICH_TEXT_FEATURES)
    result_signs = RichTextField(_("result: signs of exploitation"),
                                 features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels, FieldPanel("intro"), FieldPanel("questions"),
        MultiFieldPanel([FieldPanel("some_concerns_from"), FieldPanel("signs_from")],
                        heading=_("Scoring")),
        FieldPanel("result_none"), FieldPanel("result_some"), FieldPanel("result_signs"),
    ]
    subpage_types: list[str] = []
    template = "prevention/self_check.html"

    class Meta:
        verbose_name = _("self-check page")

    def get_context(self, request, *args, **kwargs):
        from uitweg.prevention import public_text

        context = super().get_context(request, *args, **kwargs)
        context["questions"] = self.check_questions()
        context["answer_choices"] = [(selfcheck.YES, public_text.ANSWER_YES),
                                     (selfcheck.NO, public_text.ANSWER_NO),
                                     (selfcheck.UNSURE, public_text.ANSWER_UNSURE)]
        return context

    def check_questions(self) -> list[selfcheck.Question]:
        return [selfcheck.Question(
            key=f"q{index}", text=block.value["question"],
            explanation=block.value.get("explanation") or "",
            indicator=block.value["indicator"], weight=block.value["weight"],
            decisive=bool(block.value.get("decisive")))
            for index, block in enumerate(self.questions) if block.block_type == "question"]

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return self.serve_result(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseRedirect(self.url)
        return super().serve(request, *args, **kwargs)

    def serve_result(self, request):
        """The result of one submission: computed, shown, forgotten (no-store, nothing saved)."""
        questions = self.check_questions()
        answers = selfcheck.answers_from(request.POST, questions)
        result = selfcheck.evaluate(questions, answers, some_from=self.some_concerns_from,
                                    signs_from=self.signs_from)
        texts = {selfcheck.NONE: self.result_none, selfcheck.SOME: self.result_some,
                 selfcheck.SIGNS: self.result_signs}
        context = self.get_context(request)
        chosen = {key for key, value in answers.items() if value == selfcheck.YES}
        context.update({"result": result, "chosen": chosen, "result_text": texts[result.level],
                        "report_with_signs_url": selfcheck.report_url(result.indicators,
                                                           self.locale.language_code)})
        response = TemplateResponse(request, "prevention/self_check_result.html", context)
        add_never_cache_headers(response)
        patch_cache_control(response, no_store=True)
        return response


class PageViewCount(models.Model):
    """Views of one page in one language on one day: a counter, nothing about the visitor."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "language", "day"],
                                               name="prevention_one_counter_per_page_day")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.page_id} {self.language} {self.day}: {self.views}"
