"""Reports of findings: terminal, JSON, HTML, JUnit, and the status of a year."""
