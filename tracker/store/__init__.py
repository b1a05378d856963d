"""Storage: SQLAlchemy models, engine/session set-up and schema migrations."""
