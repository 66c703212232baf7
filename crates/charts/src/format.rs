//! Number formatting for axis ticks, labels and legends: compact counts and
//! money, percentages with as many decimals as the tick step needs.

/// The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `x`, so axis ticks are round.
pub(crate) fn nice_ceiling(x: f64) -> f64 {
    if !x.is_finite() || x <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= x * (1.0 - 1e-12))
        .unwrap_or(10.0 * magnitude)
}

/// A round axis top at or above `max` for about `ticks` ticks: a multiple of
/// a 1, 2, 2.5 or 5 × 10ⁿ step, so the axis ends close to the data.
pub(crate) fn nice_top(max: f64, ticks: u32) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let step = nice_ceiling(max / f64::from(ticks.max(1)));
    let top = (max / step - 1e-9).ceil() * step;
    if top > 0.0 {
        top
    } else {
        step
    }
}

/// Decimals needed to write multiples of `step` exactly (at most 6).
pub(crate) fn decimals_for_step(step: f64) -> usize {
    if !step.is_finite() || step <= 0.0 {
        return 0;
    }
    (0..=6)
        .find(|d| {
            let scaled = step * 10f64.powi(*d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(6)
}

/// A typographic minus for negative numbers, which reads better than a hyphen.
fn with_minus(s: String) -> String {
    match s.strip_prefix('-') {
        Some(rest) => format!("\u{2212}{rest}"),
        None => s,
    }
}

/// `v` with `decimals` decimals, negative zero written as zero.
pub(crate) fn fixed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        with_minus(s)
    }
}

/// A fraction as a percentage: 0.041 → "4.1%" with one decimal.
pub(crate) fn percent(v: f64, decimals: usize) -> String {
    format!("{}%", fixed(v * 100.0, decimals))
}

/// A signed percentage for lifts: "+4.1%", "−3%", "0%".
pub(crate) fn signed_percent(v: f64, decimals: usize) -> String {
    let s = percent(v, decimals);
    if v > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// Up to two decimals, trailing zeros dropped.
fn short(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" {
        "0".to_string()
    } else {
        with_minus(s)
    }
}

/// A count or amount in few characters: 950, 1.25k, 12k, 3.4M.
pub(crate) fn compact(v: f64) -> String {
    if v.abs() >= 1e9 {
        format!("{}B", short(v / 1e9))
    } else if v.abs() >= 1e6 {
        format!("{}M", short(v / 1e6))
    } else if v.abs() >= 1e3 {
        format!("{}k", short(v / 1e3))
    } else {
        short(v)
    }
}

/// An amount with its currency code and grouped units: "USD 1,234.50",
/// "-EUR 0.50".
pub fn money(v: f64, currency: &str) -> String {
    let cents = (v * 100.0).round() as i64;
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{} {}.{:02}", currency, thousands(cents.abs() / 100), cents.abs() % 100)
}

/// A count with its noun, singular or plural: "1 result", "12,400 results".
pub fn count_of(n: i64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// A whole number with thousands separators: 12,400 (-12,400). The one
/// place the Rust side groups digits: charts, the report and the CLI.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The symbol written before amounts in `currency`, if it has a common one.
fn currency_symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "USD" | "CAD" | "AUD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        _ => None,
    }
}

/// An amount in few characters: "$2.5k", "€12k", "1.2M SEK".
pub(crate) fn compact_money(v: f64, currency: &str) -> String {
    let (n, unit) = if v.abs() >= 1e6 {
        (v / 1e6, "M")
    } else if v.abs() >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let n = if n.fract().abs() < 1e-9 { fixed(n, 0) } else { fixed(n, 1) };
    match currency_symbol(currency) {
        Some(symbol) => format!("{symbol}{n}{unit}"),
        None => format!("{n}{unit} {currency}"),
    }
}

/// Shortens `text` with an ellipsis until `width` says it fits in `max`.
pub(crate) fn fit(text: &str, max: u32, width: impl Fn(&str) -> u32) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    for keep in (0..chars.len()).rev() {
        let candidate: String = chars[..keep].iter().collect::<String>().trim_end().to_string() + "…";
        if width(&candidate) <= max || keep == 0 {
            return candidate;
        }
    }
    "…".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_has_cents_and_grouped_units() {
        assert_eq!(money(1234.5, "USD"), "USD 1,234.50");
        assert_eq!(money(-0.5, "EUR"), "-EUR 0.50");
    }

    #[test]
    fn counts_take_the_singular_for_one_only() {
        assert_eq!(count_of(1, "result", "results"), "1 result");
        assert_eq!(count_of(0, "result", "results"), "0 results");
        assert_eq!(count_of(12_400, "result", "results"), "12,400 results");
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_ceiling(8_700.0), 10_000.0);
        assert_eq!(nice_ceiling(1_900.0), 2_000.0);
        assert_eq!(nice_ceiling(2_100.0), 2_500.0);
        assert_eq!(nice_ceiling(0.042), 0.05);
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(f64::NAN), 1.0);
        assert_eq!(nice_top(10_000.0, 5), 10_000.0);
        assert_eq!(nice_top(35_900.0, 5), 40_000.0);
        assert!((nice_top(0.053, 5) - 0.06).abs() < 1e-12);
        assert_eq!(nice_top(40_800.0, 10), 45_000.0);
        assert_eq!(nice_top(0.0, 5), 1.0);
    }

    #[test]
    fn money_is_compact() {
        assert_eq!(compact_money(2_500.0, "EUR"), "€2.5k");
        assert_eq!(compact_money(1_200_000.0, "SEK"), "1.2M SEK");
        assert_eq!(compact_money(10_000.0, "USD"), "$10k");
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(compact(950.0), "950");
        assert_eq!(compact(1_250.0), "1.25k");
        assert_eq!(compact(12_000.0), "12k");
        assert_eq!(compact(-3_400_000.0), "\u{2212}3.4M");
        assert_eq!(compact(0.5), "0.5");
        assert_eq!(thousands(12_400), "12,400");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(-1_234_567), "-1,234,567");
        assert_eq!(percent(0.041, 1), "4.1%");
        assert_eq!(signed_percent(0.052, 1), "+5.2%");
        assert_eq!(signed_percent(-0.03, 0), "\u{2212}3%");
        assert_eq!(signed_percent(0.0, 0), "0%");
        assert_eq!(signed_percent(-0.0001, 0), "0%");
        assert_eq!(decimals_for_step(0.5), 1);
        assert_eq!(decimals_for_step(0.25), 2);
        assert_eq!(decimals_for_step(20.0), 0);
        assert_eq!(decimals_for_step(0.1 + 0.2), 1);
    }

    #[test]
    fn long_text_is_shortened_to_fit() {
        let width = |s: &str| s.chars().count() as u32 * 10;
        assert_eq!(fit("Checkout", 100, width), "Checkout");
        assert_eq!(fit("Viewed product page", 100, width), "Viewed pr…");
        assert_eq!(fit("abc", 0, width), "…");
    }
}
