//! Experiments on the current workspace: per-visitor metrics aggregated in
//! SQL in one pass over exposures and events, handed to
//! `insights-experiments` as sufficient statistics; then health checks,
//! corrections, verdicts, the plain-language summary and the charts.

use std::collections::HashMap;
use std::time::Instant;

use insights_charts::{Chart, ForestRow, FunnelVariant, Series};
use insights_experiments::{self as stats, Covariate, MetricData, VariantInput};
use insights_store::duckdb::{params, Connection};

use crate::api::*;
use crate::{Engine, EngineError, Result};
use insights_charts::thousands;

const SETTINGS_KEY: &str = "experiment_settings";
/// Funnel steps in order; other events are ignored by the funnel chart.
const FUNNEL: [&str; 4] = ["exposure", "add_to_cart", "checkout_started", "purchase"];
/// The events the metrics count (in `AGGREGATE`): without either, no metric
/// can be measured.
const METRIC_EVENTS: [&str; 2] = ["purchase", "add_to_cart"];
/// Segment dimensions, as stored on the exposure rows.
const DIMENSIONS: [(&str, &str); 3] = [("customer_type", "Customer"), ("device", "Device"), ("country", "Country")];

pub const METRICS: [MetricKind; 5] = [
    MetricKind::Conversion,
    MetricKind::RevenuePerVisitor,
    MetricKind::AverageOrderValue,
    MetricKind::AddToCart,
    MetricKind::CartToOrder,
];

/// Per-visitor sums of one group (variant, or variant within a segment).
#[derive(Debug, Clone, Default)]
struct Sums {
    n: u64,
    converted: f64,
    carted: f64,
    carted_converted: f64,
    revenue: f64,
    revenue_sq: f64,
    purchases: f64,
    purchases_sq: f64,
    revenue_purchases: f64,
    with_pre: u64,
    pre: f64,
    pre_sq: f64,
    revenue_pre: f64,
    converted_pre: f64,
}

impl Sums {
    fn input(&self, metric: MetricKind, cuped: bool) -> VariantInput {
        let n = self.n;
        // The covariate is only usable when every visitor has it.
        let covariate = |cross: f64| {
            (cuped && self.with_pre == n && n > 0).then_some(Covariate {
                sum: self.pre,
                sum_sq: self.pre_sq,
                cross_sum: cross,
            })
        };
        match metric {
            MetricKind::Conversion => VariantInput {
                data: MetricData::Proportion { n, successes: self.converted },
                pre: covariate(self.converted_pre),
            },
            MetricKind::RevenuePerVisitor => VariantInput {
                data: MetricData::Mean { n, sum: self.revenue, sum_sq: self.revenue_sq },
                pre: covariate(self.revenue_pre),
            },
            MetricKind::AverageOrderValue => VariantInput {
                data: MetricData::Ratio {
                    n,
                    num_sum: self.revenue,
                    num_sum_sq: self.revenue_sq,
                    den_sum: self.purchases,
                    den_sum_sq: self.purchases_sq,
                    cross_sum: self.revenue_purchases,
                },
                pre: None,
            },
            MetricKind::AddToCart => {
                VariantInput { data: MetricData::Proportion { n, successes: self.carted }, pre: None }
            }
            MetricKind::CartToOrder => VariantInput {
                data: MetricData::Ratio {
                    n,
                    num_sum: self.carted_converted,
                    num_sum_sq: self.carted_converted,
                    den_sum: self.carted,
                    den_sum_sq: self.carted,
                    cross_sum: self.carted_converted,
                },
                pre: None,
            },
        }
    }
}

/// Sums per (dimension, segment, variant); the dimension is empty for all visitors.
type Groups = HashMap<(String, String, String), Sums>;

const AGGREGATE: &str = "
WITH v AS (
    SELECT x.visitor_id, x.variant,
           coalesce(x.device, 'unknown') AS device,
           coalesce(x.country, 'unknown') AS country,
           coalesce(x.customer_type, 'unknown') AS customer_type,
           x.pre_period_value AS pre,
           count(e.event) FILTER (WHERE e.event = 'purchase')::DOUBLE AS purchases,
           coalesce(sum(e.value) FILTER (WHERE e.event = 'purchase'), 0)::DOUBLE AS revenue,
           (count(e.event) FILTER (WHERE e.event = 'add_to_cart') > 0)::INTEGER::DOUBLE AS carted
    FROM experiment_exposures x
    LEFT JOIN events e
      ON e.experiment = x.experiment_id AND e.visitor_id = x.visitor_id AND e.ts >= x.exposed_at
     AND e.event IN ('purchase', 'add_to_cart')
    WHERE x.experiment_id = ?
    GROUP BY ALL
), w AS (
    SELECT *, (purchases > 0)::INTEGER::DOUBLE AS converted, coalesce(pre, 0) AS pre0 FROM v
)
SELECT CASE WHEN grouping(device) = 0 THEN 'device'
            WHEN grouping(country) = 0 THEN 'country'
            WHEN grouping(customer_type) = 0 THEN 'customer_type'
            ELSE '' END AS dimension,
       coalesce(CASE WHEN grouping(device) = 0 THEN device
                     WHEN grouping(country) = 0 THEN country
                     WHEN grouping(customer_type) = 0 THEN customer_type END, '') AS segment,
       variant,
       count(*), sum(converted), sum(carted), sum(carted * converted),
       sum(revenue), sum(revenue * revenue), sum(purchases), sum(purchases * purchases), sum(revenue * purchases),
       count(pre), sum(pre0), sum(pre0 * pre0), sum(revenue * pre0), sum(converted * pre0)
FROM w
GROUP BY GROUPING SETS ((variant), (variant, device), (variant, country), (variant, customer_type))";

fn aggregate(conn: &Connection, experiment: &str) -> Result<Groups> {
    let mut stmt = conn.prepare(AGGREGATE)?;
    let rows = stmt.query_map(params![experiment], |r| {
        let f = |i: usize| -> duckdb::Result<f64> { Ok(r.get::<_, Option<f64>>(i)?.unwrap_or(0.0)) };
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?),
            Sums {
                n: r.get::<_, i64>(3)? as u64,
                converted: f(4)?,
                carted: f(5)?,
                carted_converted: f(6)?,
                revenue: f(7)?,
                revenue_sq: f(8)?,
                purchases: f(9)?,
                purchases_sq: f(10)?,
                revenue_purchases: f(11)?,
                with_pre: r.get::<_, i64>(12)? as u64,
                pre: f(13)?,
                pre_sq: f(14)?,
                revenue_pre: f(15)?,
                converted_pre: f(16)?,
            },
        ))
    })?;
    let mut groups = Groups::new();
    for row in rows {
        let (k, v) = row?;
        groups.insert(k, v);
    }
    Ok(groups)
}

use insights_store::duckdb;

/// The experiment's event names with how often each occurs, most frequent first.
fn event_counts(conn: &Connection, experiment: &str) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT event, count(*) FROM events WHERE experiment = ? GROUP BY event ORDER BY count(*) DESC, event",
    )?;
    let rows = stmt.query_map(params![experiment], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    Ok(rows.collect::<duckdb::Result<Vec<_>>>()?)
}

/// The warning for a log whose events match no metric, naming the events it has.
fn no_metric_events(seen: &[(String, i64)]) -> ExperimentWarning {
    const SHOWN: usize = 8;
    let mut names: Vec<String> =
        seen.iter().take(SHOWN).map(|(e, n)| format!("\u{201c}{e}\u{201d} ({})", thousands(*n))).collect();
    if seen.len() > SHOWN {
        names.push(format!("{} more", seen.len() - SHOWN));
    }
    let has = if names.is_empty() { "no events at all".to_string() } else { names.join(", ") };
    ExperimentWarning {
        code: "no_metric_events".into(),
        message: format!(
            "No metric can be measured: none of this log's events is one the metrics count. Conversion, revenue and \
             order value need \u{201c}purchase\u{201d} events and the add-to-cart rate \u{201c}add_to_cart\u{201d} \
             (\u{201c}exposure\u{201d} and \u{201c}checkout_started\u{201d} are funnel steps). The log has {has}. \
             Rename its events to these names and import it again."
        ),
    }
}

struct Meta {
    name: String,
    control: String,
    planned: Option<HashMap<String, f64>>,
    started: Option<String>,
    ended: Option<String>,
    days: i64,
}

fn meta(conn: &Connection, id: &str) -> Result<Meta> {
    let row = conn.query_row(
        "SELECT name, control_variant, planned_split, CAST(min_ts AS DATE)::VARCHAR, CAST(max_ts AS DATE)::VARCHAR,
                coalesce(date_diff('day', CAST(min_ts AS DATE), CAST(max_ts AS DATE)) + 1, 0)
         FROM experiments x,
              (SELECT min(ts) AS min_ts, max(ts) AS max_ts FROM events WHERE experiment = ?) e
         WHERE experiment_id = ?",
        params![id, id],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, i64>(5)?,
            ))
        },
    );
    let (name, control, planned, started, ended, days) = match row {
        Ok(r) => r,
        Err(duckdb::Error::QueryReturnedNoRows) => {
            return Err(EngineError::ExperimentNotFound { id: id.to_string() });
        }
        Err(e) => return Err(e.into()),
    };
    let planned = planned.and_then(|p| serde_json::from_str::<HashMap<String, f64>>(&p).ok());
    Ok(Meta { name, control: control.unwrap_or_else(|| "control".into()), planned, started, ended, days })
}

pub fn load_settings(conn: &Connection) -> Result<ExperimentSettings> {
    Ok(insights_store::settings::load(conn, SETTINGS_KEY)?)
}

fn validate(s: &ExperimentSettings) -> Result<()> {
    let bad = |m: &str| Err(EngineError::InvalidSettings { message: m.to_string() });
    if !(s.alpha > 0.0 && s.alpha < 0.5) {
        return bad("the significance level must be between 0 and 0.5 (0.05 is usual)");
    }
    if s.sequential && s.sequential_tuning <= 0.0 {
        return bad("the sequential tuning parameter must be positive (5000 is the default)");
    }
    if s.suspicious_lift.is_nan() || s.suspicious_lift <= 0.0 {
        return bad("the suspicious-lift threshold must be positive (0.5 means +50%)");
    }
    Ok(())
}

/// One experiment in full: [`results`] and its charts.
pub fn analyse(conn: &Connection, id: &str, settings: &ExperimentSettings) -> Result<ExperimentReport> {
    let started_at = Instant::now();
    let mut report = results(conn, id, settings)?;
    let svg = |which| -> Result<String> { Ok(insights_charts::render_svg(&chart_of(conn, &report, which)?)) };
    let charts = ExperimentCharts {
        cumulative_conversion_svg: svg(ExperimentChart::CumulativeConversion)?,
        lift_svg: svg(ExperimentChart::Lift)?,
        funnel_svg: svg(ExperimentChart::Funnel)?,
        segments_svg: svg(ExperimentChart::Segments)?,
    };
    report.charts = charts;
    report.took_ms = started_at.elapsed().as_secs_f64() * 1000.0;
    Ok(report)
}

/// Runs every metric (and every segment) of one experiment, without
/// drawing its charts (the list and a chart export need none of them).
pub fn results(conn: &Connection, id: &str, settings: &ExperimentSettings) -> Result<ExperimentReport> {
    let started_at = Instant::now();
    validate(settings)?;
    let m = meta(conn, id)?;
    let groups = aggregate(conn, id)?;
    let overall: Vec<(&String, &Sums)> = {
        let mut v: Vec<_> =
            groups.iter().filter(|((d, _, _), _)| d.is_empty()).map(|((_, _, var), s)| (var, s)).collect();
        // Control first, then the others by name.
        v.sort_by(|a, b| (a.0 != &m.control, a.0).cmp(&(b.0 != &m.control, b.0)));
        v
    };
    let control = overall.iter().find(|(v, _)| **v == m.control).map(|(_, s)| (*s).clone()).ok_or_else(|| {
        EngineError::ExperimentNotFound { id: format!("{id} (no visitors in its control variant `{}`)", m.control) }
    })?;
    let total: u64 = overall.iter().map(|(_, s)| s.n).sum();

    // Split health.
    let weights: Vec<f64> = overall
        .iter()
        .map(|(v, _)| m.planned.as_ref().and_then(|p| p.get(v.as_str()).copied()).unwrap_or(1.0))
        .collect();
    let weight_sum: f64 = weights.iter().sum();
    let users: Vec<u64> = overall.iter().map(|(_, s)| s.n).collect();
    let srm_p_value = stats::srm_p_value(&users, &weights).unwrap_or(1.0);
    let variants: Vec<VariantUsers> = overall
        .iter()
        .zip(&weights)
        .map(|((v, s), w)| VariantUsers {
            variant: v.to_string(),
            users: s.n,
            planned_share: w / weight_sum,
            observed_share: if total > 0 { s.n as f64 / total as f64 } else { 0.0 },
        })
        .collect();

    // Comparisons: all visitors, then segments; each family corrected on its own.
    let compare = |c: &Sums, t: &Sums, metric: MetricKind| -> Option<stats::Made> {
        let inputs = (c.input(metric, settings.cuped), t.input(metric, settings.cuped));
        Some(stats::Made { comparison: stats::compare(&inputs.0, &inputs.1, settings).ok()?, inputs })
    };
    let mut metrics = Vec::new();
    for (variant, sums) in overall.iter().filter(|(v, _)| **v != m.control) {
        for metric in METRICS {
            if let Some(c) = compare(&control, sums, metric) {
                metrics.push(stats::result(metric, variant, "", "", c));
            }
        }
    }
    let mut segments = Vec::new();
    for (dimension, _) in DIMENSIONS {
        let mut values: Vec<&String> =
            groups.keys().filter(|(d, _, _)| d == dimension).map(|(_, s, _)| s).collect::<Vec<_>>();
        values.sort();
        values.dedup();
        for value in values {
            let key = |v: &str| (dimension.to_string(), value.clone(), v.to_string());
            let Some(c) = groups.get(&key(&m.control)) else { continue };
            for (variant, _) in overall.iter().filter(|(v, _)| **v != m.control) {
                let Some(t) = groups.get(&key(variant)) else { continue };
                for metric in [MetricKind::Conversion, MetricKind::RevenuePerVisitor, MetricKind::AverageOrderValue] {
                    if let Some(cmp) = compare(c, t, metric) {
                        segments.push(stats::result(metric, variant, dimension, value, cmp));
                    }
                }
            }
        }
    }
    let metrics = stats::correct(metrics, settings);
    let segments = stats::correct(segments, settings);

    // Warnings and the verdict.
    let seen = event_counts(conn, id)?;
    let measurable = seen.iter().any(|(e, _)| METRIC_EVENTS.contains(&e.as_str()));
    let reading = stats::read(&metrics, &stats::Health { variants: &variants, srm_p_value, measurable }, settings);
    let mut warnings = if measurable { Vec::new() } else { vec![no_metric_events(&seen)] };
    warnings.extend(reading.warnings);
    let (status, summary) = (reading.status, reading.summary);
    Ok(ExperimentReport {
        id: id.to_string(),
        name: m.name,
        control: m.control,
        started: m.started,
        ended: m.ended,
        days: m.days,
        variants,
        srm_p_value,
        status,
        summary,
        warnings,
        metrics,
        segments,
        settings: settings.clone(),
        charts: ExperimentCharts::default(),
        took_ms: started_at.elapsed().as_secs_f64() * 1000.0,
    })
}

fn cumulative_chart(conn: &Connection, id: &str, control: &str) -> Result<Chart> {
    let mut stmt = conn.prepare(
        "SELECT x.variant, CAST(x.exposed_at AS DATE) AS day, count(*) AS users, count(p.visitor_id) AS converted
             FROM experiment_exposures x
             LEFT JOIN (SELECT DISTINCT visitor_id FROM events WHERE experiment = ? AND event = 'purchase') p
               USING (visitor_id)
             WHERE x.experiment_id = ?
             GROUP BY ALL ORDER BY x.variant, day",
    )?;
    let rows = stmt.query_map(params![id, id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, chrono::NaiveDate>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
    })?;
    let mut series: Vec<Series> = Vec::new();
    let mut totals = (0i64, 0i64);
    for row in rows {
        let (variant, day, users, converted) = row?;
        if series.last().is_none_or(|s| s.name != variant) {
            series.push(Series { name: variant, points: Vec::new() });
            totals = (0, 0);
        }
        totals = (totals.0 + users, totals.1 + converted);
        series.last_mut().expect("pushed above").points.push((day, totals.1 as f64 / totals.0 as f64));
    }
    series.sort_by(|a, b| (a.name != control, &a.name).cmp(&(b.name != control, &b.name)));
    Ok(Chart::CumulativeConversion { title: "Cumulative conversion rate by variant".into(), series })
}

fn funnel_chart(conn: &Connection, id: &str, control: &str) -> Result<Chart> {
    let mut stmt = conn.prepare(
        "SELECT x.variant, e.event, count(DISTINCT e.visitor_id)
             FROM experiment_exposures x
             JOIN events e ON e.experiment = x.experiment_id AND e.visitor_id = x.visitor_id
             WHERE x.experiment_id = ? AND e.event IN ('exposure', 'add_to_cart', 'checkout_started', 'purchase')
             GROUP BY ALL",
    )?;
    let rows =
        stmt.query_map(params![id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?;
    let mut counts: HashMap<(String, String), u64> = HashMap::new();
    for row in rows {
        let (v, e, n) = row?;
        counts.insert((v, e), n as u64);
    }
    let mut names: Vec<String> = counts.keys().map(|(v, _)| v.clone()).collect();
    names.sort_by(|a, b| (a != control, a).cmp(&(b != control, b)));
    names.dedup();
    let steps: Vec<&str> = FUNNEL.iter().copied().filter(|s| counts.keys().any(|(_, e)| e == s)).collect();
    let variants = names
        .iter()
        .map(|v| FunnelVariant {
            name: v.clone(),
            counts: steps.iter().map(|s| counts.get(&(v.clone(), s.to_string())).copied().unwrap_or(0)).collect(),
        })
        .collect();
    Ok(Chart::Funnel {
        title: "Funnel by variant".into(),
        steps: steps.iter().map(|s| s.replace('_', " ")).collect(),
        variants,
    })
}

/// A result's row in a forest plot: the interval shown beside it, so the
/// plot's "significant" marking and its interval agree.
fn forest_row(r: &MetricResult, label: String) -> ForestRow {
    let i = &r.interval;
    ForestRow {
        label,
        estimate: r.comparison.relative.estimate,
        lower: i.lower,
        upper: i.upper,
        significant: r.significant,
    }
}

/// What the intervals of a chart are, for its title.
fn intervals_title(settings: &ExperimentSettings) -> &'static str {
    match (settings.engine, settings.correction) {
        (StatsEngine::Bayesian, _) => "credible interval",
        (StatsEngine::Frequentist, Correction::None) => "confidence interval",
        (StatsEngine::Frequentist, _) => "confidence interval corrected for multiple comparisons",
    }
}

fn lift_chart(metrics: &[MetricResult], settings: &ExperimentSettings) -> Chart {
    let several = metrics.iter().any(|r| r.variant != metrics[0].variant);
    let rows = metrics
        .iter()
        .map(|r| {
            let label = if several { format!("{} ({})", r.label, r.variant) } else { r.label.clone() };
            forest_row(r, label)
        })
        .collect();
    Chart::Forest {
        title: format!("Lift against control, with {}", intervals_title(settings)),
        x_label: "Relative lift".into(),
        rows,
    }
}

fn segments_chart(segments: &[MetricResult], settings: &ExperimentSettings) -> Chart {
    let rows = segments
        .iter()
        .filter(|r| r.metric == MetricKind::Conversion)
        .map(|r| {
            let dim = DIMENSIONS.iter().find(|(d, _)| *d == r.dimension).map(|(_, l)| *l).unwrap_or("");
            forest_row(r, format!("{dim}: {}", r.segment))
        })
        .collect();
    Chart::Forest {
        title: format!("Conversion lift by segment, with {}", intervals_title(settings)),
        x_label: "Relative lift".into(),
        rows,
    }
}

/// The chart of a report, for export.
pub fn chart_of(conn: &Connection, report: &ExperimentReport, which: ExperimentChart) -> Result<Chart> {
    Ok(match which {
        ExperimentChart::CumulativeConversion => cumulative_chart(conn, &report.id, &report.control)?,
        ExperimentChart::Lift => lift_chart(&report.metrics, &report.settings),
        ExperimentChart::Funnel => funnel_chart(conn, &report.id, &report.control)?,
        ExperimentChart::Segments => segments_chart(&report.segments, &report.settings),
    })
}

pub fn list_ids(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT experiment_id FROM experiments ORDER BY started_at, experiment_id")?;
    let ids = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<duckdb::Result<Vec<_>>>();
    ids.map_err(EngineError::from)
}

/// One comparison's inputs as the statistics crate takes them, for the
/// side-by-side benchmark with gbstats (`insights bench experiments`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ComparisonInput {
    pub dimension: String,
    pub segment: String,
    pub metric: MetricKind,
    pub control: VariantInput,
    pub treatment: VariantInput,
}

/// The inputs of every comparison `analyse` makes (treatments against
/// control, overall and per segment), without computing them.
pub fn comparison_inputs(conn: &Connection, id: &str, settings: &ExperimentSettings) -> Result<Vec<ComparisonInput>> {
    let m = meta(conn, id)?;
    let groups = aggregate(conn, id)?;
    let mut out = Vec::new();
    let mut keys: Vec<&(String, String, String)> = groups.keys().filter(|(_, _, v)| *v != m.control).collect();
    keys.sort();
    for (dimension, segment, variant) in keys {
        let Some(c) = groups.get(&(dimension.clone(), segment.clone(), m.control.clone())) else { continue };
        let t = &groups[&(dimension.clone(), segment.clone(), variant.clone())];
        let metrics: &[MetricKind] = if dimension.is_empty() {
            &METRICS
        } else {
            &[MetricKind::Conversion, MetricKind::RevenuePerVisitor, MetricKind::AverageOrderValue]
        };
        for &metric in metrics {
            out.push(ComparisonInput {
                dimension: dimension.clone(),
                segment: segment.clone(),
                metric,
                control: c.input(metric, settings.cuped),
                treatment: t.input(metric, settings.cuped),
            });
        }
    }
    Ok(out)
}

impl Engine {
    /// The inputs of every comparison of one experiment (benchmarks).
    pub fn experiment_inputs(&self, id: &str) -> Result<Vec<ComparisonInput>> {
        self.with_current(|ws| comparison_inputs(ws.conn(), id, &load_settings(ws.conn())?))
    }

    /// Every experiment with its verdict, oldest first.
    pub fn experiments(&self) -> Result<Vec<ExperimentItem>> {
        self.with_current(|ws| {
            let settings = load_settings(ws.conn())?;
            let mut out = Vec::new();
            for id in list_ids(ws.conn())? {
                let r = results(ws.conn(), &id, &settings)?;
                out.push(ExperimentItem {
                    users: r.variants.iter().map(|v| v.users).sum(),
                    variants: r.variants.iter().map(|v| v.variant.clone()).collect(),
                    headline: r.summary.first().cloned().unwrap_or_default(),
                    id: r.id,
                    name: r.name,
                    started: r.started,
                    ended: r.ended,
                    days: r.days,
                    status: r.status,
                });
            }
            Ok(out)
        })
    }

    /// The full analysis of one experiment with the workspace's settings
    /// (or `settings`, to try others without saving them).
    pub fn experiment(&self, id: &str, settings: Option<&ExperimentSettings>) -> Result<ExperimentReport> {
        self.with_current(|ws| {
            let saved;
            let s = match settings {
                Some(s) => s,
                None => {
                    saved = load_settings(ws.conn())?;
                    &saved
                }
            };
            analyse(ws.conn(), id, s)
        })
    }

    pub fn experiment_settings(&self) -> Result<ExperimentSettings> {
        self.with_current(|ws| load_settings(ws.conn()))
    }

    pub fn set_experiment_settings(&self, settings: &ExperimentSettings) -> Result<ExperimentSettings> {
        validate(settings)?;
        self.save_then_load(|c| insights_store::settings::save(c, SETTINGS_KEY, settings), load_settings)
    }

    /// Writes one chart of an experiment as PNG or SVG (by the file's extension).
    pub fn export_experiment_chart(
        &self,
        id: &str,
        which: ExperimentChart,
        out: &std::path::Path,
    ) -> Result<std::path::PathBuf> {
        let chart = self.with_current(|ws| {
            let settings = load_settings(ws.conn())?;
            let report = results(ws.conn(), id, &settings)?;
            chart_of(ws.conn(), &report, which)
        })?;
        let ext = out.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
        let bytes = match ext.as_str() {
            "png" => insights_charts::render_png(&chart)
                .map_err(|e| EngineError::InvalidSettings { message: format!("could not draw the chart: {e}") })?,
            "svg" => insights_charts::render_svg_standalone(&chart).into_bytes(),
            _ => {
                return Err(EngineError::InvalidSettings {
                    message: format!("{}: charts are exported as .png or .svg", out.display()),
                })
            }
        };
        crate::write_file(out, bytes)
    }

    /// Where the desktop app saves an exported chart: the reports folder.
    pub fn experiment_chart_path(&self, id: &str, which: ExperimentChart, format: &str) -> Result<std::path::PathBuf> {
        // The format names the extension: anything else could climb out of the folder.
        if !matches!(format, "png" | "svg") {
            return Err(EngineError::InvalidSettings {
                message: format!("charts are exported as png or svg, not {format:?}"),
            });
        }
        let dir = self.reports_dir()?;
        let kind = serde_json::to_value(which).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let safe: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
        Ok(dir.join(format!("{safe}-{kind}.{format}")))
    }

    /// Sample size, duration and power curve for a planned test.
    pub fn plan_experiment(&self, input: &PlanInput) -> Result<PlanReport> {
        let plan = stats::plan(input).map_err(|e| EngineError::InvalidSettings { message: e.to_string() })?;
        let points =
            stats::power_curve(input, 40).map_err(|e| EngineError::InvalidSettings { message: e.to_string() })?;
        let chart = Chart::PowerCurve {
            title: "Power by number of visitors".into(),
            points,
            planned_users: Some(plan.total_users),
            target_power: input.power,
        };
        let summary = format!(
            "To detect a {} change with {:.0}% power at {:.0}% confidence you need {} visitors in total ({} in control){}.",
            stats::pct(input.mde_relative),
            input.power * 100.0,
            (1.0 - input.alpha) * 100.0,
            thousands(plan.total_users as i64),
            thousands(plan.users_per_variant.first().copied().unwrap_or(0) as i64),
            if input.daily_visitors > 0.0 {
                format!(", about {} days at {} visitors a day", plan.days.ceil(), thousands(input.daily_visitors as i64))
            } else {
                String::new()
            }
        );
        Ok(PlanReport { plan, power_curve_svg: insights_charts::render_svg(&chart), summary })
    }
}
