//! `insights assistant`: what the support bot would answer a question, the
//! batch evaluation over every imported conversation, and what the intent
//! labels imported with those conversations teach it.

use std::path::PathBuf;

use clap::Subcommand;
use insights_engine::{thousands, AskRequest, Engine, EngineError, LabelChoice, LabelUse};

#[derive(Subcommand)]
pub enum AssistantCommand {
    /// The answer to one customer message: intent, confidence, sources, or why it hands over.
    Ask {
        /// The customer's message, as they wrote it.
        message: String,
        /// The customer's e-mail (when the store requires it for order questions).
        #[arg(long)]
        email: Option<String>,
        /// Print JSON instead of the answer.
        #[arg(long)]
        json: bool,
    },
    /// Every imported conversation's first customer message through the
    /// assistant: containment, intent accuracy, escalations, threshold sweep.
    Evaluate {
        /// Also write one row per conversation to this CSV file.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
    /// The intent labels imported with support conversations and the intent
    /// each one teaches; with a LABEL and --intent, --own or --not-used,
    /// decides what that label teaches.
    Labels {
        /// An imported intent label (omit to list them all).
        label: Option<String>,
        /// Teach this intent (see the list for the assistant's intents).
        #[arg(long, requires = "label", conflicts_with_all = ["own", "not_used"])]
        intent: Option<String>,
        /// Keep the label as an intent of its own, its conversations' first messages as examples.
        #[arg(long, requires = "label", conflicts_with = "not_used")]
        own: bool,
        /// Do not use the label.
        #[arg(long, requires = "label")]
        not_used: bool,
        /// Keep every undecided label as an intent of its own.
        #[arg(long, conflicts_with = "label")]
        keep_undecided: bool,
        /// Print JSON instead of a list.
        #[arg(long)]
        json: bool,
    },
}

/// What a label teaches, in words.
fn teaches(l: &insights_engine::ImportedLabel) -> String {
    let intent = l.intent.as_deref().unwrap_or("");
    match l.used {
        LabelUse::SameName => format!("{intent} (same name)"),
        LabelUse::Mapped => format!("{intent} (mapped)"),
        LabelUse::Own => format!("{intent} (its own intent)"),
        LabelUse::NotUsed => "nothing (not used)".into(),
        LabelUse::Undecided => "nothing yet: map it or keep it as its own intent".into(),
    }
}

pub fn run(engine: &Engine, cmd: AssistantCommand) -> Result<(), EngineError> {
    match cmd {
        AssistantCommand::Labels { label, intent, own, not_used, keep_undecided, json } => {
            let choice = match (intent, own, not_used) {
                (Some(intent), _, _) => Some(LabelChoice::Intent { intent }),
                (None, true, _) => Some(LabelChoice::Own),
                (None, false, true) => Some(LabelChoice::NotUsed),
                _ => None,
            };
            let mut labels = match (&label, choice) {
                (Some(label), Some(choice)) => engine.set_assistant_label(label, &choice)?,
                _ => engine.assistant_labels()?,
            };
            if keep_undecided {
                let undecided: Vec<String> =
                    labels.iter().filter(|l| l.used == LabelUse::Undecided).map(|l| l.label.clone()).collect();
                for l in &undecided {
                    labels = engine.set_assistant_label(l, &LabelChoice::Own)?;
                }
            }
            if let Some(label) = &label {
                labels.retain(|l| &l.label == label);
                if labels.is_empty() {
                    return Err(EngineError::InvalidSettings {
                        message: format!("no imported conversation has the label \"{label}\""),
                    });
                }
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&labels).expect("labels serialise"));
                return Ok(());
            }
            if labels.is_empty() {
                println!("No imported conversation has an intent label: import a labelled conversations export first.");
                return Ok(());
            }
            let width = labels.iter().map(|l| l.label.chars().count()).max().unwrap_or(5).max(5);
            println!("{:<width$}  {:>13}  teaches", "label", "conversations");
            for l in &labels {
                println!("{:<width$}  {:>13}  {}", l.label, thousands(l.conversations as i64), teaches(l));
            }
            let undecided = labels.iter().filter(|l| l.used == LabelUse::Undecided).count();
            if undecided > 0 {
                println!(
                    "{undecided} label{} teach the assistant nothing yet: `insights assistant labels LABEL --intent INTENT` \
                     maps one, `--own` keeps it as its own intent, `--keep-undecided` keeps them all.",
                    if undecided == 1 { "" } else { "s" }
                );
            }
            Ok(())
        }
        AssistantCommand::Ask { message, email, json } => {
            let a = engine.assistant_ask(&AskRequest { message, email })?;
            if json {
                println!("{}", serde_json::to_string_pretty(&a).expect("answer serialises"));
                return Ok(());
            }
            println!(
                "intent      {} ({}), confidence {:.2}, margin {:.2}",
                a.intent_label, a.intent, a.confidence, a.margin
            );
            if let Some(e) = &a.escalation {
                println!("HAND OVER   {}", e.explanation);
                println!("for agent   {}", e.summary);
            }
            println!("answer      {}", a.answer);
            for c in &a.citations {
                println!("source      {}", c.title);
            }
            println!("took        {:.1} ms", a.took_ms);
            Ok(())
        }
        AssistantCommand::Evaluate { csv, json } => {
            let e = engine.assistant_evaluate()?;
            if let Some(path) = &csv {
                engine.export_assistant_evaluation(&e.evaluation, path)?;
            }
            let v = &e.evaluation;
            if json {
                let mut out = serde_json::to_value(v).expect("evaluation serialises");
                out["results"] = serde_json::Value::Null;
                println!("{}", serde_json::to_string_pretty(&out).expect("JSON prints"));
                return Ok(());
            }
            if v.messages == 0 {
                println!("No support conversations in this workspace: import a conversations export first.");
                return Ok(());
            }
            println!("conversations       {}", v.messages);
            println!("containment         {:.1}% answered without a person", v.containment_rate * 100.0);
            println!("intent accuracy     {:.1}% of {} labelled", v.intent_accuracy * 100.0, v.labelled);
            if v.unscored > 0 {
                println!(
                    "not scored          {} with labels that teach no intent yet (see `insights assistant labels`)",
                    thousands(v.unscored as i64)
                );
            }
            println!("answers with source {:.1}%", v.cited_rate * 100.0);
            for r in &v.escalations {
                let name = serde_json::to_value(r.reason).ok().and_then(|x| x.as_str().map(str::to_string));
                println!("  handed over: {:<22} {}", name.unwrap_or_default(), r.count);
            }
            println!("threshold  containment  wrong answers");
            for p in v.sweep.iter().step_by(2) {
                println!(
                    "  {:.2}       {:>5.1}%       {:>5.1}%",
                    p.threshold,
                    p.containment * 100.0,
                    p.wrong_answer_rate * 100.0
                );
            }
            if let Some(path) = csv {
                println!("Rows written to {}", path.display());
            }
            Ok(())
        }
    }
}
