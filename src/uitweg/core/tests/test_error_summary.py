"""Issue 10 item 4: the error summary pattern on every form rendered by the shared templates."""

import re

import pytest
from django import forms
from django.core.cache import cache
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext

from uitweg.core.error_summary import SummaryItem, summary_items


class _Form(forms.Form):
    name = forms.CharField(label="Name")
    email = forms.EmailField(label="E-mail", required=False)
    colour = forms.ChoiceField(label="Colour", widget=forms.RadioSelect,
                               choices=[("r", "Red"), ("g", "Green")])
    tags = forms.MultipleChoiceField(label="Tags", widget=forms.CheckboxSelectMultiple,
                                     choices=[("a", "A"), ("b", "B")])
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Something about the whole form.")


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S)[1]


def test_summary_lists_every_error_with_a_link_target_in_form_order():
    form = _Form(data={"email": "kasia@example"})
    items = summary_items(form)
    assert items[0] == SummaryItem(message="Something about the whole form.")
    targets = [item.target for item in items if item.target]
    assert targets == ["id_name", "id_email", "id_colour_0", "id_tags_0"]
    # The hidden field's error is listed without a link: there is nothing to focus.
    assert any(item.target == "" and item.message != items[0].message for item in items)


def test_no_summary_before_the_form_is_sent():
    assert summary_items(_Form()) == []
    html = Template("{{ form }}").render(Context({"form": _Form()}))
    assert "data-error-summary" not in html
    assert "aria-invalid" not in html
    assert "uitweg-errorlist" not in html


def test_shared_form_template_renders_the_summary_with_links_and_field_messages():
    with translation.override("en"):
        html = Template("{{ form }}").render(Context({"form": _Form(data={"email": "x@y"})}))
    summary = html[:html.index("</div>")]
    assert 'role="alert"' in summary
    assert 'tabindex="-1"' in summary
    assert "There is a problem" in summary
    assert 'href="#id_name"' in summary
    assert 'href="#id_colour_0"' in summary
    # The per-field message stays beside the field too.
    assert html.count("Enter a valid email address.") == 2


@pytest.mark.django_db
def test_public_report_invalid_email_says_what_is_wrong(client):
    from uitweg.signals.tests.factories import care_org

    cache.clear()
    care_org()
    page = client.get("/report/").content.decode()
    token = re.search(r'name="submission"[^>]*value="([^"]+)"', page)[1]
    assert not _title(page).startswith("Fout")
    response = client.post("/report/", {
        "description": "Three women live above the nail studio and never go out alone.",
        "child_involved": "unknown", "wants_contact": "on", "contact_email": "kasia@example",
        "submission": token})
    html = response.content.decode()
    cache.clear()
    with translation.override("nl"):  # msgids until the lead compiles the catalogue
        prefix, heading = gettext("Error:"), gettext("There is a problem")
        email_message = gettext("Enter an e-mail address like name@example.nl.")
        missing = gettext("To be contacted, give a phone number or an e-mail address.")
    assert _title(html).startswith(f"{prefix} ")
    assert heading in html
    assert 'href="#id_contact_email"' in html
    assert email_message in html
    # The message matches the problem: the address is wrong, not missing.
    assert missing not in html


@pytest.mark.django_db
def test_staff_login_error_gets_the_summary_and_title_in_english(client):
    from uitweg.testing.factories import UserFactory

    cache.clear()
    UserFactory(username="anna")
    response = client.post("/accounts/login/", {"login": "anna", "password": "wrong"},
                           HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    cache.clear()
    assert _title(html).startswith("Error: ")
    assert "There is a problem" in html
    assert 'data-error-summary' in html
