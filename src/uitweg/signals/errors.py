"""The refusal of a signal service step; ``str(exc)`` says why."""


class SignalError(ValueError):
    """A step that is not allowed now (e.g. the workflow forbids it)."""
