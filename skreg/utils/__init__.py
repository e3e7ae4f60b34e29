"""Internal utilities (parameter checks)."""
