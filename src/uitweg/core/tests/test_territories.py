"""Country and language names instead of ISO codes (issue 10.7): CLDR data through Babel."""

from django.utils import translation

from uitweg.core import territories


def test_names_in_the_interface_language():
    assert territories.country_name("RO", "nl") == "Roemenië"
    assert territories.country_name("RO", "en") == "Romania"
    assert territories.language_name("uk", "nl") == "Oekraïens"
    assert territories.language_name("uk", "en") == "Ukrainian"
    with translation.override("nl"):
        assert territories.country_name("ng") == "Nigeria"


def test_lists_are_sorted_by_name_and_hold_no_groupings():
    names = [name for _code, name in territories.countries("nl")]
    assert names == sorted(names, key=str.casefold)
    codes = {code for code, _name in territories.countries("nl")}
    assert {"NL", "RO", "NG", "ER", "XK"} <= codes and not codes & {"EU", "UN", "ZZ", "EZ"}
    assert ("ti", "Tigrinya") in territories.languages("en")


def test_an_unknown_code_is_shown_as_it_is():
    assert territories.country_name("QQ", "nl") == "QQ"


def test_the_person_form_offers_names_and_stores_codes():
    from uitweg.cases.forms import PersonFieldsForm

    with translation.override("nl"):
        form = PersonFieldsForm(data={"full_name": "Ana", "gender": "unknown",
                                      "nationality": "RO", "languages": ["ro", "en"]})
        assert ("RO", "Roemenië") in form.fields["nationality"].choices
        assert form.is_valid(), form.errors
    assert form.cleaned_data["nationality"] == "RO"
    assert form.cleaned_data["languages"] == ["ro", "en"]
    bad = PersonFieldsForm(data={"full_name": "Ana", "gender": "unknown", "nationality": "R0"})
    assert not bad.is_valid() and "nationality" in bad.errors


def test_codes_in_any_case_are_accepted_too():
    from uitweg.cases.forms import PersonFieldsForm

    form = PersonFieldsForm(data={"full_name": "Ana", "gender": "unknown", "nationality": "pl",
                                  "languages": "RO, en"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nationality"] == "PL"
    assert form.cleaned_data["languages"] == ["ro", "en"]
