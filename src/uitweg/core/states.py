"""One way to declare a state machine: its states and allowed transitions, once. Pure (no Django).

Case states (``cases.lifecycle.CASE``), referral statuses (``cases.lifecycle.REFERRAL``) and the
signal workflow (``signals.workflow.SIGNAL``) are each one :class:`StateMachine`; services check
a step with :meth:`StateMachine.allows` / :meth:`StateMachine.targets`, forms offer
:meth:`StateMachine.targets`, and the model's ``TextChoices`` are built from the same constants
(:func:`same_states` is asserted by a test, so labels and machine cannot drift apart).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class StateMachine:
    """``transitions``: state → the states that may follow it, in the order a form offers them.

    Every state is a key (a final state maps to ``()``); every target is a state."""

    name: str
    transitions: Mapping[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        frozen = {state: tuple(targets) for state, targets in self.transitions.items()}
        unknown = {t for targets in frozen.values() for t in targets} - set(frozen)
        if unknown:
            raise ValueError(f"{self.name}: transitions to undeclared states {sorted(unknown)}")
        object.__setattr__(self, "transitions", MappingProxyType(frozen))

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(self.transitions)

    def targets(self, state: str) -> tuple[str, ...]:
        """The states that may follow ``state`` (none for an unknown state)."""
        return self.transitions.get(state, ())

    def allows(self, source: str, target: str) -> bool:
        return target in self.targets(source)

    def final(self, state: str) -> bool:
        return state in self.transitions and not self.transitions[state]


def same_states(machine: StateMachine, values: Iterable[str]) -> bool:
    """Whether ``values`` (e.g. a ``TextChoices.values``) are exactly the machine's states."""
    values = list(values)
    return len(values) == len(set(values)) and set(values) == set(machine.states)
