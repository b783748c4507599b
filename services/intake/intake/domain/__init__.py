"""Plain-Python rules of the committee office: no nameko, no SQL, no HTTP."""
