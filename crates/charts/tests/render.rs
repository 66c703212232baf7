//! What the app and the export rely on: every chart draws its title, legend
//! and axis titles for typical input and says so when there is nothing to
//! draw; the forest plot puts lifts on the right side of zero; PNGs are real
//! PNGs with text drawn in the bundled font; standalone SVGs carry the font.

mod common;

use insights_charts::*;

// ---------------------------------------------------------------------------
// Small SVG readers

/// The opening tags `<tag ...>` in document order.
fn tags<'a>(svg: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    let mut found = Vec::new();
    let mut rest = svg;
    while let Some(at) = rest.find(&open) {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        found.push(&rest[at..end]);
        rest = &rest[end..];
    }
    found
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

fn num(tag: &str, name: &str) -> f64 {
    attr(tag, name).unwrap_or_else(|| panic!("{name} missing in {tag}")).parse().unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The text of every `<text>` element.
fn texts(svg: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = svg;
    while let Some(at) = rest.find("<text ") {
        let body = at + rest[at..].find('>').unwrap() + 1;
        let end = body + rest[body..].find("</text>").unwrap();
        found.push(unescape(rest[body..end].trim()));
        rest = &rest[end..];
    }
    found
}

fn assert_well_formed(svg: &str) {
    assert!(svg.starts_with("<svg "), "{}", &svg[..svg.len().min(200)]);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<text ").count(), svg.matches("</text>").count());
}

// ---------------------------------------------------------------------------
// SVG

fn expected_text(name: &str) -> &'static [&'static str] {
    match name {
        "cumulative_conversion" => &[
            "Control (3.8%)",
            "Free shipping banner",
            "Bundle discount",
            "Date",
            "Cumulative conversion rate (%)",
            "4%",
            "Mar 9",
        ],
        "forest" => &[
            "Relative lift vs control (%)",
            "Conversion · all visitors",
            "Refund rate · returning customers",
            "Significant increase",
            "Significant decrease",
            "Not significant",
            "+10%",
            "\u{2212}5%",
            "+11.2% (+5.1% to +17.3%)",
        ],
        "funnel" => &[
            "Control",
            "Free shipping banner",
            "Users",
            "Funnel step (bar labels: share of the variant's first step)",
            "Visited store",
            "Purchased",
            "100%",
            "3.8%",
            "20k",
        ],
        "bars" => &["Personal picks", "Best sellers", "HR@10", "Catalog coverage", "Share", "80.0%", "0.3%"],
        "revenue_by_week" => &["Revenue (EUR)", "Week starting", "€20k", "Jan 2026"],
        "cohort_retention" => &[
            "Months since first order",
            "First-order month · customers",
            "2025-01 · 800",
            "2025-12 · 1,207",
            "Share retained",
            "Not yet observable",
            "100%",
            "11",
        ],
        "rfm_grid" => &[
            "Recency score (5 = ordered most recently)",
            "Frequency score (5 = most orders)",
            "Customers",
            "1,906",
            "avg value 55",
        ],
        "power_curve" => &[
            "Power",
            "Target power 80%",
            "Planned: 16,000 users (82% power)",
            "Total users in the experiment",
            "Statistical power (%)",
            "80%",
            "10k",
        ],
        "lines" => &["Precision", "Recall", "F1 score", "Score threshold", "Rate (0–1)", "0.4", "1.0"],
        other => panic!("no expectations for {other}"),
    }
}

#[test]
fn every_chart_shows_its_title_legend_and_axis_titles() {
    for (name, chart) in common::typical() {
        let svg = render_svg(&chart);
        assert_well_formed(&svg);
        let texts = texts(&svg);
        assert!(texts.iter().any(|t| t == chart.title()), "{name}: title missing from {texts:?}");
        for expected in expected_text(name) {
            assert!(texts.iter().any(|t| t.contains(expected)), "{name}: {expected:?} missing from {texts:?}");
        }
        assert!(!texts.iter().any(|t| t.contains("Nothing to draw")), "{name} drew as empty");
        for text in tags(&svg, "text") {
            let family = attr(text, "font-family").unwrap();
            assert!(family.starts_with(FONT_FAMILY), "{name}: {text}");
        }
        assert!(!svg.contains("@font-face"), "the app's SVG leaves the font to the UI");
    }
}

#[test]
fn every_chart_says_when_there_is_nothing_to_draw() {
    for (name, chart) in common::empty() {
        let svg = render_svg(&chart);
        assert_well_formed(&svg);
        let texts = texts(&svg);
        assert!(texts.iter().any(|t| t == chart.title()), "{name}: {texts:?}");
        assert!(texts.iter().any(|t| t == "Nothing to draw"), "{name}: {texts:?}");
        assert!(!texts.iter().any(|t| t.contains("could not be drawn")), "{name}: {texts:?}");
        let png = render_png(&chart).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(png_size(&png), (WIDTH * PNG_SCALE, HEIGHT * PNG_SCALE));
    }
}

#[test]
fn forest_plot_puts_lifts_on_their_side_of_zero() {
    let row = |label: &str, estimate: f64, significant: bool| ForestRow {
        label: label.to_string(),
        estimate,
        lower: estimate - 0.02,
        upper: estimate + 0.02,
        significant,
    };
    let chart = Chart::Forest {
        title: "Lift".to_string(),
        x_label: "Relative lift (%)".to_string(),
        rows: vec![row("Conversion", 0.08, true), row("Order value", -0.06, true), row("Refunds", 0.01, false)],
    };
    let svg = render_svg(&chart);
    let zero: Vec<&str> = tags(&svg, "polyline").into_iter().filter(|p| attr(p, "stroke") == Some("#111827")).collect();
    assert_eq!(zero.len(), 1, "one zero line: {svg}");
    let points: Vec<(f64, f64)> = attr(zero[0], "points")
        .unwrap()
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    assert_eq!(points.len(), 2);
    assert_eq!(points[0].0, points[1].0, "the zero line is vertical");
    let zero_x = points[0].0;
    let (plot_top, plot_bottom) = (points[0].1.min(points[1].1), points[0].1.max(points[1].1));

    // Markers inside the plot (the legend has dots of the same colours above it).
    let markers = |fill: &str| -> Vec<(f64, f64)> {
        tags(&svg, "circle")
            .into_iter()
            .filter(|c| attr(c, "fill") == Some(fill))
            .map(|c| (num(c, "cx"), num(c, "cy")))
            .filter(|(_, y)| *y > plot_top && *y < plot_bottom)
            .collect()
    };
    let increase = markers("#0072B2");
    let decrease = markers("#D55E00");
    assert_eq!(increase.len(), 1, "{svg}");
    assert_eq!(decrease.len(), 1, "{svg}");
    assert!(increase[0].0 > zero_x + 20.0, "+8% sits right of zero: {} vs {zero_x}", increase[0].0);
    assert!(decrease[0].0 < zero_x - 20.0, "−6% sits left of zero: {} vs {zero_x}", decrease[0].0);
    assert!(increase[0].1 < decrease[0].1, "rows run top to bottom in input order");

    // The row label sits left of the plot, on the marker's row.
    let label = tags(&svg, "text").into_iter().zip(texts(&svg)).find(|(_, t)| t == "Conversion").unwrap().0;
    assert!(num(label, "x") < zero_x);
    assert!((num(label, "y") - increase[0].1).abs() <= 1.0);
}

#[test]
fn text_is_escaped_and_never_breaks_the_document() {
    let chart = Chart::Lines {
        title: "Refunds & <returns> \"by\" 'week'".to_string(),
        x_label: "x < 1".to_string(),
        y_label: "y & z".to_string(),
        series: vec![XySeries { name: "a&b".to_string(), points: vec![(0.0, 1.0), (1.0, 2.0)] }],
    };
    let svg = render_svg(&chart);
    assert_well_formed(&svg);
    assert!(svg.contains("Refunds &amp; &lt;returns&gt;"), "{svg}");
    assert!(texts(&svg).iter().any(|t| t == "a&b"));
}

#[test]
fn odd_input_draws_without_panicking() {
    let d = common::date;
    let charts = vec![
        Chart::CumulativeConversion {
            title: "NaN and one day".to_string(),
            series: vec![
                Series { name: "A".to_string(), points: vec![(d("2026-01-01"), f64::NAN), (d("2026-01-01"), 0.02)] },
                Series { name: "Empty".to_string(), points: vec![] },
            ],
        },
        Chart::Forest {
            title: "Swapped bounds".to_string(),
            x_label: String::new(),
            rows: vec![
                ForestRow { label: "x".repeat(300), estimate: 0.1, lower: 0.3, upper: -0.1, significant: true },
                ForestRow { label: "nan".to_string(), estimate: f64::NAN, lower: 0.0, upper: 0.0, significant: false },
                ForestRow {
                    label: "zero".to_string(),
                    estimate: 0.0,
                    lower: f64::INFINITY,
                    upper: 0.0,
                    significant: false,
                },
            ],
        },
        Chart::Funnel {
            title: "Ragged".to_string(),
            steps: vec![
                "A very long step name that cannot possibly fit under its bars".to_string(),
                "B".to_string(),
                "C".to_string(),
            ],
            variants: (0..12)
                .map(|i| FunnelVariant {
                    name: format!("Variant {i}"),
                    counts: vec![0, 5, 10 + i][..(i as usize % 4)].to_vec(),
                })
                .collect(),
        },
        Chart::RevenueByWeek {
            title: "Refunds only".to_string(),
            currency: "JPY".to_string(),
            points: vec![common::date("2026-02-02")]
                .into_iter()
                .map(|week_start| WeekPoint { week_start, value: -1200.0 })
                .collect(),
        },
        Chart::CohortRetention {
            title: "Out of range".to_string(),
            cohorts: vec![
                CohortRow {
                    label: "2026-01".to_string(),
                    size: 0,
                    retention: vec![Some(1.7), Some(-0.2), None, Some(f64::NAN)],
                },
                CohortRow { label: "2026-02".to_string(), size: 3, retention: vec![] },
            ],
        },
        Chart::RfmGrid {
            title: "Bad scores".to_string(),
            cells: vec![
                RfmCell { recency: 0, frequency: 9, customers: 100, mean_monetary: 10.0 },
                RfmCell { recency: 3, frequency: 3, customers: 1, mean_monetary: f64::NAN },
                RfmCell { recency: 3, frequency: 3, customers: u64::MAX, mean_monetary: 1e300 },
            ],
        },
        Chart::PowerCurve {
            title: "Planned beyond the curve".to_string(),
            points: vec![(500, 0.3), (100, 0.1), (900, f64::NAN), (1000, 1.4)],
            planned_users: Some(50_000),
            target_power: f64::NAN,
        },
        Chart::Lines {
            title: "Flat".to_string(),
            x_label: String::new(),
            y_label: String::new(),
            series: vec![XySeries { name: "one point".to_string(), points: vec![(0.5, -3.0), (f64::INFINITY, 1.0)] }],
        },
    ];
    for chart in charts {
        let svg = render_svg(&chart);
        assert_well_formed(&svg);
        assert!(!svg.contains("could not be drawn"), "{}: {svg}", chart.title());
        render_png(&chart).unwrap_or_else(|e| panic!("{}: {e}", chart.title()));
        assert!(render_svg_standalone(&chart).contains("@font-face"));
    }
}

#[test]
fn charts_with_many_rows_grow_taller() {
    let rows: Vec<ForestRow> = (0..30)
        .map(|i| ForestRow {
            label: format!("Metric {i}"),
            estimate: 0.01 * f64::from(i),
            lower: 0.0,
            upper: 0.5,
            significant: i % 2 == 0,
        })
        .collect();
    let chart = Chart::Forest { title: "Many".to_string(), x_label: "Lift (%)".to_string(), rows };
    let (w, h) = chart.size();
    assert_eq!(w, WIDTH);
    assert!(h >= 30 * 20, "{h}");
    let svg = render_svg(&chart);
    assert!(svg.starts_with(&format!("<svg width=\"{w}\" height=\"{h}\"")), "{}", &svg[..100]);
    assert_eq!(png_size(&render_png(&chart).unwrap()), (w * PNG_SCALE, h * PNG_SCALE));
    assert_eq!(common::funnel().size(), (WIDTH, HEIGHT));
}

#[test]
fn charts_round_trip_through_json() {
    for (_, chart) in common::typical() {
        let json = serde_json::to_string(&chart).unwrap();
        let back: Chart = serde_json::from_str(&json).unwrap();
        // serde_json may read a float back one bit off, so numbers are
        // compared with a tolerance and everything else exactly.
        let (a, b) = (serde_json::to_value(&chart).unwrap(), serde_json::to_value(&back).unwrap());
        assert!(same(&a, &b), "{a} != {b}");
    }
}

fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            (x - y).abs() <= 1e-12 * x.abs().max(1.0)
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

// ---------------------------------------------------------------------------
// Standalone SVG

#[test]
fn standalone_svg_embeds_the_font() {
    let chart = common::forest();
    let plain = render_svg(&chart);
    let standalone = render_svg_standalone(&chart);
    assert_well_formed(&standalone);
    assert!(standalone.contains("@font-face"));
    assert!(standalone.contains(&format!("font-family:\"{FONT_FAMILY}\"")));
    // A TrueType file starts 00 01 00 00, which base64 writes as AAEAAA.
    assert!(standalone.contains("src:url(data:font/ttf;base64,AAEAAA"), "{}", &standalone[..400]);
    assert!(standalone.len() > plain.len() + font_bytes().len() * 4 / 3);
    // Everything plotters drew is still there, after the style.
    let after_style = &standalone[standalone.find("</defs>").unwrap()..];
    assert_eq!(texts(after_style), texts(&plain));
}

// ---------------------------------------------------------------------------
// PNG

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

/// RGB pixels of a PNG.
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Pixels in the box (device pixels) darker than light grey.
fn dark_pixels(png: &(u32, u32, Vec<u8>), x: std::ops::Range<u32>, y: std::ops::Range<u32>) -> usize {
    let (w, _, px) = png;
    let mut n = 0;
    for row in y {
        for col in x.clone() {
            let i = ((row * w + col) * 3) as usize;
            let luma = (u32::from(px[i]) * 3 + u32::from(px[i + 1]) * 6 + u32::from(px[i + 2])) / 10;
            if luma < 140 {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn png_has_the_signature_size_and_text_in_the_bundled_font() {
    for (name, chart) in common::typical() {
        let bytes = render_png(&chart).unwrap();
        let (w, h) = chart.size();
        assert_eq!(png_size(&bytes), (w * PNG_SCALE, h * PNG_SCALE), "{name}");
    }

    // The title is the only thing drawn in the header's left part, so dark
    // pixels there are glyphs the bundled font rasterised.
    let s = PNG_SCALE;
    let titled = decode(&render_png(&common::funnel()).unwrap());
    assert_eq!((titled.0, titled.1), (WIDTH * s, HEIGHT * s));
    let title_box = (14 * s..200 * s, 14 * s..40 * s);
    let inked = dark_pixels(&titled, title_box.0.clone(), title_box.1.clone());
    assert!(inked > 300, "title glyphs drawn: {inked} dark pixels");
    let untitled =
        decode(&render_png(&Chart::Funnel { title: String::new(), steps: vec![], variants: vec![] }).unwrap());
    // An untitled empty chart has only its frame's light border up there.
    assert_eq!(dark_pixels(&untitled, 20 * s..200 * s, 14 * s..40 * s), 0);

    // "Nothing to draw" is drawn mid-chart in an empty chart.
    let centre = dark_pixels(&untitled, 380 * s..520 * s, 140 * s..200 * s);
    assert!(centre > 200, "empty-state text drawn: {centre}");
}
