"""The review UI (Textual).

Only this package imports textual; it calls the core, never the reverse.
"""
