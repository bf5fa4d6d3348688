"""The output of the commands, one renderer per format, chosen from a registry:
``common`` (what the renderers share), ``numbers`` (rounding for display, here only),
``status``, ``plans`` (and set-action), ``records`` (add-measurement), ``importer``
(the import's table) and ``problems`` (``ivb validate``)."""
