from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.models import Organisation
from uitweg.accounts.roles import FOUR_EYES_ROLES, ORG_GRANTABLE_ROLES, Role


def role_choices(roles) -> list[tuple[str, str]]:
    """Translated choices for ``roles``; four-eyes roles say that a second administrator
    approves them."""
    return [(value, _("%(role)s (needs a second administrator's approval)") % {"role": label}
             if value in FOUR_EYES_ROLES else label)
            for value, label in Role.choices if value in roles]


class InviteForm(forms.Form):
    """An organisation administrator invites into their own organisation (no organisation
    field); the functional administrator invites organisation administrators into
    organisations being set up (``set_up`` is the queryset of those)."""

    username = forms.RegexField(label=_("Username"), max_length=150, regex=r"^[\w.@+-]+$")
    email = forms.EmailField(label=_("E-mail address"),
                             help_text=_("The invitation link is sent to this address only."))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"),
                                          queryset=Organisation.objects.none())
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=(),
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organisation=None, set_up=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            del self.fields["organisation"]
            self.fields["roles"].choices = role_choices(ORG_GRANTABLE_ROLES)
            self.organisation = organisation
        else:
            self.fields["organisation"].queryset = set_up
            self.fields["roles"].choices = role_choices({Role.ORG_ADMIN})
            self.fields["roles"].initial = [Role.ORG_ADMIN]
            self.organisation = None

    def clean(self):
        data = super().clean()
        data["organisation"] = data.get("organisation") or self.organisation
        return data


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), help_text=password_validators_help_text_html)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class StaffRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=(),
                                      widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = role_choices(ORG_GRANTABLE_ROLES)
