//! The optional local generator: an OpenAI-compatible chat server on this
//! computer (Ollama, llama.cpp's server) rewords a composed answer. Its
//! prompt holds the retrieved sources and the question only; the sources
//! stay cited and the hand-over rules are decided before it is asked.
//! Loopback addresses only, so nothing leaves the machine.

use std::time::Duration;

use crate::types::Citation;
use crate::{AssistantError, Result};

const SYSTEM: &str = "You are the support assistant of an online shop. Answer the customer's question using only \
the numbered sources below. Do not state any policy, price, date or status that is not in a source. Keep it \
short and friendly. If the sources do not answer the question, say you will pass it to the team.";

/// Checks that `url` is plain HTTP on a loopback address (`localhost`,
/// `127.x.x.x` or `[::1]`); returns it without a trailing slash.
pub fn check_url(url: &str) -> Result<String> {
    let refuse = |why: &str| {
        Err(AssistantError::Settings(format!(
            "the generator must run on this computer ({why}): use an address such as http://127.0.0.1:11434/v1"
        )))
    };
    let Some(rest) = url.trim().strip_prefix("http://") else {
        return refuse("only http:// addresses on this computer are allowed");
    };
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return refuse("no user names in the address");
    }
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default().to_string()
    } else {
        authority.split(':').next().unwrap_or_default().to_ascii_lowercase()
    };
    let loopback =
        host == "localhost" || host == "::1" || host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback());
    if !loopback {
        return refuse(&format!("{host} is not this computer"));
    }
    Ok(url.trim().trim_end_matches('/').to_string())
}

/// The generator's wording of an answer from `sources`.
pub fn generate(base: &str, model: &str, question: &str, sources: &[Citation]) -> Result<String> {
    let base = check_url(base)?;
    let mut prompt = String::from("Sources:\n");
    for (i, s) in sources.iter().enumerate() {
        prompt.push_str(&format!("[{}] {}\n{}\n\n", i + 1, s.title, s.body));
    }
    prompt.push_str(&format!("Customer question: {question}"));
    let body = serde_json::json!({
        "model": model,
        "temperature": 0,
        "stream": false,
        "messages": [
            { "role": "system", "content": SYSTEM },
            { "role": "user", "content": prompt },
        ],
    });
    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(60))).build().into();
    let failed = |e: String| AssistantError::Generator(format!("the local generator at {base} did not answer: {e}"));
    let mut response =
        agent.post(&format!("{base}/chat/completions")).send_json(&body).map_err(|e| failed(e.to_string()))?;
    let value: serde_json::Value = response.body_mut().read_json().map_err(|e| failed(e.to_string()))?;
    value["choices"][0]["message"]["content"]
        .as_str()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| failed("its reply has no message".into()))
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn only_this_computer() {
        assert_eq!(check_url("http://127.0.0.1:11434/v1/").unwrap(), "http://127.0.0.1:11434/v1");
        assert!(check_url("http://localhost:8080/v1").is_ok());
        assert!(check_url("http://[::1]:8080/v1").is_ok());
        assert!(check_url("https://api.example.com/v1").is_err());
        assert!(check_url("http://example.com/v1").is_err());
        assert!(check_url("http://192.168.1.10:11434/v1").is_err());
        assert!(check_url("http://127.0.0.1.example.com/v1").is_err());
        assert!(check_url("http://user@127.0.0.1/v1").is_err());
    }
}
