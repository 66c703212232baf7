//! Drawing of every chart onto any plotters backend: the shared layout
//! (title, legend, axes, the "nothing to draw" state), the Okabe–Ito
//! palette and one function per chart. All sizes are CSS pixels times the
//! context's scale, so the PNG is the SVG at a higher resolution.

use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{Duration, NaiveDate};
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::font::{self, FONT_FAMILY, HEIGHT_PER_EM};
use crate::format::{
    compact, compact_money, decimals_for_step, fit, fixed, nice_top, percent, signed_percent, thousands,
};
use crate::{
    BarSeries, Chart, ChartError, CohortRow, ForestRow, FunnelVariant, RfmCell, Series, WeekPoint, XySeries, PNG_SCALE,
};

type Area<DB> = DrawingArea<DB, Shift>;
type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

// Okabe–Ito, ordered so the first colours are the most distinct on white;
// yellow comes last because it is faint against the background.
const BLUE: RGBColor = RGBColor(0, 114, 178);
const ORANGE: RGBColor = RGBColor(230, 159, 0);
const GREEN: RGBColor = RGBColor(0, 158, 115);
const VERMILLION: RGBColor = RGBColor(213, 94, 0);
const PURPLE: RGBColor = RGBColor(204, 121, 167);
const SKY: RGBColor = RGBColor(86, 180, 233);
const OI_BLACK: RGBColor = RGBColor(0, 0, 0);
const OI_YELLOW: RGBColor = RGBColor(240, 228, 66);
const PALETTE: [RGBColor; 8] = [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, OI_BLACK, OI_YELLOW];

const INK: RGBColor = RGBColor(31, 41, 55);
const MUTED: RGBColor = RGBColor(75, 85, 99);
const AXIS: RGBColor = RGBColor(156, 163, 175);
const GRID: RGBColor = RGBColor(229, 231, 235);
const BAND: RGBColor = RGBColor(246, 247, 249);
const NOT_SIGNIFICANT: RGBColor = RGBColor(117, 117, 117);
/// Only the forest plot's zero line has this colour.
const ZERO_LINE: RGBColor = RGBColor(17, 24, 39);
const UNOBSERVED: RGBColor = RGBColor(236, 238, 241);

const MARGIN: f64 = 14.0;
const TITLE_EM: f64 = 16.0;
const TEXT_EM: f64 = 12.0;
const SMALL_EM: f64 = 11.0;

fn series_colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Lines past the palette's length repeat its colours, dashed.
fn series_dashed(i: usize) -> bool {
    i >= PALETTE.len()
}

fn series_mark(i: usize) -> Mark {
    if series_dashed(i) {
        Mark::Dash
    } else {
        Mark::Line
    }
}

/// Sequential single-hue ramp for heatmaps, from near-white to dark blue,
/// readable by every colour vision because only lightness changes much.
fn ramp(t: f64) -> RGBColor {
    let stops = [(0.0, (240, 246, 251)), (0.55, (86, 160, 210)), (1.0, (8, 64, 129))];
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let (i, j) = if t <= stops[1].0 { (0, 1) } else { (1, 2) };
    let (t0, a) = stops[i];
    let (t1, b) = stops[j];
    let f = (t - t0) / (t1 - t0);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Text on a ramp cell: white where the fill is dark.
fn ink_on(t: f64) -> RGBColor {
    if t > 0.5 {
        WHITE
    } else {
        INK
    }
}

/// Scale and size of the surface being drawn on.
#[derive(Clone, Copy)]
struct Ctx {
    scale: f64,
    width: u32,
    height: u32,
}

impl Ctx {
    fn px(self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }

    fn upx(self, v: f64) -> u32 {
        (v * self.scale).round().max(1.0) as u32
    }

    /// Text whose em is `em` CSS pixels.
    fn text(self, em: f64, colour: RGBColor) -> TextStyle<'static> {
        (FONT_FAMILY, em * HEIGHT_PER_EM * self.scale).into_font().color(&colour)
    }

    fn width_of(self, text: &str, style: &TextStyle) -> u32 {
        style
            .font
            .box_size(text)
            .map(|(w, _)| w)
            .unwrap_or_else(|_| (text.chars().count() as f64 * style.font.get_size() * 0.5) as u32)
    }

    fn stroke(self, colour: RGBColor, width: f64) -> ShapeStyle {
        colour.stroke_width(self.upx(width))
    }
}

fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

// ---------------------------------------------------------------------------
// Entry points

pub(crate) fn svg(chart: &Chart) -> String {
    let (w, h) = chart.size();
    let drawn = svg_with(w, h, |root, c| draw(root, c, chart));
    match drawn {
        Ok(svg) => font::finish_svg(&svg),
        Err(error) => {
            let message = format!("This chart could not be drawn ({error}).");
            match svg_with(w, h, |root, c| {
                root.fill(&WHITE)?;
                let top = header(root, c, chart.title(), &[])?;
                nothing_to_draw(root, c, top, &message)
            }) {
                Ok(svg) => font::finish_svg(&svg),
                Err(_) => bare_svg(w, h, &message),
            }
        }
    }
}

fn svg_with(
    w: u32,
    h: u32,
    f: impl for<'a> FnOnce(&Area<SVGBackend<'a>>, Ctx) -> Drawn<SVGBackend<'a>>,
) -> Result<String, String> {
    font::ensure_registered().map_err(|e| e.to_string())?;
    let mut out = String::new();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        let c = Ctx { scale: 1.0, width: w, height: h };
        f(&root, c).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())
    }));
    match result {
        Ok(Ok(())) => Ok(out),
        Ok(Err(e)) => Err(e),
        Err(_) => Err("drawing stopped unexpectedly".to_string()),
    }
}

/// A last-resort SVG written by hand, for when plotters cannot draw at all.
fn bare_svg(w: u32, h: u32, message: &str) -> String {
    let escaped = message.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-family=\"{FONT_FAMILY}, Arial, sans-serif\" \
         font-size=\"13\" fill=\"#4B5563\">{escaped}</text></svg>",
        w / 2,
        h / 2
    )
}

pub(crate) fn png(chart: &Chart) -> Result<Vec<u8>, ChartError> {
    font::ensure_registered()?;
    let (w, h) = chart.size();
    let (pw, ph) = (w * PNG_SCALE, h * PNG_SCALE);
    let mut pixels = vec![255u8; pw as usize * ph as usize * 3];
    let result = catch_unwind(AssertUnwindSafe(|| {
        let root = BitMapBackend::with_buffer(&mut pixels, (pw, ph)).into_drawing_area();
        let c = Ctx { scale: f64::from(PNG_SCALE), width: pw, height: ph };
        draw(&root, c, chart).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())
    }));
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(ChartError::Draw(e)),
        Err(_) => return Err(ChartError::Draw("drawing stopped unexpectedly".to_string())),
    }
    encode_png(&pixels, pw, ph).map_err(|e| ChartError::Encode(e.to_string()))
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        // 96 dpi × the scale, so viewers show the PNG at the chart's CSS size.
        let per_metre = (96.0 * f64::from(PNG_SCALE) / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: per_metre, yppu: per_metre, unit: png::Unit::Meter }));
        let mut writer = encoder.write_header()?;
        writer.write_image_data(rgb)?;
        writer.finish()?;
    }
    Ok(out)
}

fn draw<DB: DrawingBackend>(root: &Area<DB>, c: Ctx, chart: &Chart) -> Drawn<DB> {
    root.fill(&WHITE)?;
    match chart {
        Chart::CumulativeConversion { title, series } => cumulative_conversion(root, c, title, series),
        Chart::Forest { title, x_label, rows } => forest(root, c, title, x_label, rows),
        Chart::Funnel { title, steps, variants } => funnel(root, c, title, steps, variants),
        Chart::Bars { title, y_label, groups, series } => bars(root, c, title, y_label, groups, series),
        Chart::RevenueByWeek { title, currency, points } => revenue_by_week(root, c, title, currency, points),
        Chart::CohortRetention { title, cohorts } => cohort_retention(root, c, title, cohorts),
        Chart::RfmGrid { title, cells } => rfm_grid(root, c, title, cells),
        Chart::PowerCurve { title, points, planned_users, target_power } => {
            power_curve(root, c, title, points, *planned_users, *target_power)
        }
        Chart::Lines { title, x_label, y_label, series } => lines(root, c, title, x_label, y_label, series),
    }
}

// ---------------------------------------------------------------------------
// Shared layout

enum Mark {
    Line,
    Dash,
    Swatch,
    Dot,
    HollowDot,
    /// A small colour scale from `from` to `to` after the label.
    Scale {
        from: String,
        to: String,
    },
}

struct LegendItem {
    label: String,
    colour: RGBColor,
    mark: Mark,
}

impl LegendItem {
    fn new(label: impl Into<String>, colour: RGBColor, mark: Mark) -> Self {
        Self { label: label.into(), colour, mark }
    }

    const SCALE_BAR: f64 = 72.0;

    fn mark_width(&self, c: Ctx) -> i32 {
        match &self.mark {
            Mark::Line | Mark::Dash => c.px(20.0),
            Mark::Swatch | Mark::Dot | Mark::HollowDot => c.px(11.0),
            Mark::Scale { .. } => 0,
        }
    }

    fn width(&self, c: Ctx) -> i32 {
        let style = c.text(TEXT_EM, INK);
        let label = c.width_of(&self.label, &style) as i32;
        match &self.mark {
            Mark::Scale { from, to } => {
                let small = c.text(SMALL_EM, MUTED);
                label
                    + c.px(8.0)
                    + c.width_of(from, &small) as i32
                    + c.px(Self::SCALE_BAR + 10.0)
                    + c.width_of(to, &small) as i32
            }
            _ => self.mark_width(c) + c.px(6.0) + label,
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>, c: Ctx, x: i32, cy: i32) -> Drawn<DB> {
        let colour = self.colour;
        let mut x = x;
        match &self.mark {
            Mark::Line => {
                root.draw(&PathElement::new(vec![(x, cy), (x + c.px(20.0), cy)], c.stroke(colour, 2.5)))?;
            }
            Mark::Dash => {
                root.draw(&PathElement::new(vec![(x, cy), (x + c.px(7.0), cy)], c.stroke(colour, 2.0)))?;
                root.draw(&PathElement::new(vec![(x + c.px(13.0), cy), (x + c.px(20.0), cy)], c.stroke(colour, 2.0)))?;
            }
            Mark::Swatch => {
                let half = c.px(5.5);
                root.draw(&Rectangle::new([(x, cy - half), (x + 2 * half, cy + half)], colour.filled()))?;
                if colour == WHITE || colour == UNOBSERVED {
                    root.draw(&Rectangle::new([(x, cy - half), (x + 2 * half, cy + half)], c.stroke(AXIS, 1.0)))?;
                }
            }
            Mark::Dot => {
                root.draw(&Circle::new((x + c.px(5.5), cy), c.px(4.5), colour.filled()))?;
            }
            Mark::HollowDot => {
                root.draw(&Circle::new((x + c.px(5.5), cy), c.px(4.0), WHITE.filled()))?;
                root.draw(&Circle::new((x + c.px(5.5), cy), c.px(4.0), c.stroke(colour, 1.5)))?;
            }
            Mark::Scale { .. } => {}
        }
        let style = anchored(c.text(TEXT_EM, INK), HPos::Left, VPos::Center);
        if let Mark::Scale { from, to } = &self.mark {
            root.draw(&Text::new(self.label.clone(), (x, cy), style.clone()))?;
            x += c.width_of(&self.label, &style) as i32 + c.px(8.0);
            let small = anchored(c.text(SMALL_EM, MUTED), HPos::Left, VPos::Center);
            root.draw(&Text::new(from.clone(), (x, cy), small.clone()))?;
            x += c.width_of(from, &small) as i32 + c.px(5.0);
            let steps = 24;
            let bar = c.px(Self::SCALE_BAR);
            let half = c.px(5.5);
            for i in 0..steps {
                let x0 = x + bar * i / steps;
                let x1 = x + bar * (i + 1) / steps;
                let t = (f64::from(i) + 0.5) / f64::from(steps);
                root.draw(&Rectangle::new([(x0, cy - half), (x1, cy + half)], ramp(t).filled()))?;
            }
            x += bar + c.px(5.0);
            root.draw(&Text::new(to.clone(), (x, cy), small))?;
        } else {
            x += self.mark_width(c) + c.px(6.0);
            root.draw(&Text::new(self.label.clone(), (x, cy), style))?;
        }
        Ok(())
    }
}

/// Draws the title and the legend; returns where the plot may start (y).
/// The legend shares the title's row when both fit, else wraps below it.
fn header<DB: DrawingBackend>(
    root: &Area<DB>,
    c: Ctx,
    title: &str,
    legend: &[LegendItem],
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let margin = c.px(MARGIN);
    let left = margin;
    let right = c.width as i32 - margin;
    let available = right - left;
    let title_row = c.px(26.0);
    let legend_row = c.px(20.0);
    let gap = c.px(18.0);
    let widths: Vec<i32> = legend.iter().map(|item| item.width(c)).collect();
    let legend_width = widths.iter().sum::<i32>() + gap * (widths.len() as i32 - 1).max(0);

    let mut bottom = c.px(12.0);
    let mut title_width = 0;
    if !title.is_empty() {
        let style = c.text(TITLE_EM, INK);
        let title = fit(title, available.max(0) as u32, |t| c.width_of(t, &style));
        title_width = c.width_of(&title, &style) as i32;
        root.draw(&Text::new(title, (left, margin + title_row / 2), anchored(style, HPos::Left, VPos::Center)))?;
        bottom = margin + title_row;
    }
    if legend.is_empty() {
        return Ok(bottom + c.px(4.0));
    }
    if title_width + c.px(32.0) + legend_width <= available {
        // One row: the legend sits right-aligned beside the title.
        let cy = if title.is_empty() { margin + legend_row / 2 } else { margin + title_row / 2 };
        let mut x = right - legend_width;
        for (item, w) in legend.iter().zip(&widths) {
            item.draw(root, c, x, cy)?;
            x += w + gap;
        }
        return Ok(bottom.max(margin + legend_row) + c.px(6.0));
    }
    // Wrapped rows under the title, left-aligned.
    let mut y = if title.is_empty() { margin } else { bottom };
    let mut x = left;
    for (item, w) in legend.iter().zip(&widths) {
        if x > left && x + w > right {
            x = left;
            y += legend_row;
        }
        item.draw(root, c, x, y + legend_row / 2)?;
        x += w + gap;
    }
    Ok(y + legend_row + c.px(6.0))
}

/// The empty state: a framed area below the header that says why.
fn nothing_to_draw<DB: DrawingBackend>(root: &Area<DB>, c: Ctx, top: i32, reason: &str) -> Drawn<DB> {
    let margin = c.px(MARGIN);
    let (w, h) = (c.width as i32, c.height as i32);
    root.draw(&Rectangle::new([(margin, top), (w - margin, h - margin)], c.stroke(GRID, 1.0)))?;
    let cy = (top + h - margin) / 2;
    let head = anchored(c.text(14.0, MUTED), HPos::Center, VPos::Center);
    root.draw(&Text::new("Nothing to draw", (w / 2, cy - c.px(11.0)), head))?;
    let detail_style = c.text(TEXT_EM, NOT_SIGNIFICANT);
    let detail = fit(reason, (w - 4 * margin).max(0) as u32, |t| c.width_of(t, &detail_style));
    root.draw(&Text::new(detail, (w / 2, cy + c.px(11.0)), anchored(detail_style, HPos::Center, VPos::Center)))?;
    Ok(())
}

/// The part of the surface below the header.
fn body<DB: DrawingBackend>(root: &Area<DB>, top: i32) -> Area<DB> {
    root.split_vertically(top).1
}

/// Height of the x label area: tick labels and the axis title.
fn x_area(c: Ctx) -> u32 {
    c.upx(48.0)
}

/// Width of the y label area for these tick labels and an axis title.
fn y_area(c: Ctx, labels: impl IntoIterator<Item = String>) -> u32 {
    let style = c.text(TEXT_EM, MUTED);
    let widest = labels.into_iter().map(|l| c.width_of(&l, &style)).max().unwrap_or(0);
    widest + c.upx(36.0)
}

/// The tick values plotters will label on a numeric axis.
fn ticks(range: Range<f64>, count: usize) -> Vec<f64> {
    RangedCoordf64::from(range).key_points(count)
}

fn tick_step(range: Range<f64>, count: usize) -> f64 {
    let t = ticks(range.clone(), count);
    if t.len() >= 2 {
        t[1] - t[0]
    } else {
        (range.end - range.start).abs()
    }
}

/// The look shared by every axis: light grid, muted labels, titled axes.
fn style_mesh<X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &mut MeshStyle<'_, '_, X, Y, DB>,
    c: Ctx,
    x_desc: &str,
    y_desc: &str,
) {
    mesh.bold_line_style(c.stroke(GRID, 1.0))
        .light_line_style(TRANSPARENT)
        .max_light_lines(0)
        .axis_style(c.stroke(AXIS, 1.0))
        .set_all_tick_mark_size(c.px(4.0))
        .label_style(c.text(TEXT_EM, MUTED))
        .axis_desc_style(c.text(TEXT_EM, INK));
    if !x_desc.is_empty() {
        mesh.x_desc(x_desc);
    }
    if !y_desc.is_empty() {
        mesh.y_desc(y_desc);
    }
}

fn x_label_count(c: Ctx, every_css_px: f64) -> usize {
    ((f64::from(c.width) / c.scale / every_css_px) as usize).max(2)
}

/// A date range plotters can draw: at least a day wide.
fn date_range(dates: impl Iterator<Item = NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
    let (mut first, mut last) = (None::<NaiveDate>, None::<NaiveDate>);
    for d in dates {
        first = Some(first.map_or(d, |f| f.min(d)));
        last = Some(last.map_or(d, |l| l.max(d)));
    }
    let (first, last) = (first?, last?);
    Some(if first == last { (first - Duration::days(1), last + Duration::days(1)) } else { (first, last) })
}

/// A numeric range padded by `pad` of its span, never empty.
fn padded(min: f64, max: f64, pad: f64) -> Range<f64> {
    let span = max - min;
    if span.abs() < 1e-12 {
        let d = if min.abs() > 1e-12 { min.abs() * 0.1 } else { 1.0 };
        return (min - d)..(max + d);
    }
    (min - span * pad)..(max + span * pad)
}

/// The `i`th series' line: solid in its colour, dashed past the palette.
fn draw_line<DB: DrawingBackend, X: Ranged, Y: Ranged>(
    chart: &mut ChartContext<DB, Cartesian2d<X, Y>>,
    c: Ctx,
    i: usize,
    points: &[(X::ValueType, Y::ValueType)],
) -> Drawn<DB>
where
    X::ValueType: Clone + 'static,
    Y::ValueType: Clone + 'static,
{
    let style = c.stroke(series_colour(i), 2.5);
    if series_dashed(i) {
        chart.draw_series(DashedLineSeries::new(points.iter().cloned(), c.px(8.0), c.px(5.0), style))?;
    } else {
        chart.draw_series(LineSeries::new(points.iter().cloned(), style))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Charts

fn cumulative_conversion<DB: DrawingBackend>(root: &Area<DB>, c: Ctx, title: &str, series: &[Series]) -> Drawn<DB> {
    let lines: Vec<(&str, Vec<(NaiveDate, f64)>)> = series
        .iter()
        .map(|s| {
            let mut points: Vec<_> = s.points.iter().copied().filter(|(_, v)| v.is_finite()).collect();
            points.sort_by_key(|(d, _)| *d);
            (s.name.as_str(), points)
        })
        .collect();
    let Some((first, last)) = date_range(lines.iter().flat_map(|(_, p)| p.iter().map(|(d, _)| *d))) else {
        let top = header(root, c, title, &[])?;
        return nothing_to_draw(root, c, top, "No conversions recorded for these variants yet.");
    };
    let max = lines.iter().flat_map(|(_, p)| p.iter().map(|(_, v)| *v)).fold(0.0, f64::max);
    let y_range = 0.0..nice_top(max * 1.05, 5);
    let decimals = decimals_for_step(tick_step(y_range.clone(), 6) * 100.0);

    let legend: Vec<LegendItem> = lines
        .iter()
        .enumerate()
        .filter(|(_, (_, p))| !p.is_empty())
        .map(|(i, (name, p))| {
            let last = p.last().map_or(0.0, |(_, v)| *v);
            LegendItem::new(
                format!("{name} ({})", percent(last, (decimals + 1).min(3))),
                series_colour(i),
                series_mark(i),
            )
        })
        .collect();
    let top = header(root, c, title, &legend)?;
    let marks: Vec<Vec<(NaiveDate, f64)>> = lines.into_iter().map(|(_, points)| points).collect();
    dated_plot(
        &body(root, top),
        c,
        DatedPlot {
            dates: first..last,
            y: y_range,
            y_fmt: &|v: &f64| percent(*v, decimals),
            x_desc: "Date",
            y_desc: "Cumulative conversion rate (%)",
            marks: DatedMarks::Lines(&marks),
        },
    )
}

enum DatedMarks<'a> {
    /// Lines in series colours with a dot at their last point.
    Lines(&'a [Vec<(NaiveDate, f64)>]),
    /// One filled area down to zero.
    Area(&'a [(NaiveDate, f64)]),
}

struct DatedPlot<'a> {
    dates: Range<NaiveDate>,
    y: Range<f64>,
    y_fmt: &'a dyn Fn(&f64) -> String,
    x_desc: &'a str,
    y_desc: &'a str,
    marks: DatedMarks<'a>,
}

/// A chart over dates: ticks at month starts over long spans (labelled with
/// the year), plotters' day and week ticks over short ones.
fn dated_plot<DB: DrawingBackend>(area: &Area<DB>, c: Ctx, plot: DatedPlot) -> Drawn<DB> {
    let y_labels = 6;
    let mut builder = ChartBuilder::on(area);
    builder
        .margin_left(c.px(MARGIN))
        .margin_right(c.px(MARGIN * 2.5))
        .margin_bottom(c.px(MARGIN * 0.5))
        .x_label_area_size(x_area(c))
        .y_label_area_size(y_area(c, ticks(plot.y.clone(), y_labels).iter().map(plot.y_fmt)));
    let (first, last) = (plot.dates.start, plot.dates.end);
    if (last - first).num_days() > 200 {
        let chart = builder.build_cartesian_2d((first..last).monthly(), plot.y.clone())?;
        finish_dated_plot(chart, c, "%b %Y", y_labels, &plot)
    } else {
        let chart = builder.build_cartesian_2d(first..last, plot.y.clone())?;
        finish_dated_plot(chart, c, "%b %-d", y_labels, &plot)
    }
}

fn finish_dated_plot<DB: DrawingBackend, X: Ranged<ValueType = NaiveDate> + ValueFormatter<NaiveDate>>(
    mut chart: ChartContext<DB, Cartesian2d<X, RangedCoordf64>>,
    c: Ctx,
    date_format: &str,
    y_labels: usize,
    plot: &DatedPlot,
) -> Drawn<DB> {
    let x_fmt = |d: &NaiveDate| d.format(date_format).to_string();
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, c, plot.x_desc, plot.y_desc);
    mesh.x_labels(x_label_count(c, 100.0))
        .y_labels(y_labels)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(plot.y_fmt)
        .draw()?;
    match plot.marks {
        DatedMarks::Lines(lines) => {
            for (i, points) in lines.iter().enumerate() {
                draw_line(&mut chart, c, i, points)?;
                if let Some(end) = points.last() {
                    chart.draw_series(std::iter::once(Circle::new(*end, c.px(3.5), series_colour(i).filled())))?;
                }
            }
        }
        DatedMarks::Area(points) => {
            chart.draw_series(
                AreaSeries::new(points.iter().copied(), 0.0, BLUE.mix(0.15)).border_style(c.stroke(BLUE, 2.0)),
            )?;
        }
    }
    Ok(())
}

struct CleanRow<'a> {
    label: &'a str,
    estimate: f64,
    lower: f64,
    upper: f64,
    significant: bool,
}

fn forest<DB: DrawingBackend>(root: &Area<DB>, c: Ctx, title: &str, x_label: &str, rows: &[ForestRow]) -> Drawn<DB> {
    let rows: Vec<CleanRow> = rows
        .iter()
        .filter(|r| r.estimate.is_finite())
        .map(|r| {
            let lower = if r.lower.is_finite() { r.lower } else { r.estimate };
            let upper = if r.upper.is_finite() { r.upper } else { r.estimate };
            CleanRow {
                label: &r.label,
                estimate: r.estimate,
                lower: lower.min(upper),
                upper: lower.max(upper),
                significant: r.significant,
            }
        })
        .collect();
    let colour_of = |r: &CleanRow| match (r.significant, r.estimate >= 0.0) {
        (true, true) => BLUE,
        (true, false) => VERMILLION,
        (false, _) => NOT_SIGNIFICANT,
    };
    let mut legend = Vec::new();
    if rows.iter().any(|r| r.significant && r.estimate >= 0.0) {
        legend.push(LegendItem::new("Significant increase", BLUE, Mark::Dot));
    }
    if rows.iter().any(|r| r.significant && r.estimate < 0.0) {
        legend.push(LegendItem::new("Significant decrease", VERMILLION, Mark::Dot));
    }
    if rows.iter().any(|r| !r.significant) {
        legend.push(LegendItem::new("Not significant", NOT_SIGNIFICANT, Mark::HollowDot));
    }
    let top = header(root, c, title, &legend)?;
    if rows.is_empty() {
        return nothing_to_draw(root, c, top, "No metrics to compare yet.");
    }

    let n = rows.len() as f64;
    let lo = rows.iter().map(|r| r.lower).fold(0.0, f64::min);
    let hi = rows.iter().map(|r| r.upper).fold(0.0, f64::max);
    let x_range = padded(lo, hi, 0.06);
    let tick_count = 8;
    let decimals = decimals_for_step(tick_step(x_range.clone(), tick_count) * 100.0);
    let value_decimals = 1;
    let value_text = |r: &CleanRow| {
        format!(
            "{} ({} to {})",
            signed_percent(r.estimate, value_decimals),
            signed_percent(r.lower, value_decimals),
            signed_percent(r.upper, value_decimals)
        )
    };
    let label_style = c.text(TEXT_EM, INK);
    let value_style = c.text(SMALL_EM, INK);
    let max_label = (f64::from(c.width) * 0.3) as u32;
    let labels: Vec<String> = rows.iter().map(|r| fit(r.label, max_label, |t| c.width_of(t, &label_style))).collect();
    let label_width = labels.iter().map(|l| c.width_of(l, &label_style)).max().unwrap_or(0);
    let values: Vec<String> = rows.iter().map(value_text).collect();
    let value_width = values.iter().map(|v| c.width_of(v, &value_style)).max().unwrap_or(0) as i32;

    let area = body(root, top);
    let x_fmt = |v: &f64| signed_percent(*v, decimals);
    let mut chart = ChartBuilder::on(&area)
        .margin_left(c.px(MARGIN))
        .margin_right(c.px(MARGIN + 12.0) + value_width)
        .margin_bottom(c.px(MARGIN * 0.5))
        .x_label_area_size(x_area(c))
        .y_label_area_size(label_width + c.upx(12.0))
        .build_cartesian_2d(x_range.clone(), 0.0..n)?;
    // Alternate rows are banded so a label is easy to follow to its interval.
    let row_y = |i: usize| n - i as f64 - 0.5;
    chart.draw_series(
        (0..rows.len())
            .filter(|i| i % 2 == 0)
            .map(|i| Rectangle::new([(x_range.start, row_y(i) - 0.5), (x_range.end, row_y(i) + 0.5)], BAND.filled())),
    )?;
    let mut mesh = chart.configure_mesh();
    let x_desc = if x_label.trim().is_empty() { "Relative lift (%)" } else { x_label };
    style_mesh(&mut mesh, c, x_desc, "");
    mesh.disable_y_mesh().y_labels(0).x_labels(tick_count).x_label_formatter(&x_fmt).draw()?;

    chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (0.0, n)], c.stroke(ZERO_LINE, 1.5))))?;
    // Half the height of the interval end caps, in rows.
    let cap = 0.16;
    for (i, r) in rows.iter().enumerate() {
        let y = row_y(i);
        let colour = colour_of(r);
        let line = c.stroke(colour, 2.0);
        chart.draw_series([
            PathElement::new(vec![(r.lower, y), (r.upper, y)], line),
            PathElement::new(vec![(r.lower, y - cap), (r.lower, y + cap)], line),
            PathElement::new(vec![(r.upper, y - cap), (r.upper, y + cap)], line),
        ])?;
        if r.significant {
            chart.draw_series(std::iter::once(Circle::new((r.estimate, y), c.px(5.0), colour.filled())))?;
        } else {
            chart.draw_series([
                Circle::new((r.estimate, y), c.px(4.5), WHITE.filled()),
                Circle::new((r.estimate, y), c.px(4.5), c.stroke(colour, 2.0)),
            ])?;
        }
    }

    let (x_pixels, _) = chart.plotting_area().get_pixel_range();
    for (i, (label, value)) in labels.into_iter().zip(values).enumerate() {
        let (_, y) = chart.backend_coord(&(x_range.start, row_y(i)));
        root.draw(&Text::new(
            label,
            (x_pixels.start - c.px(10.0), y),
            anchored(label_style.clone(), HPos::Right, VPos::Center),
        ))?;
        let colour = if rows[i].significant { colour_of(&rows[i]) } else { MUTED };
        root.draw(&Text::new(
            value,
            (x_pixels.end + c.px(12.0), y),
            anchored(c.text(SMALL_EM, colour), HPos::Left, VPos::Center),
        ))?;
    }
    Ok(())
}

fn funnel<DB: DrawingBackend>(
    root: &Area<DB>,
    c: Ctx,
    title: &str,
    steps: &[String],
    variants: &[FunnelVariant],
) -> Drawn<DB> {
    let legend: Vec<LegendItem> = variants
        .iter()
        .enumerate()
        .map(|(i, v)| LegendItem::new(v.name.clone(), series_colour(i), Mark::Swatch))
        .collect();
    let count = |v: &FunnelVariant, step: usize| v.counts.get(step).copied();
    let max = variants.iter().flat_map(|v| v.counts.iter().take(steps.len())).copied().max().unwrap_or(0);
    let top = header(root, c, title, &legend)?;
    if steps.is_empty() || variants.is_empty() || max == 0 {
        return nothing_to_draw(root, c, top, "No users reached any funnel step yet.");
    }
    let n = steps.len() as f64;
    let m = variants.len() as f64;
    let y_range = 0.0..nice_top(max as f64 * 1.1, 6);
    let y_fmt = |v: &f64| compact(*v);
    let area = body(root, top);
    let mut chart = ChartBuilder::on(&area)
        .margin_left(c.px(MARGIN))
        .margin_right(c.px(MARGIN))
        .margin_bottom(c.px(MARGIN * 0.5))
        .x_label_area_size(x_area(c))
        .y_label_area_size(y_area(c, ticks(y_range.clone(), 6).iter().map(y_fmt)))
        .build_cartesian_2d(0.0..n, y_range)?;
    let slots = BarSlots::new(m);
    let bar_px = {
        let (xs, _) = chart.plotting_area().get_pixel_range();
        (f64::from(xs.end - xs.start) / n * slots.bar) as u32
    };
    // Each bar is labelled with its share of the variant's first step, in
    // one size for all bars; when even the smaller size is wider than the
    // bars, the shares are left out and the axis title does not promise them.
    let share = |v: &FunnelVariant, step: usize| match (count(v, 0), count(v, step)) {
        (Some(first), Some(users)) if first > 0 => {
            let share = users as f64 / first as f64;
            Some(percent(share, if share < 0.1 { 1 } else { 0 }))
        }
        _ => None,
    };
    let shares: Vec<String> = variants.iter().flat_map(|v| (0..steps.len()).filter_map(move |i| share(v, i))).collect();
    let label_em = [SMALL_EM, 9.5].into_iter().find(|em| {
        let style = c.text(*em, INK);
        shares.iter().all(|t| c.width_of(t, &style) <= bar_px + c.upx(2.0))
    });
    let x_desc = if label_em.is_some() && !shares.is_empty() {
        "Funnel step (bar labels: share of the variant's first step)"
    } else {
        "Funnel step"
    };
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, c, x_desc, "Users");
    mesh.disable_x_mesh().x_labels(0).y_labels(6).y_label_formatter(&y_fmt).draw()?;

    for (j, v) in variants.iter().enumerate() {
        let colour = series_colour(j);
        for i in 0..steps.len() {
            let Some(users) = count(v, i) else { continue };
            let (x0, x1) = slots.span(i, j);
            chart.draw_series(std::iter::once(Rectangle::new([(x0, 0.0), (x1, users as f64)], colour.filled())))?;
            if let (Some(em), Some(text)) = (label_em, share(v, i)) {
                let (px, py) = chart.backend_coord(&((x0 + x1) / 2.0, users as f64));
                let style = anchored(c.text(em, INK), HPos::Center, VPos::Bottom);
                root.draw(&Text::new(text, (px, py - c.px(3.0)), style))?;
            }
        }
    }
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    group_labels(root, c, xs, ys, steps)
}

/// Where bars go in a chart of groups (x from 0 to the number of groups):
/// each group spans 80% of its unit, split in one slot per series.
struct BarSlots {
    slot: f64,
    bar: f64,
}

impl BarSlots {
    const GROUP: f64 = 0.8;

    fn new(series: f64) -> Self {
        let slot = Self::GROUP / series;
        BarSlots { slot, bar: slot * 0.88 }
    }

    /// The x range of series `j`'s bar in group `g`.
    fn span(&self, g: usize, j: usize) -> (f64, f64) {
        let x0 = g as f64 + (1.0 - Self::GROUP) / 2.0 + self.slot * j as f64 + (self.slot - self.bar) / 2.0;
        (x0, x0 + self.bar)
    }
}

/// Each group's name centred under it, shortened to fit its width.
fn group_labels<DB: DrawingBackend>(
    root: &Area<DB>,
    c: Ctx,
    xs: std::ops::Range<i32>,
    ys: std::ops::Range<i32>,
    labels: &[String],
) -> Drawn<DB> {
    let step_px = f64::from(xs.end - xs.start) / labels.len().max(1) as f64;
    let style = c.text(TEXT_EM, INK);
    for (i, text) in labels.iter().enumerate() {
        let cx = xs.start + (step_px * (i as f64 + 0.5)).round() as i32;
        let label = fit(text, (step_px - f64::from(c.px(8.0))).max(0.0) as u32, |t| c.width_of(t, &style));
        root.draw(&Text::new(label, (cx, ys.end + c.px(7.0)), anchored(style.clone(), HPos::Center, VPos::Top)))?;
    }
    Ok(())
}

fn bars<DB: DrawingBackend>(
    root: &Area<DB>,
    c: Ctx,
    title: &str,
    y_label: &str,
    groups: &[String],
    series: &[BarSeries],
) -> Drawn<DB> {
    let legend: Vec<LegendItem> = series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem::new(s.name.clone(), series_colour(i), Mark::Swatch))
        .collect();
    let value = |s: &BarSeries, g: usize| s.values.get(g).copied().filter(|v| v.is_finite());
    let max = series.iter().flat_map(|s| s.values.iter().copied().filter(|v| v.is_finite())).fold(0.0, f64::max);
    let top = header(root, c, title, &legend)?;
    if groups.is_empty() || series.is_empty() || max <= 0.0 {
        return nothing_to_draw(root, c, top, "Nothing to compare yet.");
    }
    let n = groups.len() as f64;
    let m = series.len() as f64;
    let y_top = (max * 1.15).min(1.0).max(max);
    let y_range = 0.0..y_top;
    let y_fmt = |v: &f64| percent(*v, 0);
    let area = body(root, top);
    let mut chart = ChartBuilder::on(&area)
        .margin_left(c.px(MARGIN))
        .margin_right(c.px(MARGIN))
        .margin_bottom(c.px(MARGIN * 0.5))
        .x_label_area_size(x_area(c))
        .y_label_area_size(y_area(c, ticks(y_range.clone(), 5).iter().map(y_fmt)))
        .build_cartesian_2d(0.0..n, y_range)?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, c, "", y_label);
    mesh.disable_x_mesh().x_labels(0).y_labels(5).y_label_formatter(&y_fmt).draw()?;
    let slots = BarSlots::new(m);
    for (j, s) in series.iter().enumerate() {
        let colour = series_colour(j);
        for g in 0..groups.len() {
            let Some(v) = value(s, g) else { continue };
            let (x0, x1) = slots.span(g, j);
            chart.draw_series(std::iter::once(Rectangle::new([(x0, 0.0), (x1, v)], colour.filled())))?;
            let (px, py) = chart.backend_coord(&((x0 + x1) / 2.0, v));
            let style = anchored(c.text(SMALL_EM, INK), HPos::Center, VPos::Bottom);
            root.draw(&Text::new(percent(v, 1), (px, py - c.px(3.0)), style))?;
        }
    }
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    group_labels(root, c, xs, ys, groups)
}

fn revenue_by_week<DB: DrawingBackend>(
    root: &Area<DB>,
    c: Ctx,
    title: &str,
    currency: &str,
    points: &[WeekPoint],
) -> Drawn<DB> {
    let mut points: Vec<(NaiveDate, f64)> =
        points.iter().filter(|p| p.value.is_finite()).map(|p| (p.week_start, p.value)).collect();
    points.sort_by_key(|(d, _)| *d);
    let top = header(root, c, title, &[])?;
    let Some((first, last)) = date_range(points.iter().map(|(d, _)| *d)) else {
        return nothing_to_draw(root, c, top, "No orders in this period.");
    };
    let (first, last) = if points.len() == 1 { (points[0].0, points[0].0 + Duration::days(7)) } else { (first, last) };
    let max = points.iter().map(|(_, v)| *v).fold(0.0, f64::max);
    let min = points.iter().map(|(_, v)| *v).fold(0.0, f64::min);
    let bottom = if min < 0.0 { -nice_top(-min, 5) } else { 0.0 };
    let y_desc = if currency.is_empty() { "Revenue".to_string() } else { format!("Revenue ({currency})") };
    dated_plot(
        &body(root, top),
        c,
        DatedPlot {
            dates: first..last,
            y: bottom..nice_top(max, 5),
            y_fmt: &|v: &f64| compact_money(*v, currency),
            x_desc: "Week starting",
            y_desc: &y_desc,
            marks: DatedMarks::Area(&points),
        },
    )
}

/// A heatmap's column labels (under it) and row labels (left of it, top first).
struct GridLabels<'a> {
    columns: &'a [String],
    rows: &'a [String],
}

fn heatmap_labels<DB: DrawingBackend, X: Ranged<ValueType = f64>, Y: Ranged<ValueType = f64>>(
    root: &Area<DB>,
    c: Ctx,
    chart: &ChartContext<DB, Cartesian2d<X, Y>>,
    labels: GridLabels,
) -> Drawn<DB> {
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let cols = labels.columns.len().max(1) as f64;
    let rows = labels.rows.len().max(1) as f64;
    let style = c.text(TEXT_EM, MUTED);
    let col_px = f64::from(xs.end - xs.start) / cols;
    // Skip column labels when they would touch.
    let widest = labels.columns.iter().map(|l| c.width_of(l, &style)).max().unwrap_or(0);
    let every = ((f64::from(widest) + f64::from(c.px(8.0))) / col_px).ceil().max(1.0) as usize;
    for (i, label) in labels.columns.iter().enumerate().step_by(every) {
        let cx = xs.start + (col_px * (i as f64 + 0.5)).round() as i32;
        root.draw(&Text::new(
            label.clone(),
            (cx, ys.end + c.px(7.0)),
            anchored(style.clone(), HPos::Center, VPos::Top),
        ))?;
    }
    let row_px = f64::from(ys.end - ys.start) / rows;
    let ink = c.text(TEXT_EM, INK);
    for (i, label) in labels.rows.iter().enumerate() {
        let cy = ys.start + (row_px * (i as f64 + 0.5)).round() as i32;
        root.draw(&Text::new(
            label.clone(),
            (xs.start - c.px(8.0), cy),
            anchored(ink.clone(), HPos::Right, VPos::Center),
        ))?;
    }
    Ok(())
}

fn cohort_retention<DB: DrawingBackend>(root: &Area<DB>, c: Ctx, title: &str, cohorts: &[CohortRow]) -> Drawn<DB> {
    let cols = cohorts.iter().map(|r| r.retention.len()).max().unwrap_or(0);
    let value = |v: &Option<f64>| v.filter(|x| x.is_finite()).map(|x| x.clamp(0.0, 1.0));
    let later_max = cohorts.iter().flat_map(|r| r.retention.iter().skip(1).filter_map(value)).fold(0.0, f64::max);
    let any_max = cohorts.iter().flat_map(|r| r.retention.iter().filter_map(value)).fold(0.0, f64::max);
    let has_values = cohorts.iter().any(|r| r.retention.iter().any(|v| value(v).is_some()));
    // Month 0 is usually 100%: scale the colours to the later months so
    // their differences show, and let month 0 take the darkest shade.
    let scale_max = if later_max > 0.0 { later_max } else { any_max };
    let scale_max = ((scale_max * 20.0).ceil() / 20.0).clamp(0.05, 1.0);
    let clamped = any_max > scale_max + 1e-9;
    let mut legend = vec![LegendItem::new(
        "Share retained",
        INK,
        Mark::Scale { from: "0%".into(), to: format!("{}{}", percent(scale_max, 0), if clamped { "+" } else { "" }) },
    )];
    let has_unobserved = cohorts.iter().any(|r| r.retention.len() < cols || r.retention.iter().any(|v| v.is_none()));
    if has_unobserved {
        legend.push(LegendItem::new("Not yet observable", UNOBSERVED, Mark::Swatch));
    }
    if cohorts.is_empty() || cols == 0 || !has_values {
        let top = header(root, c, title, &[])?;
        return nothing_to_draw(root, c, top, "No cohorts with retention data yet.");
    }
    let top = header(root, c, title, &legend)?;
    let n = cohorts.len();
    let row_labels: Vec<String> =
        cohorts.iter().map(|r| format!("{} · {}", r.label, thousands(r.size as i64))).collect();
    let label_style = c.text(TEXT_EM, INK);
    let max_label = (f64::from(c.width) * 0.3) as u32;
    let row_labels: Vec<String> =
        row_labels.iter().map(|l| fit(l, max_label, |t| c.width_of(t, &label_style))).collect();
    let label_width = row_labels.iter().map(|l| c.width_of(l, &label_style)).max().unwrap_or(0);
    let col_labels: Vec<String> = (0..cols).map(|i| i.to_string()).collect();

    let area = body(root, top);
    let mut chart = ChartBuilder::on(&area)
        .margin_left(c.px(MARGIN))
        .margin_right(c.px(MARGIN))
        .margin_bottom(c.px(MARGIN * 0.5))
        .x_label_area_size(x_area(c))
        .y_label_area_size(label_width + c.upx(34.0))
        .build_cartesian_2d(0.0..cols as f64, 0.0..n as f64)?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, c, "Months since first order", "First-order month · customers");
    mesh.disable_mesh().x_labels(0).y_labels(0).axis_style(TRANSPARENT).draw()?;

    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let cell_w = f64::from(xs.end - xs.start) / cols as f64;
    let cell_h = f64::from(ys.end - ys.start) / n as f64;
    let text_style = c.text(SMALL_EM, INK);
    for (r, row) in cohorts.iter().enumerate() {
        let y1 = (n - r) as f64;
        let y0 = y1 - 1.0;
        for col in 0..cols {
            let x0 = col as f64;
            let cell = row.retention.get(col).and_then(value);
            let fill = cell.map_or(UNOBSERVED, |v| ramp(v / scale_max));
            chart.draw_series([
                Rectangle::new([(x0, y0), (x0 + 1.0, y1)], fill.filled()),
                Rectangle::new([(x0, y0), (x0 + 1.0, y1)], c.stroke(WHITE, 1.5)),
            ])?;
            if let Some(v) = cell {
                let text = percent(v, if v < 0.1 && v > 0.0 { 1 } else { 0 });
                let fits = c.width_of(&text, &text_style) as f64 + f64::from(c.px(4.0)) <= cell_w
                    && f64::from(c.px(SMALL_EM + 2.0)) <= cell_h;
                if fits {
                    let (px, py) = chart.backend_coord(&(x0 + 0.5, y0 + 0.5));
                    let style = anchored(c.text(SMALL_EM, ink_on(v / scale_max)), HPos::Center, VPos::Center);
                    root.draw(&Text::new(text, (px, py), style))?;
                }
            }
        }
    }
    heatmap_labels(root, c, &chart, GridLabels { columns: &col_labels, rows: &row_labels })
}

fn rfm_grid<DB: DrawingBackend>(root: &Area<DB>, c: Ctx, title: &str, cells: &[RfmCell]) -> Drawn<DB> {
    // grid[frequency - 1][recency - 1] = (customers, monetary total)
    let mut grid = [[(0u64, 0.0f64); 5]; 5];
    for cell in cells {
        if (1..=5).contains(&cell.recency) && (1..=5).contains(&cell.frequency) {
            let slot = &mut grid[usize::from(cell.frequency - 1)][usize::from(cell.recency - 1)];
            slot.0 = slot.0.saturating_add(cell.customers);
            if cell.mean_monetary.is_finite() {
                slot.1 += cell.mean_monetary * cell.customers as f64;
            }
        }
    }
    let max = grid.iter().flatten().map(|(n, _)| *n).max().unwrap_or(0);
    if max == 0 {
        let top = header(root, c, title, &[])?;
        return nothing_to_draw(root, c, top, "No customers with recency and frequency scores yet.");
    }
    let legend = [LegendItem::new("Customers", INK, Mark::Scale { from: "0".into(), to: thousands(max as i64) })];
    let top = header(root, c, title, &legend)?;
    let area = body(root, top);
    let mut chart = ChartBuilder::on(&area)
        .margin_left(c.px(MARGIN))
        .margin_right(c.px(MARGIN))
        .margin_bottom(c.px(MARGIN * 0.5))
        .x_label_area_size(x_area(c))
        .y_label_area_size(c.upx(46.0))
        .build_cartesian_2d(0.0..5.0, 0.0..5.0)?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, c, "Recency score (5 = ordered most recently)", "Frequency score (5 = most orders)");
    mesh.disable_mesh().x_labels(0).y_labels(0).axis_style(TRANSPARENT).draw()?;

    let (_, ys) = chart.plotting_area().get_pixel_range();
    let cell_h = f64::from(ys.end - ys.start) / 5.0;
    let two_lines = cell_h >= f64::from(c.px(2.0 * TEXT_EM + 12.0));
    for (f, row) in grid.iter().enumerate() {
        for (r, (customers, total)) in row.iter().enumerate() {
            let (x0, y0) = (r as f64, f as f64);
            let t = *customers as f64 / max as f64;
            chart.draw_series([
                Rectangle::new([(x0, y0), (x0 + 1.0, y0 + 1.0)], ramp(t).filled()),
                Rectangle::new([(x0, y0), (x0 + 1.0, y0 + 1.0)], c.stroke(WHITE, 2.0)),
            ])?;
            let (px, py) = chart.backend_coord(&(x0 + 0.5, y0 + 0.5));
            let colour = ink_on(t);
            let count = anchored(c.text(TEXT_EM + 1.0, colour), HPos::Center, VPos::Center);
            if two_lines && *customers > 0 {
                root.draw(&Text::new(thousands(*customers as i64), (px, py - c.px(8.0)), count))?;
                let mean = total / *customers as f64;
                let detail = anchored(c.text(SMALL_EM, colour), HPos::Center, VPos::Center);
                root.draw(&Text::new(format!("avg value {}", compact(mean)), (px, py + c.px(9.0)), detail))?;
            } else {
                root.draw(&Text::new(thousands(*customers as i64), (px, py), count))?;
            }
        }
    }
    let scores: Vec<String> = (1..=5).map(|s| s.to_string()).collect();
    let rows: Vec<String> = (1..=5).rev().map(|s| s.to_string()).collect();
    heatmap_labels(root, c, &chart, GridLabels { columns: &scores, rows: &rows })
}

/// Power at `users`, read off the curve between its points.
fn power_at(points: &[(f64, f64)], users: f64) -> Option<f64> {
    let first = points.first()?;
    let last = points.last()?;
    if users < first.0 || users > last.0 {
        return None;
    }
    points.windows(2).find(|w| w[0].0 <= users && users <= w[1].0).map_or(Some(first.1), |w| {
        let (a, b) = (w[0], w[1]);
        if (b.0 - a.0).abs() < f64::EPSILON {
            Some(b.1)
        } else {
            Some(a.1 + (b.1 - a.1) * (users - a.0) / (b.0 - a.0))
        }
    })
}

fn power_curve<DB: DrawingBackend>(
    root: &Area<DB>,
    c: Ctx,
    title: &str,
    points: &[(u64, f64)],
    planned: Option<u64>,
    target: f64,
) -> Drawn<DB> {
    let mut curve: Vec<(f64, f64)> =
        points.iter().filter(|(_, p)| p.is_finite()).map(|(n, p)| (*n as f64, p.clamp(0.0, 1.0))).collect();
    curve.sort_by(|a, b| a.0.total_cmp(&b.0));
    let target = (target.is_finite() && target > 0.0 && target < 1.0).then_some(target);
    let planned_power = planned.and_then(|p| power_at(&curve, p as f64));
    let mut legend = vec![LegendItem::new("Power", BLUE, Mark::Line)];
    if let Some(t) = target {
        legend.push(LegendItem::new(format!("Target power {}", percent(t, 0)), VERMILLION, Mark::Dash));
    }
    if let Some(p) = planned {
        let label = match planned_power {
            Some(power) => format!("Planned: {} users ({} power)", thousands(p as i64), percent(power, 0)),
            None => format!("Planned: {} users", thousands(p as i64)),
        };
        legend.push(LegendItem::new(label, OI_BLACK, Mark::Dot));
    }
    if curve.is_empty() {
        let top = header(root, c, title, &[])?;
        return nothing_to_draw(root, c, top, "No power estimates for this design yet.");
    }
    let top = header(root, c, title, &legend)?;
    let x_max = curve.iter().map(|(n, _)| *n).fold(planned.unwrap_or(0) as f64, f64::max);
    let x_range = 0.0..nice_top(x_max * 1.02, 10);
    let y_range = 0.0..1.0;
    let x_fmt = |v: &f64| compact(*v);
    let y_fmt = |v: &f64| percent(*v, 0);
    let area = body(root, top);
    let mut chart = ChartBuilder::on(&area)
        .margin_left(c.px(MARGIN))
        .margin_right(c.px(MARGIN * 2.0))
        .margin_bottom(c.px(MARGIN * 0.5))
        .x_label_area_size(x_area(c))
        .y_label_area_size(y_area(c, ["100%".to_string()]))
        .build_cartesian_2d(x_range.clone(), y_range)?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, c, "Total users in the experiment", "Statistical power (%)");
    mesh.x_labels(10).y_labels(6).x_label_formatter(&x_fmt).y_label_formatter(&y_fmt).draw()?;
    if let Some(t) = target {
        chart.draw_series(std::iter::once(DashedPathElement::new(
            vec![(x_range.start, t), (x_range.end, t)],
            c.px(7.0),
            c.px(5.0),
            c.stroke(VERMILLION, 1.5),
        )))?;
    }
    if let Some(p) = planned {
        let p = p as f64;
        chart.draw_series(std::iter::once(DashedPathElement::new(
            vec![(p, 0.0), (p, 1.0)],
            c.px(4.0),
            c.px(4.0),
            c.stroke(OI_BLACK, 1.0),
        )))?;
    }
    chart.draw_series(LineSeries::new(curve.iter().copied(), c.stroke(BLUE, 2.5)))?;
    if let (Some(p), Some(power)) = (planned, planned_power) {
        chart.draw_series([
            Circle::new((p as f64, power), c.px(5.5), WHITE.filled()),
            Circle::new((p as f64, power), c.px(4.5), OI_BLACK.filled()),
        ])?;
    }
    Ok(())
}

fn lines<DB: DrawingBackend>(
    root: &Area<DB>,
    c: Ctx,
    title: &str,
    x_label: &str,
    y_label: &str,
    series: &[XySeries],
) -> Drawn<DB> {
    let clean: Vec<Vec<(f64, f64)>> = series
        .iter()
        .map(|s| s.points.iter().copied().filter(|(x, y)| x.is_finite() && y.is_finite()).collect())
        .collect();
    let all = || clean.iter().flatten();
    if all().next().is_none() {
        let top = header(root, c, title, &[])?;
        return nothing_to_draw(root, c, top, "No data points to draw.");
    }
    let legend: Vec<LegendItem> = series
        .iter()
        .enumerate()
        .filter(|(i, _)| !clean[*i].is_empty())
        .map(|(i, s)| LegendItem::new(s.name.clone(), series_colour(i), series_mark(i)))
        .collect();
    let top = header(root, c, title, &legend)?;
    let (x_min, x_max) = all().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (x, _)| (a.min(*x), b.max(*x)));
    let (y_min, y_max) = all().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (_, y)| (a.min(*y), b.max(*y)));
    let x_range = if x_max > x_min { x_min..x_max } else { padded(x_min, x_max, 0.0) };
    let y_range = {
        let r = padded(y_min, y_max, 0.05);
        // Values that are all positive read best from a zero baseline.
        if y_min >= 0.0 && y_min <= y_max * 0.5 {
            0.0..r.end
        } else {
            r
        }
    };
    let x_dec = decimals_for_step(tick_step(x_range.clone(), 10));
    let y_dec = decimals_for_step(tick_step(y_range.clone(), 6));
    let number = |v: f64, d: usize| if v.abs() >= 10_000.0 { compact(v) } else { fixed(v, d) };
    let x_fmt = |v: &f64| number(*v, x_dec);
    let y_fmt = |v: &f64| number(*v, y_dec);
    let area = body(root, top);
    let mut chart = ChartBuilder::on(&area)
        .margin_left(c.px(MARGIN))
        .margin_right(c.px(MARGIN * 2.0))
        .margin_bottom(c.px(MARGIN * 0.5))
        .x_label_area_size(x_area(c))
        .y_label_area_size(y_area(c, ticks(y_range.clone(), 6).iter().map(y_fmt)))
        .build_cartesian_2d(x_range, y_range)?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, c, x_label, y_label);
    mesh.x_labels(10).y_labels(6).x_label_formatter(&x_fmt).y_label_formatter(&y_fmt).draw()?;
    for (i, points) in clean.iter().enumerate() {
        draw_line(&mut chart, c, i, points)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramp_runs_light_to_dark() {
        let lightness = |c: RGBColor| u32::from(c.0) + u32::from(c.1) + u32::from(c.2);
        assert!(lightness(ramp(0.0)) > lightness(ramp(0.5)));
        assert!(lightness(ramp(0.5)) > lightness(ramp(1.0)));
        assert_eq!(ramp(f64::NAN), ramp(0.0));
        assert_eq!(ramp(7.0), ramp(1.0));
    }

    #[test]
    fn power_is_read_between_points() {
        let curve = [(100.0, 0.2), (200.0, 0.6), (400.0, 0.9)];
        assert_eq!(power_at(&curve, 150.0), Some(0.4));
        assert_eq!(power_at(&curve, 400.0), Some(0.9));
        assert_eq!(power_at(&curve, 50.0), None);
        assert_eq!(power_at(&[], 50.0), None);
    }

    #[test]
    fn ranges_are_never_empty() {
        assert_eq!(padded(3.0, 3.0, 0.1), 2.7..3.3);
        assert_eq!(padded(0.0, 0.0, 0.1), -1.0..1.0);
        let d: NaiveDate = "2026-03-02".parse().unwrap();
        assert_eq!(date_range([d].into_iter()), Some((d - Duration::days(1), d + Duration::days(1))));
        assert_eq!(date_range(std::iter::empty()), None);
    }
}
