"""The tool's theme layer over Material for MkDocs: Sarabun (self-hosted), the unit's colours, logo and
contact footer, print and phone styles, the Thai search query and the ITAS copy buttons.

A Python package only so that it installs with the tool: the ita MkDocs plugin puts this folder
between a unit's own ``theme.custom_dir`` (if it has one) and Material. MkDocs publishes no ``.py``
file of a theme folder.
"""
