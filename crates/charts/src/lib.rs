//! Charts as SVG documents drawn with plotters. Input is plain data (no
//! database access); the same SVG serves the desktop app and the HTML report.

use chrono::NaiveDate;
use plotters::prelude::*;

const WIDTH: u32 = 960;
const HEIGHT: u32 = 320;
const LINE: RGBColor = RGBColor(37, 99, 235);

/// One point of a weekly series.
pub struct WeekPoint {
    pub week_start: NaiveDate,
    pub value: f64,
}

/// Revenue by week as an area chart. An empty series gives a chart that says
/// there is nothing to draw rather than an empty frame.
pub fn revenue_by_week_svg(points: &[WeekPoint], currency: &str) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).expect("drawing into a string cannot fail");
        if points.is_empty() {
            let style = ("sans-serif", 16).into_font().color(&RGBColor(100, 116, 139));
            root.draw_text("No orders in this period", &style, (WIDTH as i32 / 2 - 90, HEIGHT as i32 / 2))
                .expect("drawing into a string cannot fail");
        } else {
            draw_weeks(&root, points, currency).expect("drawing into a string cannot fail");
        }
        root.present().expect("drawing into a string cannot fail");
    }
    svg
}

fn draw_weeks<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    points: &[WeekPoint],
    currency: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let first = points[0].week_start;
    let last = points[points.len() - 1].week_start;
    let last = if last == first { first + chrono::Duration::days(7) } else { last };
    let max = points.iter().map(|p| p.value).fold(0.0_f64, f64::max);
    let top = nice_ceiling(max);
    // Months are enough over a long span; a short one needs the day too.
    let date_format = if (last - first).num_days() > 200 { "%b %Y" } else { "%b %-d" };
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .margin_right(40)
        .x_label_area_size(28)
        .y_label_area_size(72)
        .build_cartesian_2d(first..last, 0.0..top)?;
    chart
        .configure_mesh()
        .light_line_style(RGBColor(241, 245, 249))
        .bold_line_style(RGBColor(226, 232, 240))
        .axis_style(RGBColor(148, 163, 184))
        .x_labels(8)
        .y_labels(5)
        .x_label_formatter(&|d: &NaiveDate| d.format(date_format).to_string())
        .y_label_formatter(&|v: &f64| compact_money(*v, currency))
        .label_style(("sans-serif", 12).into_font().color(&RGBColor(71, 85, 105)))
        .draw()?;
    chart.draw_series(
        AreaSeries::new(points.iter().map(|p| (p.week_start, p.value)), 0.0, LINE.mix(0.15))
            .border_style(LINE.stroke_width(2)),
    )?;
    Ok(())
}

/// The smallest 1, 2 or 5 × 10ⁿ at or above `x`, so axis ticks are round.
fn nice_ceiling(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|v| *v >= x).unwrap_or(10.0 * magnitude)
}

fn compact_money(v: f64, currency: &str) -> String {
    let symbol = match currency {
        "USD" | "CAD" | "AUD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        _ => "",
    };
    let (n, unit) = if v.abs() >= 1e6 {
        (v / 1e6, "M")
    } else if v.abs() >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let n = if n.fract().abs() < 1e-9 { format!("{n:.0}") } else { format!("{n:.1}") };
    if symbol.is_empty() {
        format!("{n}{unit} {currency}")
    } else {
        format!("{symbol}{n}{unit}")
    }
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
        assert!(svg.contains("<polygon") || svg.contains("<path") || svg.contains("<polyline"));
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
    fn axis_tops_are_round() {
        assert_eq!(nice_ceiling(8_700.0), 10_000.0);
        assert_eq!(nice_ceiling(1_900.0), 2_000.0);
        assert_eq!(nice_ceiling(2_100.0), 2_500.0);
        assert_eq!(compact_money(2_500.0, "EUR"), "€2.5k");
        assert_eq!(compact_money(1_200_000.0, "SEK"), "1.2M SEK");
    }
}
