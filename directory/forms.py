"""The form visitors use to report a problem with a listing. It asks for no personal data."""

from django import forms

from .models import ProblemReport


class ProblemReportForm(forms.ModelForm):
    """What is wrong, and optionally more detail; 'website' is a honeypot that people never see."""

    website = forms.CharField(required=False, label="Leave this empty", max_length=200)

    class Meta:
        model = ProblemReport
        fields = ["kind", "message"]
        labels = {"kind": "What is wrong with this listing?", "message": "Tell us more (optional)"}
        help_texts = {"message": "Do not include your name or anything that could identify you or anyone else."}
        widgets = {"kind": forms.RadioSelect, "message": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}
        error_messages = {"kind": {"required": "Choose what is wrong with this listing."}}

    def is_spam(self):
        return bool(self.data.get("website"))
