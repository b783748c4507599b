"""Handlers of the operations that are more than one RPC (see operation.call_rpc for those)."""
