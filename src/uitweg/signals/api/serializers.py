"""Input and output of the partner API. Validation here, business rules in services."""

from __future__ import annotations

from rest_framework import serializers

from uitweg.core.vocabulary import ExploitationForm, Gender, Indicator
from uitweg.signals.models import MAX_LINE, MAX_TEXT, Signal
from uitweg.signals.services import (
    KVK_RE,
    MAX_ITEMS,
    BusinessData,
    PersonData,
    SignalData,
)
from uitweg.signals.vocabulary import PersonRole


def _line(**kwargs):
    return serializers.CharField(max_length=MAX_LINE, trim_whitespace=True, **kwargs)


class PersonIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=PersonRole.choices,
                                   default=PersonRole.POSSIBLE_VICTIM)
    full_name = serializers.CharField(max_length=200)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    aliases = serializers.ListField(child=serializers.CharField(max_length=200),
                                    max_length=MAX_ITEMS, required=False, default=list)
    phone_numbers = serializers.ListField(child=serializers.CharField(max_length=40),
                                          max_length=MAX_ITEMS, required=False, default=list)
    nationality = serializers.RegexField(r"^[A-Z]{2}$", required=False, default="",
                                         help_text="ISO 3166-1 alpha-2, e.g. PL")
    gender = serializers.ChoiceField(choices=Gender.choices, default=Gender.UNKNOWN)
    languages = serializers.ListField(child=serializers.CharField(max_length=8),
                                      max_length=10, required=False, default=list)


class BusinessIn(serializers.Serializer):
    name = _line(required=False, default="", allow_blank=True)
    kvk_number = serializers.CharField(required=False, default="", allow_blank=True,
                                       max_length=8, min_length=8,
                                       help_text="Chamber of Commerce number: 8 digits")

    def validate_kvk_number(self, value):
        if value and not KVK_RE.match(value):
            raise serializers.ValidationError("A KvK number has exactly 8 digits.")
        return value

    def validate(self, attrs):
        if not attrs.get("name") and not attrs.get("kvk_number"):
            raise serializers.ValidationError("Give a name or a KvK number.")
        return attrs


def _list(child, **kwargs):
    return serializers.ListField(child=child, max_length=MAX_ITEMS, required=False,
                                 default=list, **kwargs)


class SignalIn(serializers.Serializer):
    description = serializers.CharField(max_length=MAX_TEXT)
    observed_when = serializers.CharField(max_length=200, required=False, default="",
                                          allow_blank=True)
    forms = _list(serializers.ChoiceField(choices=ExploitationForm.choices))
    indicators = _list(serializers.ChoiceField(choices=Indicator.choices))
    minor_involved = serializers.BooleanField(required=False, allow_null=True, default=None)
    acute_danger = serializers.BooleanField(required=False, default=False)
    persons = _list(PersonIn())
    locations = _list(_line(), help_text="Addresses or places")
    businesses = _list(BusinessIn())
    phone_numbers = _list(serializers.CharField(max_length=40))
    websites = _list(_line(), help_text="Websites and advertisements (URLs)")
    vehicles = _list(serializers.CharField(max_length=20), help_text="Licence plates")
    reference = serializers.CharField(max_length=100, required=False, default="",
                                      allow_blank=True,
                                      help_text="The reporting organisation's own reference")

    def to_data(self) -> SignalData:
        d = self.validated_data
        return SignalData(
            description=d["description"], observed_when=d["observed_when"],
            location="; ".join(d["locations"]), forms=d["forms"], indicators=d["indicators"],
            minor=d["minor_involved"], acute_danger=d["acute_danger"],
            persons=[PersonData(
                full_name=p["full_name"], date_of_birth=p.get("date_of_birth"),
                aliases=p["aliases"], phone_numbers=p["phone_numbers"],
                nationality=p["nationality"], gender=p["gender"], languages=p["languages"],
                role=p["role"]) for p in d["persons"]],
            addresses=d["locations"],
            businesses=[BusinessData(name=b["name"], kvk=b["kvk_number"])
                        for b in d["businesses"]],
            phone_numbers=d["phone_numbers"], websites=d["websites"], vehicles=d["vehicles"],
            source_reference=d["reference"])


class SignalOut(serializers.ModelSerializer):
    """What a partner learns about its own signals: no matches, no other organisations."""

    reference = serializers.CharField(read_only=True)
    your_reference = serializers.CharField(source="source_reference", read_only=True)

    class Meta:
        model = Signal
        fields = ["reference", "your_reference", "received_at", "status", "priority"]
        read_only_fields = fields
