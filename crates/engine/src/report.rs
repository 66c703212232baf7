//! The self-contained HTML report written by `insights demo`: figures and
//! charts inline, no scripts, no external resources, readable offline.

use std::path::{Path, PathBuf};

use insights_charts::{count_of, money, thousands};

use crate::api::*;
use crate::{Engine, Result};

impl Engine {
    /// Writes a self-contained HTML report of the current workspace.
    pub fn write_report(&self, out: &Path) -> Result<PathBuf> {
        let overview = self.overview(&OverviewRequest { period: PeriodPreset::AllTime })?;
        let last_90 = self.overview(&OverviewRequest { period: PeriodPreset::Last90Days })?;
        let searches = self.report_searches();
        let experiments: Vec<ExperimentReport> = self.with_current(|ws| {
            let settings = crate::experiments::load_settings(ws.conn())?;
            crate::experiments::list_ids(ws.conn())?
                .iter()
                .map(|id| crate::experiments::analyse(ws.conn(), id, &settings))
                .collect()
        })?;
        let answers = self.report_answers();
        let html = render(&overview, &last_90, &searches, &experiments, &answers);
        crate::files::write_file(out, html)
    }
}

pub(crate) fn render(
    all_time: &Overview,
    last_90: &Overview,
    searches: &[SearchResponse],
    experiments: &[ExperimentReport],
    answers: &[(String, AssistantAnswer)],
) -> String {
    let name = escape(&all_time.workspace.name);
    let mut html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
         <title>{name} — Merchant Insights report</title><style>{CSS}</style></head><body>\
         <h1>{name}</h1><p class=\"sub\">Merchant Insights report · generated {generated}</p>",
        generated = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
    );
    for (title, o) in [("All time", all_time), ("Last 90 days", last_90)] {
        html.push_str(&section(title, o));
    }
    if !searches.is_empty() {
        html.push_str("<section><h2>Product search <span class=\"sub\">what shoppers would find, and why</span></h2>");
        for r in searches {
            html.push_str(&search_section(r));
        }
        html.push_str("</section>");
    }
    if !answers.is_empty() {
        html.push_str(
            "<section><h2>Support assistant <span class=\"sub\">what the bot would answer, from which source</span></h2>",
        );
        for (q, a) in answers {
            html.push_str(&answer_section(q, a));
        }
        html.push_str("</section>");
    }
    if !experiments.is_empty() {
        html.push_str(
            "<section><h2>Experiments <span class=\"sub\">which variant won, by how much, how sure</span></h2>",
        );
        for r in experiments {
            html.push_str(&experiment_section(r));
        }
        html.push_str("</section>");
    }
    html.push_str(
        "<p class=\"note\">Revenue is net of refunds and excludes cancelled orders; average order value is \
         the order total before refunds; a returning customer had more than one order by the end of the period.</p>\
         </body></html>\n",
    );
    html
}

fn section(title: &str, o: &Overview) -> String {
    let period = match (&o.from, &o.to) {
        (Some(f), Some(t)) => escape(&format!("{f} to {t}")),
        _ => "no orders yet".into(),
    };
    let card = |label: &str, value: String, id: &str| {
        format!("<div class=\"card\"><div class=\"label\">{label}</div><div class=\"value\" id=\"{id}\">{value}</div></div>")
    };
    let slug = title.to_lowercase().replace(' ', "-");
    format!(
        "<section><h2>{title} <span class=\"sub\">{period}</span></h2><div class=\"cards\">{}{}{}{}{}</div>\
         <h3>Revenue by week</h3><div class=\"chart\">{}</div></section>",
        card("Revenue", escape(&money(o.revenue, &o.currency)), &format!("{slug}-revenue")),
        card("Orders", thousands(o.orders), &format!("{slug}-orders")),
        card("Customers", thousands(o.customers), &format!("{slug}-customers")),
        card("Average order value", escape(&money(o.average_order_value, &o.currency)), &format!("{slug}-aov")),
        card(
            "Returning-customer rate",
            format!(
                "{:.1}% <small>{} of {}</small>",
                o.returning_customer_rate * 100.0,
                thousands(o.returning_customers),
                thousands(o.returning_customers + o.first_time_customers)
            ),
            &format!("{slug}-returning"),
        ),
        o.revenue_chart_svg,
    )
}

fn search_section(r: &SearchResponse) -> String {
    let mut out = format!(
        "<h3>\u{201c}{}\u{201d} <span class=\"sub\">{} in {:.0} ms</span></h3>",
        escape(&r.query),
        count_of(r.total as i64, "result", "results"),
        r.took_ms
    );
    if let Some(n) = &r.notice {
        out.push_str(&format!("<p class=\"note\">{}</p>", escape(n)));
    }
    out.push_str("<ol class=\"hits\">");
    for h in r.hits.iter().take(5) {
        let why: Vec<String> = h.why.iter().map(|w| escape(w)).collect();
        out.push_str(&format!(
            "<li><strong>{}</strong> <span class=\"sub\">{} · {}</span><br><small>{}</small></li>",
            escape(&h.title),
            escape(&h.vendor),
            escape(&h.category),
            why.join(" · ")
        ));
    }
    out.push_str("</ol>");
    out
}

fn answer_section(question: &str, a: &AssistantAnswer) -> String {
    let mut out = format!(
        "<h3>\u{201c}{}\u{201d} <span class=\"sub\">{} · confidence {:.2}</span></h3>",
        escape(question),
        escape(&a.intent_label),
        a.confidence
    );
    if let Some(e) = &a.escalation {
        out.push_str(&format!("<p class=\"note\"><strong>Handed to a person:</strong> {}</p>", escape(&e.explanation)));
    }
    out.push_str(&format!("<p>{}</p>", escape(&a.answer)));
    if !a.citations.is_empty() {
        let sources: Vec<String> = a.citations.iter().map(|c| escape(&c.title)).collect();
        out.push_str(&format!("<p class=\"sub\">Sources: {}</p>", sources.join(" · ")));
    }
    out
}

fn experiment_section(r: &ExperimentReport) -> String {
    let status = serde_json::to_value(r.status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    let mut out = format!(
        "<h3 id=\"experiment-{id}\">{name} <span class=\"sub\">{status} · {from} to {to}</span></h3>",
        id = escape(&r.id),
        name = escape(&r.name),
        status = status.replace('_', " "),
        from = r.started.as_deref().unwrap_or("?"),
        to = r.ended.as_deref().unwrap_or("?"),
    );
    for w in &r.warnings {
        out.push_str(&format!("<p class=\"note\"><strong>Warning:</strong> {}</p>", escape(&w.message)));
    }
    for sentence in &r.summary {
        out.push_str(&format!("<p>{}</p>", escape(sentence)));
    }
    out.push_str(&format!("<div class=\"chart\">{}</div>", r.charts.lift_svg));
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#0f172a;max-width:1040px;margin:2rem auto;padding:0 1rem}\
h1{margin-bottom:0}.sub{color:#64748b;font-weight:normal;font-size:.9rem}section{margin-top:2rem}\
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:.75rem}.card{border:1px solid #e2e8f0;border-radius:8px;padding:.75rem}\
.label{color:#64748b;font-size:.8rem}.value{font-size:1.3rem;font-weight:600;margin-top:.25rem}.value small{font-size:.75rem;color:#64748b;font-weight:normal}\
.chart svg{width:100%;height:auto}.note{color:#64748b;font-size:.85rem;margin-top:2rem}";
