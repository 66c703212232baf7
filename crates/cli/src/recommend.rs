//! `insights recommend`: similar items and bought-together for a product,
//! personal picks for a customer, with the reasons.

use std::path::PathBuf;

use clap::Subcommand;
use insights_engine::{Engine, EngineError, RecommendEvalRequest, Recommendation};

#[derive(Subcommand)]
pub enum RecommendCommand {
    /// Similar items and what is bought with a product (its handle).
    Product {
        /// The product's handle (its id in the workspace).
        product_id: String,
        /// Print JSON instead of a list.
        #[arg(long)]
        json: bool,
    },
    /// Offline evaluation on this workspace's history: train before the
    /// cutoff, test on the purchases after it; personal picks against best sellers.
    Evaluate {
        /// First day of the test window (default: 99 days before its end).
        #[arg(long)]
        cutoff: Option<String>,
        /// Last day of the test window (default: the last order's day).
        #[arg(long)]
        end: Option<String>,
        /// How many recommendations each customer gets in the evaluation.
        #[arg(long, default_value_t = 10)]
        k: u32,
        /// Also write the split (train.csv, test.csv) here, for other tools.
        #[arg(long)]
        export: Option<PathBuf>,
        /// Print JSON instead of a summary.
        #[arg(long)]
        json: bool,
    },
    /// Personal picks for a customer; without an id, the customers with the most orders.
    Customer {
        /// The customer's id (as in `insights recommend customer`'s list).
        customer_id: Option<String>,
        /// Print JSON instead of a list.
        #[arg(long)]
        json: bool,
    },
}

fn print_list(title: &str, items: &[Recommendation], empty: &str) {
    println!("{title}");
    if items.is_empty() {
        println!("  {empty}");
    }
    for (i, r) in items.iter().enumerate() {
        let price = r.price.map(|p| format!("{p:.2}")).unwrap_or_default();
        let stock = if r.in_stock { "" } else { "  (out of stock)" };
        println!("  {:>2}. {} · {} · {price}{stock}", i + 1, r.title, r.category);
        for w in &r.why {
            println!("      {w}");
        }
    }
}

pub fn run(engine: &Engine, cmd: RecommendCommand) -> Result<(), EngineError> {
    match cmd {
        RecommendCommand::Product { product_id, json } => {
            let r = engine.recommend_for_product(&product_id)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r).expect("recommendations serialise"));
                return Ok(());
            }
            println!("{} · {} · in {} orders\n", r.product.title, r.product.category, r.product.orders);
            print_list("Similar items", &r.similar, "none (are the products embedded? run `insights embed`)");
            println!();
            let none = format!("not bought with other products in {} or more orders", r.settings.min_support);
            print_list("Frequently bought together", &r.together, &none);
            if r.hidden > 0 {
                println!("\n{} candidates left out by your rules (stock, margin, category cap)", r.hidden);
            }
            Ok(())
        }
        RecommendCommand::Evaluate { cutoff, end, k, export, json } => {
            let request = RecommendEvalRequest { cutoff, end, k };
            if let Some(dir) = &export {
                engine.export_recommend_split(&request, dir)?;
            }
            let r = engine.recommend_evaluate(&request)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r).expect("evaluation serialises"));
                return Ok(());
            }
            println!("{} customers bought before and after the cutoff", r.customers);
            println!("{:<28} {:>8} {:>9} {:>9} {:>11}", "method", "HR@k", "NDCG@k", "coverage", "popularity");
            for m in &r.methods {
                println!(
                    "{:<28} {:>8.4} {:>9.4} {:>8.1}% {:>10.1}%",
                    m.method,
                    m.hit_rate,
                    m.ndcg,
                    m.coverage * 100.0,
                    m.popularity_percentile * 100.0
                );
            }
            println!(
                "model built in {:.0} ms; one request p50 {:.2} ms, p95 {:.2} ms (k = {})",
                r.build_ms, r.request_p50_ms, r.request_p95_ms, r.k
            );
            Ok(())
        }
        RecommendCommand::Customer { customer_id: None, json } => {
            let list = engine.recommend_customers("")?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list).expect("customers serialise"));
            } else {
                for c in list {
                    println!("{}  {}", c.customer_id, c.label);
                }
            }
            Ok(())
        }
        RecommendCommand::Customer { customer_id: Some(id), json } => {
            let r = engine.recommend_for_customer(&id)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r).expect("recommendations serialise"));
                return Ok(());
            }
            println!("{}", r.customer.label);
            for h in r.history.iter().take(5) {
                println!("  bought {} on {}", h.title, h.date);
            }
            println!();
            let title = if r.cold_start { "Popular and trending (no purchases yet)" } else { "Personal picks" };
            print_list(title, &r.picks, "nothing to recommend under your rules");
            Ok(())
        }
    }
}
