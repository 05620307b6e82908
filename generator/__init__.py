"""The generator: content/ and the catalogues → the model → Markdown pages → a built site.

Stages, one subpackage each: ``basics`` (what every stage uses), ``content`` (reading files into
the model), ``model`` (the typed model and the rules it implies), ``pages`` (the pure renderer),
``build`` (writing, builders, the guarded swap of the built site).
"""
