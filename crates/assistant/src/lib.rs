//! The support assistant's preview: what a chatbot would answer a customer,
//! from which source, and when it would hand over to a person. Intents are
//! recognised by nearest neighbours on the local embeddings; answers are
//! composed from templates and the merchant's own knowledge base, catalog and
//! orders only. It never calls a model that writes text, and it owns no
//! embedding model: the caller embeds (see [`Embed`]).

mod answer;
mod facts;
pub mod generator;
pub mod intents;
pub mod labels;
mod markdown;
mod rules;
pub mod types;

use std::time::Instant;

use insights_embed::{OwnerKind, DIMENSIONS};
use insights_store::duckdb::{self, params, Connection};
use insights_store::settings;

pub use types::*;

#[derive(Debug, thiserror::Error)]
pub enum AssistantError {
    #[error("database error in the assistant: {0}")]
    Db(#[from] duckdb::Error),
    #[error(transparent)]
    Store(#[from] insights_store::StoreError),
    #[error(transparent)]
    Embed(#[from] insights_embed::EmbedError),
    #[error("{0}")]
    Settings(String),
    #[error("type a question for the assistant")]
    EmptyMessage,
    #[error("{0}")]
    Generator(String),
}

impl AssistantError {
    /// The stable code the adapters report (`ApiError.code`).
    pub fn code(&self) -> &'static str {
        match self {
            AssistantError::Db(_) => "database",
            AssistantError::Store(e) => e.code(),
            AssistantError::Embed(e) => e.code(),
            AssistantError::Settings(_) => "invalid_settings",
            AssistantError::EmptyMessage => "empty_message",
            AssistantError::Generator(_) => "generator_failed",
        }
    }
}

pub type Result<T, E = AssistantError> = std::result::Result<T, E>;

/// Turns texts into unit vectors with the workspace's embedding model.
pub trait Embed {
    fn embed(&mut self, texts: &[String]) -> Result<Vec<Vec<f32>>>;
}

const SETTINGS_KEY: &str = "assistant_settings";
const INTENTS_KEY: &str = "assistant_intents";
/// Neighbours averaged per intent, and the softmax temperature that turns
/// those similarities into confidences.
const NEIGHBOURS: usize = 3;
const TEMPERATURE: f64 = 0.05;

/// A phrase with a known intent: a built-in example or an imported,
/// labelled customer message.
struct Reference {
    intent: usize,
    /// The conversation it comes from (left out when that conversation is evaluated).
    conversation: Option<String>,
    vector: Vec<f32>,
}

/// Everything the assistant needs of one workspace, built once and reused.
pub struct Assistant {
    intents: Vec<IntentDef>,
    refs: Vec<Reference>,
    pub(crate) kb: Vec<facts::Passage>,
    /// Passages not embedded yet: a question they answer is handed over as
    /// "still reading", not as "no source".
    pub(crate) kb_unread: usize,
    pub(crate) products: Vec<facts::Product>,
    pub(crate) order_names: facts::OrderNames,
    settings: AssistantSettings,
}

use insights_embed::dot;

pub fn load_settings(conn: &Connection) -> Result<AssistantSettings> {
    Ok(settings::load(conn, SETTINGS_KEY)?)
}

pub fn save_settings(conn: &Connection, s: &AssistantSettings) -> Result<()> {
    let ok = |x: f64| (0.0..=1.0).contains(&x);
    if !ok(s.confidence_threshold) || !ok(s.margin_threshold) {
        return Err(AssistantError::Settings(
            "thresholds are between 0 and 1 (Rasa's defaults: confidence 0.3, margin 0.1)".into(),
        ));
    }
    let mut s = s.clone();
    s.generator_url = match s.generator_url.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(url) => Some(generator::check_url(url)?),
    };
    Ok(settings::save(conn, SETTINGS_KEY, &s)?)
}

/// The workspace's intents: the built-in ones with the merchant's edits.
pub fn load_intents(conn: &Connection) -> Result<Vec<IntentDef>> {
    Ok(settings::load_or_else(conn, INTENTS_KEY, intents::built_in)?)
}

pub fn save_intents(conn: &Connection, list: &[IntentDef]) -> Result<()> {
    if list.is_empty() || list.iter().any(|i| i.id.trim().is_empty()) {
        return Err(AssistantError::Settings("every intent needs a name".into()));
    }
    if let Some(i) = list.iter().find(|i| i.examples.iter().all(|e| e.trim().is_empty())) {
        return Err(AssistantError::Settings(format!("the intent \"{}\" needs at least one example phrase", i.label)));
    }
    Ok(settings::save(conn, INTENTS_KEY, &list)?)
}

/// What decides whether a built assistant is still current: settings,
/// intents, and the number of stored vectors of each kind.
pub fn fingerprint(conn: &Connection, model_id: &str) -> Result<String> {
    let counts: String = conn.query_row(
        "SELECT string_agg(owner_kind || ':' || n, ',' ORDER BY owner_kind)
         FROM (SELECT owner_kind, count(*) AS n FROM embeddings WHERE model_id = ? GROUP BY owner_kind)",
        params![model_id],
        |r| Ok(r.get::<_, Option<String>>(0)?.unwrap_or_default()),
    )?;
    let data: String = conn.query_row(
        "SELECT (SELECT count(*) FROM orders) || '/' || (SELECT count(*) FROM products) || '/' ||
                (SELECT count(*) FROM support_conversations) || '/' || (SELECT count(*) FROM returns) || '/' ||
                (SELECT count(*) FROM kb_chunks)",
        [],
        |r| r.get(0),
    )?;
    Ok(format!(
        "{counts}|{data}|{}|{}|{}",
        settings::meta(conn, SETTINGS_KEY)?.unwrap_or_default(),
        settings::meta(conn, INTENTS_KEY)?.unwrap_or_default(),
        settings::meta(conn, labels::LABELS_KEY)?.unwrap_or_default()
    ))
}

/// The first customer message of each conversation, with its label and the
/// id its vector is stored under.
pub(crate) struct FirstMessage {
    pub conversation_id: String,
    pub owner_id: String,
    pub text: String,
    pub intent: Option<String>,
}

pub(crate) fn first_messages(conn: &Connection) -> Result<Vec<FirstMessage>> {
    let mut stmt = conn.prepare(
        "SELECT c.conversation_id, m.conversation_id || '#' || m.seq, m.text, c.intent
         FROM support_conversations c
         JOIN (SELECT conversation_id, min(seq) AS seq FROM support_messages
               WHERE role = 'customer' AND trim(text) <> '' GROUP BY conversation_id) f USING (conversation_id)
         JOIN support_messages m ON m.conversation_id = f.conversation_id AND m.seq = f.seq
         ORDER BY c.conversation_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(FirstMessage {
            conversation_id: r.get(0)?,
            owner_id: r.get(1)?,
            text: r.get(2)?,
            intent: r.get::<_, Option<String>>(3)?.filter(|s| !s.trim().is_empty()),
        })
    })?;
    Ok(rows.collect::<duckdb::Result<Vec<_>>>()?)
}

impl Assistant {
    /// Builds the assistant of a workspace: embeds the intents' example
    /// phrases, and reads the stored vectors of labelled customer messages
    /// and knowledge-base passages, the catalog's facts and return reasons.
    pub fn build(conn: &Connection, model_id: &str, embedder: &mut dyn Embed) -> Result<Assistant> {
        let intents = load_intents(conn)?;
        let settings = load_settings(conn)?;
        let mut refs = Vec::new();
        let examples: Vec<(usize, String)> = intents
            .iter()
            .enumerate()
            .flat_map(|(i, d)| d.examples.iter().filter(|e| !e.trim().is_empty()).map(move |e| (i, e.clone())))
            .collect();
        let texts: Vec<String> = examples.iter().map(|(_, t)| t.clone()).collect();
        for ((intent, _), vector) in examples.iter().zip(embedder.embed(&texts)?) {
            refs.push(Reference { intent: *intent, conversation: None, vector });
        }
        // Labelled conversations: their first customer message, when embedded.
        let stored = insights_embed::store::load(conn, OwnerKind::SupportMessage, model_id)?;
        let index: std::collections::HashMap<&str, usize> =
            stored.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        let map = labels::label_map(conn)?;
        for m in first_messages(conn)? {
            let Some(label) = m.intent.as_deref() else { continue };
            let Some(intent) = labels::resolve(label, &intents, &map) else { continue };
            if let Some(&row) = index.get(m.owner_id.as_str()) {
                refs.push(Reference {
                    intent,
                    conversation: Some(m.conversation_id),
                    vector: stored.row(row).to_vec(),
                });
            }
        }
        let (kb, kb_unread) = facts::passages(conn, model_id)?;
        Ok(Assistant {
            kb,
            kb_unread,
            products: facts::products(conn)?,
            order_names: facts::OrderNames::learn(conn)?,
            intents,
            refs,
            settings,
        })
    }

    pub fn settings(&self) -> &AssistantSettings {
        &self.settings
    }

    pub fn intents(&self) -> &[IntentDef] {
        &self.intents
    }

    /// Confidence per intent (softmax over the mean similarity of each
    /// intent's nearest references), best first. `exclude` leaves out the
    /// references of one conversation (evaluation on labelled data).
    pub(crate) fn classify(&self, vector: &[f32], exclude: Option<&str>) -> Vec<IntentScore> {
        let mut sims: Vec<Vec<f32>> = vec![Vec::new(); self.intents.len()];
        for r in &self.refs {
            if exclude.is_some() && r.conversation.as_deref() == exclude {
                continue;
            }
            sims[r.intent].push(dot(vector, &r.vector));
        }
        let scores: Vec<f64> = sims
            .iter_mut()
            .map(|s| {
                if s.is_empty() {
                    return f64::NEG_INFINITY;
                }
                s.sort_by(|a, b| b.total_cmp(a));
                let k = s.len().min(NEIGHBOURS);
                s[..k].iter().map(|&x| x as f64).sum::<f64>() / k as f64
            })
            .collect();
        let top = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exp: Vec<f64> = scores.iter().map(|s| ((s - top) / TEMPERATURE).exp()).collect();
        let total: f64 = exp.iter().sum();
        let mut out: Vec<IntentScore> = self
            .intents
            .iter()
            .zip(exp)
            .map(|(d, e)| IntentScore {
                intent: d.id.clone(),
                label: d.label.clone(),
                confidence: if total > 0.0 { e / total } else { 0.0 },
            })
            .collect();
        out.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        out
    }

    /// What the bot would answer `request`.
    /// `hasher` is the workspace's: an e-mail given with the question is
    /// compared with orders through its keyed hash, never in plain text.
    pub fn ask(
        &self,
        conn: &Connection,
        request: &AskRequest,
        hasher: &insights_store::PiiHasher,
        embedder: &mut dyn Embed,
    ) -> Result<AssistantAnswer> {
        let started = Instant::now();
        let message = request.message.trim();
        if message.is_empty() {
            return Err(AssistantError::EmptyMessage);
        }
        let vector = embedder.embed(&[message.to_string()])?.pop().unwrap_or_else(|| vec![0.0; DIMENSIONS]);
        let key = request.email.as_deref().and_then(|e| hasher.key("email", e));
        let (mut a, _) = self.answer(conn, message, key.as_deref(), &vector, None, &self.settings)?;
        // The local generator only rewords an answer the rules let through.
        if let (Some(url), None) = (&self.settings.generator_url, &a.escalation) {
            match generator::generate(url, &self.settings.generator_model, message, &a.citations) {
                Ok(text) => {
                    a.answer = text;
                    a.generated = true;
                }
                Err(e) => a.notice = Some(format!("{e}; showing the composed answer instead")),
            }
        }
        a.took_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(a)
    }

    /// Runs every imported conversation's first customer message through the
    /// assistant (stored vectors; messages not yet embedded are embedded
    /// here), each classified without its own conversation's label.
    pub fn evaluate(&self, conn: &Connection, embedder: &mut dyn Embed) -> Result<Evaluation> {
        let started = Instant::now();
        let messages = first_messages(conn)?;
        let stored = insights_embed::store::load(conn, OwnerKind::SupportMessage, &insights_embed::model_id())?;
        let index: std::collections::HashMap<&str, usize> =
            stored.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        let missing: Vec<String> =
            messages.iter().filter(|m| !index.contains_key(m.owner_id.as_str())).map(|m| m.text.clone()).collect();
        let mut fresh = if missing.is_empty() { Vec::new() } else { embedder.embed(&missing)? }.into_iter();
        let map = labels::label_map(conn)?;
        let mut results = Vec::with_capacity(messages.len());
        for m in &messages {
            let vector = match index.get(m.owner_id.as_str()) {
                Some(&row) => stored.row(row).to_vec(),
                None => fresh.next().unwrap_or_else(|| vec![0.0; DIMENSIONS]),
            };
            // No e-mail check in a batch: the log holds none to check with.
            let mut s = self.settings.clone();
            s.require_email = false;
            let (a, rule) = self.answer(conn, &m.text, None, &vector, Some(&m.conversation_id), &s)?;
            results.push(EvaluatedMessage {
                conversation_id: m.conversation_id.clone(),
                message: m.text.clone(),
                label: m.intent.clone(),
                expected: m
                    .intent
                    .as_deref()
                    .and_then(|l| labels::resolve(l, &self.intents, &map))
                    .map(|i| self.intents[i].id.clone()),
                predicted: a.intent.clone(),
                confidence: a.confidence,
                margin: a.margin,
                escalation: a.escalation.as_ref().map(|e| e.reason),
                rule_escalation: rule,
                cited: !a.citations.is_empty(),
            });
        }
        Ok(rules::summarise(results, &self.settings, started))
    }
}
