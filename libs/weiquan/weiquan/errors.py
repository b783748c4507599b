"""Errors a domain rule raises: what went wrong, as codes and facts, never an HTTP status or
UI text. The RPC edge (``kit.rpc.answers``) maps them once to the contract's error object,
with the bilingual text of ``contracts.messages``; domain modules import only this module."""


class DomainError(Exception):
    """``code`` names the problem (a key of contracts.messages); ``details`` are the facts the
    message and the client need (they travel in the error object beside code and message)."""

    code = "domain_error"

    reason = None  # the message key when it differs from the code

    def __init__(self, code=None, **details):
        self.code = code or self.code
        self.details = details
        super().__init__(f"{self.code}: {details}" if details else self.code)


class NotFound(DomainError):
    """``what`` is a glossary noun (contracts.messages.THINGS): case, incident, evidence..."""

    code = "not_found"

    def __init__(self, what, ident):
        super().__init__(what=what, ident=str(ident))


class NotAllowed(DomainError):
    """The principal may not do this (a role or scope rule of contracts.policy). The code is
    always ``forbidden``; ``reason`` picks the message that says who may."""

    code = "forbidden"

    def __init__(self, reason="forbidden", **details):
        super().__init__(**details)
        self.reason = reason


class Conflict(DomainError):
    """The command is well formed but the object's state refuses it."""


class Invalid(DomainError):
    """Bad values: ``fields`` maps each field path to a problem code of
    contracts.messages.FIELD_PROBLEMS; ``params`` fill the messages' placeholders."""

    code = "validation_failed"

    def __init__(self, fields, per_field=None, **params):
        """``per_field``: facts that differ per field ({field: {name: value}}), e.g. the
        value given at each bad position of a list."""
        self.fields = dict(fields)
        self.per_field = dict(per_field or {})
        super().__init__(**params)

    @classmethod
    def one(cls, field, problem, **params):
        return cls({field: problem}, **params)
