// A workspace chart is drawn when its data arrives. Someone who has already moved on (a step owner taps
// "My Steps" before the charts load) leaves the workspace hidden, and frappe-charts then draws into a
// zero-width box: negative SVG sizes and console errors. Such a chart is drawn once it is seen again.
function draw_workspace_charts_when_visible() {
	const ChartWidget = frappe.widget && frappe.widget.widget_factory && frappe.widget.widget_factory.chart;
	if (!ChartWidget || ChartWidget.prototype.__ita_drawn_when_visible) return;
	const render = ChartWidget.prototype.render;
	ChartWidget.prototype.__ita_drawn_when_visible = true;
	ChartWidget.prototype.render = function (...args) {
		const box = this.widget && this.widget[0];
		if (!box || box.offsetParent !== null || !window.IntersectionObserver) {
			return render.apply(this, args);
		}
		const seen = new IntersectionObserver((entries) => {
			if (entries.some((entry) => entry.isIntersecting) && box.offsetParent !== null) {
				seen.disconnect();
				render.apply(this, args);
			}
		});
		seen.observe(box);
	};
}

draw_workspace_charts_when_visible();
$(document).on("startup", draw_workspace_charts_when_visible);
