// Thai readers count years in the Buddhist Era (BE = CE + 543), as every printed ITA document does.
// For a Thai desk (frappe.boot.lang "th") the dates Frappe formats for reading (lists, read-only fields,
// report cells, timelines, dialogs) show the BE year. What is typed stays CE: a date control's input and
// what it sends to the server go through Frappe's own CE formatting, so the date picker can parse them.
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

	// A control's input value is what the user edits and the picker parses: CE, as Frappe formats it.
	const in_ce = (method) =>
		function (...args) {
			const be_str_to_user = frappe.datetime.str_to_user;
			frappe.datetime.str_to_user = ce_str_to_user;
			try {
				return method.apply(this, args);
			} finally {
				frappe.datetime.str_to_user = be_str_to_user;
			}
		};
	for (const control of [
		frappe.ui.form.ControlDate,
		frappe.ui.form.ControlDatetime,
		frappe.ui.form.ControlDateRange,
	]) {
		if (Object.prototype.hasOwnProperty.call(control.prototype, "format_for_input")) {
			control.prototype.format_for_input = in_ce(control.prototype.format_for_input);
		}
	}

	// The date picker's own words in Thai (Frappe ships none); its years stay CE, like the input.
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
