"""The content pack: schemas for every data file and the loader that reads and checks them."""

from game.content.loader import load_content, load_plan
from game.content.schema import ContentPack

__all__ = ["ContentPack", "load_content", "load_plan"]
