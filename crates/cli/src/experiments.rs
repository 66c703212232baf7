//! `insights experiments`: the list with verdicts, one experiment in full,
//! chart export and the planning calculator, over the engine's API.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use insights_engine::{
    interval_level_text, Correction, Engine, EngineError, ExperimentChart, ExperimentReport, ExperimentSettings,
    ExperimentStatus, PlanInput, StatsEngine,
};

#[derive(Subcommand)]
pub enum ExperimentsCommand {
    /// Every experiment with its verdict (the default).
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// One experiment: metrics, lifts with intervals, segments, health checks.
    Show {
        /// The experiment's id (as listed).
        id: String,
        #[command(flatten)]
        settings: SettingsArgs,
        /// Also list segment results.
        #[arg(long)]
        segments: bool,
        /// Print JSON instead of a report.
        #[arg(long)]
        json: bool,
    },
    /// Write one chart of an experiment as PNG or SVG (by the extension).
    Chart {
        /// The experiment's id (as listed).
        id: String,
        /// Which chart to draw.
        #[arg(long, value_enum, default_value_t = ChartKind::Lift)]
        chart: ChartKind,
        /// The file to write (.png or .svg).
        #[arg(long)]
        out: PathBuf,
    },
    /// How many visitors and days a test needs.
    Plan {
        /// Current conversion rate (0.031 for 3.1%) or, with --sd, the metric's mean.
        #[arg(long)]
        baseline: f64,
        /// Standard deviation of a mean metric (omit for a conversion rate).
        #[arg(long)]
        sd: Option<f64>,
        /// Smallest relative change worth detecting (0.05 for 5%).
        #[arg(long)]
        mde: f64,
        /// Chance of detecting a change of the given size (0.8 for 80%).
        #[arg(long, default_value_t = 0.8)]
        power: f64,
        /// Significance level.
        #[arg(long, default_value_t = 0.05)]
        alpha: f64,
        /// Variants including control.
        #[arg(long, default_value_t = 2)]
        variants: u32,
        /// Share of traffic to control.
        #[arg(long)]
        control_share: Option<f64>,
        /// Visitors a day entering the test.
        #[arg(long, default_value_t = 0.0)]
        daily: f64,
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct SettingsArgs {
    /// Frequentist or Bayesian statistics (default: the workspace's setting).
    #[arg(long, value_enum)]
    engine: Option<EngineKind>,
    /// Correction for comparing several metrics: Holm, Benjamini-Hochberg
    /// or none (default: the workspace's setting).
    #[arg(long, value_enum)]
    correction: Option<CorrectionKind>,
    /// Always-valid (sequential) confidence intervals, for looking every day.
    #[arg(long)]
    sequential: bool,
    /// Significance level (default 0.05).
    #[arg(long)]
    alpha: Option<f64>,
}

#[derive(Clone, Copy, ValueEnum)]
enum EngineKind {
    Frequentist,
    Bayesian,
}

#[derive(Clone, Copy, ValueEnum)]
enum CorrectionKind {
    Holm,
    Bh,
    None,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ChartKind {
    Cumulative,
    Lift,
    Funnel,
    Segments,
}

pub fn run(engine: &Engine, cmd: Option<ExperimentsCommand>) -> Result<(), EngineError> {
    match cmd.unwrap_or(ExperimentsCommand::List { json: false }) {
        ExperimentsCommand::List { json } => {
            let list = engine.experiments()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list).expect("list serialises"));
            } else if list.is_empty() {
                println!("No experiments in this workspace. Import an experiment log (visitor_id, experiment, variant, timestamp, event, value).");
            } else {
                for e in list {
                    println!(
                        "{:<24} {:<14} {:>8} visitors  {} to {}",
                        e.id,
                        status_label(e.status),
                        insights_engine::thousands(e.users as i64),
                        e.started.unwrap_or_default(),
                        e.ended.unwrap_or_default()
                    );
                    println!("  {}", e.headline);
                }
            }
            Ok(())
        }
        ExperimentsCommand::Show { id, settings, segments, json } => {
            let mut s = engine.experiment_settings()?;
            apply(&mut s, &settings);
            let r = engine.experiment(&id, Some(&s))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r).expect("report serialises"));
            } else {
                print_report(&r, segments);
            }
            Ok(())
        }
        ExperimentsCommand::Chart { id, chart, out } => {
            let which = match chart {
                ChartKind::Cumulative => ExperimentChart::CumulativeConversion,
                ChartKind::Lift => ExperimentChart::Lift,
                ChartKind::Funnel => ExperimentChart::Funnel,
                ChartKind::Segments => ExperimentChart::Segments,
            };
            let path = engine.export_experiment_chart(&id, which, &out)?;
            println!("Chart written to {}", path.display());
            Ok(())
        }
        ExperimentsCommand::Plan { baseline, sd, mde, power, alpha, variants, control_share, daily, json } => {
            let input = PlanInput {
                baseline,
                sd,
                mde_relative: mde,
                alpha,
                power,
                variants,
                control_share: control_share.unwrap_or(1.0 / variants.max(1) as f64),
                daily_visitors: daily,
            };
            let r = engine.plan_experiment(&input)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r.plan).expect("plan serialises"));
            } else {
                println!("{}", r.summary);
            }
            Ok(())
        }
    }
}

fn apply(s: &mut ExperimentSettings, a: &SettingsArgs) {
    if let Some(e) = a.engine {
        s.engine = match e {
            EngineKind::Frequentist => StatsEngine::Frequentist,
            EngineKind::Bayesian => StatsEngine::Bayesian,
        };
    }
    if let Some(c) = a.correction {
        s.correction = match c {
            CorrectionKind::Holm => Correction::Holm,
            CorrectionKind::Bh => Correction::BenjaminiHochberg,
            CorrectionKind::None => Correction::None,
        };
    }
    if a.sequential {
        s.sequential = true;
    }
    if let Some(alpha) = a.alpha {
        s.alpha = alpha;
    }
}

pub fn status_label(s: ExperimentStatus) -> &'static str {
    match s {
        ExperimentStatus::Winner => "winner",
        ExperimentStatus::Loser => "loser",
        ExperimentStatus::Inconclusive => "inconclusive",
        ExperimentStatus::SrmWarning => "SRM warning",
        ExperimentStatus::TooEarly => "too early",
    }
}

/// What the intervals are, so that an interval and a `*` read together.
fn interval_note(r: &ExperimentReport) -> String {
    let alpha = r.settings.alpha;
    match (r.settings.engine, r.settings.correction) {
        (StatsEngine::Bayesian, _) => format!(
            "* = chance to win above {} or below {}; the {} credible interval excludes 0 exactly then.",
            interval_level_text(1.0 - alpha),
            interval_level_text(alpha),
            interval_level_text(1.0 - 2.0 * alpha)
        ),
        (StatsEngine::Frequentist, Correction::None) => {
            format!(
                "* = p below {alpha}; the interval excludes 0 exactly then (no correction for multiple comparisons)."
            )
        }
        (StatsEngine::Frequentist, _) => format!(
            "* = corrected p below {alpha}; each interval is corrected the same way (drawn at the level shown), so it \
             excludes 0 exactly then."
        ),
    }
}

fn pct(x: f64) -> String {
    format!("{:+.2}%", x * 100.0)
}

fn print_report(r: &ExperimentReport, segments: bool) {
    println!(
        "{} ({}), {} to {}",
        r.name,
        status_label(r.status),
        r.started.as_deref().unwrap_or("?"),
        r.ended.as_deref().unwrap_or("?")
    );
    for s in &r.summary {
        println!("  {s}");
    }
    for w in &r.warnings {
        println!("  warning: {}", w.message);
    }
    println!();
    for v in &r.variants {
        println!(
            "  {:<12} {:>8} visitors ({:.2}% of traffic, planned {:.2}%)",
            v.variant,
            insights_engine::thousands(v.users as i64),
            v.observed_share * 100.0,
            v.planned_share * 100.0
        );
    }
    println!("  sample-ratio check p = {:.3e}\n", r.srm_p_value);
    let bayes = matches!(r.settings.engine, StatsEngine::Bayesian);
    let corrected = !bayes && r.settings.correction != Correction::None;
    println!(
        "  {:<22} {:<11} {:>10} {:>10} {:>9}  {:<21} {:>7} {:>9} {:>8}",
        "metric",
        "variant",
        "control",
        "variant",
        "lift",
        if bayes {
            "credible interval"
        } else if corrected {
            "corrected interval"
        } else {
            "confidence interval"
        },
        "level",
        "p (adj.)",
        "P(win)"
    );
    if r.metrics.is_empty() {
        println!("  (no metric could be measured)");
    }
    for m in &r.metrics {
        let c = &m.comparison;
        let i = &m.interval;
        println!(
            "  {:<22} {:<11} {:>10.4} {:>10.4} {:>9}  {:>9} to {:<9} {:>7} {:>9.4} {:>7.1}%{}",
            m.label,
            m.variant,
            c.control.mean,
            c.treatment.mean,
            pct(c.relative.estimate),
            pct(i.lower),
            pct(i.upper),
            interval_level_text(m.interval_level),
            m.adjusted_p,
            c.chance_to_win * 100.0,
            if m.significant { "  *" } else { "" }
        );
    }
    println!("  {}", interval_note(r));
    if segments {
        println!();
        for m in &r.segments {
            let c = &m.comparison;
            println!(
                "  {:<14} {:<10} {:<22} {:>9}  {:>9} to {:<9} {:>7} p(adj.) {:.4}{}",
                m.dimension,
                m.segment,
                m.label,
                pct(c.relative.estimate),
                pct(m.interval.lower),
                pct(m.interval.upper),
                interval_level_text(m.interval_level),
                m.adjusted_p,
                if m.significant { "  *" } else { "" }
            );
        }
    }
}
