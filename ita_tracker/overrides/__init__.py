"""Frappe's whitelisted methods the app overrides (hooks.py override_whitelisted_methods), each only where
no hook Frappe offers reaches: for the app's DocTypes they add the record's permission, and for every
other DocType they call Frappe's own method unchanged."""
