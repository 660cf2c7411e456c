"""Screenshots of every screen, per language and theme, for a person to look at."""
