// Officers type scores as the NACC documents print them, often in Thai digits ("๘๑.๒๔"). The desk's
// number controls read only Arabic digits, so convert before Frappe evaluates what was typed.
(() => {
	const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";
	const to_arabic = (text) => text.replace(/[๐-๙]/g, (digit) => String(THAI_DIGITS.indexOf(digit)));
	const eval_expression = frappe.ui.form.ControlInt.prototype.eval_expression;
	frappe.ui.form.ControlInt.prototype.eval_expression = function (value) {
		return eval_expression.call(this, typeof value === "string" ? to_arabic(value) : value);
	};
})();
