//! Charts of the app drawn with plotters: SVG for the desktop UI, PNG and
//! standalone SVG for export. Owns the chart inputs (plain data, no database
//! access), the bundled font every chart is set in, the palette and layout.

mod font;
mod format;
mod render;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use font::{font_bytes, FONT_FAMILY, FONT_LICENSE};
pub use format::{count_of, money, thousands};

/// Width of every chart, in CSS pixels (the PNG has [`PNG_SCALE`] times as many).
pub const WIDTH: u32 = 900;
/// Height of most charts; charts with one row per item grow past it, see [`Chart::size`].
pub const HEIGHT: u32 = 320;
/// Device pixels per CSS pixel in the PNG export.
pub const PNG_SCALE: u32 = 2;

/// One point of a weekly series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekPoint {
    pub week_start: NaiveDate,
    pub value: f64,
}

/// One line of a dated chart, e.g. one experiment variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    /// Values by date; rates are fractions (0.04 = 4%).
    pub points: Vec<(NaiveDate, f64)>,
}

/// One row of a forest plot: a relative lift with its confidence interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForestRow {
    pub label: String,
    /// Relative lift, 0.05 = +5%.
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
    pub significant: bool,
}

/// One variant's users at each funnel step (same order as the steps).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelVariant {
    pub name: String,
    pub counts: Vec<u64>,
}

/// One series of a grouped bar chart: a value per group (same order as the groups).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarSeries {
    pub name: String,
    pub values: Vec<f64>,
}

/// One first-order month cohort of the retention heatmap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortRow {
    pub label: String,
    /// Customers in the cohort.
    pub size: u64,
    /// Share still ordering by months since the first order (index 0 = the
    /// first month); `None` where that month is not yet observable.
    pub retention: Vec<Option<f64>>,
}

/// One cell of the RFM grid, scores 1 to 5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmCell {
    pub recency: u8,
    pub frequency: u8,
    pub customers: u64,
    pub mean_monetary: f64,
}

/// One line of a generic x/y chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XySeries {
    pub name: String,
    pub points: Vec<(f64, f64)>,
}

/// Every chart the app draws; render any of them with [`render_svg`],
/// [`render_svg_standalone`] or [`render_png`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Chart {
    /// Cumulative conversion rate per variant over time, one line per
    /// variant; rates are fractions, the axis shows percent.
    CumulativeConversion { title: String, series: Vec<Series> },
    /// Lift with confidence interval per metric and segment, a vertical line
    /// at zero, significant rows coloured. Values are relative lifts (0.05 =
    /// +5%), the axis shows percent.
    Forest { title: String, x_label: String, rows: Vec<ForestRow> },
    /// Users per funnel step and variant, bars grouped per step, each bar
    /// labelled with its share of the variant's first step.
    Funnel { title: String, steps: Vec<String>, variants: Vec<FunnelVariant> },
    /// Shares (0–1) as bars grouped per group, one colour per series, each
    /// bar labelled with its value as a percentage.
    Bars { title: String, y_label: String, groups: Vec<String>, series: Vec<BarSeries> },
    /// Weekly revenue as an area chart. An empty title draws no title row.
    RevenueByWeek { title: String, currency: String, points: Vec<WeekPoint> },
    /// Retention heatmap: rows are first-order month cohorts, columns months
    /// since the first order, each cell the share retained.
    CohortRetention { title: String, cohorts: Vec<CohortRow> },
    /// 5×5 grid of recency score (x) by frequency score (y), each cell shaded
    /// by its number of customers.
    RfmGrid { title: String, cells: Vec<RfmCell> },
    /// Power (0..1) against total users, a marker at the planned sample size
    /// and a dashed line at the target power.
    PowerCurve { title: String, points: Vec<(u64, f64)>, planned_users: Option<u64>, target_power: f64 },
    /// Generic lines of y against x, e.g. a threshold sweep.
    Lines { title: String, x_label: String, y_label: String, series: Vec<XySeries> },
}

impl Chart {
    /// The chart's title.
    pub fn title(&self) -> &str {
        match self {
            Chart::CumulativeConversion { title, .. }
            | Chart::Forest { title, .. }
            | Chart::Funnel { title, .. }
            | Chart::Bars { title, .. }
            | Chart::RevenueByWeek { title, .. }
            | Chart::CohortRetention { title, .. }
            | Chart::RfmGrid { title, .. }
            | Chart::PowerCurve { title, .. }
            | Chart::Lines { title, .. } => title,
        }
    }

    /// Size in CSS pixels: [`WIDTH`] × [`HEIGHT`], taller for forest plots
    /// and cohort heatmaps with many rows so every row stays legible.
    pub fn size(&self) -> (u32, u32) {
        let rows_height = |rows: usize, per_row: u32, chrome: u32| {
            HEIGHT.max(chrome + per_row * u32::try_from(rows).unwrap_or(u32::MAX / 64).min(200))
        };
        match self {
            Chart::Forest { rows, .. } => (WIDTH, rows_height(rows.len(), 26, 110)),
            Chart::CohortRetention { cohorts, .. } => (WIDTH, rows_height(cohorts.len(), 22, 110)),
            _ => (WIDTH, HEIGHT),
        }
    }
}

/// Why a PNG could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("the bundled chart font could not be loaded")]
    Font,
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("encoding the PNG failed: {0}")]
    Encode(String),
}

/// The chart as an SVG document for the app. Text uses [`FONT_FAMILY`]
/// (falling back to Arial, which has the same metrics), so the UI loads
/// [`font_bytes`] with an `@font-face` of that name. Never fails: a chart
/// that cannot be drawn says so in the SVG.
pub fn render_svg(chart: &Chart) -> String {
    render::svg(chart)
}

/// The chart as an SVG document that carries its font: an `@font-face` with
/// the bundled font as base64, so it renders the same anywhere it is opened.
pub fn render_svg_standalone(chart: &Chart) -> String {
    font::embed_font(&render::svg(chart))
}

/// The chart as PNG bytes at [`PNG_SCALE`] × [`Chart::size`], drawn with the
/// bundled font (no system font is looked up), tagged as 192 dpi.
pub fn render_png(chart: &Chart) -> Result<Vec<u8>, ChartError> {
    render::png(chart)
}

/// Revenue by week as an SVG area chart without a title, as the overview
/// shows it. An empty series gives a chart that says there is nothing to draw.
pub fn revenue_by_week_svg(points: &[WeekPoint], currency: &str) -> String {
    render_svg(&Chart::RevenueByWeek { title: String::new(), currency: currency.to_string(), points: points.to_vec() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn draws_a_well_formed_svg_with_axis_labels() {
        let pts: Vec<_> = (0..40)
            .map(|i| WeekPoint {
                week_start: d("2026-01-05") + chrono::Duration::weeks(i),
                value: 250.0 * (i as f64 + 1.0),
            })
            .collect();
        let svg = revenue_by_week_svg(&pts, "USD");
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("$10k"), "the top of the axis is labelled: {svg}");
        assert!(svg.contains(" 2026"), "months are labelled with the year: {svg}");
        assert!(svg.contains("Revenue (USD)"), "the y axis says what it shows: {svg}");
        assert!(svg.contains("<polygon") || svg.contains("<path") || svg.contains("<polyline"));
    }

    #[test]
    fn every_chart_leaves_with_the_view_box_of_its_size() {
        let chart = Chart::RevenueByWeek {
            title: String::new(),
            currency: "USD".into(),
            points: vec![WeekPoint { week_start: d("2026-08-03"), value: 1200.0 }],
        };
        let (w, h) = chart.size();
        let svg = render_svg(&chart);
        let root = &svg[..svg.find('>').unwrap()];
        assert!(root.starts_with("<svg"), "nothing comes before the root element: {root}");
        assert_eq!(root.matches("viewBox=").count(), 1, "{root}");
        assert!(root.contains(&format!("viewBox=\"0 0 {w} {h}\"")), "{root}");
        assert_eq!(
            font::finish_svg(r#"<?xml version="1.0"?><svg width="80" height="30"><g/></svg>"#).split('>').next(),
            Some(r#"<svg viewBox="0 0 80 30" width="80" height="30""#)
        );
        let no_root = r#"<rect width="80" height="30"/>"#;
        assert_eq!(font::finish_svg(no_root), no_root, "without an <svg> root nothing is added");
    }

    #[test]
    fn short_spans_label_days() {
        let pts: Vec<_> = (0..6)
            .map(|i| WeekPoint { week_start: d("2026-08-03") + chrono::Duration::weeks(i), value: 10.0 })
            .collect();
        let svg = revenue_by_week_svg(&pts, "USD");
        assert!(svg.contains("Aug 3") || svg.contains("Aug 10"), "{svg}");
        assert!(!svg.contains("Aug 2026"));
    }

    #[test]
    fn empty_series_says_so() {
        assert!(revenue_by_week_svg(&[], "USD").contains("No orders in this period"));
    }

    #[test]
    fn one_week_still_draws() {
        let svg = revenue_by_week_svg(&[WeekPoint { week_start: d("2026-08-03"), value: 1200.0 }], "EUR");
        assert!(svg.contains("€"), "{svg}");
        assert!(!svg.contains("Nothing to draw"));
    }
}
