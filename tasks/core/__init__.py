"""Prefect-free logic of pearl: fetching, parsing, cleaning, segmentation, extraction, storage.

Nothing below this package imports Prefect, so it can be tested and reused on its own.
"""
