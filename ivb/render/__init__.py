"""The output of the commands, one renderer per format, chosen from a registry:
``common`` (what the renderers share), ``numbers`` (rounding for display, here only),
``status``, ``plans``, ``records`` (add-measurement and import) and ``problems``
(``ivb validate``)."""
