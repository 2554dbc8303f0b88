"""Subcommands of the ``mtclean`` command line; each module defines ``register(subparsers)``."""
