"""The `ita` command: argument parsing and exit codes above every layer (generator, checks, workflow)."""
