"""ITA rules that need no database: fiscal years and Buddhist Era dates, Thai numerals and
month names, rating of a result, and the consistency checks of a plan.

This package never imports frappe, so its tests run without a bench and Frappe code can call it
from controllers, commands and reports alike.
"""
