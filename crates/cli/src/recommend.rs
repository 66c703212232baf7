//! `insights recommend`: similar items and bought-together for a product,
//! personal picks for a customer, with the reasons.

use clap::Subcommand;
use insights_engine::{Engine, EngineError, Recommendation};

#[derive(Subcommand)]
pub enum RecommendCommand {
    /// Similar items and what is bought with a product (its handle).
    Product {
        product_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Personal picks for a customer; without an id, the customers with the most orders.
    Customer {
        customer_id: Option<String>,
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
