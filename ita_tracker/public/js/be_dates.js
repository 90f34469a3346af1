// Dates as Thai officers type them, for every user: a date or datetime typed in the site's format with a
// Buddhist Era year (30-06-2569) or in Thai digits (๓๐-๐๖-๒๕๖๙) is read as the C.E. date Frappe stores.
// The rule is rules/typed_dates.py (typed_in_common_era), mirrored here before Frappe reads what was typed:
// Arabic digits, and a four-digit year from 2400 on lowered by 543 (no date of the app is that late in C.E.).
// A date (YYYY-MM-DD, no time) is a day in every time zone: Frappe's str_to_user converts it as a datetime
// from the site's time zone to the user's, which shows 31-03-2026 as 30-03-2026 west of the site.
(() => {
	const BE_YEARS_FROM = 2400;
	const BE_OFFSET = 543;
	const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";
	const FOUR_DIGIT_YEAR = /(^|[^0-9])([0-9]{4})(?![0-9])/;
	frappe.provide("ita_dates");
	ita_dates.typed_in_common_era = (text) => {
		if (typeof text !== "string") return text;
		const arabic = text.replace(/[๐-๙]/g, (digit) => String(THAI_DIGITS.indexOf(digit)));
		return arabic.replace(FOUR_DIGIT_YEAR, (_, before, year) =>
			before + (+year >= BE_YEARS_FROM ? +year - BE_OFFSET : year)
		);
	};

	const user_to_str = frappe.datetime.user_to_str;
	frappe.datetime.user_to_str = function (value, ...args) {
		return user_to_str.call(this, ita_dates.typed_in_common_era(value), ...args);
	};

	const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
	const str_to_user = frappe.datetime.str_to_user;
	frappe.datetime.str_to_user = function (value, only_time = false, only_date = false) {
		const a_date = typeof value === "string" && DATE_ONLY.test(value);
		return str_to_user.call(this, value, only_time, only_date || (a_date && !only_time));
	};
})();

// Thai readers count years in the Buddhist Era (BE = CE + 543), as every printed ITA document does.
// For a Thai desk (frappe.boot.lang "th") every date shows the BE year: the dates Frappe formats for reading
// (lists, read-only fields, report cells, timelines, dialogs), a date control's input and its date picker
// (the month's title and the years to choose). What the control sends to the server stays the C.E. date
// Frappe stores: what is typed or picked is read back through frappe.datetime.user_to_str (above). An
// empty date input says which calendar it takes ("วว-ดด-ปปปป (พ.ศ.)").
(() => {
	if (frappe.boot.lang !== "th") return;

	const BE_OFFSET = 543;
	// Every date format Frappe offers (dd-mm-yyyy, mm/dd/yyyy, yyyy-mm-dd ...) has one four-digit year.
	const YEAR = /(^|\D)(\d{4})(?!\d)/;
	const to_be = (text) =>
		typeof text === "string" ? text.replace(YEAR, (_, before, year) => before + (+year + BE_OFFSET)) : text;

	const ce_str_to_user = frappe.datetime.str_to_user;
	frappe.datetime.str_to_user = function (value, only_time = false, only_date = false) {
		const formatted = ce_str_to_user.call(this, value, only_time, only_date);
		return only_time ? formatted : to_be(formatted);
	};

	const ce_datetime = frappe.form.formatters.Datetime;
	frappe.form.formatters.Datetime = function (...args) {
		return to_be(ce_datetime.apply(this, args));
	};
	// Date and DateRange format through frappe.datetime.str_to_user, so they read BE already.

	// A control's input shows BE through str_to_user (Date, DateRange and Datetime format their input with
	// it). The date picker writes what is picked into the input with its own formatDate, and shows the
	// month's title and the years to choose with it: BE years there too. Only the text is BE; the picker's
	// dates stay JavaScript dates, and what is typed or picked is parsed by user_to_str.
	const Datepicker = $.fn.datepicker.Constructor;
	const format_date = Datepicker.prototype.formatDate;
	Datepicker.prototype.formatDate = function (string, date) {
		const year = (date || this.date).getFullYear();
		const decade_start = Math.floor(year / 10) * 10;
		let result = string;
		for (const [token, be_year] of [
			["yyyy1", decade_start + BE_OFFSET],
			["yyyy2", decade_start + 9 + BE_OFFSET],
			["yyyy", year + BE_OFFSET],
		]) {
			result = this._replacer(result, this._getWordBoundaryRegExp(token), be_year);
		}
		return format_date.call(this, result, date);
	};
	const cell_contents = $.fn.datepicker.Body.prototype._getCellContents;
	$.fn.datepicker.Body.prototype._getCellContents = function (date, type) {
		const contents = cell_contents.call(this, date, type);
		if (type === "year" && String(contents.html) === String(date.getFullYear())) {
			contents.html = date.getFullYear() + BE_OFFSET;
		}
		return contents;
	};

	// An empty date input says how to type it, in the site's date format: วว-ดด-ปปปป (พ.ศ.).
	const DATE_LETTERS = { dd: "วว", mm: "ดด", yyyy: "ปปปป" };
	const TIME_LETTERS = { HH: "ชช", mm: "นน", ss: "วิ" };
	const placeholder = (fieldtype) => {
		const date = frappe.datetime
			.get_user_date_fmt()
			.toLowerCase()
			.replace(/dd|mm|yyyy/g, (part) => DATE_LETTERS[part]);
		const time = frappe.datetime.get_user_time_fmt().replace(/HH|mm|ss/g, (part) => TIME_LETTERS[part]);
		return `${fieldtype === "Datetime" ? `${date} ${time}` : date} (พ.ศ.)`;
	};
	const make_input = frappe.ui.form.ControlDate.prototype.make_input;
	frappe.ui.form.ControlDate.prototype.make_input = function (...args) {
		const made = make_input.apply(this, args);
		if (!this.df.placeholder && this.$input) {
			this.$input.attr("placeholder", placeholder(this.df.fieldtype));
		}
		return made;
	};

	// The date picker's own words in Thai (Frappe ships none).
	$.fn.datepicker.language.th = $.fn.datepicker.language.th || {
		days: ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"],
		daysShort: ["อา.", "จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส."],
		daysMin: ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"],
		months: [
			"มกราคม",
			"กุมภาพันธ์",
			"มีนาคม",
			"เมษายน",
			"พฤษภาคม",
			"มิถุนายน",
			"กรกฎาคม",
			"สิงหาคม",
			"กันยายน",
			"ตุลาคม",
			"พฤศจิกายน",
			"ธันวาคม",
		],
		monthsShort: [
			"ม.ค.",
			"ก.พ.",
			"มี.ค.",
			"เม.ย.",
			"พ.ค.",
			"มิ.ย.",
			"ก.ค.",
			"ส.ค.",
			"ก.ย.",
			"ต.ค.",
			"พ.ย.",
			"ธ.ค.",
		],
		today: "วันนี้",
		clear: "ล้าง",
		dateFormat: "dd/mm/yyyy",
		timeFormat: "hh:ii",
		firstDay: 0,
	};
})();
