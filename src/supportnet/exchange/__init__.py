"""Bringing data in and out: vCard, JSON and CSV, and whole-database backups.

Each module returns data or writes inside the caller's transaction; none prints.
"""
