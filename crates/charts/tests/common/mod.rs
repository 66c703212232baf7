//! Sample inputs shaped like the A/B-testing and KPI screens' data, shared by
//! the rendering tests and the preview writer.
#![allow(dead_code)]

use chrono::{Duration, NaiveDate};
use insights_charts::*;

pub fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn cumulative_conversion() -> Chart {
    let start = date("2026-03-02");
    let variant = |name: &str, rate: f64, wobble: f64| Series {
        name: name.to_string(),
        points: (0..28)
            .map(|day| {
                let early = 1.0 / (1.0 + day as f64);
                (start + Duration::days(day), rate + wobble * early * ((day % 3) as f64 - 1.0))
            })
            .collect(),
    };
    Chart::CumulativeConversion {
        title: "Cumulative conversion by variant".to_string(),
        series: vec![
            variant("Control", 0.038, 0.012),
            variant("Free shipping banner", 0.044, 0.015),
            variant("Bundle discount", 0.040, 0.010),
        ],
    }
}

pub fn forest() -> Chart {
    let row = |label: &str, estimate: f64, half_width: f64, significant: bool| ForestRow {
        label: label.to_string(),
        estimate,
        lower: estimate - half_width,
        upper: estimate + half_width,
        significant,
    };
    Chart::Forest {
        title: "Lift over control by metric and segment".to_string(),
        x_label: "Relative lift vs control (%)".to_string(),
        rows: vec![
            row("Conversion · all visitors", 0.112, 0.061, true),
            row("Conversion · mobile", 0.154, 0.09, true),
            row("Conversion · desktop", 0.041, 0.072, false),
            row("Revenue per visitor · all", 0.083, 0.095, false),
            row("Average order value · all", -0.052, 0.031, true),
            row("Refund rate · returning customers", 0.012, 0.044, false),
        ],
    }
}

pub fn funnel() -> Chart {
    Chart::Funnel {
        title: "Checkout funnel by variant".to_string(),
        steps: ["Visited store", "Viewed product", "Added to cart", "Started checkout", "Purchased"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        variants: vec![
            FunnelVariant { name: "Control".to_string(), counts: vec![24_810, 15_320, 4_210, 2_350, 941] },
            FunnelVariant {
                name: "Free shipping banner".to_string(),
                counts: vec![24_655, 15_480, 4_820, 2_910, 1_086],
            },
        ],
    }
}

pub fn revenue_by_week() -> Chart {
    Chart::RevenueByWeek {
        title: "Revenue by week".to_string(),
        currency: "EUR".to_string(),
        points: (0..30)
            .map(|i| WeekPoint {
                week_start: date("2025-10-06") + Duration::weeks(i),
                value: 18_000.0 + 450.0 * i as f64 + if i % 4 == 0 { 3_500.0 } else { 0.0 },
            })
            .collect(),
    }
}

pub fn cohort_retention() -> Chart {
    let months = [
        "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10",
        "2025-11", "2025-12",
    ];
    let cohorts = months
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let observable = months.len() - i;
            CohortRow {
                label: label.to_string(),
                size: 800 + 37 * i as u64,
                retention: (0..12)
                    .map(|m| {
                        (m < observable).then(|| {
                            if m == 0 {
                                1.0
                            } else {
                                0.31 * (0.86f64).powi(m as i32 - 1) + 0.01 * (i % 3) as f64
                            }
                        })
                    })
                    .collect(),
            }
        })
        .collect();
    Chart::CohortRetention { title: "Retention by first-order month".to_string(), cohorts }
}

pub fn rfm_grid() -> Chart {
    let mut cells = Vec::new();
    for recency in 1..=5u8 {
        for frequency in 1..=5u8 {
            let customers = (40.0 * f64::from(recency) * f64::from(6 - frequency).powf(1.4)) as u64 + 3;
            cells.push(RfmCell {
                recency,
                frequency,
                customers,
                mean_monetary: 35.0 * f64::from(frequency) + 4.0 * f64::from(recency),
            });
        }
    }
    Chart::RfmGrid { title: "Customers by recency and frequency".to_string(), cells }
}

pub fn power_curve() -> Chart {
    let points = (1..=40)
        .map(|k| {
            let users = k * 1_000u64;
            // A smooth saturating curve shaped like real power.
            let power = 1.0 - (-(users as f64) / 9_500.0).exp();
            (users, 0.05 + 0.95 * power)
        })
        .collect();
    Chart::PowerCurve {
        title: "Power to detect a 10% lift".to_string(),
        points,
        planned_users: Some(16_000),
        target_power: 0.8,
    }
}

pub fn lines() -> Chart {
    let sweep = |name: &str, f: fn(f64) -> f64| XySeries {
        name: name.to_string(),
        points: (0..=50).map(|i| i as f64 / 50.0).map(|x| (x, f(x))).collect(),
    };
    Chart::Lines {
        title: "Precision and recall by score threshold".to_string(),
        x_label: "Score threshold".to_string(),
        y_label: "Rate (0–1)".to_string(),
        series: vec![
            sweep("Precision", |x| 0.35 + 0.6 * x.powf(0.7)),
            sweep("Recall", |x| 1.0 - x.powf(1.8)),
            sweep("F1 score", |x| {
                let p = 0.35 + 0.6 * x.powf(0.7);
                let r = 1.0 - x.powf(1.8);
                if p + r > 0.0 {
                    2.0 * p * r / (p + r)
                } else {
                    0.0
                }
            }),
        ],
    }
}

/// One typical chart of every kind, with a file-name stem.
pub fn bars() -> Chart {
    Chart::Bars {
        title: "Personal picks against best sellers".into(),
        y_label: "Share".into(),
        groups: vec!["HR@10".into(), "NDCG@10".into(), "Catalog coverage".into()],
        series: vec![
            BarSeries { name: "Personal picks".into(), values: vec![0.8, 0.37, 0.36] },
            BarSeries { name: "Best sellers".into(), values: vec![0.57, 0.13, 0.003] },
        ],
    }
}

pub fn typical() -> Vec<(&'static str, Chart)> {
    vec![
        ("cumulative_conversion", cumulative_conversion()),
        ("forest", forest()),
        ("funnel", funnel()),
        ("bars", bars()),
        ("revenue_by_week", revenue_by_week()),
        ("cohort_retention", cohort_retention()),
        ("rfm_grid", rfm_grid()),
        ("power_curve", power_curve()),
        ("lines", lines()),
    ]
}

/// One empty chart of every kind.
pub fn empty() -> Vec<(&'static str, Chart)> {
    let t = |s: &str| s.to_string();
    vec![
        ("cumulative_conversion", Chart::CumulativeConversion { title: t("Cumulative conversion"), series: vec![] }),
        ("forest", Chart::Forest { title: t("Lift by metric"), x_label: t("Relative lift (%)"), rows: vec![] }),
        ("funnel", Chart::Funnel { title: t("Checkout funnel"), steps: vec![], variants: vec![] }),
        ("bars", Chart::Bars { title: t("Methods"), y_label: t("Share"), groups: vec![], series: vec![] }),
        ("revenue_by_week", Chart::RevenueByWeek { title: t("Revenue by week"), currency: t("USD"), points: vec![] }),
        ("cohort_retention", Chart::CohortRetention { title: t("Retention"), cohorts: vec![] }),
        ("rfm_grid", Chart::RfmGrid { title: t("RFM"), cells: vec![] }),
        (
            "power_curve",
            Chart::PowerCurve { title: t("Power"), points: vec![], planned_users: None, target_power: 0.8 },
        ),
        ("lines", Chart::Lines { title: t("Sweep"), x_label: t("x"), y_label: t("y"), series: vec![] }),
    ]
}

/// Crowded charts: many rows, series and long labels, to check nothing
/// overlaps or is cut off.
pub fn crowded() -> Vec<(&'static str, Chart)> {
    let forest_rows = (0..16)
        .map(|i| ForestRow {
            label: format!("Metric number {i} · a rather long segment name for {}", ["mobile", "desktop"][i % 2]),
            estimate: 0.02 * (i as f64 - 6.0),
            lower: 0.02 * (i as f64 - 6.0) - 0.03,
            upper: 0.02 * (i as f64 - 6.0) + 0.03,
            significant: i % 3 == 0,
        })
        .collect();
    let funnel_variants = (0..6)
        .map(|j| FunnelVariant {
            name: format!("Variant with a long name {j}"),
            counts: vec![10_000 + 100 * j, 6_000, 2_500 + 50 * j, 1_200, 480 + 7 * j, 99],
        })
        .collect();
    let start = date("2024-01-01");
    let series = (0..9)
        .map(|k| Series {
            name: format!("Variant {k}"),
            points: (0..730).step_by(7).map(|d| (start + Duration::days(d), 0.02 + 0.002 * k as f64)).collect(),
        })
        .collect();
    let cohorts = (0..24)
        .map(|i| CohortRow {
            label: format!("{}-{:02}", 2024 + i / 12, i % 12 + 1),
            size: 12_000 + 100 * i as u64,
            retention: (0..(24 - i)).map(|m| Some(if m == 0 { 1.0 } else { 0.25 * 0.93f64.powi(m) })).collect(),
        })
        .collect();
    vec![
        (
            "forest_crowded",
            Chart::Forest {
                title: "Sixteen rows with long labels".to_string(),
                x_label: "Relative lift (%)".to_string(),
                rows: forest_rows,
            },
        ),
        (
            "funnel_crowded",
            Chart::Funnel {
                title: "Six variants, six steps".to_string(),
                steps: ["Landing page view", "Search", "Product detail view", "Add to cart", "Checkout", "Purchase"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                variants: funnel_variants,
            },
        ),
        (
            "cumulative_crowded",
            Chart::CumulativeConversion { title: "Nine variants over two years".to_string(), series },
        ),
        ("cohort_crowded", Chart::CohortRetention { title: "Two years of cohorts".to_string(), cohorts }),
        (
            // As the overview draws it, through `revenue_by_week_svg`: no title row.
            "revenue_untitled",
            match revenue_by_week() {
                Chart::RevenueByWeek { currency, points, .. } => {
                    Chart::RevenueByWeek { title: String::new(), currency, points }
                }
                other => other,
            },
        ),
    ]
}
