//! `insights privacy`: what personal data the workspace holds, the whole
//! workspace as Parquet files, and erasing one customer everywhere.

use std::path::PathBuf;

use clap::Subcommand;
use insights_engine::{Engine, EngineError, ErasureRequest, PrivacySettings};

#[derive(Subcommand)]
pub enum PrivacyCommand {
    /// Count the personal data stored, per table and column (the default).
    Report {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Store personal data as keyed hashes (`on`, the default) or in plain
    /// text (`off`) for imports from now on.
    Hashing {
        /// `on` or `off`.
        #[arg(value_parser = ["on", "off"])]
        state: String,
    },
    /// Write every table as a Parquet file into a new folder.
    Export {
        /// The folder to create (default: a new folder in the reports folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
    /// Delete one customer's data from every table (right to erasure).
    Erase {
        /// Their e-mail address, phone number or customer id.
        customer: String,
        /// Only count what would be deleted.
        #[arg(long)]
        dry_run: bool,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(engine: &Engine, command: Option<PrivacyCommand>) -> Result<(), EngineError> {
    match command.unwrap_or(PrivacyCommand::Report { json: false }) {
        PrivacyCommand::Report { json } => {
            let r = engine.personal_data_report()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r).expect("report serialises"));
                return Ok(());
            }
            println!(
                "{} customers. New imports store personal data {}.",
                r.customers,
                if r.hashing { "as keyed hashes" } else { "in plain text" }
            );
            println!("{:<66} {:>9} {:>11}", "", "hashed", "plain text");
            for item in &r.items {
                println!("{:<66} {:>9} {:>11}", item.label, item.hashed, item.plain);
                if let Some(note) = &item.note {
                    println!("    {note}");
                }
            }
        }
        PrivacyCommand::Hashing { state } => {
            let s = engine.set_privacy_settings(&PrivacySettings { hash_personal_data: state == "on" })?;
            println!(
                "New imports store e-mails, phones, names and addresses {}.",
                if s.hash_personal_data { "as keyed hashes" } else { "in plain text" }
            );
        }
        PrivacyCommand::Export { out, json } => {
            let e = engine.export_workspace(out.as_deref())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&e).expect("export serialises"));
                return Ok(());
            }
            for t in &e.tables {
                println!("{:<28} {:>10} rows", format!("{}.parquet", t.table), t.rows);
            }
            println!("{} tables, {} rows, written to {}", e.tables.len(), e.total_rows, e.folder);
        }
        PrivacyCommand::Erase { customer, dry_run, yes, json } => {
            let preview = engine.erase_customer(&ErasureRequest { customer: customer.clone(), dry_run: true })?;
            let report = if dry_run {
                preview
            } else {
                let question = format!(
                    "Erase {}: {} rows in {} tables? This cannot be undone. [y/N] ",
                    preview.label,
                    preview.total_rows,
                    preview.tables.len()
                );
                if !yes && !crate::confirm(&question) {
                    println!("Nothing erased.");
                    return Ok(());
                }
                engine.erase_customer(&ErasureRequest { customer, dry_run: false })?
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&report).expect("report serialises"));
                return Ok(());
            }
            for t in &report.tables {
                println!("{:<24} {:>8}", t.table, t.rows);
            }
            println!(
                "{} {} rows of {} from {} tables.",
                if report.dry_run { "Would erase" } else { "Erased" },
                report.total_rows,
                report.label,
                report.tables.len()
            );
        }
    }
    Ok(())
}
