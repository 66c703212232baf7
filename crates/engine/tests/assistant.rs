//! The support assistant on the sample store: its orders, catalog, returns,
//! knowledge base and labelled conversations, embedded with the real model
//! (INSIGHTS_MODELS, as `make test` sets it) in a real workspace file.

mod support;

use support::{fixture, reopen_after, sample, sample_store_engine};

use std::path::Path;

use insights_engine::{
    AskRequest, AssistantSettings, Engine, EscalationReason, ImportRequest, LabelChoice, LabelUse, SourceKind,
};

/// The sample store, embedded; each test works on its own copy of the file.
fn engine(home: &Path) -> Engine {
    sample_store_engine(home, "assistant-test")
}

fn ask(e: &Engine, message: &str) -> insights_engine::AssistantAnswer {
    e.assistant_ask(&AskRequest { message: message.into(), email: None }).unwrap()
}

#[test]
fn labelled_conversations_are_recognised_and_every_answer_cites_or_hands_over() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let r = e.assistant_evaluate().unwrap();
    let v = &r.evaluation;
    assert_eq!(v.messages, 1500);
    assert_eq!(v.labelled, 1500);
    assert!(v.intent_accuracy >= 0.90, "intent accuracy {:.3}", v.intent_accuracy);
    for m in &v.results {
        assert!(m.cited || m.escalation.is_some(), "neither cited nor handed over: {m:?}");
    }
    assert!(v.containment_rate > 0.3 && v.containment_rate < 1.0, "containment {}", v.containment_rate);
    // Raising the threshold never answers more.
    for w in v.sweep.windows(2) {
        assert!(w[1].containment <= w[0].containment + 1e-12, "{w:?}");
    }
    let correct: u64 = v.confusion.iter().filter(|c| c.expected == c.predicted).map(|c| c.count).sum();
    assert_eq!(correct as f64 / v.labelled as f64, v.intent_accuracy);
    assert!(r.sweep_chart_svg.contains("Confidence threshold"));

    let csv = home.path().join("evaluation.csv");
    e.export_assistant_evaluation(v, &csv).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 1501, "a header and one row per conversation");
}

#[test]
fn order_questions_answer_from_the_order_or_say_it_is_unknown() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let a = ask(&e, "Hi, where is my order #1042? It's been a week");
    assert_eq!(a.intent, "order_status", "{a:?}");
    assert!(a.escalation.is_none(), "{a:?}");
    let order = a.citations.iter().find(|c| c.kind == SourceKind::Order).expect("the order is cited");
    assert_eq!(order.id, "#1042");
    assert!(a.answer.starts_with("Order #1042"), "{}", a.answer);
    // The status said is the order's own.
    let shipped_line = order.body.lines().find(|l| l.starts_with("Shipped: "));
    match shipped_line {
        Some(l) => assert!(a.answer.contains(&l["Shipped: ".len()..]), "{} / {}", a.answer, order.body),
        None => assert!(a.answer.contains("not shipped") || a.answer.contains("cancelled"), "{}", a.answer),
    }

    let unknown = ask(&e, "where is my order #999999?");
    assert!(unknown.answer.contains("can't find an order #999999"), "{}", unknown.answer);
    assert!(unknown.citations.iter().all(|c| c.kind != SourceKind::Order));
    assert!(unknown.escalation.is_none(), "an unknown number is answered, not handed over: {unknown:?}");

    // When the store requires the e-mail, a wrong one gets no status.
    let s = AssistantSettings { require_email: true, ..e.assistant_settings().unwrap() };
    e.set_assistant_settings(&s).unwrap();
    let guarded = e
        .assistant_ask(&AskRequest { message: "where is my order #1042?".into(), email: Some("x@example.com".into()) });
    let guarded = guarded.unwrap();
    assert!(guarded.answer.contains("e-mail address it was placed with"), "{}", guarded.answer);
    assert!(guarded.citations.iter().all(|c| c.kind != SourceKind::Order));

    // The right one (as the customer might type it) matches the order's keyed e-mail.
    let x = insights_store::duckdb::Connection::open_in_memory().unwrap();
    let orders = sample("shopify/orders_export.csv.zst").display().to_string();
    let email: String = x
        .query_row(
            "SELECT any_value(\"Email\") FROM read_csv(?, all_varchar = true) WHERE \"Name\" = '#1042'",
            [orders],
            |r| r.get(0),
        )
        .unwrap();
    let owner = e
        .assistant_ask(&AskRequest {
            message: "where is my order #1042?".into(),
            email: Some(format!(" {} ", email.to_uppercase())),
        })
        .unwrap();
    assert!(owner.citations.iter().any(|c| c.kind == SourceKind::Order), "{owner:?}");
    assert!(!owner.answer.contains("e-mail address it was placed with"), "{}", owner.answer);
}

/// A store whose order names carry a prefix (Shopify lets a store set one):
/// the lookup learns the pattern from the imported orders and accepts it as
/// customers write it, with or without the `#`.
#[test]
fn order_names_in_the_stores_own_pattern() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    e.import(&ImportRequest::of(&[fixture("shopify-prefixed-orders/orders_export.csv")]), &mut |_| {}).unwrap();
    for message in
        ["Where is my order #AP-516073?", "where is my order AP-516073", "hi, my order ap516073 hasn't arrived yet"]
    {
        let a = ask(&e, message);
        assert_eq!(a.intent, "order_status", "{message}: {a:?}");
        assert!(a.escalation.is_none(), "{message}: {a:?}");
        let order = a.citations.iter().find(|c| c.kind == SourceKind::Order);
        assert_eq!(order.map(|c| c.id.as_str()), Some("#AP-516073"), "{message}: {a:?}");
        assert!(a.answer.contains("was shipped on 2025-04-03"), "{message}: {}", a.answer);
    }
    let unshipped = ask(&e, "Where's my order #AP-516074?");
    assert!(
        unshipped.answer.contains("Order #AP-516074, placed on 2025-04-05, has not shipped yet"),
        "{}",
        unshipped.answer
    );

    let unknown = ask(&e, "where is my order AP-999999?");
    assert!(unknown.answer.contains("can't find an order #AP-999999"), "{}", unknown.answer);
    assert!(unknown.escalation.is_none(), "the documented answer, not a hand-over: {unknown:?}");
}

/// Conversations labelled with names that are not the assistant's intents
/// (as a public customer-support set is): the import lists them with their
/// counts, the merchant decides what each teaches, and the evaluation
/// scores against the merchant's intents only.
#[test]
fn imported_labels_that_are_not_our_intents_are_listed_and_mapped() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let file = fixture("support-own-labels/conversations.csv");
    let imported = e.import(&ImportRequest::of(&[&file]), &mut |_| {}).unwrap();
    let warning = imported[0].warnings.iter().find(|w| w.code == "unknown_intent_labels");
    let warning = warning.unwrap_or_else(|| panic!("the import says which labels teach nothing: {imported:?}"));
    for named in ["3 intent labels on 12 conversations", "track_order (4)", "get_refund (4)", "delivery_period (4)"] {
        assert!(warning.message.contains(named), "{named}: {}", warning.message);
    }
    assert!(!warning.message.contains("cancel_order"), "an intent's own name is used: {}", warning.message);
    assert!(e.import_history().unwrap()[0].warnings.iter().any(|w| w.code == "unknown_intent_labels"));

    let labels = e.assistant_labels().unwrap();
    let of = |labels: &[insights_engine::ImportedLabel], name: &str| {
        labels.iter().find(|l| l.label == name).cloned().unwrap_or_else(|| panic!("{name} listed: {labels:?}"))
    };
    assert_eq!((of(&labels, "track_order").used, of(&labels, "track_order").conversations), (LabelUse::Undecided, 4));
    assert_eq!(of(&labels, "track_order").examples[0], "where can I see where my package is right now");
    assert_eq!(of(&labels, "cancel_order").used, LabelUse::SameName);
    assert!(of(&labels, "cancel_order").conversations > 4, "the sample store's and the file's");

    let before = e.assistant_evaluate().unwrap().evaluation;
    assert_eq!(before.unscored, 12, "conversations whose label teaches nothing are not scored");
    assert_eq!(before.labelled, 1504);
    let track =
        |v: &insights_engine::Evaluation| v.results.iter().find(|r| r.conversation_id == "lbl-001").cloned().unwrap();
    assert_eq!((track(&before).label.as_deref(), track(&before).expected.as_deref()), (Some("track_order"), None));

    // The merchant decides: one label to a built-in intent, one kept as its
    // own intent, one not used.
    e.set_assistant_label("track_order", &LabelChoice::Intent { intent: "order_status".into() }).unwrap();
    e.set_assistant_label("get_refund", &LabelChoice::Own).unwrap();
    let labels = e.set_assistant_label("delivery_period", &LabelChoice::NotUsed).unwrap();
    assert_eq!(of(&labels, "track_order").used, LabelUse::Mapped);
    assert_eq!(of(&labels, "track_order").intent.as_deref(), Some("order_status"));
    assert_eq!(of(&labels, "get_refund").used, LabelUse::Own);
    assert_eq!(of(&labels, "delivery_period").used, LabelUse::NotUsed);
    let own = e.assistant_intents().unwrap().into_iter().find(|i| i.id == "get_refund").expect("a new intent");
    assert_eq!(own.label, "Get refund");
    assert_eq!(own.examples.len(), 4, "its conversations' first messages: {own:?}");
    let bad = e.set_assistant_label("track_order", &LabelChoice::Intent { intent: "no_such".into() });
    assert_eq!(bad.unwrap_err().code(), "invalid_settings");

    let after = e.assistant_evaluate().unwrap().evaluation;
    assert_eq!(after.unscored, 4, "only the label set aside is not scored");
    assert_eq!(after.labelled, 1512, "the sample store's, cancel_order, track_order and get_refund");
    assert_eq!(track(&after).expected.as_deref(), Some("order_status"), "scored against the merchant's intent");
    assert!(after.confusion.iter().any(|c| c.expected == "get_refund"), "the own intent is scored");

    // Decided labels are not reported again when the file is read again.
    let again = e.import(&ImportRequest { force: true, ..ImportRequest::of(&[&file]) }, &mut |_| {}).unwrap();
    assert!(again[0].unchanged_since.is_none() && again[0].rows_read > 0, "read again: {again:?}");
    assert!(again[0].warnings.iter().all(|w| w.code != "unknown_intent_labels"), "{again:?}");
}

#[test]
fn policies_products_and_hand_overs() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let a = ask(&e, "can I return sale items?");
    assert_eq!(a.intent, "returns_refunds", "{a:?}");
    let policy = a.citations.iter().find(|c| c.kind == SourceKind::Policy).expect("a policy is cited");
    assert!(policy.title.to_lowercase().contains("return"), "{}", policy.title);
    assert!(a.answer.contains(&policy.title), "the answer names its source: {}", a.answer);

    let a = ask(&e, "Does the Granite Approach Shoe run small?");
    assert_eq!(a.intent, "sizing", "{a:?}");
    assert!(a.citations.iter().any(|c| c.kind == SourceKind::Product && c.title == "Granite Approach Shoe"));
    assert!(a.answer.contains("one size up"), "the returns say it runs small: {}", a.answer);

    let a = ask(&e, "How much will I get back as a refund for order #1042?");
    assert_eq!(a.escalation.as_ref().map(|x| x.reason), Some(EscalationReason::RefundAmount), "{a:?}");
    assert!(a.answer.contains("passing this to our team"));
    assert!(a.escalation.unwrap().summary.contains("#1042"));

    let a = ask(&e, "I want to talk to a real person");
    assert_eq!(a.escalation.map(|x| x.reason), Some(EscalationReason::AskedForHuman));
    // A message without a word asks for nothing: handed over as not understood.
    for wordless in ["?", "!!", "👍"] {
        let a = ask(&e, wordless);
        assert_eq!(a.escalation.map(|x| x.reason), Some(EscalationReason::LowConfidence), "{wordless}");
    }

    let a = ask(&e, "my email is jane.doe@example.com and the stove burned my hand");
    let esc = a.escalation.expect("safety goes to a person");
    assert_eq!(esc.reason, EscalationReason::Safety);
    assert!(!esc.summary.contains("jane.doe"), "no personal data in the summary: {}", esc.summary);

    assert_eq!(e.assistant_ask(&AskRequest { message: "  ".into(), email: None }).unwrap_err().code(), "empty_message");
    let bad = AssistantSettings { confidence_threshold: 1.5, ..AssistantSettings::default() };
    assert_eq!(e.set_assistant_settings(&bad).unwrap_err().code(), "invalid_settings");
    let mut intents = e.assistant_intents().unwrap();
    intents[0].examples.clear();
    assert_eq!(e.set_assistant_intents(&intents).unwrap_err().code(), "invalid_settings");
}

/// A stand-in for a local OpenAI-compatible server (Ollama, llama.cpp) on
/// loopback: answers one chat completion with `reply` and hands back the
/// request it received.
fn local_generator(reply: &'static str) -> (u16, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Ok((stream, _)) = listener.accept() else { return };
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let (mut head, mut length) = (String::new(), 0usize);
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            head.push_str(&line);
            if line == "\r\n" || line.is_empty() {
                break;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let json = serde_json::json!({ "choices": [{ "message": { "role": "assistant", "content": reply } }] });
        let text = json.to_string();
        let mut out = stream;
        write!(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{text}",
            text.len()
        )
        .unwrap();
        tx.send(format!("{head}{}", String::from_utf8_lossy(&body))).unwrap();
    });
    (port, rx)
}

#[test]
fn a_local_generator_rewords_from_the_sources_only_and_never_overrides_a_hand_over() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let remote = AssistantSettings { generator_url: Some("http://api.example.com/v1".into()), ..Default::default() };
    assert_eq!(e.set_assistant_settings(&remote).unwrap_err().code(), "invalid_settings", "loopback only");

    let (port, requests) = local_generator("Sale items can be returned unless they are marked final sale [1].");
    let local = AssistantSettings { generator_url: Some(format!("http://127.0.0.1:{port}/v1")), ..Default::default() };
    e.set_assistant_settings(&local).unwrap();
    let a = ask(&e, "Can I return sale items?");
    assert!(a.generated, "{a:?}");
    assert_eq!(a.answer, "Sale items can be returned unless they are marked final sale [1].");
    let policy = a.citations.iter().find(|c| c.kind == SourceKind::Policy).expect("still cited");
    let request = requests.recv_timeout(std::time::Duration::from_secs(5)).unwrap();
    assert!(request.starts_with("POST /v1/chat/completions"), "{request}");
    let first_line = policy.body.lines().next().unwrap().replace('"', "\\\"");
    assert!(request.contains(&first_line), "the prompt holds the retrieved passage: {request}");
    assert!(request.contains("Can I return sale items?"));

    // A hand-over is decided before the generator is asked; the server stopped after one answer anyway.
    let refund = ask(&e, "How much will I get back as a refund?");
    assert_eq!(refund.escalation.map(|x| x.reason), Some(EscalationReason::RefundAmount));
    assert!(!refund.generated);

    // A generator that does not answer leaves the composed answer, with a notice.
    let down = ask(&e, "Do you ship to Australia?");
    assert!(!down.generated && down.notice.as_deref().is_some_and(|n| n.contains("did not answer")), "{down:?}");
    assert!(down.answer.starts_with("From our Shipping"), "{}", down.answer);
}

/// Imported text that a spreadsheet would run as a formula is exported as
/// text: quoted, with a leading `'`.
#[test]
fn formulas_in_imported_messages_are_exported_as_text() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let extra = home.path().join("conversations-extra.csv");
    std::fs::write(
        &extra,
        "conversation_id,timestamp,role,text,intent,resolution,handled_by_agent,csat\n\
         conv-x1,2025-01-02T10:00:00Z,customer,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",other,escalated,true,1\n\
         conv-x2,2025-01-02T11:00:00Z,customer,@SUM(1+1),other,escalated,true,1\n",
    )
    .unwrap();
    e.import(&ImportRequest::of(&[&extra]), &mut |_| {}).unwrap();
    let r = e.assistant_evaluate().unwrap();
    let csv = home.path().join("evaluation.csv");
    e.export_assistant_evaluation(&r.evaluation, &csv).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 1503, "both new conversations are exported");
    assert!(text.contains(r#""'=HYPERLINK(""http://evil.example"",""click"")""#), "{}", &text[text.len() - 400..]);
    assert!(text.contains(r#""'@SUM(1+1)""#));
    assert!(!text.contains(r#""=HYPERLINK"#) && !text.lines().any(|l| l.starts_with('=')));
}

/// A Markdown policy with links that run code, raw HTML and a script: the
/// reply quotes it as text a merchant can paste into a chat widget, with
/// safe links as their text and address.
#[test]
fn a_reply_quotes_a_markdown_policy_as_plain_text() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let policy = home.path().join("gift-cards.md");
    std::fs::write(
        &policy,
        "# Gift cards\n\n## Returning a gift card\n\n\
         Gift cards cannot be returned or refunded once bought; see [the terms](javascript:alert(1)) \
         and [the help page](https://help.example/gift-cards) <script>alert(2)</script>for the details.\n\n\
         <div onclick=\"alert(3)\"><b>Lost a gift card?</b> Write to us with its number.</div>\n",
    )
    .unwrap();
    e.import(&ImportRequest::of(&[&policy]), &mut |_| {}).unwrap();
    e.embed_workspace(&mut |_| {}).unwrap();

    let a = ask(&e, "Can I return a gift card?");
    let cited = a.citations.iter().find(|c| c.kind == SourceKind::Policy).expect("a policy is cited");
    assert!(cited.title.contains("Gift cards"), "the gift-card policy answers: {a:?}");
    assert!(a.answer.contains("cannot be returned or refunded"), "{}", a.answer);
    assert!(a.answer.contains("the help page (https://help.example/gift-cards)"), "{}", a.answer);
    for markup in ["javascript:", "alert(", "<script", "<div", "onclick"] {
        assert!(!a.answer.contains(markup), "{markup} in the reply: {}", a.answer);
    }
}

/// Right after a store is opened, its policies are still being embedded: a
/// question only a policy answers is handed over saying so, not as if no
/// policy existed, and the same question is answered once they are read.
#[test]
fn while_policies_are_read_a_hand_over_says_so() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let e = reopen_after(e, home.path(), "DELETE FROM embeddings WHERE owner_kind = 'kb_chunk'");
    let question = "How long does shipping to Canada take?";

    let early = ask(&e, question);
    let escalation = early.escalation.as_ref().expect("no policy can be read yet");
    assert_eq!(escalation.reason, EscalationReason::NoSource, "{early:?}");
    assert!(escalation.explanation.contains("still reading your policies"), "{}", escalation.explanation);

    e.embed_workspace(&mut |_| {}).unwrap();
    let later = ask(&e, question);
    assert!(later.escalation.is_none(), "{later:?}");
    assert!(later.citations.iter().any(|c| c.kind == SourceKind::Policy && c.title.contains("Shipping")), "{later:?}");
}
