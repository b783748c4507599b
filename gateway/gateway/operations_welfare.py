"""HTTP operations of the political-work office (welfare service): rows of the one operation table (gateway.operations)."""
from gateway.operation import Operation as Op  # noqa: F401

OPERATIONS = ()
