"""The return form: whole numbers from 0 to 100,000, and totals that agree.

Rules (also in the README):
- every figure is a whole number from 0 to 100,000; a blank box counts as 0;
- the council areas' new women add up to the total of new women, and their continuing women to
  the total of continuing women;
- the referral sources add up to the total of new women (referral is asked of new women only);
- no support need or form of CSE can count more women than were supported (new + continuing);
  a woman may have several, so these need not add up to the total;
- nothing about a person, only counts; notes on unmet need are free text in general terms.
"""

from django import forms

from directory.models import CouncilArea, TaxonomyTerm

from .models import MAX_COUNT, ReferralSource


def count_field(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_COUNT,
        widget=forms.NumberInput(attrs={"class": "ds_input ds_input--fixed-5", "inputmode": "numeric"}),
        error_messages={
            "invalid": f"Enter a whole number for {label}, such as 0 or 12.",
            "min_value": f"{label} cannot be less than 0.",
            "max_value": f"{label} cannot be more than {MAX_COUNT:,}.",
        },
    )


class ReturnForm(forms.Form):
    """Counts for one organisation and period, with every figure in one flat form."""

    new_women = count_field("Women newly supported")
    continuing_women = count_field("Women supported who started before the period")
    unmet_need_notes = forms.CharField(
        label="Unmet need",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "ds_input", "rows": 5}),
        help_text="Needs you could not meet, in general terms. Never include names or details about a person.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(CouncilArea.objects.all())
        terms = list(TaxonomyTerm.objects.filter(taxonomy__slug__in=["support", "cse"]).select_related("taxonomy"))
        self.needs = [t for t in terms if t.taxonomy.slug == "support"]
        self.cse_forms = [t for t in terms if t.taxonomy.slug == "cse"]
        for area in self.areas:
            self.fields[f"area_{area.gss_code}_new"] = count_field(f"{area.name}: new")
            self.fields[f"area_{area.gss_code}_continuing"] = count_field(f"{area.name}: continuing")
        for term in self.needs:
            self.fields[f"need_{term.slug}"] = count_field(term.name)
        for term in self.cse_forms:
            self.fields[f"cse_{term.slug}"] = count_field(term.name)
        for value, label in ReferralSource.choices:
            self.fields[f"referral_{value}"] = count_field(label)

    def area_rows(self):
        return [
            (area, self[f"area_{area.gss_code}_new"], self[f"area_{area.gss_code}_continuing"]) for area in self.areas
        ]

    def need_fields(self):
        return [self[f"need_{t.slug}"] for t in self.needs]

    def cse_fields(self):
        return [self[f"cse_{t.slug}"] for t in self.cse_forms]

    def referral_fields(self):
        return [self[f"referral_{value}"] for value, _label in ReferralSource.choices]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        for name, field in self.fields.items():
            if isinstance(field, forms.IntegerField) and data.get(name) is None:
                data[name] = 0
        new, continuing = data["new_women"], data["continuing_women"]
        area_new = sum(data[f"area_{a.gss_code}_new"] for a in self.areas)
        area_continuing = sum(data[f"area_{a.gss_code}_continuing"] for a in self.areas)
        if area_new != new:
            self.add_error(
                None, f"The council areas' new women add up to {area_new}, but the total of new women is {new}."
            )
        if area_continuing != continuing:
            self.add_error(
                None,
                f"The council areas' continuing women add up to {area_continuing}, "
                f"but the total of continuing women is {continuing}.",
            )
        referrals = sum(data[f"referral_{value}"] for value, _label in ReferralSource.choices)
        if referrals != new:
            self.add_error(None, f"The referral sources add up to {referrals}, but the total of new women is {new}.")
        for prefix, terms in (("need", self.needs), ("cse", self.cse_forms)):
            for term in terms:
                name = f"{prefix}_{term.slug}"
                if data[name] > new + continuing:
                    self.add_error(name, f"{term.name} cannot be more than the {new + continuing} women supported.")
        return data

    def figures(self):
        """{figure key: value} of the cleaned form, zeros left out, for saving and the change log."""
        data = self.cleaned_data
        figures = {"new_women": data["new_women"], "continuing_women": data["continuing_women"]}
        for area in self.areas:
            figures[f"area:{area.gss_code}:new"] = data[f"area_{area.gss_code}_new"]
            figures[f"area:{area.gss_code}:continuing"] = data[f"area_{area.gss_code}_continuing"]
        for term in self.needs:
            figures[f"support:{term.slug}"] = data[f"need_{term.slug}"]
        for term in self.cse_forms:
            figures[f"cse:{term.slug}"] = data[f"cse_{term.slug}"]
        for value, _label in ReferralSource.choices:
            figures[f"referral:{value}"] = data[f"referral_{value}"]
        return {key: value for key, value in figures.items() if value}


def initial_from_return(aggregate_return):
    """Form initial data from a saved return."""
    initial = {
        "new_women": aggregate_return.new_women,
        "continuing_women": aggregate_return.continuing_women,
        "unmet_need_notes": aggregate_return.unmet_need_notes,
    }
    for figure in aggregate_return.area_figures.select_related("council_area"):
        initial[f"area_{figure.council_area.gss_code}_new"] = figure.new_women
        initial[f"area_{figure.council_area.gss_code}_continuing"] = figure.continuing_women
    for figure in aggregate_return.term_figures.select_related("term__taxonomy"):
        prefix = "need" if figure.term.taxonomy.slug == "support" else "cse"
        initial[f"{prefix}_{figure.term.slug}"] = figure.women
    for figure in aggregate_return.referral_figures.all():
        initial[f"referral_{figure.source}"] = figure.women
    return initial
