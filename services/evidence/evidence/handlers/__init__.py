"""What each entrypoint of ``evidence.service`` does, one module per area: plain functions
taking their dependencies (database, store, clock, case scope) as arguments, in the order
validate -> policy -> domain -> unit of work (with its events)."""
