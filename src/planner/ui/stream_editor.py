"""Right-hand editor of the selected stream: its common fields and every parameter of its kind,
each with its unit, a tooltip saying what it does and where the default comes from, and inline
messages for refused values."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from planner.domain.catalogue import KINDS
from planner.domain.enums import IncomePolicy, Sleeve, TaxCategory
from planner.domain.field_refs import INCLUDED, param_field
from planner.domain.plan import Plan
from planner.domain.record_fields import STREAM_FIELDS
from planner.domain.scenarios import STREAM_ACCOUNT
from planner.services.accounts import account_choices, shown_value
from planner.services.edits import (
    effective_streams,
    overridden_fields,
    scenario_can_change,
    stream_target,
    stream_value,
)
from planner.ui.field_editors import CheckEditor, ChoiceEditor, FieldEditor, MonthEditor, NumberEditor, TextEditor
from planner.ui.field_form import BASE_ONLY, Edit, FieldForm, Reset
from planner.ui.formatting import value_text
from planner.ui.keyed_choice import KeyedChoiceEditor

POLICY_HELP = ("Reinvest: income stays in the stream and compounds. Pool: income goes to the allocator with "
               "the savings. Pay out: income is spent (it counts against expenses).")
ACCOUNT_HELP = ("The account it is held in (the Accounts tab): its type decides how its income, sales and "
                "withdrawals are taxed and when it can be drawn. None: held as in a taxable account. Only "
                "investments can sit in a tax-deferred or tax-free account.")


class StreamEditor(QScrollArea):
    def __init__(self, edit: Edit, reset: Reset, parent: QWidget | None = None):
        super().__init__(parent)
        self._edit, self._reset = edit, reset
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.uid: str | None = None
        #: what the panel was built for (stream, kind, currency); rebuilt when it changes
        self._layout: tuple[str, str, str] | None = None
        self.forms: list[FieldForm] = []
        self._placeholder()

    def _placeholder(self) -> None:
        empty = QLabel("Select a stream to edit it, or add one with Streams > Add stream… (Ctrl+Shift+A).")
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._replace_body(empty)
        self.forms = []
        self.uid = self._layout = None

    def show_stream(self, plan: Plan, scenario: str | None, uid: str | None) -> None:
        """Show one stream as the scenario sees it; None (or a stream no longer there) clears the panel."""
        rows = {s.uid: (s, included) for s, included in effective_streams(plan, scenario)}
        if uid is None or uid not in rows:
            if self.uid is not None:
                self._placeholder()
            return
        stream, included = rows[uid]
        focused = self._focused_field() if self.uid == uid else None
        layout = (uid, stream.kind, plan.currency)  # not rebuilt for a scenario: that stalled the switch 90 ms
        if layout != self._layout:
            self._build(plan, uid, stream.kind)
            self._layout = layout
        self.forms[0].layout_.setRowVisible(self.editor(INCLUDED), scenario is not None)
        target = stream_target(uid)
        changed = overridden_fields(plan, scenario)
        base = plan.stream(uid)
        for form in self.forms:
            for (_, field_name), editor in form.editors.items():
                if isinstance(editor, KeyedChoiceEditor):
                    editor.set_choices(account_choices(plan))
                base_value = shown_value(plan, target, field_name, stream_value(base, field_name))
                editor.set_value(stream_value(stream, field_name, included), (target, field_name) in changed,
                                 value_text(base_value))
                locked = scenario is not None and not scenario_can_change(plan, target, field_name)
                editor.set_locked(BASE_ONLY if locked else "")
        self.title.setText(f"<b>{stream.name}</b>" + ("" if included else " — left out of this scenario"))
        if focused is not None and focused != self._focused_field() and self._has(focused):
            self.editor(focused).input.setFocus()  # a rebuild (entering a scenario) keeps the user's place

    def _build(self, plan: Plan, uid: str, kind_key: str) -> None:
        kind = KINDS[kind_key]
        currency = plan.currency
        target = stream_target(uid)
        body = QWidget()
        column = QVBoxLayout(body)
        self.title = QLabel()
        column.addWidget(self.title)
        about = QLabel(f"{kind.name}. {kind.summary}<br><b>Pays:</b> {kind.income}<br><b>Risks:</b> {kind.risks}"
                       f"<br><b>Passivity:</b> {kind.passivity}")
        about.setWordWrap(True)
        about.setObjectName("kindAbout")
        column.addWidget(about)
        self.forms = []
        common = FieldForm(self._edit, self._reset)
        common.add(target, INCLUDED, "", CheckEditor(  # its row shows while a scenario is selected
            "Included in this scenario", "Untick to leave this stream out of the scenario only."))
        common.add(target, "name", "Name", TextEditor("Your name for it; unique in the plan."))
        common.add(target, "start", "Starts", MonthEditor("The first month the stream exists (bought, launched)."))
        common.add(target, "end", "Ends", MonthEditor("The last month; empty: to the horizon. Its value is "
                                                     "sold into the pool after it ends.", optional=True))
        for spec in STREAM_FIELDS:
            common.add(target, spec.key, spec.label, NumberEditor(spec, currency))
        common.add(target, "income_policy", "Income", ChoiceEditor(IncomePolicy, POLICY_HELP))
        common.add(target, STREAM_ACCOUNT, "Account", KeyedChoiceEditor(ACCOUNT_HELP, account_choices(plan)))
        common.add(target, "tax_category", "Taxed as", ChoiceEditor(
            TaxCategory, "The category whose table or flat rate (Plan > Tax) taxes its income; inside a "
            "tax-deferred or tax-free account income is not taxed when earned."))
        common.add(target, "sleeve", "Sleeve", ChoiceEditor(
            Sleeve, "The risk bucket the strategy's sleeve weights send savings to."))
        common.add(target, "notes", "Notes", TextEditor("Anything you want to remember about it."))
        column.addWidget(_group("Stream", common))
        self.forms.append(common)
        params = FieldForm(self._edit, self._reset)
        for spec in kind.params:
            params.add(target, param_field(spec.key), spec.label, NumberEditor(spec, currency))
        column.addWidget(_group(f"{kind.name} parameters", params))
        self.forms.append(params)
        column.addStretch(1)
        self._replace_body(body)
        self.uid = uid

    def _replace_body(self, body: QWidget) -> None:
        """Swap the panel's contents; the old ones are deleted later, since the edit that caused the
        rebuild may still be running inside one of their widgets."""
        old = self.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        self.setWidget(body)

    def _has(self, field_name: str) -> bool:
        return any(key[1] == field_name for form in self.forms for key in form.editors)

    def _focused_field(self) -> str | None:
        focus = self.focusWidget()
        for form in self.forms:
            for (_, field_name), editor in form.editors.items():
                if editor.input is focus:
                    return field_name
        return None

    def editor(self, field_name: str) -> FieldEditor:
        assert self.uid is not None
        for form in self.forms:
            key = (stream_target(self.uid), field_name)
            if key in form.editors:
                return form.editors[key]
        raise KeyError(field_name)

    def input_widgets(self) -> list[QWidget]:
        return [e.input for form in self.forms for e in form.editors.values() if not e.isHidden()]


def _group(title: str, form: FieldForm) -> QGroupBox:
    group = QGroupBox(title)
    QVBoxLayout(group).addWidget(form)
    return group
