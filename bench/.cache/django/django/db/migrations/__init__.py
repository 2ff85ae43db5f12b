from .migration import Migration, swappable_dependency  # NOQA
from .operations import *  # NOQA
