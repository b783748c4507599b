"""intake: the committee office's service (applications, case numbers, decisions, appeals)."""
