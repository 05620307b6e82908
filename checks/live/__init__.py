"""The live audit: what an assessor gets from each submitted URL, fetched gently."""
