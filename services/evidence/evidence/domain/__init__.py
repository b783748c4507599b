"""Evidence rules in plain Python: file names, content sniffing, the custody hash chain and
takedown states. No nameko, no database, no object store, no HTTP and no UI text: a rule
answers with a problem code or raises ``weiquan.errors`` (the text is in
``weiquan.contracts.messages.evidence``)."""
