//! What customers did and said: support conversations (one row per message)
//! and experiment logs (one row per exposure or event).

use crate::sql::literal;
use crate::staging::*;
use crate::ImportError;

/// `conversation_id, timestamp, role, text` and, on a conversation's first
/// row, optional `intent, resolution, handled_by_agent, csat`.
pub(crate) fn support_conversations(ctx: &Context) -> Result<Counts, ImportError> {
    let source = literal(ctx.detected.format.id());
    reject_where(ctx, "conversation_id", "nullif(trim(conversation_id), '') IS NULL", "the conversation id is empty")?;
    reject_where(ctx, "text", "\"text\" IS NULL", "the message text is empty")?;
    if has_column(ctx, "timestamp") {
        reject_where(
            ctx,
            "timestamp",
            &format!("\"timestamp\" IS NOT NULL AND {} IS NULL", timestamp("\"timestamp\"")),
            "expected a date and time such as 2025-03-14 10:22:31",
        )?;
    }
    if has_column(ctx, "csat") {
        reject_where(
            ctx,
            "csat",
            "csat IS NOT NULL AND TRY_CAST(csat AS INTEGER) NOT BETWEEN 1 AND 5",
            "expected a satisfaction score from 1 to 5",
        )?;
    }
    let rejected = settle_rejects(ctx)?;
    let sql = format!(
        "CREATE OR REPLACE TEMP TABLE m AS
         SELECT __line, trim(conversation_id) AS conversation_id, {ts} AS ts, lower(coalesce({role}, 'customer')) AS role,
                \"text\" AS text, {intent} AS intent, {resolution} AS resolution, {agent} AS agent, TRY_CAST({csat} AS INTEGER) AS csat
         FROM stg WHERE __line NOT IN (SELECT line FROM bad_lines);

         CREATE OR REPLACE TEMP TABLE new_conversations AS
         SELECT conversation_id, min(ts) AS started_at, first(intent ORDER BY __line) FILTER (WHERE intent IS NOT NULL) AS intent,
                first(resolution ORDER BY __line) FILTER (WHERE resolution IS NOT NULL) AS resolution,
                first(agent ORDER BY __line) FILTER (WHERE agent IS NOT NULL) AS handled_by_agent,
                first(csat ORDER BY __line) FILTER (WHERE csat IS NOT NULL) AS csat, {source} AS source
         FROM m GROUP BY conversation_id;

         CREATE OR REPLACE TEMP TABLE new_messages AS
         SELECT conversation_id, row_number() OVER (PARTITION BY conversation_id ORDER BY __line)::INTEGER AS seq,
                ts, role, text
         FROM m;",
        ts = timestamp("\"timestamp\""),
        role = col(ctx, "role"),
        intent = col(ctx, "intent"),
        resolution = col(ctx, "resolution"),
        agent = boolean(&col(ctx, "handled_by_agent")),
        csat = col(ctx, "csat"),
    );
    ctx.tx.execute_batch(&sql)?;
    let (inserted, updated) = upsert(ctx, "new_conversations", "support_conversations", &["conversation_id"])?;
    replace_children(
        ctx,
        "new_conversations",
        "conversation_id",
        "new_messages",
        "support_messages",
        &["conversation_id", "seq"],
    )?;
    let warnings = unknown_labels(ctx)?.into_iter().collect();
    ctx.tx.execute_batch("DROP TABLE m; DROP TABLE new_conversations; DROP TABLE new_messages;")?;
    Ok(Counts { inserted, updated, rejected, warnings, ..Counts::default() })
}

/// Labels on the imported conversations that the assistant does not use
/// (neither one of its intents nor mapped to one), with their counts: they
/// teach it nothing until the merchant maps them, so the import says so.
fn unknown_labels(ctx: &Context) -> Result<Option<crate::Warning>, ImportError> {
    let Some(known) = ctx.known_labels else { return Ok(None) };
    let known = known.iter().map(|l| literal(l)).collect::<Vec<_>>().join(", ");
    let mut stmt = ctx.tx.prepare(&format!(
        "SELECT intent, count(*) FROM new_conversations
         WHERE nullif(trim(intent), '') IS NOT NULL AND intent NOT IN ({known})
         GROUP BY intent ORDER BY count(*) DESC, intent",
        known = if known.is_empty() { "NULL".to_string() } else { known }
    ))?;
    let labels = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<insights_store::duckdb::Result<Vec<_>>>()?;
    if labels.is_empty() {
        return Ok(None);
    }
    let conversations: i64 = labels.iter().map(|(_, n)| n).sum();
    let listed: Vec<String> = labels.iter().take(12).map(|(l, n)| format!("{l} ({n})")).collect();
    let more = if labels.len() > 12 { format!(" and {} more", labels.len() - 12) } else { String::new() };
    let message = format!(
        "{count} intent label{s} on {conversations} conversation{cs} {are} not among the assistant's intents: {list}{more}. \
         Until each is mapped to an intent or kept as an intent of its own (Assistant › Imported labels, or \
         `insights assistant labels`), those conversations teach the assistant nothing and are not scored.",
        count = labels.len(),
        s = if labels.len() == 1 { "" } else { "s" },
        cs = if conversations == 1 { "" } else { "s" },
        are = if labels.len() == 1 { "is" } else { "are" },
        list = listed.join(", "),
    );
    Ok(Some(crate::Warning::new("unknown_intent_labels", message)))
}

/// `visitor_id, experiment, variant, timestamp, event, value` and, on a
/// visitor's rows (the exposure row in practice), optional `device, country,
/// customer_type, pre_period_value` (revenue before exposure). Events have no
/// natural key, so importing an experiment's log replaces that experiment's
/// events: importing the same log twice duplicates nothing.
pub(crate) fn experiment_events(ctx: &Context) -> Result<Counts, ImportError> {
    let source = literal(ctx.detected.format.id());
    for c in ["visitor_id", "experiment", "variant", "event"] {
        reject_where(
            ctx,
            c,
            &format!("nullif(trim({c}), '') IS NULL"),
            &format!("the {} is empty", c.replace('_', " ")),
        )?;
    }
    reject_where(
        ctx,
        "timestamp",
        &format!("{} IS NULL", timestamp("\"timestamp\"")),
        "expected a date and time such as 2025-03-14 10:22:31",
    )?;
    reject_bad_numbers(ctx, &["value", "pre_period_value"], "a number")?;
    if has_column(ctx, "customer_type") {
        reject_where(
            ctx,
            "customer_type",
            "nullif(trim(customer_type), '') IS NOT NULL AND lower(trim(customer_type)) NOT IN ('new', 'returning', 'vip')",
            "expected new, returning or vip",
        )?;
    }
    let rejected = settle_rejects(ctx)?;
    let sql = format!(
        "CREATE OR REPLACE TEMP TABLE e AS
         SELECT __line, trim(visitor_id) AS visitor_id, trim(experiment) AS experiment, trim(variant) AS variant,
                {ts} AS ts, lower(trim(event)) AS event, TRY_CAST({value} AS DOUBLE) AS value,
                {device} AS device, upper({country}) AS country, lower({customer_type}) AS customer_type,
                TRY_CAST(replace({pre}, '$', '') AS DOUBLE) AS pre_period_value
         FROM stg WHERE __line NOT IN (SELECT line FROM bad_lines);

         CREATE OR REPLACE TEMP TABLE new_experiments AS
         SELECT experiment AS experiment_id, experiment AS name,
                CASE WHEN list_contains(list(DISTINCT variant), 'control') THEN 'control' ELSE min(variant) END AS control_variant,
                min(ts) AS started_at, max(ts) AS ended_at
         FROM e GROUP BY experiment;

         CREATE OR REPLACE TEMP TABLE new_exposures AS
         SELECT experiment AS experiment_id, visitor_id, first(variant ORDER BY ts, __line) AS variant, min(ts) AS exposed_at,
                first(device ORDER BY ts, __line) FILTER (WHERE device IS NOT NULL) AS device,
                first(country ORDER BY ts, __line) FILTER (WHERE country IS NOT NULL) AS country,
                first(customer_type ORDER BY ts, __line) FILTER (WHERE customer_type IS NOT NULL) AS customer_type,
                first(pre_period_value ORDER BY ts, __line) FILTER (WHERE pre_period_value IS NOT NULL) AS pre_period_value
         FROM e GROUP BY experiment, visitor_id;

         DELETE FROM events WHERE source = {source} AND experiment IN (SELECT experiment_id FROM new_experiments);
         INSERT INTO events (visitor_id, ts, event, value, experiment, variant, source)
         SELECT visitor_id, ts, event, value, experiment, variant, {source} FROM e;",
        ts = timestamp("\"timestamp\""),
        value = col(ctx, "value"),
        device = col(ctx, "device"),
        country = col(ctx, "country"),
        customer_type = col(ctx, "customer_type"),
        pre = col(ctx, "pre_period_value"),
    );
    ctx.tx.execute_batch(&sql)?;
    let (inserted, updated) = upsert(ctx, "new_experiments", "experiments", &["experiment_id"])?;
    upsert(ctx, "new_exposures", "experiment_exposures", &["experiment_id", "visitor_id"])?;
    ctx.tx.execute_batch("DROP TABLE e; DROP TABLE new_experiments; DROP TABLE new_exposures;")?;
    Ok(Counts { inserted, updated, rejected, ..Counts::default() })
}
