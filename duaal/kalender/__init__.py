"""The school calendar: the school holidays the platform admin maintains (no training days)."""
