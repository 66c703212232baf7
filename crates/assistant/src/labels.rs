//! The intent labels imported with support conversations, and what each one
//! teaches the assistant: the intent of the same name, the intent the
//! merchant mapped it to, an intent of its own, or (until decided) nothing.

use std::collections::BTreeMap;

use insights_store::duckdb::{self, Connection};

use crate::types::{ImportedLabel, IntentDef, LabelChoice, LabelUse};
use crate::{intents, load_intents, save_intents, AssistantError, Result};

pub(crate) const LABELS_KEY: &str = "assistant_labels";
/// Customer messages kept as the example phrases of a label kept as its own intent.
const OWN_EXAMPLES: usize = 12;
/// Customer messages shown beside a label.
const SHOWN_EXAMPLES: usize = 3;

/// The merchant's decisions: label → intent id ("" for "not used").
pub(crate) fn label_map(conn: &Connection) -> Result<BTreeMap<String, String>> {
    Ok(insights_store::settings::load(conn, LABELS_KEY)?)
}

/// The intent a label teaches (its index in `intents`), if any.
pub(crate) fn resolve(label: &str, intents: &[IntentDef], map: &BTreeMap<String, String>) -> Option<usize> {
    let id = map.get(label).map(String::as_str).unwrap_or(label);
    intents.iter().position(|d| d.id == id)
}

/// The labels the assistant uses: its intents' names and every label the
/// merchant decided on (an import reports the others).
pub fn known_labels(conn: &Connection) -> Result<Vec<String>> {
    let mut known: Vec<String> = load_intents(conn)?.into_iter().map(|d| d.id).collect();
    known.extend(label_map(conn)?.into_keys());
    Ok(known)
}

/// Each imported label with its conversations, what it is used as and a
/// few of its customers' first messages; most used first.
pub fn imported_labels(conn: &Connection) -> Result<Vec<ImportedLabel>> {
    let intents = load_intents(conn)?;
    let map = label_map(conn)?;
    let built_in: Vec<String> = intents::built_in().into_iter().map(|d| d.id).collect();
    let mut examples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in crate::first_messages(conn)? {
        if let Some(label) = m.intent {
            let list = examples.entry(label).or_default();
            if list.len() < SHOWN_EXAMPLES {
                list.push(m.text);
            }
        }
    }
    let mut stmt = conn.prepare(
        "SELECT intent, count(*) FROM support_conversations WHERE nullif(trim(intent), '') IS NOT NULL
         GROUP BY intent ORDER BY count(*) DESC, intent",
    )?;
    let counts = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<duckdb::Result<Vec<_>>>()?;
    Ok(counts
        .into_iter()
        .map(|(label, conversations)| {
            let intent = resolve(&label, &intents, &map).map(|i| intents[i].id.clone());
            let used = match (map.get(&label).map(String::as_str), &intent) {
                (Some(""), _) => LabelUse::NotUsed,
                (_, None) => LabelUse::Undecided,
                (None, Some(_)) => LabelUse::SameName,
                (Some(id), Some(_)) if *id == own_id(&label) && !built_in.iter().any(|b| b == id) => LabelUse::Own,
                (Some(_), Some(_)) => LabelUse::Mapped,
            };
            ImportedLabel {
                examples: examples.remove(&label).unwrap_or_default(),
                label,
                conversations: conversations as u64,
                intent,
                used,
            }
        })
        .collect())
}

/// The intent id a label kept as its own intent gets.
fn own_id(label: &str) -> String {
    let id: String =
        label.trim().chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    id.trim_matches('_').to_string()
}

/// "track_order" → "Track order".
fn own_label(label: &str) -> String {
    let words = label.trim().replace(['_', '-'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Records what an imported label teaches. Keeping it as its own intent adds
/// that intent (its customers' first messages as example phrases) to the
/// workspace's intents, where the merchant can edit it like any other.
pub fn set_label(conn: &Connection, label: &str, choice: &LabelChoice) -> Result<()> {
    let conversations: i64 =
        conn.query_row("SELECT count(*) FROM support_conversations WHERE intent = ?", [label], |r| r.get(0))?;
    if conversations == 0 {
        return Err(AssistantError::Settings(format!("no imported conversation has the label \"{label}\"")));
    }
    let mut intents = load_intents(conn)?;
    let target = match choice {
        LabelChoice::NotUsed => String::new(),
        LabelChoice::Intent { intent } => {
            if !intents.iter().any(|d| &d.id == intent) {
                let names: Vec<&str> = intents.iter().map(|d| d.id.as_str()).collect();
                return Err(AssistantError::Settings(format!(
                    "the assistant has no intent \"{intent}\"; its intents are {}",
                    names.join(", ")
                )));
            }
            intent.clone()
        }
        LabelChoice::Own => {
            let id = own_id(label);
            if id.is_empty() {
                return Err(AssistantError::Settings(format!(
                    "the label \"{label}\" has no letters or digits to name an intent"
                )));
            }
            if !intents.iter().any(|d| d.id == id) {
                let examples: Vec<String> = crate::first_messages(conn)?
                    .into_iter()
                    .filter(|m| m.intent.as_deref() == Some(label))
                    .take(OWN_EXAMPLES)
                    .map(|m| m.text)
                    .collect();
                intents.push(IntentDef { id: id.clone(), label: own_label(label), examples, sensitive: false });
                save_intents(conn, &intents)?;
            }
            id
        }
    };
    let mut map = label_map(conn)?;
    map.insert(label.to_string(), target);
    Ok(insights_store::settings::save(conn, LABELS_KEY, &map)?)
}

#[cfg(test)]
mod tests {
    use super::{own_id, own_label};

    #[test]
    fn a_label_kept_as_an_intent_is_named_from_it() {
        assert_eq!(own_id("track_order"), "track_order");
        assert_eq!(own_id(" Delivery Period "), "delivery_period");
        assert_eq!(own_label("track_order"), "Track order");
        assert_eq!(own_label("set-up shipping address"), "Set up shipping address");
    }
}
