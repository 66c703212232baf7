//! `insights`: the engine on the command line. Each subcommand parses its
//! arguments, calls one engine function and prints the result; no logic of
//! its own beyond presentation.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use insights_engine::{
    count_of, locate_sample_data, money, thousands, ApiError, AppDirs, EmbedReport, Engine, EngineError,
    ImportProgress, ImportRequest, OverviewRequest, PeriodPreset, PrivacySettings, SampleOptions, SampleStage,
    SearchFilters, SearchMode, SearchRequest, SearchResponse,
};

mod assistant;
mod bench;
mod evaluate;
mod experiments;
mod imports;
mod privacy;
mod recommend;

use evaluate::search_evaluate;

#[derive(Parser)]
#[command(name = "insights", version, about = "Merchant Insights: your store's exports, analysed on your own machine.")]
struct Cli {
    /// Workspace file to use (default: the most recently opened one).
    #[arg(long, global = true, value_name = "FILE")]
    workspace: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create, list, open, rename or delete workspaces.
    #[command(subcommand)]
    Workspace(WorkspaceCommand),
    /// Write the sample store's export files.
    Sample {
        /// Seed of the generator: the same seed writes the same store.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// 1 = about 60,000 orders; 20 = over a million order lines.
        #[arg(long, default_value_t = 1)]
        scale: u32,
        /// Folder to write the export files into.
        #[arg(long, default_value = "sample-data")]
        out: PathBuf,
        /// Write plain CSV files instead of zstd-compressed ones.
        #[arg(long)]
        plain: bool,
    },
    /// Import export files or folders into the workspace, all or nothing.
    /// `insights import history` lists past imports, and `insights import
    /// rejected ID` the rows one of them set aside.
    Import {
        /// Export files or folders of them to import (`history` lists past imports).
        #[arg(required = true, value_name = "PATHS")]
        paths: Vec<PathBuf>,
        /// List every row set aside, not only the first ten of each file.
        #[arg(long)]
        rejected: bool,
        /// Fail on the first bad row instead of setting bad rows aside.
        #[arg(long)]
        strict: bool,
        /// Currency of amounts in files that do not name one (e.g. GBP).
        #[arg(long, value_name = "CODE")]
        currency: Option<String>,
        /// For files that are not a known export: a JSON object naming the
        /// column for each field, e.g. {"invoice": "Order ID", "sku": "Item",
        /// "quantity": "Qty", "date": "Date", "unit_price": "Price"}.
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// Do not compute embeddings afterwards; search by meaning and the
        /// assistant use them, and `insights embed` computes them later.
        #[arg(long)]
        no_embed: bool,
        /// Read files again even when one with the same contents was
        /// imported before (such a file is otherwise skipped as unchanged).
        #[arg(long)]
        force: bool,
    },
    /// Key figures of the workspace.
    Kpi {
        /// Which orders the figures cover, counted back from the last order.
        #[arg(long, value_enum, default_value_t = Period::All)]
        period: Period,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Embed products, knowledge-base passages and customer messages that
    /// have no current vector (already-embedded texts are skipped).
    Embed {
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
    /// Where the embedding model was found and whether it is intact.
    Models,
    /// Search the catalog: keywords, meaning and your rules, with the why.
    Search {
        /// What a shopper would type; `evaluate` runs the labelled query set.
        query: String,
        /// Only products with stock left.
        #[arg(long)]
        in_stock: bool,
        /// How many products to show.
        #[arg(long, default_value_t = 10)]
        limit: u32,
        /// Keywords, meaning, or both blended (the default).
        #[arg(long, value_enum, default_value_t = Mode::Hybrid)]
        mode: Mode,
        /// Only products in this category (repeatable).
        #[arg(long)]
        category: Vec<String>,
        /// Print JSON instead of a list.
        #[arg(long)]
        json: bool,
        /// With `evaluate`: the labelled queries (JSON).
        #[arg(long, value_name = "FILE")]
        queries: Option<PathBuf>,
    },
    /// Recommendations: similar items and bought together for a product,
    /// personal picks for a customer, each with the reasons.
    #[command(subcommand)]
    Recommend(recommend::RecommendCommand),
    /// The support assistant's preview: one answer, or the batch evaluation.
    #[command(subcommand)]
    Assistant(assistant::AssistantCommand),
    /// A/B tests: verdicts, lifts with intervals, health checks, planning.
    Experiments {
        #[command(subcommand)]
        command: Option<experiments::ExperimentsCommand>,
    },
    /// Personal data: what is stored, export as Parquet, erase a customer.
    Privacy {
        #[command(subcommand)]
        command: Option<privacy::PrivacyCommand>,
    },
    /// Measurements for docs/benchmarks.md.
    #[command(subcommand, hide = true)]
    Bench(BenchCommand),
    /// Build the sample store's workspace and write an HTML report of it.
    Demo {
        /// Folder with the sample store's export files.
        #[arg(long)]
        sample_data: Option<PathBuf>,
        /// Where to write the report (default: the app's reports folder).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum WorkspaceCommand {
    /// Create a workspace (in the default folder unless --path is given).
    New {
        /// The name shown for it (the store's or the client's).
        name: String,
        /// Where to create the file (default: the app's workspaces folder).
        #[arg(long)]
        path: Option<PathBuf>,
    },
    /// List recent workspaces, most recent first.
    List,
    /// Open a workspace and make it the default for later commands.
    Open {
        /// The workspace file.
        path: PathBuf,
    },
    /// Rename a workspace (its display name; the file stays where it is).
    Rename {
        /// The workspace file.
        path: PathBuf,
        /// Its new name.
        name: String,
    },
    /// Delete a workspace file.
    Delete {
        /// The workspace file to delete.
        path: PathBuf,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Show or set how customers' personal data is stored.
    Privacy {
        /// `on`: e-mails, phones, names and addresses only as keyed hashes
        /// (the default); `off`: in plain text. Applies to later imports.
        #[arg(long, value_parser = ["on", "off"])]
        hashing: Option<String>,
    },
    /// Make sure the sample store's workspace exists, open it, print its path.
    Sample {
        /// Folder with the sample store's export files (default: found beside the program).
        #[arg(long)]
        sample_data: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Embedding throughput on the texts of FILE (one per line).
    Embed {
        /// Texts to embed, one per line.
        #[arg(long)]
        texts: PathBuf,
        /// Texts per batch.
        #[arg(long, default_value_t = 64)]
        batch: usize,
        /// Times to repeat the measurement; the best run is reported.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Also write the vectors (little-endian f32, n × 384).
        #[arg(long)]
        vectors: Option<PathBuf>,
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
    /// Exact top-10 over the vectors in FILE for each query vector.
    Vectors {
        /// Product vectors (little-endian f32, n × 384).
        #[arg(long)]
        vectors: PathBuf,
        /// Query vectors (little-endian f32, n × 384).
        #[arg(long)]
        queries: PathBuf,
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
    /// Latency of one assistant answer (intent, retrieval, composition) on
    /// the open workspace, for the first customer message of up to N
    /// imported conversations.
    Assistant {
        /// How many conversations' first messages to answer.
        #[arg(long, default_value_t = 300)]
        questions: usize,
        /// Times to repeat the measurement; the best run is reported.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
    /// Analysing an experiment of N visitors (3 segment dimensions, 5
    /// metrics), written as a log and imported into a new workspace in DIR.
    Experiments {
        /// Visitors in the generated experiment.
        #[arg(long, default_value_t = 1_000_000)]
        visitors: usize,
        /// Times to repeat the measurement; the best run is reported.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Folder for the log and the workspace.
        #[arg(long)]
        dir: PathBuf,
        /// Write every comparison's inputs (JSON) for the gbstats side.
        #[arg(long)]
        inputs: Option<PathBuf>,
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
    /// End-to-end search latency (query embedding included) on the open
    /// workspace for each query in FILE (one per line).
    Search {
        /// Queries, one per line.
        #[arg(long)]
        queries: PathBuf,
        /// Times to repeat the measurement; the best run is reported.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Write the product vectors and the query vectors for the faiss
        /// comparison to this folder.
        #[arg(long)]
        dump: Option<PathBuf>,
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Mode {
    Hybrid,
    Keyword,
    Semantic,
}

#[derive(Clone, Copy, ValueEnum)]
enum Period {
    All,
    #[value(name = "12m")]
    Months12,
    #[value(name = "90d")]
    Days90,
    #[value(name = "30d")]
    Days30,
}

/// The sample generator's stages, products to experiments.
const SAMPLE_STAGES: u64 = SampleStage::Experiments as u64 + 1;

/// How many of the sample's stages are done when `stage` reports `done` of
/// `total`: those before it, and it once it is complete (a stage may report
/// its end more than once).
fn stages_done(stage: SampleStage, done: u64, total: u64) -> u64 {
    stage as u64 + u64::from(done >= total)
}

/// Output piped into a program that stops reading (`insights … | head`) ends
/// this one quietly, as it ends every Unix tool, instead of with a panic.
#[cfg(unix)]
fn end_quietly_on_a_closed_pipe() {
    // SAFETY: sets the default action of one signal, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    #[cfg(unix)]
    end_quietly_on_a_closed_pipe();
    insights_engine::disable_runtime_telemetry();
    let cli = Cli::parse();
    let engine = Engine::new(AppDirs::from_env());
    match run(&engine, cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let api = ApiError::from(e);
            eprintln!("error: {}", api.message);
            if let Some(details) = api.details {
                eprintln!("details: {details}");
            }
            eprintln!("(code: {})", api.code);
            ExitCode::FAILURE
        }
    }
}

fn run(engine: &Engine, cli: Cli) -> Result<(), EngineError> {
    match cli.command {
        Command::Workspace(cmd) => workspace(engine, cmd, cli.workspace.as_deref()),
        Command::Sample { seed, scale, out, plain } => {
            let bar = bar(SAMPLE_STAGES, "Generating");
            let options = SampleOptions {
                seed,
                scale,
                zstd_level: if plain { None } else { SampleOptions::default().zstd_level },
            };
            let summary = engine.generate_sample(&options, &out, &mut |stage, done, total| {
                bar.set_message(format!("{stage:?} {done}/{total}"));
                bar.set_position(stages_done(stage, done, total));
            })?;
            bar.finish_and_clear();
            println!(
                "Wrote {} products ({} variants), {} customers, {} orders ({} lines), {} returns, {} knowledge-base documents, {} conversations, {} experiment visitors to {}",
                summary.products,
                summary.variants,
                summary.customers,
                summary.orders,
                summary.order_lines,
                summary.returns,
                summary.kb_documents,
                summary.conversations,
                summary.experiment_visitors,
                out.display()
            );
            Ok(())
        }
        Command::Import { paths, strict, currency, mapping, rejected, no_embed, force } => {
            open(engine, cli.workspace.as_deref())?;
            // `history` and `rejected ID` are commands unless a file has that name.
            let word = |i: usize| paths.get(i).filter(|p| !p.exists()).and_then(|p| p.to_str());
            match (word(0), paths.len()) {
                (Some("history"), 1) => return imports::history(engine),
                (Some("rejected"), 2) => {
                    return imports::rejected(engine, &paths[1].to_string_lossy());
                }
                _ => {}
            }
            let mapping = match mapping {
                Some(file) => {
                    let text = std::fs::read_to_string(&file).map_err(|e| EngineError::Io {
                        action: "reading",
                        path: file.clone(),
                        source: e,
                    })?;
                    Some(serde_json::from_str(&text).map_err(|e| EngineError::Io {
                        action: "reading the column mapping in",
                        path: file.clone(),
                        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
                    })?)
                }
                None => None,
            };
            let request = ImportRequest { strict, currency, mapping, force, ..ImportRequest::of(&paths) };
            let reports = import_with_progress(engine, &request)?;
            let is_read = |r: &&insights_engine::ImportedFile| r.unchanged_since.is_none() && r.not_imported.is_none();
            let all_unchanged = !reports.iter().any(|r| is_read(&r));
            if no_embed {
                eprintln!("Embeddings not computed (--no-embed): run `insights embed` for search by meaning.");
            } else if engine.model_status().ready {
                let r = embed_with_progress(engine)?;
                eprintln!(
                    "Embedded {} new or changed texts in {:.1} s ({} unchanged).",
                    r.embedded, r.seconds, r.unchanged
                );
            } else {
                eprintln!(
                    "Search by meaning is off until the embedding model is installed: {}",
                    engine.model_status().message
                );
            }
            if !all_unchanged {
                println!(
                    "{:<44} {:<26} {:>9} {:>9} {:>9} {:>9} {:>8}",
                    "file", "format", "read", "new", "updated", "rejected", "ms"
                );
            }
            for r in reports.iter().filter(is_read) {
                println!(
                    "{:<44} {:<26} {:>9} {:>9} {:>9} {:>9} {:>8}",
                    r.file_name, r.format, r.rows_read, r.inserted, r.updated, r.rejected, r.duration_ms
                );
            }
            imports::not_read(&reports);
            imports::explain(engine, &reports, if rejected { None } else { Some(imports::SHOWN) })
        }
        Command::Kpi { period, json } => {
            open(engine, cli.workspace.as_deref())?;
            let period = match period {
                Period::All => PeriodPreset::AllTime,
                Period::Months12 => PeriodPreset::Last12Months,
                Period::Days90 => PeriodPreset::Last90Days,
                Period::Days30 => PeriodPreset::Last30Days,
            };
            let mut o = engine.overview(&OverviewRequest { period })?;
            let mut k = engine.kpis(&OverviewRequest { period })?;
            if json {
                o.revenue_chart_svg.clear();
                k.cohort_chart_svg.clear();
                k.rfm_chart_svg.clear();
                let mut v = serde_json::to_value(&o).expect("overview serialises");
                v["kpis"] = serde_json::to_value(&k).expect("KPIs serialise");
                println!("{}", serde_json::to_string_pretty(&v).expect("JSON prints"));
                return Ok(());
            }
            println!("{} ({})", o.workspace.name, o.workspace.path);
            match (&o.from, &o.to) {
                (Some(f), Some(t)) => println!("period                   {f} to {t}"),
                _ => println!("period                   no orders yet — import some with `insights import <files>`"),
            }
            println!("revenue                  {}", money(o.revenue, &o.currency));
            println!("orders                   {}", thousands(o.orders));
            println!("customers                {}", thousands(o.customers));
            println!("average order value      {}", money(o.average_order_value, &o.currency));
            println!(
                "returning-customer rate  {:.1}% ({} returning, {} first-time)",
                o.returning_customer_rate * 100.0,
                thousands(o.returning_customers),
                thousands(o.first_time_customers)
            );
            let rate = |r: Option<f64>, none: &str| r.map(|r| format!("{:.1}%", r * 100.0)).unwrap_or(none.to_string());
            println!("conversion rate          {}", rate(k.store.conversion_rate, "— (no sessions imported)"));
            println!("cart recovery rate       {}", rate(k.store.recovery_rate, "— (no abandoned checkouts imported)"));
            println!(
                "refund rate              {} of orders, {} of sales",
                rate(k.store.refunded_order_rate, "—"),
                rate(k.store.refunded_amount_rate, "—")
            );
            println!(
                "support containment      {} of {} conversations ({} escalated)",
                rate(k.support.containment_rate, "—"),
                thousands(k.support.conversations),
                rate(k.support.escalation_rate, "—")
            );
            if let Some(csat) = k.support.csat_average {
                println!(
                    "CSAT                     {csat:.2} / 5 ({})",
                    count_of(k.support.csat_responses, "response", "responses")
                );
            }
            let mut segments: Vec<_> = k.rfm.segments.iter().filter(|s| s.customers > 0).collect();
            segments.sort_by_key(|s| std::cmp::Reverse(s.customers));
            let named: Vec<String> =
                segments.iter().map(|s| format!("{} {}", s.label, thousands(s.customers))).collect();
            if !named.is_empty() {
                println!("RFM segments             {}", named.join(", "));
            }
            Ok(())
        }
        Command::Embed { json } => {
            open(engine, cli.workspace.as_deref())?;
            let report = embed_with_progress(engine)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report).expect("report serialises"));
            } else {
                println!(
                    "Embedded {} texts in {:.1} s ({} already current, {} stale vectors removed){}",
                    report.embedded,
                    report.seconds,
                    report.unchanged,
                    report.removed,
                    if report.cancelled { " — cancelled; run again to resume" } else { "" }
                );
            }
            Ok(())
        }
        Command::Models => {
            let status = engine.model_status();
            if !status.ready {
                eprintln!("error: {}", status.message);
                std::process::exit(1);
            }
            println!("{}", status.message);
            println!("model id: {}", status.model_id);
            Ok(())
        }
        Command::Search { query, in_stock, limit, mode, category, json, queries } => {
            open(engine, cli.workspace.as_deref())?;
            if query == "evaluate" {
                return search_evaluate(engine, queries, json);
            }
            embed_products_first(engine)?;
            let request = SearchRequest {
                query,
                filters: SearchFilters { in_stock_only: in_stock, categories: category, ..SearchFilters::default() },
                limit,
                mode: mode.into(),
            };
            let r = engine.search(&request)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r).expect("response serialises"));
                return Ok(());
            }
            print_search(&r);
            Ok(())
        }
        Command::Recommend(command) => {
            open(engine, cli.workspace.as_deref())?;
            // The evaluation scores co-purchase alone; the lists use meaning too.
            if !matches!(command, recommend::RecommendCommand::Evaluate { .. }) {
                embed_products_first(engine)?;
            }
            recommend::run(engine, command)
        }
        Command::Assistant(command) => {
            open(engine, cli.workspace.as_deref())?;
            if !matches!(command, assistant::AssistantCommand::Labels { .. }) {
                embed_everything_first(engine)?;
            }
            assistant::run(engine, command)
        }
        Command::Experiments { command } => {
            if !matches!(command, Some(experiments::ExperimentsCommand::Plan { .. })) {
                open(engine, cli.workspace.as_deref())?;
            }
            experiments::run(engine, command)
        }
        Command::Privacy { command } => {
            open(engine, cli.workspace.as_deref())?;
            privacy::run(engine, command)
        }
        Command::Bench(cmd) => bench::run(engine, cmd, cli.workspace.as_deref()),
        Command::Demo { sample_data, out } => {
            let data = sample_data_dir(sample_data.as_deref())?;
            open_sample(engine, &data)?;
            if engine.model_status().ready {
                embed_products_first(engine)?;
            } else {
                eprintln!("Search by meaning is left out of the report: {}", engine.model_status().message);
            }
            let out = out.unwrap_or_else(|| engine.dirs().reports_dir().join("sample-store-report.html"));
            let path = engine.write_report(&out)?;
            let abs = std::fs::canonicalize(&path).unwrap_or(path);
            println!("Report written to {}", abs.display());
            Ok(())
        }
    }
}

fn workspace(engine: &Engine, cmd: WorkspaceCommand, explicit: Option<&Path>) -> Result<(), EngineError> {
    match cmd {
        WorkspaceCommand::New { name, path } => {
            let info = engine.create_workspace(&name, path.as_deref())?;
            println!("Created \"{}\" at {}", info.name, info.path);
        }
        WorkspaceCommand::List => {
            let list = engine.list_workspaces();
            if list.is_empty() {
                println!("No workspaces yet. Create one with `insights workspace new \"My store\"`.");
            }
            for w in list {
                let state = if w.exists { format!("{:.1} MB", w.size_bytes as f64 / 1e6) } else { "missing".into() };
                println!("{:<32} {:>10}  {}", w.name, state, w.path);
            }
        }
        WorkspaceCommand::Open { path } => {
            let info = engine.open_workspace(&path)?;
            println!("Opened \"{}\" ({})", info.name, info.path);
        }
        WorkspaceCommand::Rename { path, name } => {
            let info = engine.rename_workspace(&path, &name)?;
            println!("Renamed to \"{}\"", info.name);
        }
        WorkspaceCommand::Delete { path, yes } => {
            if !yes && !confirm(&format!("Delete the workspace {}? This cannot be undone. [y/N] ", path.display())) {
                println!("Nothing deleted.");
                return Ok(());
            }
            engine.delete_workspace(&path)?;
            println!("Deleted {}", path.display());
        }
        WorkspaceCommand::Privacy { hashing } => {
            open(engine, explicit)?;
            let settings = match hashing {
                Some(h) => engine.set_privacy_settings(&PrivacySettings { hash_personal_data: h == "on" })?,
                None => engine.privacy_settings()?,
            };
            if settings.hash_personal_data {
                println!("Personal data (e-mails, phones, names, addresses) is stored as keyed hashes.");
            } else {
                println!("Personal data (e-mails, phones, names, addresses) is stored in plain text for new imports.");
            }
        }
        WorkspaceCommand::Sample { sample_data } => {
            let data = sample_data_dir(sample_data.as_deref())?;
            let info = open_sample(engine, &data)?;
            println!("{}", info.path);
        }
    }
    Ok(())
}

fn open(engine: &Engine, explicit: Option<&Path>) -> Result<(), EngineError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match engine.list_workspaces().into_iter().find(|w| w.exists) {
            Some(w) => PathBuf::from(w.path),
            None => return Err(EngineError::NoWorkspace),
        },
    };
    engine.open_workspace(&path)?;
    Ok(())
}

fn sample_data_dir(hint: Option<&Path>) -> Result<PathBuf, EngineError> {
    locate_sample_data(hint).ok_or_else(|| EngineError::SampleDataMissing { path: PathBuf::from("sample-data") })
}

fn open_sample(engine: &Engine, data: &Path) -> Result<insights_engine::WorkspaceInfo, EngineError> {
    if engine.sample_workspace_path().exists() {
        return engine.open_workspace(&engine.sample_workspace_path());
    }
    eprintln!("Building the sample store's workspace from {} (first run only)…", data.display());
    let bar = bar(1, "Importing");
    let result = engine.open_sample_workspace(data, &mut progress_to(&bar));
    bar.finish_and_clear();
    result
}

fn import_with_progress(
    engine: &Engine,
    request: &ImportRequest,
) -> Result<Vec<insights_engine::ImportedFile>, EngineError> {
    let bar = bar(1, "Importing");
    let result = engine.import(request, &mut progress_to(&bar));
    bar.finish_and_clear();
    result
}

fn progress_to(bar: &ProgressBar) -> impl FnMut(ImportProgress) + '_ {
    let mut single = false;
    move |p| {
        // One file is one step of the bar: a spinner with its step and the
        // time taken says more than a bar that sits at 0/1.
        if p.total <= 1 && !single {
            single = true;
            bar.set_style(
                ProgressStyle::with_template("{prefix} {spinner} {msg} ({elapsed})")
                    .expect("valid template")
                    .tick_chars("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ "),
            );
        }
        bar.set_length(u64::from(p.total));
        bar.set_position(u64::from(p.done));
        bar.set_message(format!("{}: {}", p.file_name, p.step.label()));
    }
}

fn bar(len: u64, prefix: &'static str) -> ProgressBar {
    let bar = if std::io::stderr().is_terminal() { ProgressBar::new(len) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg} ({elapsed})")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_prefix(prefix);
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

pub(crate) fn confirm(question: &str) -> bool {
    if !std::io::stdin().is_terminal() {
        eprintln!("Refusing to delete without confirmation: pass --yes when not running in a terminal.");
        return false;
    }
    print!("{question}");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).is_ok() && matches!(answer.trim(), "y" | "Y" | "yes")
}

impl From<Mode> for SearchMode {
    fn from(m: Mode) -> Self {
        match m {
            Mode::Hybrid => SearchMode::Hybrid,
            Mode::Keyword => SearchMode::Keyword,
            Mode::Semantic => SearchMode::Semantic,
        }
    }
}

fn embed_with_progress(engine: &Engine) -> Result<EmbedReport, EngineError> {
    let bar = bar(0, "Embedding");
    // Without a terminal (a log, a script) the bar is hidden: say where the
    // run is in plain lines instead, one per tenth of each kind.
    let lines = !std::io::stderr().is_terminal();
    let mut last = (String::new(), u32::MAX);
    let result = engine.embed_workspace(&mut |p| {
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
        bar.set_message(p.label.clone());
        let tenth = (p.done * 10).checked_div(p.total).unwrap_or(10);
        if lines && (p.label != last.0 || tenth != last.1) {
            eprintln!("Embedding {}: {}/{}", p.label, p.done, p.total);
            last = (p.label.clone(), tenth);
        }
    });
    bar.finish_and_clear();
    result
}

/// Search by meaning needs the products' vectors: embed what is missing
/// first (once), or say why it cannot.
fn embed_products_first(engine: &Engine) -> Result<(), EngineError> {
    let status = engine.embedding_status()?;
    let missing = status.coverage.iter().find(|c| c.kind == "product").is_some_and(|c| c.embedded < c.total);
    if missing && status.model.ready {
        eprintln!("Embedding the catalog first (once; later searches reuse the vectors)…");
        embed_with_progress(engine)?;
    }
    Ok(())
}

/// Passages and customers' messages too: the assistant retrieves from them.
pub(crate) fn embed_everything_first(engine: &Engine) -> Result<(), EngineError> {
    let status = engine.embedding_status()?;
    if status.model.ready && status.coverage.iter().any(|c| c.embedded < c.total) {
        eprintln!("Embedding passages and messages first (once; later questions reuse the vectors)…");
        embed_with_progress(engine)?;
    }
    Ok(())
}

fn print_search(r: &SearchResponse) {
    println!(
        "{} for \u{201c}{}\u{201d} in {:.1} ms{}",
        count_of(r.total as i64, "result", "results"),
        r.query,
        r.took_ms,
        if r.hidden_by_rules > 0 { format!(" ({} hidden by your rules)", r.hidden_by_rules) } else { String::new() }
    );
    if let Some(n) = &r.notice {
        println!("note: {n}");
    }
    for (i, h) in r.hits.iter().enumerate() {
        let price = match (h.price_min, h.price_max) {
            (Some(a), Some(b)) if (a - b).abs() > 0.005 => format!("{a:.2}–{b:.2}"),
            (Some(a), _) => format!("{a:.2}"),
            _ => "—".into(),
        };
        let stock = match h.stock {
            None => "in stock".to_string(),
            Some(0) => "out of stock".to_string(),
            Some(n) => format!("{n} in stock"),
        };
        println!("{:>2}. {}  [{}]  {}  {}", i + 1, h.title, h.product_id, price, stock);
        for w in &h.why {
            println!("      - {w}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and every argument and flag says what it is in `--help`.
    #[test]
    fn every_command_argument_and_flag_has_help_text() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if !matches!(id, "help" | "version") && arg.get_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                let path = format!("{path} {}", sub.get_name());
                if sub.get_about().is_none() {
                    missing.push(path.clone());
                }
                walk(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&<Cli as clap::CommandFactory>::command(), "insights", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:#?}");
    }

    #[test]
    fn the_sample_progress_counts_each_stage_once() {
        assert_eq!(stages_done(SampleStage::Products, 0, 1_500), 0);
        assert_eq!(stages_done(SampleStage::Products, 1_500, 1_500), 1);
        assert_eq!(stages_done(SampleStage::Orders, 10, 60_000), 2);
        // Told twice that the last stage is done, the bar still ends at 6 of 6.
        assert_eq!(stages_done(SampleStage::Experiments, 3, 3), SAMPLE_STAGES);
        assert_eq!(stages_done(SampleStage::Experiments, 3, 3), 6);
    }
}
