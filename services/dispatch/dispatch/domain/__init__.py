"""Plain-Python rules of the command center: no nameko, no SQL, no HTTP."""
