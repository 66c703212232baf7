//! The support assistant's preview on the current workspace: one question,
//! or every imported conversation in a batch, with the settings and intents
//! the merchant keeps in the workspace.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use insights_assistant::{Assistant, AssistantError, Embed};
use insights_charts::{Chart, XySeries};

use crate::api::*;
use crate::{Engine, EngineError, Result};

/// The engine's embedding model, as the assistant asks for it.
struct EngineEmbed<'a>(&'a Engine);

impl Embed for EngineEmbed<'_> {
    fn embed(&mut self, texts: &[String]) -> insights_assistant::Result<Vec<Vec<f32>>> {
        self.0.embed_texts(texts, 16).map_err(|e| match e {
            EngineError::Embed(e) => AssistantError::Embed(e),
            other => AssistantError::Settings(other.to_string()),
        })
    }
}

impl Engine {
    fn assistant(&self) -> Result<Arc<Assistant>> {
        let model_id = insights_embed::model_id();
        let (path, fingerprint) = self
            .with_current(|ws| Ok((ws.path().to_path_buf(), insights_assistant::fingerprint(ws.conn(), &model_id)?)))?;
        if let Some(assistant) = self.caches.assistant.get(&path, &fingerprint) {
            return Ok(assistant);
        }
        // Load the model (a second or two the first time) before taking the
        // workspace, so other screens are not kept waiting meanwhile.
        let mut embed = EngineEmbed(self);
        embed.embed(&["warm up".to_string()])?;
        let assistant = Arc::new(self.with_current(|ws| Ok(Assistant::build(ws.conn(), &model_id, &mut embed)?))?);
        self.caches.assistant.put(&path, fingerprint, Arc::clone(&assistant));
        Ok(assistant)
    }

    /// What the bot would answer one customer message, why, and from which sources.
    pub fn assistant_ask(&self, request: &AskRequest) -> Result<AssistantAnswer> {
        let assistant = self.assistant()?;
        let started = std::time::Instant::now();
        let mut embed = EngineEmbed(self);
        let mut answer =
            self.with_current(|ws| Ok(assistant.ask(ws.conn(), request, &ws.pii_hasher()?, &mut embed)?))?;
        answer.took_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(answer)
    }

    /// Every imported conversation's first customer message through the
    /// assistant: containment, intent accuracy, confusion, escalations and
    /// the threshold sweep (with its chart).
    pub fn assistant_evaluate(&self) -> Result<AssistantEvaluation> {
        let assistant = self.assistant()?;
        let mut embed = EngineEmbed(self);
        let evaluation = self.with_current(|ws| Ok(assistant.evaluate(ws.conn(), &mut embed)?))?;
        let chart = Chart::Lines {
            title: "Containment and wrong answers as the confidence threshold moves".into(),
            x_label: "Confidence threshold".into(),
            y_label: "Share of conversations".into(),
            series: vec![
                XySeries {
                    name: "Answered without a person (containment)".into(),
                    points: evaluation.sweep.iter().map(|p| (p.threshold, p.containment)).collect(),
                },
                XySeries {
                    name: "Answered with the wrong intent".into(),
                    points: evaluation.sweep.iter().map(|p| (p.threshold, p.wrong_answer_rate)).collect(),
                },
            ],
        };
        Ok(AssistantEvaluation { sweep_chart_svg: insights_charts::render_svg(&chart), evaluation })
    }

    /// Writes an evaluation's messages as CSV (one row per conversation).
    pub fn export_assistant_evaluation(&self, evaluation: &Evaluation, out: &Path) -> Result<PathBuf> {
        let mut csv =
            String::from("conversation_id,label,expected,predicted,confidence,margin,escalation,cited,message\n");
        let cell = crate::csv_cell;
        for r in &evaluation.results {
            let escalation = r
                .escalation
                .and_then(|e| serde_json::to_value(e).ok())
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            csv.push_str(&format!(
                "{},{},{},{},{:.4},{:.4},{},{},{}\n",
                cell(&r.conversation_id),
                cell(r.label.as_deref().unwrap_or("")),
                cell(r.expected.as_deref().unwrap_or("")),
                cell(&r.predicted),
                r.confidence,
                r.margin,
                escalation,
                r.cited,
                cell(&r.message)
            ));
        }
        crate::write_file(out, csv)
    }

    /// Runs the evaluation and writes it into the reports folder as CSV.
    pub fn export_assistant_evaluation_to_reports(&self) -> Result<PathBuf> {
        let e = self.assistant_evaluate()?;
        self.export_assistant_evaluation(&e.evaluation, &self.reports_dir()?.join("assistant-evaluation.csv"))
    }

    /// Example questions and the assistant's answers for the demo report
    /// (none without the model or a knowledge base).
    pub(crate) fn report_answers(&self) -> Vec<(String, AssistantAnswer)> {
        if !self.model_status().ready {
            return Vec::new();
        }
        let order = self
            .with_current(|ws| {
                Ok(ws
                    .conn()
                    .query_row("SELECT min(order_id) FROM orders", [], |r| r.get::<_, Option<String>>(0))
                    .ok()
                    .flatten())
            })
            .ok()
            .flatten();
        let mut questions = vec!["Can I return sale items?".to_string(), "Do you ship to Australia?".to_string()];
        if let Some(o) = order {
            questions.insert(0, format!("Where is my order {o}?"));
            questions.push(format!("How much will I get back as a refund for order {o}?"));
        }
        questions
            .into_iter()
            .filter_map(|q| {
                let a = self.assistant_ask(&AskRequest { message: q.clone(), email: None }).ok()?;
                Some((q, a))
            })
            .collect()
    }

    pub fn assistant_settings(&self) -> Result<AssistantSettings> {
        self.with_current(|ws| Ok(insights_assistant::load_settings(ws.conn())?))
    }

    pub fn set_assistant_settings(&self, settings: &AssistantSettings) -> Result<AssistantSettings> {
        self.save_then_load(|c| insights_assistant::save_settings(c, settings), insights_assistant::load_settings)
    }

    pub fn assistant_intents(&self) -> Result<Vec<IntentDef>> {
        self.with_current(|ws| Ok(insights_assistant::load_intents(ws.conn())?))
    }

    /// The intent labels imported with support conversations, what each
    /// teaches the assistant, most used first.
    pub fn assistant_labels(&self) -> Result<Vec<ImportedLabel>> {
        self.with_current(|ws| Ok(insights_assistant::labels::imported_labels(ws.conn())?))
    }

    /// Maps an imported label to an intent, keeps it as an intent of its
    /// own, or sets it aside; returns the labels as they now stand.
    pub fn set_assistant_label(&self, label: &str, choice: &LabelChoice) -> Result<Vec<ImportedLabel>> {
        self.with_current(|ws| {
            insights_assistant::labels::set_label(ws.conn(), label, choice)?;
            Ok(insights_assistant::labels::imported_labels(ws.conn())?)
        })
    }

    pub fn set_assistant_intents(&self, intents: &[IntentDef]) -> Result<Vec<IntentDef>> {
        self.with_current(|ws| {
            insights_assistant::save_intents(ws.conn(), intents)?;
            Ok(insights_assistant::load_intents(ws.conn())?)
        })
    }
}
