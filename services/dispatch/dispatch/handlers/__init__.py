"""The command center's use cases, one module per subject. Each function takes what it needs
(the store, the time, the command, the principal) from DispatchService's entrypoints and runs
one frame: validate -> policy -> domain rule -> unit of work (+ outbox) -> answer."""
