//! `insights assistant`: what the support bot would answer a question, and
//! the batch evaluation over every imported conversation.

use std::path::PathBuf;

use clap::Subcommand;
use insights_engine::{AskRequest, Engine, EngineError};

#[derive(Subcommand)]
pub enum AssistantCommand {
    /// The answer to one customer message: intent, confidence, sources, or why it hands over.
    Ask {
        message: String,
        /// The customer's e-mail (when the store requires it for order questions).
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Every imported conversation's first customer message through the
    /// assistant: containment, intent accuracy, escalations, threshold sweep.
    Evaluate {
        /// Also write one row per conversation to this CSV file.
        #[arg(long)]
        csv: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(engine: &Engine, cmd: AssistantCommand) -> Result<(), EngineError> {
    match cmd {
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
