"""The checks: content rules over the model, rules over the built site, the live audit, a province of audits,
and the reports that show their findings.
"""
