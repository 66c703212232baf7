//! Requests, answers, settings and evaluation results of the support
//! assistant. The UI's TypeScript types are generated from these.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One intent: what customers want, defined by example phrases the merchant
/// can edit. `sensitive` intents always go to a person.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct IntentDef {
    pub id: String,
    pub label: String,
    pub examples: Vec<String>,
    pub sensitive: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct IntentScore {
    pub intent: String,
    pub label: String,
    /// 0–1, summing to 1 over all intents.
    pub confidence: f64,
}

/// Where a sentence of the answer comes from; the UI opens it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A passage of a knowledge-base document.
    Policy,
    Product,
    Order,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Citation {
    pub kind: SourceKind,
    /// kb chunk id, product id or order id.
    pub id: String,
    /// "Returns and exchanges › Refunds", a product title, "Order #1042".
    pub title: String,
    /// The source text itself, as the UI shows it when the citation is opened.
    pub body: String,
}

/// Why the assistant hands over to a person.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum EscalationReason {
    /// Top-intent confidence below the threshold.
    LowConfidence,
    /// The first two intents are too close to tell apart.
    Ambiguous,
    /// The customer asked for a person.
    AskedForHuman,
    /// Refund amounts: only a person commits to money.
    RefundAmount,
    /// Cancelling an order that has already shipped.
    ShippedCancellation,
    /// A complaint with legal words (lawyer, chargeback, ...).
    Legal,
    /// Health or safety (injury, allergy, fire, ...).
    Safety,
    /// An intent the merchant marked sensitive.
    SensitiveIntent,
    /// No source answers the question.
    NoSource,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Escalation {
    pub reason: EscalationReason,
    /// The reason in words, for the merchant.
    pub explanation: String,
    /// What the agent who takes over reads first (no personal data).
    pub summary: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct AskRequest {
    pub message: String,
    /// The customer's e-mail, when the store requires it for order questions.
    #[serde(default)]
    pub email: Option<String>,
}

/// What the bot would answer, why, from which sources, or why it hands over.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct AssistantAnswer {
    pub intent: String,
    pub intent_label: String,
    pub confidence: f64,
    /// Confidence of the first intent minus the second's.
    pub margin: f64,
    /// The three most likely intents.
    pub top_intents: Vec<IntentScore>,
    /// The reply as the customer would read it; the escalation hand-over
    /// message when escalated.
    pub answer: String,
    pub citations: Vec<Citation>,
    pub escalation: Option<Escalation>,
    /// Order number found in the message, if any.
    pub order_id: Option<String>,
    /// True when the local generator worded the answer (from the same sources).
    pub generated: bool,
    /// Why the generator's wording is not used, when it is switched on but failed.
    pub notice: Option<String>,
    pub took_ms: f64,
}

/// Thresholds and rules of the assistant (per workspace).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(default)]
pub struct AssistantSettings {
    /// Escalate when the top intent's confidence is below this (Rasa: 0.3).
    pub confidence_threshold: f64,
    /// Escalate when the first two intents are closer than this (Rasa: 0.1).
    pub margin_threshold: f64,
    /// Order questions need the order's e-mail as well as its number.
    pub require_email: bool,
    /// Optional local generator: the base URL of an OpenAI-compatible server
    /// on this computer (`http://127.0.0.1:11434/v1` for Ollama). Off (null)
    /// by default; only loopback addresses are accepted.
    pub generator_url: Option<String>,
    /// The model name the generator serves.
    pub generator_model: String,
}

impl Default for AssistantSettings {
    fn default() -> Self {
        AssistantSettings {
            confidence_threshold: 0.3,
            margin_threshold: 0.1,
            require_email: false,
            generator_url: None,
            generator_model: "llama3.2".into(),
        }
    }
}

/// One conversation of a batch evaluation.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct EvaluatedMessage {
    pub conversation_id: String,
    pub message: String,
    /// The label imported with the conversation, when present.
    pub label: Option<String>,
    /// The intent that label teaches (the merchant's mapping or the intent
    /// of the same name); None when it teaches none yet, and then the
    /// message is not scored.
    pub expected: Option<String>,
    pub predicted: String,
    pub confidence: f64,
    pub margin: f64,
    pub escalation: Option<EscalationReason>,
    /// The hand-over a rule decides whatever the confidence threshold (for the sweep).
    pub rule_escalation: Option<EscalationReason>,
    pub cited: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ConfusionCell {
    pub expected: String,
    pub predicted: String,
    #[ts(type = "number")]
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ReasonCount {
    pub reason: EscalationReason,
    #[ts(type = "number")]
    pub count: u64,
}

/// One point of the threshold sweep.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct SweepPoint {
    pub threshold: f64,
    /// Answered without escalation ÷ all.
    pub containment: f64,
    /// Answered with the wrong intent ÷ answered (labelled messages only).
    pub wrong_answer_rate: f64,
}

/// Every imported conversation's first customer message run through the assistant.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Evaluation {
    #[ts(type = "number")]
    pub messages: u64,
    /// Messages whose label teaches one of the assistant's intents (scored).
    #[ts(type = "number")]
    pub labelled: u64,
    /// Messages with a label that teaches no intent yet (not scored).
    #[ts(type = "number")]
    pub unscored: u64,
    pub containment_rate: f64,
    /// Correct intent ÷ labelled messages.
    pub intent_accuracy: f64,
    /// Answered messages that cite a source ÷ answered (should be 1).
    pub cited_rate: f64,
    pub confusion: Vec<ConfusionCell>,
    pub escalations: Vec<ReasonCount>,
    pub sweep: Vec<SweepPoint>,
    pub results: Vec<EvaluatedMessage>,
    pub settings: AssistantSettings,
    pub took_ms: f64,
}

/// What an imported intent label teaches the assistant.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LabelUse {
    /// The intent of the same name.
    SameName,
    /// The intent the merchant mapped it to.
    Mapped,
    /// An intent of its own, made from its conversations.
    Own,
    /// The merchant chose not to use it.
    NotUsed,
    /// Nothing yet: neither an intent's name nor mapped.
    Undecided,
}

/// A label imported with support conversations.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ImportedLabel {
    pub label: String,
    #[ts(type = "number")]
    pub conversations: u64,
    /// The intent its conversations teach and are scored against.
    pub intent: Option<String>,
    pub used: LabelUse,
    /// A few of its conversations' first customer messages.
    pub examples: Vec<String>,
}

/// The merchant's decision on an imported label.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(tag = "use", rename_all = "snake_case")]
pub enum LabelChoice {
    /// Teach this intent (a built-in one or one of the merchant's).
    Intent { intent: String },
    /// Keep it as an intent of its own.
    Own,
    /// Do not use it.
    NotUsed,
}
