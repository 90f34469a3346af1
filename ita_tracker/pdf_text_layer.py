"""A Chromium PDF's text layer made readable by PDFium (Chrome's and Edge's viewer) as well as poppler.

Chromium (Skia) draws each glyph with its own `Td … Tj` pair and wraps every Thai cluster (a consonant
with its marks, SARA AM's two glyphs) in an /ActualText span holding the characters as typed. poppler reads
that right. PDFium, though, treats each `Tj` as its own text object and sorts a line's objects by their x
position: a tone mark, drawn at its consonant's right edge, sorts after the next consonant, so the cluster
is read twice or apart ("โปร่งร่ ใส", "ตำ บล"). Joined into one `TJ` per run, with the glyph positions kept
as TJ adjustments, each cluster is one text object in reading order and PDFium reads its ActualText once.

The glyphs on a run's baseline are joined; a mark Skia raised or lowered (a tone mark over a consonant with
no upper vowel) is drawn on its own after them, inside the same span, where PDFium reads nothing of it
twice. Nothing is drawn differently (tests compare the rendered pages); only runs of a composite (Type0)
font are joined, and never across a marked-content boundary."""

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
		if operator == b"Td" and following == b"Tj":
			run.append((float(operands[0]), float(operands[1]), operations[index + 1][0][0]))
			index += 2
			continue
		if operator == b"Tj":
			run.append((0.0, 0.0, operands[0]))
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
	"""`dx dy Td <g> Tj` pairs as one `TJ` of the glyphs on the run's baseline, then each raised or lowered
	mark on its own. Each Td moves the line start, so glyph i sits at the sum of the moves so far; a TJ
	number n moves the next glyph by -n/1000 em after the previous glyph's advance. The text object that
	reads the cluster's /ActualText thus ends at the cluster's last glyph, so PDFium puts no space after
	it; and the line start ends where the pairs left it, for the Td operators that follow."""
	if len(run) < 2 or not font or font[0] not in widths:
		return [op for *move, code in run for op in (_move(*move), ([code], b"Tj"))]
	table, default = widths[font[0]]
	size = font[1]
	positions, x, y = [], 0.0, 0.0
	for dx, dy, code in run:
		x, y = x + dx, y + dy
		positions.append((x, y, code))
	baseline = positions[0][1]
	on_line = [glyph for glyph in positions if abs(glyph[1] - baseline) <= EPSILON]
	glyphs, pen = ArrayObject(), on_line[0][0]
	for gx, _gy, code in on_line:
		adjustment = (pen - gx) * 1000 / size
		if glyphs and abs(adjustment) > EPSILON:
			glyphs.append(FloatObject(round(adjustment, 4)))
		glyphs.append(code)
		pen = gx + table.get(_glyph_id(code), default) * size / 1000
	operations = [_move(on_line[0][0], baseline), ([glyphs], b"TJ")]
	here = (on_line[0][0], baseline)
	raised = [(gx, gy, code) for gx, gy, code in positions if abs(gy - baseline) > EPSILON]
	for index, (gx, gy, code) in enumerate(raised):
		operations.append(_move(gx - here[0], gy - here[1]))
		if index == len(raised) - 1:
			# poppler ends a span's text where the last glyph drawn in it advances to: the last mark is
			# given a character spacing that carries it to the run's end (nothing is drawn differently),
			# or poppler reads a space after the cluster ("น้ำ ประปา").
			end = on_line[-1][0] + table.get(_glyph_id(on_line[-1][2]), default) * size / 1000
			spacing = end - gx - table.get(_glyph_id(code), default) * size / 1000
			operations += [
				([FloatObject(round(spacing, 6))], b"Tc"),
				([code], b"Tj"),
				([NumberObject(0)], b"Tc"),
			]
		else:
			operations.append(([code], b"Tj"))
		here = (gx, gy)
	if abs(x - here[0]) > EPSILON or abs(y - here[1]) > EPSILON:
		operations.append(_move(x - here[0], y - here[1]))
	return operations


def _move(dx: float, dy: float) -> tuple:
	return ([FloatObject(round(dx, 6)), FloatObject(round(dy, 6))], b"Td")


def _glyph_id(code) -> int:
	raw = code.original_bytes if hasattr(code, "original_bytes") else bytes(code)
	return int.from_bytes(raw, "big")
