//! Deterministic hand-over rules (what a person must handle whatever the
//! model's confidence) and the batch evaluation's figures.

use std::collections::BTreeMap;
use std::time::Instant;

use crate::types::*;

fn has_word(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| words.iter().any(|x| w == *x || (x.ends_with('*') && w.starts_with(&x[..x.len() - 1]))))
}

/// The customer asks for a person.
pub(crate) fn asks_for_human(lower: &str) -> bool {
    let person = has_word(lower, &["human", "person", "agent", "representative", "someone", "somebody", "manager"]);
    let verb = has_word(lower, &["speak", "talk", "call", "connect", "contact", "get", "want", "need", "real"]);
    person && verb
}

pub(crate) fn legal(lower: &str) -> bool {
    has_word(
        lower,
        &[
            "lawyer*",
            "attorney",
            "legal",
            "lawsuit",
            "sue",
            "suing",
            "court",
            "chargeback*",
            "fraud*",
            "scam*",
            "trading",
        ],
    ) && !lower.contains("trading card")
}

pub(crate) fn safety(lower: &str) -> bool {
    has_word(
        lower,
        &[
            "injur*",
            "hurt",
            "allerg*",
            "rash*",
            "burn*",
            "fire",
            "toxic",
            "unsafe",
            "dangerous",
            "hospital",
            "bleeding",
            "poison*",
        ],
    )
}

/// A question about how much money comes back: only a person commits to an amount.
pub(crate) fn refund_amount(lower: &str) -> bool {
    let refund = has_word(lower, &["refund*", "money", "reimburse*", "compensat*"]);
    let amount = lower.contains("how much")
        || has_word(lower, &["amount", "full", "partial", "percent", "total"])
        || lower.contains('$')
        || lower.contains('€')
        || lower.contains('£');
    refund && amount
}

/// Replaces e-mail addresses and long digit runs (phone numbers, card
/// numbers) so an agent summary never carries personal data.
pub(crate) fn redact(text: &str, keep: Option<&str>) -> String {
    let words: Vec<String> = text
        .split(' ')
        .map(|w| {
            let digits = w.chars().filter(char::is_ascii_digit).count();
            let core = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '#');
            if w.contains('@') && w.contains('.') {
                "[e-mail]".to_string()
            } else if Some(core) == keep || (keep.map(|k| k.trim_start_matches('#')) == Some(core)) {
                w.to_string()
            } else if digits >= 7 {
                "[number]".to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    let mut out = words.join(" ");
    if out.chars().count() > 160 {
        out = out.chars().take(157).collect::<String>() + "…";
    }
    out
}

/// `unread`: policy passages an embedding run has not read yet.
pub(crate) fn explain(
    reason: EscalationReason,
    settings: &AssistantSettings,
    confidence: f64,
    margin: f64,
    unread: usize,
) -> String {
    match reason {
        EscalationReason::LowConfidence => format!(
            "the top intent's confidence ({confidence:.2}) is below the threshold ({:.2})",
            settings.confidence_threshold
        ),
        EscalationReason::Ambiguous => format!(
            "the two most likely intents are too close to tell apart (margin {margin:.2}, threshold {:.2})",
            settings.margin_threshold
        ),
        EscalationReason::AskedForHuman => "the customer asked for a person".into(),
        EscalationReason::RefundAmount => "refund amounts are decided by a person, never by the bot".into(),
        EscalationReason::ShippedCancellation => {
            "the order has already shipped, so cancelling it needs a person".into()
        }
        EscalationReason::Legal => "the message uses legal words (lawyer, chargeback, fraud, ...)".into(),
        EscalationReason::Safety => "the message is about health or safety".into(),
        EscalationReason::SensitiveIntent => "this intent always goes to a person".into(),
        EscalationReason::NoSource if unread > 0 => {
            "the assistant is still reading your policies, so no source answers it yet; ask again when \
             the embedding run is done"
                .into()
        }
        EscalationReason::NoSource => "no policy, product or order answers it".into(),
    }
}

/// Containment, accuracy, confusion, escalation reasons and the threshold
/// sweep of a batch evaluation.
pub(crate) fn summarise(results: Vec<EvaluatedMessage>, settings: &AssistantSettings, started: Instant) -> Evaluation {
    let n = results.len() as u64;
    let labelled: Vec<&EvaluatedMessage> = results.iter().filter(|r| r.expected.is_some()).collect();
    let unscored = results.iter().filter(|r| r.label.is_some() && r.expected.is_none()).count() as u64;
    let correct = labelled.iter().filter(|r| r.expected.as_deref() == Some(r.predicted.as_str())).count();
    let answered: Vec<&EvaluatedMessage> = results.iter().filter(|r| r.escalation.is_none()).collect();
    let mut confusion: BTreeMap<(String, String), u64> = BTreeMap::new();
    for r in &labelled {
        *confusion.entry((r.expected.clone().unwrap_or_default(), r.predicted.clone())).or_default() += 1;
    }
    let mut reasons: BTreeMap<EscalationReason, u64> = BTreeMap::new();
    for r in &results {
        if let Some(e) = r.escalation {
            *reasons.entry(e).or_default() += 1;
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    // The sweep moves only the confidence threshold; every other rule stays.
    let sweep = (0..=19)
        .map(|i| {
            let t = i as f64 * 0.05;
            let ok = |r: &&EvaluatedMessage| {
                r.rule_escalation.is_none() && r.confidence >= t && r.margin >= settings.margin_threshold
            };
            let kept: Vec<&EvaluatedMessage> = results.iter().filter(ok).collect();
            let kept_labelled: Vec<&&EvaluatedMessage> = kept.iter().filter(|r| r.expected.is_some()).collect();
            let wrong = kept_labelled.iter().filter(|r| r.expected.as_deref() != Some(r.predicted.as_str())).count();
            SweepPoint {
                threshold: t,
                containment: ratio(kept.len(), results.len()),
                wrong_answer_rate: ratio(wrong, kept_labelled.len()),
            }
        })
        .collect();
    Evaluation {
        messages: n,
        labelled: labelled.len() as u64,
        unscored,
        containment_rate: ratio(answered.len(), results.len()),
        intent_accuracy: ratio(correct, labelled.len()),
        cited_rate: ratio(answered.iter().filter(|r| r.cited).count(), answered.len()),
        confusion: confusion
            .into_iter()
            .map(|((expected, predicted), count)| ConfusionCell { expected, predicted, count })
            .collect(),
        escalations: reasons.into_iter().map(|(reason, count)| ReasonCount { reason, count }).collect(),
        sweep,
        settings: settings.clone(),
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_the_words_customers_use() {
        assert!(asks_for_human("can i talk to a real person please"));
        assert!(!asks_for_human("is this jacket good for a person who runs cold"));
        assert!(legal("i will contact my lawyer about this"));
        assert!(legal("i'm filing a chargeback"));
        assert!(safety("the stove burned my hand"));
        assert!(refund_amount("how much of my refund will i get back?"));
        assert!(!refund_amount("how do i return my boots?"));
    }

    #[test]
    fn summaries_carry_no_personal_data() {
        let r = redact("I'm jane@example.com, call +15550142233 about order #1042", Some("#1042"));
        assert!(!r.contains("jane") && !r.contains("5550142233"), "{r}");
        assert!(r.contains("#1042"), "{r}");
    }
}
