"""What each legal_aid entrypoint does: validate, policy, load, domain, commit."""
