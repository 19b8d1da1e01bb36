"""supportnet: keep a supportive community."""

__version__ = "0.1.0"
