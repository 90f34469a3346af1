app_name = "ita_tracker"
app_title = "ITA Tracker"
app_publisher = "ITA Tracker developers"
app_description = "Integrity and Transparency Assessment (ITA) improvement plans for Thai public agencies"
app_email = "ita-tracker@example.org"
app_license = "mit"

export_python_type_annotations = True

app_include_js = ["/assets/ita_tracker/js/thai_digits.js"]

after_install = "ita_tracker.install.after_install"
before_uninstall = "ita_tracker.install.before_uninstall"

# Roles have no module home, so they ship as fixtures, filtered to ours.
ITA_ROLES = ["ITA Manager", "ITA Executive", "ITA Division Head", "ITA User"]
fixtures = [{"dt": "Role", "filters": [["name", "in", ITA_ROLES]]}]
