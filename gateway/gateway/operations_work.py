"""HTTP operations of work items of every department (intake projects them): rows of the one operation table (gateway.operations)."""
from gateway.operation import Operation as Op  # noqa: F401

OPERATIONS = ()
