"""The build pipeline: one document through every stage (``document``, an article at a time, what
each gives set aside in a temporary file by ``spill`` until all are linked), the pipeline
that reads files and writes the store in order (``run``), worker processes for
``--jobs N`` (``workers``) and the build's ``settings``.

May import every stage (ingest, extract, graph, store); ``run`` and ``workers`` both
import ``document`` and never each other's module-level code. No face imports it but
``cli`` and ``api``.
"""
