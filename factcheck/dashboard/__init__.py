"""The dashboard: claims per status, verdicts per rating, work per reviewer."""
