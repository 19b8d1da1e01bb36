"""Queries and writes over the database, one module per area. Never prints."""
