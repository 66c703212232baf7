//! Composing one answer: the intent's template filled with facts from the
//! sources only (an order's fields, a product's facts, a policy passage
//! quoted), each source cited; then the hand-over rules.

use insights_store::duckdb::Connection;

use crate::facts::{self, Passage, Product};
use crate::rules;
use crate::types::*;
use crate::{dot, Assistant, Result};

/// A passage less similar to the question than this does not answer it.
const MIN_PASSAGE_SIMILARITY: f32 = 0.3;
/// Characters of a passage quoted in an answer.
const QUOTE_CHARS: usize = 360;

/// Words that say nothing about which line of a passage answers.
const STOP: &[&str] = &[
    "about", "after", "again", "also", "been", "before", "does", "from", "have", "just", "much", "need", "order",
    "please", "should", "still", "that", "their", "there", "they", "this", "what", "when", "where", "which", "will",
    "with", "would", "your", "long", "take", "takes", "know",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// A Markdown line as plain text: table rows as cells joined by " · "
/// (separator rows dropped), bullets and emphasis markers removed.
fn plain_line(line: &str) -> Option<String> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    if t.starts_with('|') {
        let cells: Vec<&str> = t.trim_matches('|').split('|').map(str::trim).collect();
        if cells.iter().all(|c| c.chars().all(|ch| ch == '-' || ch == ':' || ch == ' ')) {
            return None;
        }
        return Some(cells.join(" · "));
    }
    let t = t.trim_start_matches(['-', '*', '#', ' ']);
    Some(t.replace("**", "").replace('`', ""))
}

/// What of a passage to quote: the table rows that share words with the
/// question (with the header row); else, when the passage's heading is what
/// was asked about, the passage from its beginning; else the lines that
/// share words with the question. Cut at a sentence end near the limit.
fn quote(text: &str, question: &str, heading: &str) -> String {
    let text = crate::markdown::reply_text(text);
    let asked = words(question);
    let heading_matches = words(heading).iter().any(|h| asked.contains(h));
    let lines: Vec<(bool, String)> =
        text.lines().filter_map(|l| plain_line(l).map(|p| (l.trim_start().starts_with('|'), p))).collect();
    let relevant: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| {
            let lw = words(l);
            asked.iter().any(|a| lw.iter().any(|w| w == a || (a.len() >= 5 && w.starts_with(&a[..a.len() - 1]))))
        })
        .map(|(i, _)| i)
        .collect();
    let table_rows = relevant.iter().any(|&i| lines[i].0);
    let chosen: Vec<String> = if relevant.is_empty() || (heading_matches && !table_rows) {
        lines.iter().map(|(_, l)| l.clone()).collect()
    } else {
        let header =
            lines.iter().position(|(table, _)| *table).filter(|h| relevant.iter().any(|&i| lines[i].0 && i > *h));
        header.into_iter().chain(relevant).map(|i| lines[i].1.clone()).collect()
    };
    let flat = chosen
        .iter()
        .map(|l| if l.ends_with(['.', ':', '!', '?']) { l.clone() } else { format!("{l}.") })
        .collect::<Vec<_>>()
        .join(" ");
    if flat.chars().count() <= QUOTE_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(QUOTE_CHARS).collect();
    match cut.rfind(". ") {
        Some(i) if i > QUOTE_CHARS / 3 => cut[..=i].to_string(),
        _ => format!("{}…", cut.trim_end()),
    }
}

fn money(v: f64) -> String {
    format!("${v:.2}")
}

impl Assistant {
    fn best_passage(&self, vector: &[f32]) -> Option<&Passage> {
        self.kb
            .iter()
            .map(|p| (dot(vector, &p.vector), p))
            .filter(|(s, _)| *s >= MIN_PASSAGE_SIMILARITY)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, p)| p)
    }

    /// The product named in the message: the longest title it contains.
    fn find_product(&self, lower: &str) -> Option<&Product> {
        // Products are sorted longest title first.
        self.products.iter().find(|p| p.lower.len() >= 4 && lower.contains(&p.lower))
    }

    fn product_facts(p: &Product) -> String {
        let mut facts = Vec::new();
        match (p.price_min, p.price_max) {
            (Some(a), Some(b)) if (a - b).abs() > 0.005 => facts.push(format!("costs {} to {}", money(a), money(b))),
            (Some(a), _) => facts.push(format!("costs {}", money(a))),
            _ => {}
        }
        match p.stock {
            Some(0) => facts.push("is out of stock at the moment".into()),
            Some(n) if n > 0 => facts.push("is in stock".into()),
            _ => {}
        }
        for (name, values) in &p.options {
            facts.push(format!("comes in {} {}", name.to_lowercase(), values.join(", ")));
        }
        format!("The {} {}.", p.title, facts.join(", "))
    }

    fn product_body(p: &Product) -> String {
        let mut lines = vec![p.title.clone()];
        if let Some(a) = p.price_min {
            lines.push(format!("Price: {}", money(a)));
        }
        if let Some(s) = p.stock {
            lines.push(format!("In stock: {s}"));
        }
        for (name, values) in &p.options {
            lines.push(format!("{name}: {}", values.join(", ")));
        }
        if p.lines_sold > 0 {
            lines.push(format!(
                "Sold {} times; returned {} times, {} for being too small, {} for being too large",
                p.lines_sold, p.returned, p.returned_small, p.returned_large
            ));
        }
        if let Some(d) = &p.description {
            lines.push(quote(d, "", ""));
        }
        lines.join("\n")
    }

    /// The answer, and the hand-over a rule decides whatever the confidence
    /// threshold (for the evaluation's sweep).
    pub(crate) fn answer(
        &self,
        conn: &Connection,
        message: &str,
        email_key: Option<&str>,
        vector: &[f32],
        exclude: Option<&str>,
        settings: &AssistantSettings,
    ) -> Result<(AssistantAnswer, Option<EscalationReason>)> {
        let scores = self.classify(vector, exclude);
        let mut top = scores.first().cloned().unwrap_or(IntentScore {
            intent: "other".into(),
            label: "Something else".into(),
            confidence: 0.0,
        });
        // A message without a letter or digit ("?", "👍") asks for nothing:
        // whatever intent lies nearest, the assistant has not understood it.
        let wordless = !message.chars().any(char::is_alphanumeric);
        if wordless {
            top.confidence = 0.0;
        }
        let margin = top.confidence - scores.get(1).map(|s| s.confidence).unwrap_or(0.0);
        let def = self.intents.iter().find(|d| d.id == top.intent);
        let lower = message.to_lowercase();
        let mention = self.order_names.find(message);
        let product = self.find_product(&lower);

        let mut parts: Vec<String> = Vec::new();
        let mut citations: Vec<Citation> = Vec::new();
        let mut late: Option<EscalationReason> = None;
        let mut want_passage = true;
        let intent = top.intent.as_str();

        // The order as the store names it, or as it would name it when unknown.
        let mut order_id = mention.as_ref().map(|m| m.names[0].clone());
        // "No order has that number" answers the question; it needs no source.
        let mut answered_unknown = false;
        if matches!(intent, "order_status" | "cancel_order" | "change_address") {
            match &mention {
                Some(m) => match facts::find_order(conn, m)? {
                    Some(o) => {
                        order_id = Some(o.id.clone());
                        let id = &o.id;
                        if settings.require_email && (email_key.is_none() || email_key != o.email_key.as_deref()) {
                            parts.push(format!(
                                "To look up order {id} I need the e-mail address it was placed with; please send it and I'll check."
                            ));
                        } else {
                            parts.push(o.status_sentence());
                            citations.push(Citation {
                                kind: SourceKind::Order,
                                id: o.id.clone(),
                                title: format!("Order {}", o.id),
                                body: o.body(),
                            });
                            if intent == "cancel_order" && o.shipped() && o.cancelled.is_none() {
                                late = Some(EscalationReason::ShippedCancellation);
                            }
                            want_passage = intent != "order_status";
                        }
                    }
                    None => {
                        parts.push(format!(
                            "I can't find an order {} in our records. Please check the number in your order confirmation e-mail.",
                            m.names[0]
                        ));
                        answered_unknown = true;
                        want_passage = false;
                    }
                },
                None if intent == "order_status" => parts.push(format!(
                    "Send me your order number (it looks like {} in your confirmation e-mail) and I'll look it up.",
                    self.order_names.example()
                )),
                None => {}
            }
        }
        if matches!(intent, "sizing" | "product_question" | "exchange") {
            if let Some(p) = product {
                parts.push(Self::product_facts(p));
                if intent == "sizing" || intent == "exchange" {
                    if p.runs_small() {
                        parts.push(format!(
                            "Customers who bought it often returned it for being too small ({} of {} sold), so we suggest ordering one size up.",
                            p.returned_small, p.lines_sold
                        ));
                    } else if p.runs_large() {
                        parts.push(format!(
                            "Customers who bought it often returned it for being too large ({} of {} sold), so consider one size down.",
                            p.returned_large, p.lines_sold
                        ));
                    }
                }
                citations.push(Citation {
                    kind: SourceKind::Product,
                    id: p.id.clone(),
                    title: p.title.clone(),
                    body: Self::product_body(p),
                });
                want_passage = intent != "product_question";
            }
        }
        if want_passage {
            if let Some(p) = self.best_passage(vector) {
                parts.push(format!(
                    "From our {}: \"{}\"",
                    p.title(),
                    quote(&p.text, message, p.heading.as_deref().unwrap_or(""))
                ));
                citations.push(Citation {
                    kind: SourceKind::Policy,
                    id: p.id.clone(),
                    title: p.title(),
                    body: p.text.clone(),
                });
            }
        }
        if citations.is_empty() && !answered_unknown {
            late = late.or(Some(EscalationReason::NoSource));
        }

        // Rules a person must handle whatever the confidence.
        let explicit = if wordless {
            None
        } else if intent == "talk_to_human" || rules::asks_for_human(&lower) {
            Some(EscalationReason::AskedForHuman)
        } else if rules::safety(&lower) {
            Some(EscalationReason::Safety)
        } else if rules::legal(&lower) {
            Some(EscalationReason::Legal)
        } else if rules::refund_amount(&lower) {
            Some(EscalationReason::RefundAmount)
        } else if def.is_some_and(|d| d.sensitive) {
            Some(EscalationReason::SensitiveIntent)
        } else {
            None
        };
        let threshold = if top.confidence < settings.confidence_threshold {
            Some(EscalationReason::LowConfidence)
        } else if margin < settings.margin_threshold {
            Some(EscalationReason::Ambiguous)
        } else {
            None
        };
        let rule = explicit.or(late);
        let reason = explicit.or(threshold).or(late);

        let escalation = reason.map(|r| {
            let mut summary = format!("{} (confidence {:.2})", top.label, top.confidence);
            if let Some(id) = &order_id {
                summary.push_str(&format!(" · order {id}"));
            }
            if let Some(p) = product {
                summary.push_str(&format!(" · {}", p.title));
            }
            summary.push_str(&format!(" · customer wrote: \"{}\"", rules::redact(message, order_id.as_deref())));
            Escalation {
                reason: r,
                explanation: rules::explain(r, settings, top.confidence, margin, self.kb_unread),
                summary,
            }
        });
        let answer = match &escalation {
            // Refund, cancellation and legal hand-overs use this approved wording only.
            Some(_) => "Thanks for your message. I'm passing this to our team so a person can help; they'll reply here as soon as they can.".to_string(),
            None => parts.join(" "),
        };
        let answer = AssistantAnswer {
            intent: top.intent.clone(),
            intent_label: top.label.clone(),
            confidence: top.confidence,
            margin,
            top_intents: scores.into_iter().take(3).collect(),
            answer,
            citations,
            escalation,
            order_id,
            generated: false,
            notice: None,
            took_ms: 0.0,
        };
        Ok((answer, rule))
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    const RATES: &str = "| Destination | Cost |\n| --- | --- |\n| United States | $6.95 |\n| Australia and New Zealand | $24.95 |\n\nExpress is always charged.";

    #[test]
    fn quotes_keep_the_lines_that_answer() {
        let q = quote(RATES, "how much is shipping to Australia?", "Rates");
        assert_eq!(q, "Destination · Cost. Australia and New Zealand · $24.95.");
        let all = quote(RATES, "hello", "Rates");
        assert!(all.starts_with("Destination · Cost. United States · $6.95."), "{all}");
        assert!(!all.contains("---"));
        assert_eq!(quote("- **Care products** are final sale.", "x", ""), "Care products are final sale.");
        assert_eq!(
            quote("- Read [the guide](javascript:evil()) or [our page](https://shop.example/care) first.", "x", ""),
            "Read the guide or our page (https://shop.example/care) first."
        );
        let list = "- Cards: Visa, Mastercard.\n- PayPal.\n- Bank deposit once the payment arrives.";
        assert!(quote(list, "which payment methods?", "Accepted payment methods").starts_with("Cards"));
        assert_eq!(quote(list, "is paypal ok?", "Something else"), "PayPal.");
    }
}
