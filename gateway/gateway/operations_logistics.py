"""HTTP operations of the logistics office (logistics service): rows of the one operation table (gateway.operations)."""
from gateway.operation import Operation as Op  # noqa: F401

OPERATIONS = ()
