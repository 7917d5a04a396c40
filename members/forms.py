"""Forms of the members app: invitations, accepting one, and comments on circulated minutes."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from wagtail.admin.forms.auth import LoginForm

from .auth import is_locked_out, lockout_message
from .models import Organisation, Role
from .permissions import invitable_organisations, invitable_roles, invitation_problem


class LockoutMessageMixin:
    """Says that sign-in is paused, instead of "did not match", while the username or address is locked out."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is not None and self.cleaned_data.get("password") and is_locked_out(self.request, username):
            raise forms.ValidationError(lockout_message(), code="locked_out")
        return super().clean()


class PortalAuthenticationForm(LockoutMessageMixin, AuthenticationForm):
    """The front-end sign-in form (members' pages)."""


class AdminLoginForm(LockoutMessageMixin, LoginForm):
    """The Wagtail admin's sign-in form (settings.WAGTAILADMIN_USER_LOGIN_FORM)."""


class TwoFactorCodeForm(forms.Form):
    """A code from an authenticator app (or a recovery code), checked by `check(request, code)` from
    members.two_factor, which raises TwoFactorError with the message to show."""

    code = forms.CharField(label="Code", max_length=40, error_messages={"required": "Enter the code."})

    def __init__(self, *args, request, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.request, self.check = request, check
        self.result = None

    def clean_code(self):
        from .two_factor import TwoFactorError

        try:
            self.result = self.check(self.request, self.cleaned_data["code"])
        except TwoFactorError as error:
            raise forms.ValidationError(str(error), code="two_factor") from None
        return self.cleaned_data["code"]


class InvitationForm(forms.Form):
    """Invite a person by email to an organisation in a role; the choices depend on who is inviting."""

    email = forms.EmailField(help_text="The invitation link is sent to this address.")
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    role = forms.ChoiceField(choices=())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = invitable_organisations(user)
        self.fields["role"].choices = [(role.value, role.label) for role in invitable_roles(user)]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        organisation, role, email = cleaned.get("organisation"), cleaned.get("role"), cleaned.get("email", "")
        if organisation is not None and role:
            problem = invitation_problem(self.user, organisation, role, email)
            if problem:
                raise forms.ValidationError(problem)
        return cleaned


class AcceptInvitationForm(forms.Form):
    """A new account from an invitation: the person's name and a password that meets the portal's rules."""

    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    password1 = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(label="Password again", strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords are not the same.")
        elif password1:
            user = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


__all__ = ["AcceptInvitationForm", "InvitationForm", "Role"]
