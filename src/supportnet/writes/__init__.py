"""Every change to the database, one module per area.

Each function takes validated input models (``supportnet.models``) and the
``Session`` of ``db.write_session``, and writes through the SQLModel tables.
Only write commands import this package (it loads SQLAlchemy and pydantic).
"""
