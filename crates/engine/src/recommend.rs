//! Recommendations on the current workspace: the model is built from the
//! orders and product vectors once per workspace state and reused.

use std::sync::Arc;

use insights_recommend::Recommender;

use crate::api::*;
use crate::{Engine, Result};

impl Engine {
    fn recommender(&self) -> Result<Arc<Recommender>> {
        let model_id = insights_embed::model_id();
        self.with_current(|ws| {
            let fingerprint = insights_recommend::fingerprint(ws.conn(), &model_id)?;
            self.caches.recommend.get_or_build(ws.path(), fingerprint, || Ok(Recommender::build(ws.conn(), &model_id)?))
        })
    }

    /// Similar items and what is bought with one product, under the workspace's rules.
    pub fn recommend_for_product(&self, product_id: &str) -> Result<ProductRecommendations> {
        let model = self.recommender()?;
        let settings = self.recommend_settings()?;
        let mut r = model.for_product(product_id, &settings)?;
        r.size_advice = self.with_current(|ws| Ok(insights_recommend::size_advice(ws.conn(), product_id)?))?;
        Ok(r)
    }

    /// Personal picks for one customer (popular and trending items without a history).
    pub fn recommend_for_customer(&self, customer_id: &str) -> Result<CustomerRecommendations> {
        let model = self.recommender()?;
        let settings = self.recommend_settings()?;
        let customer = self.with_current(|ws| Ok(insights_recommend::customer(ws.conn(), customer_id)?))?;
        Ok(model.for_customer(customer, &settings)?)
    }

    /// Content-based picks seeded by a new customer's quiz answers.
    pub fn recommend_for_preferences(&self, quiz: &PreferenceQuiz) -> Result<QuizPicks> {
        let model = self.recommender()?;
        let settings = self.recommend_settings()?;
        let words = quiz.words.trim();
        let vector = if words.is_empty() { None } else { Some(self.embed_texts(&[words.to_string()], 1)?.remove(0)) };
        Ok(model.for_preferences(quiz, vector.as_deref(), &settings))
    }

    /// Customers for the picker: most orders first, or those whose id starts with `query`.
    pub fn recommend_customers(&self, query: &str) -> Result<Vec<CustomerSummary>> {
        self.with_current(|ws| Ok(insights_recommend::customers(ws.conn(), query.trim(), 50)?))
    }

    pub fn recommend_settings(&self) -> Result<RecommendSettings> {
        self.with_current(|ws| Ok(insights_recommend::load_settings(ws.conn())?))
    }

    pub fn set_recommend_settings(&self, settings: &RecommendSettings) -> Result<RecommendSettings> {
        self.save_then_load(|c| insights_recommend::save_settings(c, settings), insights_recommend::load_settings)
    }

    /// Personal picks against best sellers on a time-based split of the
    /// workspace's own orders: train before `cutoff`, test on purchases from
    /// `cutoff` to `end` (default: the last 100 days of orders as the test window).
    pub fn recommend_evaluate(&self, request: &RecommendEvalRequest) -> Result<RecommendEvaluation> {
        let model_id = insights_embed::model_id();
        self.with_current(|ws| {
            let split = split_of(ws.conn(), request)?;
            Ok(insights_recommend::evaluate(ws.conn(), &model_id, &split)?)
        })
    }

    /// The evaluation with its chart, for the Recommendations screen.
    pub fn recommend_evaluate_report(&self, request: &RecommendEvalRequest) -> Result<RecommendEvalReport> {
        let evaluation = self.recommend_evaluate(request)?;
        let k = evaluation.k;
        let chart = insights_charts::Chart::Bars {
            title: format!("Personal picks against best sellers, {} customers", evaluation.customers),
            y_label: "Share".into(),
            groups: vec![
                format!("HR@{k}"),
                format!("NDCG@{k}"),
                "Catalog coverage".into(),
                "Popularity of items".into(),
            ],
            series: evaluation
                .methods
                .iter()
                .map(|m| insights_charts::BarSeries {
                    name: m.method.clone(),
                    values: vec![m.hit_rate, m.ndcg, m.coverage, m.popularity_percentile],
                })
                .collect(),
        };
        Ok(RecommendEvalReport { chart_svg: insights_charts::render_svg(&chart), evaluation })
    }

    /// Writes the split for the side-by-side benchmark: `train.csv`
    /// (customer, product, orders before the cutoff) and `test.csv`
    /// (customer, product bought in the test window, test customers only).
    pub fn export_recommend_split(&self, request: &RecommendEvalRequest, dir: &std::path::Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|source| crate::EngineError::Io {
            action: "could not create",
            path: dir.to_path_buf(),
            source,
        })?;
        self.with_current(|ws| {
            let split = split_of(ws.conn(), request)?;
            let tests = insights_recommend::evaluate::test_purchases(ws.conn(), &split)?;
            let cell = crate::csv_cell;
            let mut test = String::from("customer_id,product_id\n");
            let mut keys: Vec<&String> = tests.keys().collect();
            keys.sort();
            for c in keys {
                let mut items: Vec<&String> = tests[c].iter().collect();
                items.sort();
                for p in items {
                    test.push_str(&format!("{},{}\n", cell(c), cell(p)));
                }
            }
            crate::write_file(&dir.join("test.csv"), test)?;
            let mut stmt = ws.conn().prepare(
                "SELECT o.customer_id, l.product_id, count(DISTINCT o.order_id) AS orders
                     FROM orders o JOIN order_lines l USING (order_id)
                     WHERE o.cancelled_at IS NULL AND l.product_id IS NOT NULL AND o.customer_id IS NOT NULL
                       AND CAST(o.created_at AS DATE) - DATE '1970-01-01' < ?
                     GROUP BY ALL ORDER BY ALL",
            )?;
            let rows = stmt.query_map([split.cutoff], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
            })?;
            let mut train = String::from("customer_id,product_id,orders\n");
            for row in rows {
                let (c, p, n) = row?;
                train.push_str(&format!("{},{},{n}\n", cell(&c), cell(&p)));
            }
            crate::write_file(&dir.join("train.csv"), train)?;
            Ok(())
        })
    }
}

fn day_of(conn: &insights_store::duckdb::Connection, date: &str) -> Result<i32> {
    conn.query_row("SELECT (TRY_CAST(? AS DATE) - DATE '1970-01-01')::INTEGER", [date], |r| r.get::<_, Option<i32>>(0))?
        .ok_or_else(|| crate::EngineError::InvalidSettings {
            message: format!("{date}: expected a date such as 2011-09-01"),
        })
}

fn split_of(
    conn: &insights_store::duckdb::Connection,
    r: &RecommendEvalRequest,
) -> Result<insights_recommend::EvalSplit> {
    let last: Option<i32> = conn.query_row(
        "SELECT (max(CAST(created_at AS DATE)) - DATE '1970-01-01')::INTEGER FROM orders WHERE cancelled_at IS NULL",
        [],
        |row| row.get(0),
    )?;
    let Some(last) = last else {
        return Err(crate::EngineError::InvalidSettings {
            message: "there are no orders to evaluate on: import orders first".into(),
        });
    };
    let end = match &r.end {
        Some(d) => day_of(conn, d)?,
        None => last,
    };
    let cutoff = match &r.cutoff {
        Some(d) => day_of(conn, d)?,
        None => end - 99,
    };
    if cutoff > end {
        return Err(crate::EngineError::InvalidSettings { message: "the test window ends before it starts".into() });
    }
    Ok(insights_recommend::EvalSplit { cutoff, end, k: r.k.clamp(1, 100) as usize })
}
