"""Which files may be attached to the app's records: documents and pictures whose content is what their
name says. Nothing a browser would run as a page of the site (HTML, SVG, XML, scripts) is kept, since an
attached file is served from the site's own origin."""

# Extension -> the signatures its content starts with (None: text, which must not be markup).
ALLOWED = {
	".pdf": (b"%PDF-",),
	".jpg": (b"\xff\xd8\xff",),
	".jpeg": (b"\xff\xd8\xff",),
	".png": (b"\x89PNG\r\n\x1a\n",),
	".gif": (b"GIF87a", b"GIF89a"),
	".webp": (b"RIFF",),
	".heic": None,
	".heif": None,
	".tif": (b"II*\x00", b"MM\x00*"),
	".tiff": (b"II*\x00", b"MM\x00*"),
	# Office Open XML and OpenDocument are zip files; the older Office formats are OLE compound files.
	".docx": (b"PK\x03\x04",),
	".xlsx": (b"PK\x03\x04",),
	".pptx": (b"PK\x03\x04",),
	".odt": (b"PK\x03\x04",),
	".ods": (b"PK\x03\x04",),
	".odp": (b"PK\x03\x04",),
	".zip": (b"PK\x03\x04",),
	".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
	".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
	".ppt": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
	".csv": None,
	".txt": None,
}
# HEIC/HEIF are ISO media files: "ftyp" at offset 4, then a HEIF brand.
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")
# What makes a text a page a browser would render, were it ever served as HTML.
MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body", b"<head")


def is_allowed_extension(extension: str) -> bool:
	return extension.lower() in ALLOWED


def content_matches(extension: str, content: bytes) -> bool:
	"""Whether `content` is a file of the kind `extension` names."""
	extension = extension.lower()
	if extension in (".heic", ".heif"):
		return content[4:8] == b"ftyp" and content[8:12] in HEIF_BRANDS
	signatures = ALLOWED.get(extension, ())
	if signatures is None:
		return not any(tag in content[:4096].lower() for tag in MARKUP)
	if extension == ".webp":
		return content.startswith(b"RIFF") and content[8:12] == b"WEBP"
	return any(content.startswith(signature) for signature in signatures)
