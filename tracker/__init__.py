"""tracker: a claim and quote tracker for fact-checkers.

The package follows the data's journey: ``sources`` reads articles,
``extract`` finds quotations, ``attribution`` says who spoke,
``ingest`` stores them through ``store``, ``match`` groups them into claim
clusters, ``export`` writes them out, and ``tui`` is the review UI on top.
"""

__version__ = "0.1.0"
