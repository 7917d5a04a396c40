"""Forms of the group's pages."""

from django import forms


class MinutesCommentForm(forms.Form):
    """A comment on circulated minutes."""

    text = forms.CharField(label="Your comment", max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
