"""kg: a knowledge graph of your notes, with answers that cite their source lines."""

__version__ = "0.1.0"
__all__ = ["__version__"]
