"""Many units in one run: the manifest, the scheduled audits, the results file and the province summary."""
