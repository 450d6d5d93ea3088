"""Reading documents: files in any common format and encoding (``read``), text normalized
with an offset map back to the original (``normalize``), and articles found in it
(``segment``).

The first stage: imports nothing of ZoneGraph's but ``zonegraph.errors``.
"""
