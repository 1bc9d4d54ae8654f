"""Imported by the fork server before it forks scraping workers (tasks/core/workers.py): every
worker starts with the modules and the tokenizer's dictionaries already in memory, instead of
spending a second or two of CPU loading them again."""

from tasks.core import pipeline  # noqa: F401 (the modules every worker runs)
from tasks.core.tokenizer import tokenizer

tokenizer().warm()
