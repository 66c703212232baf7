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
    locate_sample_data, ApiError, AppDirs, Engine, EngineError, ImportOptions, ImportStep, OverviewRequest,
    PeriodPreset, PrivacySettings, SampleOptions,
};

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
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// 1 = about 60,000 orders; 20 = over a million order lines.
        #[arg(long, default_value_t = 1)]
        scale: u32,
        #[arg(long, default_value = "sample-data")]
        out: PathBuf,
        /// Write plain CSV files instead of zstd-compressed ones.
        #[arg(long)]
        plain: bool,
    },
    /// Import export files or folders into the workspace, all or nothing.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
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
    },
    /// Key figures of the workspace.
    Kpi {
        #[arg(long, value_enum, default_value_t = Period::All)]
        period: Period,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
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
        name: String,
        #[arg(long)]
        path: Option<PathBuf>,
    },
    /// List recent workspaces, most recent first.
    List,
    /// Open a workspace and make it the default for later commands.
    Open { path: PathBuf },
    /// Rename a workspace (its display name; the file stays where it is).
    Rename { path: PathBuf, name: String },
    /// Delete a workspace file.
    Delete {
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
        #[arg(long)]
        sample_data: Option<PathBuf>,
    },
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

fn main() -> ExitCode {
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
            let bar = bar(6, "Generating");
            let options = SampleOptions {
                seed,
                scale,
                zstd_level: if plain { None } else { SampleOptions::default().zstd_level },
            };
            let summary = engine.generate_sample(&options, &out, &mut |stage, done, total| {
                bar.set_message(format!("{stage:?} {done}/{total}"));
                if done == total {
                    bar.inc(1);
                }
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
        Command::Import { paths, strict, currency, mapping } => {
            open(engine, cli.workspace.as_deref())?;
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
            let options = ImportOptions { strict, currency, mapping, ..ImportOptions::default() };
            let reports = import_with_progress(engine, &paths, &options)?;
            println!(
                "{:<44} {:<26} {:>9} {:>9} {:>9} {:>9} {:>8}",
                "file", "format", "read", "new", "updated", "rejected", "ms"
            );
            for r in reports {
                let name = r.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                println!(
                    "{:<44} {:<26} {:>9} {:>9} {:>9} {:>9} {:>8}",
                    name, r.format, r.rows_read, r.inserted, r.updated, r.rejected, r.duration_ms
                );
            }
            Ok(())
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
            if json {
                o.revenue_chart_svg.clear();
                println!("{}", serde_json::to_string_pretty(&o).expect("overview serialises"));
                return Ok(());
            }
            println!("{} ({})", o.workspace.name, o.workspace.path);
            match (&o.from, &o.to) {
                (Some(f), Some(t)) => println!("period                   {f} to {t}"),
                _ => println!("period                   no orders yet — import some with `insights import <files>`"),
            }
            println!("revenue                  {} {:.2}", o.currency, o.revenue);
            println!("orders                   {}", o.orders);
            println!("customers                {}", o.customers);
            println!("average order value      {} {:.2}", o.currency, o.average_order_value);
            println!(
                "returning-customer rate  {:.1}% ({} returning, {} first-time)",
                o.returning_customer_rate * 100.0,
                o.returning_customers,
                o.first_time_customers
            );
            Ok(())
        }
        Command::Demo { sample_data, out } => {
            let data = sample_data_dir(sample_data.as_deref())?;
            open_sample(engine, &data)?;
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
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<Vec<insights_engine::FileReport>, EngineError> {
    let bar = bar(1, "Importing");
    let result = engine.import(paths, options, &mut progress_to(&bar));
    bar.finish_and_clear();
    result
}

fn progress_to(bar: &ProgressBar) -> impl FnMut(&Path, ImportStep, usize, usize) + '_ {
    move |file, step, done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let step = match step {
            ImportStep::Reading => "reading",
            ImportStep::Mapping => "storing",
            ImportStep::Done => "done",
        };
        bar.set_message(format!("{name}: {step}"));
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

fn confirm(question: &str) -> bool {
    if !std::io::stdin().is_terminal() {
        eprintln!("Refusing to delete without confirmation: pass --yes when not running in a terminal.");
        return false;
    }
    print!("{question}");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).is_ok() && matches!(answer.trim(), "y" | "Y" | "yes")
}
