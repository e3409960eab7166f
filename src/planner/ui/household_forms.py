"""The household's sections of the Plan panel: who the plan is for and what life costs, the partner,
work income, and part-time work after the stop. Every field comes from HOUSEHOLD_FIELDS (or is one of
the household's two switches), so bounds, tooltips, scenario overrides and undo work as everywhere.

The two switches change what other fields mean, so this module also follows them: the partner's
fields show only while "Partner" is ticked (kept, unused, while it is not), and the fixed monthly
saving is greyed, with a note saying why, while saving follows from income."""

from __future__ import annotations

from collections.abc import Callable

from planner.domain.plan import Household
from planner.domain.record_fields import HOUSEHOLD_FIELDS
from planner.ui.field_editors import CheckEditor, NumberEditor
from planner.ui.field_form import FieldForm

HOUSEHOLD = "household"
BASICS = ("birth_year", "monthly_expenses", "monthly_savings", "inflation", "target_fi_age", "plan_until_age")
PARTNER = ("partner_birth_year", "partner_target_fi_age", "partner_plan_until_age")
WORK = ("monthly_salary", "salary_growth", "partner_monthly_salary", "partner_salary_growth")
PART_TIME = ("part_time_income", "part_time_hours", "part_time_years")
#: Fields shown only while the plan has a partner.
PARTNER_ONLY = (*PARTNER, "partner_monthly_salary", "partner_salary_growth")
#: The note on the fixed saving while saving follows from income.
FROM_INCOME = ("Not used while saving follows from income (Work income): each month's saving is the salaries "
               "less that month's planned spending.")
PARTNER_HELP = ("A second adult in the plan, with their own birth year, stop age, plan-until age and salary. "
                "Ages on charts stay the first adult's; the plan runs until the later of the two plan-until years.")
#: Shorter row labels than the specs' (which messages use), so the panel stays as narrow as before;
#: the tooltip says the rest ("above inflation").
SHORT_LABELS = {"partner_target_fi_age": "Partner's stop age", "partner_plan_until_age": "Partner plans until",
                "salary_growth": "Salary growth", "partner_monthly_salary": "Partner's salary",
                "partner_salary_growth": "Partner's growth"}
FROM_INCOME_HELP = ("On: each month before the stop, the saving is the salaries less that month's planned spending "
                    "(expenses and spending phases; a negative saving draws on capital). Off: the fixed monthly "
                    "savings of the Household section.")


class HouseholdForms:
    """The four household sections, made through ``section(title) -> FieldForm`` (the panel's)."""

    def __init__(self, section: Callable[[str], FieldForm], currency: str) -> None:
        self._currency = currency
        basics = self._numbers(section("Household"), BASICS)
        partner = section("Partner")
        partner.add(HOUSEHOLD, "partner", "", CheckEditor("Partner", PARTNER_HELP))
        self._numbers(partner, PARTNER)
        work = self._numbers(section("Work income"), WORK)
        work.add(HOUSEHOLD, "saving_from_income", "", CheckEditor("Saving follows from income", FROM_INCOME_HELP))
        self._numbers(section("Part-time work after stopping"), PART_TIME)
        self.basics, self.forms = basics, [basics, partner, work]

    def _numbers(self, form: FieldForm, keys: tuple[str, ...]) -> FieldForm:
        specs = {spec.key: spec for spec in HOUSEHOLD_FIELDS}
        for key in keys:
            spec = specs[key]
            editor = NumberEditor(spec, self._currency, whole=spec.integer)
            form.add(HOUSEHOLD, key, SHORT_LABELS.get(key, spec.label), editor)
        return form

    def follow(self, household: Household) -> None:
        """After the panel showed the values: hide the partner's rows without a partner, and grey the
        fixed saving while saving follows from income (its lock, if any, is already set)."""
        for form in self.forms:
            for (_, key), editor in form.editors.items():
                if key in PARTNER_ONLY:
                    form.layout_.setRowVisible(editor, household.partner)
        savings = self.basics.editor(HOUSEHOLD, "monthly_savings")
        savings.set_hint(FROM_INCOME if household.saving_from_income else "")
        if household.saving_from_income:
            savings.set_locked(FROM_INCOME)


#: Every household field the sections show, in order (tests check none is left out).
SHOWN = (*BASICS, "partner", *PARTNER, *WORK, "saving_from_income", *PART_TIME)
