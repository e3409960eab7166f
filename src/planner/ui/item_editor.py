"""The form of the selected spending phase, one-off event or account: its fields from PHASE_FIELDS,
EVENT_FIELDS and ACCOUNT_FIELDS (unit, bounds, tooltip with the default's source), its months typed
as YYYY-MM or "age 50" with the ages beside them, its choices and switches. In a scenario it shows the scenario's values
(its own in bold, with Reset), "Included in this scenario" switches it for that scenario only, and
the name and notes are greyed: they belong to the base plan."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from planner.domain.enums import AccountPreset, AccountType
from planner.domain.field_refs import ACCOUNT, PHASE, FieldRef
from planner.domain.plan import Plan
from planner.domain.record_fields import ACCOUNT_FIELDS, EVENT_FIELDS, PHASE_FIELDS
from planner.services.accounts import OWNER_NAMES, TYPE_NAMES, preset_names
from planner.services.commands import items_of
from planner.services.edits import added_in_scenario, editable, field_value, overridden_fields, scenario_view
from planner.services.items import WORDS
from planner.ui.field_editors import AgeMonthEditor, CheckEditor, ChoiceEditor, FieldEditor, NumberEditor, TextEditor
from planner.ui.field_form import BASE_ONLY, Edit, FieldForm, Reset
from planner.ui.formatting import value_text
from planner.ui.keyed_choice import KeyedChoiceEditor

INCLUDED_HELP = {False: "Unticked: kept in the plan but not counted; a scenario can still count it.",
                 True: "Untick to leave it out of this scenario only; the base plan keeps it as it is."}
ACCOUNT_INCLUDED_HELP = ("Unticked: the account is kept but its streams are held as in a taxable account, with no "
                         "limit, access age or required withdrawals (in this scenario only, when one is shown).")
MONTH_HELP = " Type YYYY-MM, or an age: age 50 is January of the year you turn 50."
#: (uid, preset) chosen in an account's Preset field: the pane turns it into one edit.
PresetChosen = Callable[[str, AccountPreset], None]
PRESET_HELP = ("A real wrapper whose rules fill the type, yearly limit, access age, penalty and required "
               "withdrawals (each with its source in the field's tooltip); change any of them and the account "
               "becomes Custom. Your own figures always win.")
TYPE_HELP = ("Taxable: income taxed as earned, gains when sold. Tax-deferred: savings go in untaxed, withdrawals "
             "are taxed as income. Tax-free: savings go in taxed, qualified withdrawals are free. Only "
             "investments can sit in a tax-deferred or tax-free account.")
OWNER_HELP = "Whose ages the access age and required withdrawals read; Partner needs a partner in the plan."


class ItemEditor(QScrollArea):
    """Shows one phase (owner PHASE) or event ("event") at a time; rebuilt when another is selected."""

    def __init__(self, owner: str, edit: Edit, reset: Reset, preset_chosen: PresetChosen | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.owner = owner
        self._edit, self._reset, self._preset_chosen = edit, reset, preset_chosen
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.uid: str | None = None
        self._layout: tuple[str, str] | None = None  # (uid, currency) it was built for
        self.form: FieldForm | None = None
        self._placeholder()

    def _placeholder(self) -> None:
        word = WORDS[self.owner]
        empty = QLabel(f"Select a {word} to edit it, or add one with the Add button.")
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._replace_body(empty)
        self.form, self.uid, self._layout = None, None, None

    def show_item(self, plan: Plan, scenario: str | None, uid: str | None) -> None:
        """Show one phase or event as the scenario sees it; None (or one no longer there) clears the form."""
        seen = scenario_view(plan, scenario)
        item = next((i for i in items_of(seen, self.owner) if i.uid == uid), None)
        if item is None:
            if self.uid is not None:
                self._placeholder()
            return
        layout = (item.uid, plan.currency)  # not rebuilt for a scenario: that stalled the switch 30 ms a pane
        if layout != self._layout:
            self._build(plan, item.uid)
            self._layout = layout
        assert self.form is not None
        self._say_included(scenario is not None)
        changed = overridden_fields(plan, scenario)
        for (target, field_name), editor in self.form.editors.items():
            if isinstance(editor, AgeMonthEditor):
                editor.set_household(seen.household)
            if isinstance(editor, KeyedChoiceEditor):  # the owner: the partner only with a partner
                editor.set_enabled_values({1, 2} if seen.household.partner else {1})
            editor.set_value(field_value(seen, target, field_name), (target, field_name) in changed,
                             value_text(field_value(plan, target, field_name)))
            editor.set_locked("" if editable(plan, scenario, target, field_name) else BASE_ONLY)
        state = ("added in this scenario" if added_in_scenario(plan, scenario, self.owner, item.uid)
                 else "" if item.included else "left out of this scenario" if scenario else "left out of the plan")
        self.title.setText(f"<b>{item.name}</b>" + (f" — {state}" if state else ""))

    def _build(self, plan: Plan, uid: str) -> None:
        target = FieldRef.item(self.owner, uid, "").target
        body = QWidget()
        column = QVBoxLayout(body)
        self.title = QLabel()
        self.title.setObjectName("itemTitle")
        self.title.setWordWrap(True)
        column.addWidget(self.title)
        form = FieldForm(self._edit, self._reset)
        form.add(target, "included", "", CheckEditor("Included in the plan", self._included_help(False)))
        form.add(target, "name", "Name", TextEditor(f"Your name for the {WORDS[self.owner]}; unique among them."))
        fields = {PHASE: self._phase_fields, ACCOUNT: self._account_fields}.get(self.owner, self._event_fields)
        fields(form, target, plan)
        form.add(target, "notes", "Notes", TextEditor("Anything you want to remember about it."))
        column.addWidget(form)
        column.addStretch(1)
        self._replace_body(body)
        self.form, self.uid = form, uid

    def _included_help(self, in_scenario: bool) -> str:
        return ACCOUNT_INCLUDED_HELP if self.owner == ACCOUNT else INCLUDED_HELP[in_scenario]

    def _say_included(self, in_scenario: bool) -> None:
        """The "included" box speaks of the scenario while one is selected, of the plan otherwise."""
        assert self.form is not None and self.uid is not None
        box = self.editor("included")
        assert isinstance(box, CheckEditor)
        box.set_text("Included in this scenario" if in_scenario else "Included in the plan",
                     self._included_help(in_scenario))

    @staticmethod
    def _phase_fields(form: FieldForm, target: str, plan: Plan) -> None:
        spec = PHASE_FIELDS[0]
        form.add(target, spec.key, spec.label, NumberEditor(spec, plan.currency))
        form.add(target, "start", "From", AgeMonthEditor(plan.household, "The first month it applies." + MONTH_HELP))
        form.add(target, "end", "Until", AgeMonthEditor(
            plan.household, "The last month it applies; empty: to the end of the plan." + MONTH_HELP, optional=True))

    @staticmethod
    def _event_fields(form: FieldForm, target: str, plan: Plan) -> None:
        specs = {spec.key: spec for spec in EVENT_FIELDS}
        number = {key: NumberEditor(spec, plan.currency, whole=spec.integer) for key, spec in specs.items()}
        form.add(target, "amount", specs["amount"].label, number["amount"])
        form.add(target, "windfall", "", CheckEditor(
            "Windfall: money comes in", "Ticked: money comes in that month (an inheritance, a sale). Unticked: "
            "a cost the household pays that month (a car, a roof, a wedding)."))
        form.add(target, "month", "Month", AgeMonthEditor(
            plan.household, "The month it happens (the first time, when it repeats)." + MONTH_HELP))
        for key in ("times", "every_years", "probability"):
            form.add(target, key, specs[key].label, number[key])
        form.add(target, "inflation_linked", "", CheckEditor(
            "Linked to inflation", "Ticked: the amount is in today's money and grows with prices. Unticked: "
            "the amount as written (a fixed sum, such as a loan to repay)."))

    def _account_fields(self, form: FieldForm, target: str, plan: Plan) -> None:
        specs = {spec.key: spec for spec in ACCOUNT_FIELDS}
        form.add(target, "account_type", "Type", ChoiceEditor(AccountType, TYPE_HELP, TYPE_NAMES))
        uid = FieldRef.parse(target, "").uid
        form.add(target, "preset", "Preset", ChoiceEditor(AccountPreset, PRESET_HELP, preset_names()),
                 (lambda preset: self._preset_chosen(uid, preset)) if self._preset_chosen else None)
        for key in ("yearly_limit", "access_age", "early_penalty", "required_from_age"):
            form.add(target, key, specs[key].label, NumberEditor(specs[key], plan.currency, whole=specs[key].integer))
        form.add(target, "owner", "Owner", KeyedChoiceEditor(OWNER_HELP, list(OWNER_NAMES.items())))
        spec = specs["fill_order"]
        form.add(target, spec.key, spec.label, NumberEditor(spec, plan.currency, whole=True))

    def _replace_body(self, body: QWidget) -> None:
        """Swap the contents; the old ones are deleted later (the edit that caused it may still run in them)."""
        old = self.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        self.setWidget(body)

    def editor(self, field_name: str) -> FieldEditor:
        assert self.form is not None and self.uid is not None
        return self.form.editor(FieldRef.item(self.owner, self.uid, "").target, field_name)

    def input_widgets(self) -> list[QWidget]:
        return self.form.input_widgets() if self.form is not None else []

