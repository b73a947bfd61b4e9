"""The mentor register, the legal conditions, evidence and training deadlines."""
