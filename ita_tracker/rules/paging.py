"""Splitting a printed table into pages ahead of the PDF engine, so that every page starts with the header
row and no row is cut by a page break. wkhtmltopdf does both itself only when built with its patched Qt;
Debian's build (and others) cut rows anywhere and print the header once. So the print formats lay out each
page's rows as a table of its own, from heights estimated here with the font's own advance widths.

Everything is in millimetres. A cell's text wraps as the browser wraps it: at spaces, and inside Thai
runs (which have no spaces between words) at word boundaries that only a dictionary knows; the estimate
lets a Thai run break after any character but keeps a word's width of slack on each line, so that it
counts at least as many lines as the browser draws."""

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

PT = 25.4 / 72  # mm per typographic point
# How much of a line a dictionary break may leave empty: about one Thai word at the table's size.
THAI_WORD_EM = 1.5


@dataclass(frozen=True)
class Font:
	"""A font at a size: `advance(char)` is the character's advance in em (0 for combining marks)."""

	advance: Callable[[str], float]
	size_pt: float
	line_height: float = 1.3

	@property
	def line_mm(self) -> float:
		return self.size_pt * self.line_height * PT

	def width_mm(self, text: str) -> float:
		return sum(self.advance(char) for char in text) * self.size_pt * PT


def is_thai(char: str) -> bool:
	return "\u0e00" <= char <= "\u0e7f"


def _tokens(text: str) -> list[str]:
	"""Pieces between which a line may break: after a space, and between two Thai characters unless
	the second is a combining mark (a tone mark or an upper or lower vowel stays with its consonant)."""
	tokens: list[str] = []
	for char in text:
		breaks_before = not tokens or (
			(tokens[-1].endswith(" ") and char != " ")
			or (
				is_thai(char)
				and is_thai(tokens[-1][-1])
				and not unicodedata.combining(char)
				and unicodedata.category(char) != "Mn"
			)
		)
		if breaks_before:
			tokens.append(char)
		else:
			tokens[-1] += char
	return tokens


def line_count(text: str, width_mm: float, font: Font) -> int:
	"""Lines that `text` takes in a box `width_mm` wide; explicit newlines start new lines."""
	lines = 0
	for paragraph in (text or "").split("\n"):
		lines += _paragraph_lines(paragraph, width_mm, font)
	return max(lines, 1)


def _paragraph_lines(paragraph: str, width_mm: float, font: Font) -> int:
	if not paragraph.strip():
		return 1
	slack = THAI_WORD_EM * font.size_pt * PT
	lines, used, thai_line = 1, 0.0, False
	for token in _tokens(paragraph):
		width = font.width_mm(token)
		room = width_mm - (slack if thai_line or is_thai(token[0]) else 0)
		if used and used + width > room + 1e-6 and token.strip():
			lines += 1
			used, thai_line = 0.0, False
		if not used and width > width_mm:
			# A single unbreakable piece wider than the box (a long address) is cut by the box.
			extra = math.ceil(width / width_mm) - 1
			lines += extra
			width -= extra * width_mm
		used += width
		thai_line = thai_line or is_thai(token[0])
	return lines


@dataclass(frozen=True)
class Table:
	"""A printed table's geometry: each column's content width (the cell's width less its padding), the
	vertical space a row adds around its lines (padding and borders) and the horizontal space between two
	columns' contents (a cell's padding on both sides and a border)."""

	columns: Sequence[float]
	font: Font
	row_extra_mm: float
	gap_mm: float = 0.0

	def cell_mm(self, column: int, paragraphs: Sequence[str], font: Font | None = None) -> float:
		"""A cell's lines: an empty paragraph prints nothing, an empty cell keeps one line."""
		font = font or self.font
		lines = sum(line_count(text, self.columns[column], font) for text in paragraphs if text)
		return max(lines, 1) * font.line_mm

	def row_mm(self, cells: Sequence[Sequence[str]], font: Font | None = None) -> float:
		"""A row's height: its tallest cell, with each cell a list of paragraphs (one per block)."""
		return max(self.cell_mm(i, cell, font) for i, cell in enumerate(cells)) + self.row_extra_mm

	def span_mm(self, paragraphs: Sequence[str], font: Font | None = None) -> float:
		"""A row of one cell across all columns (a group heading)."""
		font = font or self.font
		width = sum(self.columns) + self.gap_mm * (len(self.columns) - 1)
		return sum(line_count(text, width, font) for text in paragraphs) * font.line_mm + self.row_extra_mm


@dataclass
class Row:
	"""A row to place: `parts` are the heights of the pieces it may be split into at a page break (a
	measure's steps), one part if it must stay whole where it fits; `keep_with_next` holds a heading on the
	page of the row that follows it."""

	key: object
	parts: list[float]
	keep_with_next: bool = False

	@property
	def height(self) -> float:
		return sum(self.parts)


@dataclass
class Placed:
	"""A row, or the pieces `first`..`last` (inclusive) of it, on a page."""

	key: object
	first: int
	last: int
	continued: bool = field(init=False)

	def __post_init__(self):
		self.continued = self.first > 0


def paginate(rows: Sequence[Row], page_mm: float, first_page_mm: float | None = None) -> list[list[Placed]]:
	"""The rows page by page: a row goes whole onto the page where it fits, else onto the next page; a
	row taller than a page is split between its parts, as few parts per page as fit; a heading moves
	with the row after it. `page_mm` is the room for rows on a page (below its header row);
	`first_page_mm` the room on the first page, if less."""
	pages: list[list[Placed]] = [[]]
	room = first_page_mm if first_page_mm is not None else page_mm

	def new_page():
		nonlocal room
		pages.append([])
		room = page_mm

	for index, row in enumerate(rows):
		need = row.height
		if row.keep_with_next and index + 1 < len(rows):
			after = rows[index + 1]
			# The row after it goes whole onto a page where it fits, so the heading needs room for all of it.
			need += after.height if after.height <= page_mm else after.parts[0]
		if need > room and pages[-1] and need <= page_mm:
			new_page()
		if row.height <= room or len(row.parts) == 1:
			if row.height > room and pages[-1]:
				new_page()
			pages[-1].append(Placed(row.key, 0, len(row.parts) - 1))
			room -= row.height
			continue
		first = 0
		while first < len(row.parts):
			last, used = first, row.parts[first]
			if used > room and pages[-1]:
				new_page()
				continue
			while last + 1 < len(row.parts) and used + row.parts[last + 1] <= room:
				last += 1
				used += row.parts[last]
			pages[-1].append(Placed(row.key, first, last))
			room -= used
			first = last + 1
			if first < len(row.parts):
				new_page()
	return [page for page in pages if page]
