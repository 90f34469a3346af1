"""A Chromium PDF's text layer made readable by PDFium (Chrome's and Edge's viewer) as well as poppler.

Chromium (Skia) draws each glyph with its own `Td … Tj` pair and wraps every Thai cluster (a consonant
with its marks, SARA AM's two glyphs) in an /ActualText span holding the characters as typed. poppler reads
that right. PDFium, though, treats each `Tj` as its own text object and sorts a line's objects by their x
position: a tone mark, drawn at its consonant's right edge, sorts after the next consonant, so the cluster
is read twice or apart ("โปร่งร่ ใส", "ตำ บล"). Joined into one `TJ` per run, with the glyph positions kept
as TJ adjustments, each cluster is one text object in reading order and PDFium reads its ActualText once.

Nothing is drawn differently (tests compare the rendered pages); only text objects of a composite (Type0)
font on a horizontal line are joined, and never across a marked-content boundary."""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, FloatObject, NumberObject

# Positions within this many thousandths of an em are the same position.
EPSILON = 1e-4


def join_text_runs(pdf: bytes) -> bytes:
	writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
	for page in writer.pages:
		fonts = page.get("/Resources", DictionaryObject()).get_object().get("/Font")
		if not fonts:
			continue
		stream = ContentStream(page.get_contents(), writer)
		stream.operations = _joined(stream.operations, _glyph_widths(fonts.get_object()))
		page.replace_contents(stream)
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


def _glyph_widths(fonts: DictionaryObject) -> dict:
	"""{font resource name: (widths by glyph id, default width)} for each composite font of a page."""
	widths = {}
	for name, font in fonts.items():
		font = font.get_object()
		if font.get("/Subtype") != "/Type0":
			continue
		descendant = font["/DescendantFonts"][0].get_object()
		table, spec, index = {}, descendant.get("/W", ArrayObject()), 0
		# /W lists either "first [w1 w2 …]" or "first last w" (PDF 32000, 9.7.4.3).
		while index < len(spec):
			first, then = int(spec[index]), spec[index + 1]
			if isinstance(then, ArrayObject):
				table.update({first + offset: float(width) for offset, width in enumerate(then)})
				index += 2
			else:
				table.update(dict.fromkeys(range(first, int(then) + 1), float(spec[index + 2])))
				index += 3
		widths[name] = (table, float(descendant.get("/DW", 1000)))
	return widths


def _joined(operations: list, widths: dict) -> list:
	out, run, font = [], [], None
	index = 0
	while index < len(operations):
		operands, operator = operations[index]
		following = operations[index + 1][1] if index + 1 < len(operations) else None
		if operator == b"Td" and float(operands[1]) == 0 and following == b"Tj":
			run.append((float(operands[0]), operations[index + 1][0][0]))
			index += 2
			continue
		if operator == b"Tj":
			run.append((0.0, operands[0]))
			index += 1
			continue
		out.extend(_run_operations(run, font, widths))
		run = []
		if operator == b"Tf":
			font = (operands[0], float(operands[1]))
		out.append((operands, operator))
		index += 1
	out.extend(_run_operations(run, font, widths))
	return out


def _run_operations(run: list, font: tuple | None, widths: dict) -> list:
	"""`dx 0 Td <g> Tj` pairs as one `TJ`: each Td moves the line start, so glyph i sits at the sum of the
	moves so far; a TJ number n moves the next glyph by -n/1000 em after the previous glyph's advance. The
	line start ends where the pairs left it, for the Td operators that follow."""
	if len(run) < 2 or not font or font[0] not in widths:
		return [
			op for dx, code in run for op in (([FloatObject(dx), NumberObject(0)], b"Td"), ([code], b"Tj"))
		]
	table, default = widths[font[0]]
	size = font[1]
	positions, x = [], 0.0
	for dx, _code in run:
		x += dx
		positions.append(x)
	glyphs, pen = ArrayObject(), positions[0]
	for position, (_dx, code) in zip(positions, run, strict=True):
		adjustment = (pen - position) * 1000 / size
		if glyphs and abs(adjustment) > EPSILON:
			glyphs.append(FloatObject(round(adjustment, 4)))
		glyphs.append(code)
		pen = position + table.get(_glyph_id(code), default) * size / 1000
	operations = [([FloatObject(positions[0]), NumberObject(0)], b"Td"), ([glyphs], b"TJ")]
	if abs(positions[-1] - positions[0]) > EPSILON:
		operations.append(([FloatObject(round(positions[-1] - positions[0], 6)), NumberObject(0)], b"Td"))
	return operations


def _glyph_id(code) -> int:
	raw = code.original_bytes if hasattr(code, "original_bytes") else bytes(code)
	return int.from_bytes(raw, "big")
