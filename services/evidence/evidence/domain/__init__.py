"""Evidence rules in plain Python: file names, content sniffing, the custody hash chain and
takedown states. No nameko, no database, no object store."""
