"""Facts an error carries that a message template must read in a particular way. They stay
plain data (a list, a dict) for the client; only their formatting differs."""


class Names(list):
    """A list of names that a template shows as ``a, b`` (``{units}``), not as a Python list."""

    def __format__(self, spec):
        return ", ".join(str(name) for name in self)


class PerField(dict):
    """A fact that differs per field of one validation error (the value given there): the
    template of a field problem reads the one of its own field as ``{name:{field}}``."""

    def __format__(self, field):
        return str(self.get(field, ""))
