//! End to end: the real app binary in a real window (Xvfb in `make test`),
//! driven over WebDriver (tauri-driver + WebKitWebDriver). It opens the
//! sample store's workspace and checks the Overview shows exactly the figures
//! the engine computes for it. A screenshot goes to target/e2e/.
//!
//! Needs a display, `tauri-driver` and `WebKitWebDriver`; `make test` provides
//! all three and sets INSIGHTS_E2E=1. Without INSIGHTS_E2E the test says it
//! was not run and passes, so a plain `cargo test` works anywhere.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use insights_engine::{
    AppDirs, AskRequest, AssistantAnswer, CustomerRecommendations, Engine, ErasureReport, ErasureRequest,
    ExperimentReport, ExperimentStatus, MetricKind, Overview, OverviewRequest, PeriodPreset, PersonalDataReport,
    ProductRecommendations, SearchRequest, SearchResponse,
};

#[path = "../../crates/engine/tests/support/sample_store.rs"]
mod sample_store;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM, not SIGKILL: tauri-driver then stops its WebKitWebDriver
        // child, which would otherwise keep this test's pipes open.
        let _ = Command::new("kill").arg("-TERM").arg(self.0.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.0.kill();
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn value_of(client: &Client, testid: &str) -> Option<f64> {
    let el = client.find(Locator::Css(&format!("[data-testid={testid}]"))).await.ok()?;
    el.attr("data-value").await.ok()??.parse().ok()
}

/// Waits up to `secs` for an element, failing with `what` when it never comes.
async fn wait_for(client: &Client, css: &str, secs: u64, what: &str) -> fantoccini::elements::Element {
    client.wait().at_most(Duration::from_secs(secs)).for_element(Locator::Css(css)).await.expect(what)
}

async fn click(client: &Client, testid: &str) {
    client.find(Locator::Css(&format!("[data-testid={testid}]"))).await.unwrap().click().await.unwrap();
}

/// Goes to the Import screen and adds `file` by typing its path, as a person would.
async fn add_on_import_screen(client: &Client, file: &Path) {
    click(client, "nav-import").await;
    let input = wait_for(client, "[data-testid=import-path-input]", 20, "the Import screen shows its path field").await;
    input.send_keys(&file.display().to_string()).await.unwrap();
    click(client, "import-add-path").await;
}

/// The text a person sees in an element (WebKitWebDriver's element text can
/// come back empty for styled elements, so read it through the DOM).
async fn text_of(client: &Client, testid: &str) -> String {
    let script = format!("const e = document.querySelector('[data-testid={testid}]'); return e ? e.textContent : '';");
    match client.execute(&script, vec![]).await {
        Ok(serde_json::Value::String(s)) => s.trim().to_string(),
        _ => String::new(),
    }
}

/// The five figures as the window shows them (raw `data-value`s).
async fn shown_figures(client: &Client) -> [Option<f64>; 5] {
    [
        value_of(client, "kpi-revenue").await,
        value_of(client, "kpi-orders").await,
        value_of(client, "kpi-customers").await,
        value_of(client, "kpi-aov").await,
        value_of(client, "kpi-returning-rate").await,
    ]
}

async fn assert_overview_matches(client: &Client, expected: &Overview) {
    let want = [
        Some(expected.revenue),
        Some(expected.orders as f64),
        Some(expected.customers as f64),
        Some(expected.average_order_value),
        Some(expected.returning_customer_rate),
    ];
    // The window loads asynchronously: wait until it settles on the figures.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut shown = shown_figures(client).await;
    while shown != want && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(250)).await;
        shown = shown_figures(client).await;
    }
    assert_eq!(shown, want, "[revenue, orders, customers, AOV, returning rate] shown vs computed by the engine");
    client.find(Locator::Css("[data-testid=overview-ready]")).await.expect("the Overview says it is ready");
    // The visible text carries the figure too, formatted for people.
    let orders_text = text_of(client, "kpi-orders").await;
    let digits: String = orders_text.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(digits, expected.orders.to_string(), "orders as shown: {orders_text:?}");
    let chart = client.find(Locator::Css("[data-testid=revenue-chart] svg")).await;
    assert!(chart.is_ok(), "the revenue chart is drawn");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overview_shows_the_engine_figures_for_the_sample_store() {
    if std::env::var_os("INSIGHTS_E2E").is_none() {
        eprintln!("end-to-end test not run: set INSIGHTS_E2E=1 with a display, tauri-driver and WebKitWebDriver (make test does)");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let (
        sample_path,
        all_time,
        last_90,
        by_meaning,
        banner,
        broken,
        kpis,
        answer,
        for_boot,
        for_customer,
        personal,
        erasure,
    ) = {
        // The sample store's workspace as a first run builds it, embedded
        // (shared, see sample_store.rs): opened here as the app finds it.
        sample_store::copy_as_sample(home.path());
        let engine = Engine::new(AppDirs::at(home.path().to_path_buf()));
        let info = engine.open_sample_workspace(&repo_root().join("sample-data"), &mut |_| {}).unwrap();
        let all = engine.overview(&OverviewRequest { period: PeriodPreset::AllTime }).unwrap();
        let last = engine.overview(&OverviewRequest { period: PeriodPreset::Last90Days }).unwrap();
        // Embedded already, so the window's search answers by meaning at once.
        let left = engine.embed_workspace(&mut |_| {}).unwrap();
        assert_eq!(left.embedded, 0, "the shared store is fully embedded: {left:?}");
        let by_meaning = engine.search(&SearchRequest::new(SEARCH_QUERY)).unwrap();
        assert!(by_meaning.semantic_used);
        let banner = engine.experiment(BANNER, None).unwrap();
        let broken = engine.experiment(BROKEN_SPLIT, None).unwrap();
        let kpis = engine.kpis(&OverviewRequest { period: PeriodPreset::AllTime }).unwrap();
        let answer = engine.assistant_ask(&AskRequest { message: POLICY_QUESTION.into(), email: None }).unwrap();
        let for_boot = engine.recommend_for_product(BOOT).unwrap();
        let top = engine.recommend_customers("").unwrap().remove(0);
        let for_customer = engine.recommend_for_customer(&top.customer_id).unwrap();
        let personal = engine.personal_data_report().unwrap();
        let erasure =
            engine.erase_customer(&ErasureRequest { customer: top.customer_id.clone(), dry_run: true }).unwrap();
        (info.path, all, last, by_meaning, banner, broken, kpis, answer, for_boot, for_customer, personal, erasure)
    }; // the engine closes the workspace here, so the app can open it
    assert!(all_time.orders > 50_000, "the sample store has its orders ({})", all_time.orders);

    // Another program holds the workspace while the app starts.
    let elsewhere = tempfile::tempdir().unwrap();
    let holder = Engine::new(AppDirs::at(elsewhere.path().to_path_buf()));
    holder.open_workspace(Path::new(&sample_path)).unwrap();

    let driver_bin = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
    let (port, native_port) = (free_port(), free_port());
    let driver = Driver(
        Command::new(&driver_bin)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("INSIGHTS_HOME", home.path())
            .env("INSIGHTS_OPEN", &sample_path)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {driver_bin}: {e}")),
    );
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert("tauri:options".into(), serde_json::json!({ "application": env!("CARGO_BIN_EXE_merchant-insights") }));
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        match ClientBuilder::native().capabilities(caps.clone()).connect(&url).await {
            Ok(c) => break c,
            Err(e) if Instant::now() < deadline => {
                eprintln!("waiting for tauri-driver: {e}");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => panic!("could not reach tauri-driver at {url}: {e}"),
        }
    };

    // The window says why the workspace did not open, offers to try again,
    // and opens it by itself once the other program lets go.
    let failure =
        wait_for(&client, "[data-testid=start-failure][data-code=workspace_locked]", 30, "the reason shows").await;
    let text = failure.text().await.unwrap();
    assert!(text.contains("Sample store") && text.contains("in use by another program"), "{text}");
    assert!(client.find(Locator::Css("[data-testid=start-retry]")).await.is_ok(), "a Try again button");
    let shots = repo_root().join("target").join("e2e");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(shots.join("start-failure.png"), client.screenshot().await.unwrap()).unwrap();
    drop(holder);

    // The switcher names the open workspace once the app has asked the engine.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut name = String::new();
    while !name.contains("Sample store") && Instant::now() < deadline {
        name = text_of(&client, "workspace-name").await;
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    if !name.contains("Sample store") {
        std::fs::write(shots.join("failure.png"), client.screenshot().await.unwrap()).unwrap();
    }
    assert!(name.contains("Sample store"), "the switcher names the open workspace: {name:?}");
    assert_overview_matches(&client, &all_time).await;
    // Below the headline figures: support containment, refunds, cohorts and RFM, as the engine computes them.
    wait_for(&client, "[data-testid=kpi-panel]", 30, "the KPI panel shows").await;
    let containment = kpis.support.containment_rate.expect("the sample store has conversations");
    assert_eq!(value_of(&client, "kpi-containment").await, Some(containment));
    assert_eq!(value_of(&client, "kpi-refund-rate").await, kpis.store.refunded_order_rate);
    assert!(client.find(Locator::Css("[data-testid=cohort-chart] svg")).await.is_ok(), "the cohort heatmap is drawn");
    assert!(client.find(Locator::Css("[data-testid=rfm-segments] tr[data-segment=champions]")).await.is_ok());
    client.execute("document.querySelector('[data-testid=kpi-panel]').scrollIntoView()", vec![]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    std::fs::write(shots.join("overview-kpis.png"), client.screenshot().await.unwrap()).unwrap();
    client.execute("window.scrollTo(0, 0); document.querySelector('main')?.scrollTo?.(0, 0)", vec![]).await.unwrap();

    std::fs::write(shots.join("overview.png"), client.screenshot().await.unwrap()).unwrap();

    // Another period: the figures follow the engine's again.
    client
        .find(Locator::Css("[data-testid=period-select]"))
        .await
        .unwrap()
        .select_by_value("last_90_days")
        .await
        .unwrap();
    assert_overview_matches(&client, &last_90).await;
    std::fs::write(shots.join("overview-last-90-days.png"), client.screenshot().await.unwrap()).unwrap();

    search_on_the_search_screen(&client, &by_meaning).await;
    tokio::time::sleep(Duration::from_millis(500)).await; // let the window repaint before the picture
    std::fs::write(shots.join("search.png"), client.screenshot().await.unwrap()).unwrap();

    assistant_on_the_assistant_screen(&client, &answer).await;

    recommendations_on_the_recommendations_screen(&client, &for_boot, &for_customer).await;

    experiments_on_the_experiments_screen(&client, &banner, &broken).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    std::fs::write(shots.join("experiments.png"), client.screenshot().await.unwrap()).unwrap();

    // The Overview keeps the period chosen above (last 90 days).
    import_through_the_import_screen(&client, home.path(), last_90.orders).await;
    import_the_same_file_again(&client, home.path()).await;
    import_through_a_column_mapping(&client, home.path()).await;
    std::fs::write(shots.join("import.png"), client.screenshot().await.unwrap()).unwrap();
    import_a_store_with_shared_skus(&client).await;
    a_spoofing_title_is_shown_plainly(&client, home.path()).await;

    nothing_remote_loads_in_the_window(&client).await;
    privacy_on_the_settings_screen(&client, &personal, &erasure).await;
    std::fs::write(shots.join("settings.png"), client.screenshot().await.unwrap()).unwrap();

    client.close().await.unwrap();
    drop(driver);
}

/// The page's content security policy refuses a request to another origin
/// before anything is sent: the browser reports the violation.
async fn nothing_remote_loads_in_the_window(client: &Client) {
    let script = "const done = arguments[arguments.length - 1];
        document.addEventListener('securitypolicyviolation', e => done('blocked by ' + e.violatedDirective), { once: true });
        fetch('https://example.com/collect').then(() => done('loaded'), () => {});
        setTimeout(() => done('no violation reported'), 5000);";
    let outcome = client.execute_async(script, vec![]).await.unwrap();
    assert!(
        outcome.as_str().is_some_and(|s| s.starts_with("blocked by connect-src")),
        "a request to another origin is refused by the page's policy: {outcome}"
    );
}

/// Settings › Privacy: the counts the engine reports, the Parquet export,
/// and erasing the busiest customer after a preview and a confirmation.
async fn privacy_on_the_settings_screen(client: &Client, report: &PersonalDataReport, erasure: &ErasureReport) {
    click(client, "nav-settings").await;
    wait_for(client, "[data-testid=personal-data-table]", 30, "the personal-data table shows").await;
    assert!(client.find(Locator::Css("[data-testid=privacy-hashing]:checked")).await.is_ok(), "hashing is on");
    let shown = attr_of(client, "[data-testid=personal-data-customers]", "data-value").await;
    assert_eq!(shown, Some(report.customers.to_string()));
    let email = report.items.iter().find(|i| i.table == "customers" && i.column == "email").unwrap();
    let row = "[data-testid=personal-data-row][data-table=customers][data-column=email]";
    assert_eq!(attr_of(client, row, "data-hashed").await, Some(email.hashed.to_string()));
    assert_eq!(attr_of(client, row, "data-plain").await, Some("0".into()));

    click(client, "export-workspace").await;
    wait_for(client, "[data-testid=export-result]", 120, "the export finishes").await;
    let folder = PathBuf::from(text_of(client, "export-folder").await);
    assert!(folder.join("orders.parquet").is_file(), "the shown folder holds the files: {}", folder.display());

    let input = wait_for(client, "[data-testid=erase-input]", 10, "the erase field shows").await;
    input.send_keys(&erasure.customer_id).await.unwrap();
    click(client, "erase-find").await;
    wait_for(client, "[data-testid=erase-preview]", 30, "the preview shows").await;
    let total = attr_of(client, "[data-testid=erase-preview]", "data-total").await;
    assert_eq!(total, Some(erasure.total_rows.to_string()), "the preview counts what the engine counts");
    click(client, "erase-start").await;
    wait_for(client, "[data-testid=erase-confirm]", 10, "the confirmation asks").await;
    click(client, "erase-confirm").await;
    wait_for(client, "[data-testid=erase-done]", 60, "the erasure finishes").await;
    let deadline = Instant::now() + Duration::from_secs(30);
    let want = Some((report.customers - 1).to_string());
    while attr_of(client, "[data-testid=personal-data-customers]", "data-value").await != want
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(attr_of(client, "[data-testid=personal-data-customers]", "data-value").await, want);
    // Looking for them again finds nothing.
    let input = wait_for(client, "[data-testid=erase-input]", 10, "the erase field shows").await;
    input.clear().await.unwrap();
    input.send_keys(&erasure.customer_id).await.unwrap();
    click(client, "erase-find").await;
    wait_for(client, "[data-testid=erase-not-found]", 30, "the customer is gone").await;
}

const SEARCH_QUERY: &str = "warm waterproof jacket for hiking";
const BOOT: &str = "birch-all-terrain-backpacking-boot";

/// Product ids of the items in one list of the Recommendations screen.
async fn shown_items(client: &Client, list: &str) -> Vec<String> {
    let script = format!(
        "return [...document.querySelectorAll('[data-testid={list}] [data-testid=rec-item]')].map(e => e.dataset.productId);"
    );
    match client.execute(&script, vec![]).await {
        Ok(serde_json::Value::Array(v)) => v.into_iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

async fn wait_for_items(client: &Client, list: &str, want: &[String]) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let shown = shown_items(client, list).await;
        if shown == want || Instant::now() > deadline {
            return shown;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// A person opens a product and a customer: the lists are the engine's,
/// each item says why, and with the in-stock rule on nothing out of stock shows.
async fn recommendations_on_the_recommendations_screen(
    client: &Client,
    product: &ProductRecommendations,
    customer: &CustomerRecommendations,
) {
    assert!(product.settings.in_stock_only, "the in-stock rule is on by default");
    assert!(!product.together.is_empty() && !customer.picks.is_empty());
    click(client, "nav-recommendations").await;
    let search = wait_for(client, "[data-testid=rec-product-search]", 30, "the product search shows").await;
    search.send_keys(&product.product.title).await.unwrap();
    let option = format!("[data-testid=rec-product-option][data-product-id='{BOOT}']");
    wait_for(client, &option, 30, "the product is offered").await.click().await.unwrap();
    wait_for(client, &format!("[data-testid=rec-product][data-product-id='{BOOT}']"), 30, "the product opens").await;
    let together: Vec<String> = product.together.iter().map(|r| r.product_id.clone()).collect();
    assert_eq!(
        wait_for_items(client, "rec-together", &together).await,
        together,
        "bought together as the engine ranks"
    );
    let similar: Vec<String> = product.similar.iter().map(|r| r.product_id.clone()).collect();
    assert_eq!(wait_for_items(client, "rec-similar", &similar).await, similar);
    let stock = "return [...document.querySelectorAll('[data-testid=rec-item]')].map(e => e.dataset.inStock);";
    let flags = client.execute(stock, vec![]).await.unwrap();
    assert!(flags.as_array().unwrap().iter().all(|f| f == "true"), "nothing out of stock is shown: {flags}");
    let why = text_of(client, "rec-why").await;
    assert!(!why.is_empty(), "each item says why");
    if let Some(bundle) = &product.bundle {
        let first = attr_of(client, "[data-testid=rec-bundle] [data-testid=rec-bundle-item]", "data-product-id").await;
        assert_eq!(first.as_deref(), Some(bundle.items[0].product_id.as_str()), "the bundle starts with the product");
    }
    let shots = repo_root().join("target").join("e2e");
    std::fs::write(shots.join("recommendations.png"), client.screenshot().await.unwrap()).unwrap();

    click(client, "rec-tab-customers").await;
    let id = &customer.customer.customer_id;
    let option = format!("[data-testid=rec-customer-option][data-customer-id='{id}']");
    wait_for(client, &option, 30, "the customer is listed").await.click().await.unwrap();
    wait_for(client, &format!("[data-testid=rec-customer][data-customer-id='{id}']"), 30, "the customer opens").await;
    let picks: Vec<String> = customer.picks.iter().map(|r| r.product_id.clone()).collect();
    assert_eq!(wait_for_items(client, "rec-picks", &picks).await, picks, "personal picks as the engine ranks");
    let why = text_of(client, "rec-why").await;
    assert!(!why.is_empty(), "each pick says why");
    std::fs::write(shots.join("recommendations-customer.png"), client.screenshot().await.unwrap()).unwrap();

    // The offline evaluation, drawn in the app.
    click(client, "rec-tab-evaluate").await;
    wait_for(client, "[data-testid=rec-evaluate]", 10, "the evaluation tab opens").await.click().await.unwrap();
    wait_for(client, "[data-testid=rec-evaluation]", 120, "the evaluation finishes").await;
    assert!(client.find(Locator::Css("[data-testid=rec-eval-chart] svg")).await.is_ok(), "the chart is drawn");
    let rows = client.find_all(Locator::Css("[data-testid=rec-eval-row]")).await.unwrap();
    assert_eq!(rows.len(), 2, "personal picks and best sellers");
    std::fs::write(shots.join("recommendations-evaluation.png"), client.screenshot().await.unwrap()).unwrap();
}

const POLICY_QUESTION: &str = "Can I return sale items?";
const REFUND_QUESTION: &str = "How much will I get back as a refund for order #1042?";

/// Types a question into the Assistant screen and asks it.
async fn ask_in_window(client: &Client, question: &str) {
    let input = wait_for(client, "[data-testid=assistant-input]", 30, "the Assistant screen shows its input").await;
    input.clear().await.unwrap();
    input.send_keys(question).await.unwrap();
    click(client, "assistant-ask").await;
}

/// A person asks a policy question and sees the engine's answer with its
/// intent, confidence and a citation that opens its source; then asks about
/// a refund amount and sees the hand-over banner with its reason.
async fn assistant_on_the_assistant_screen(client: &Client, expected: &AssistantAnswer) {
    assert!(expected.escalation.is_none(), "the engine answers the policy question itself: {expected:?}");
    let source = expected.citations.first().expect("the engine cites a source");
    click(client, "nav-assistant").await;
    ask_in_window(client, POLICY_QUESTION).await;
    let card = format!("[data-testid=assistant-answer][data-intent='{}'][data-escalated='false']", expected.intent);
    wait_for(client, &card, 60, "the answer appears with the engine's intent").await;
    let shown: f64 =
        attr_of(client, "[data-testid=assistant-confidence]", "data-value").await.unwrap().parse().unwrap();
    assert!((shown - expected.confidence).abs() < 1e-9, "confidence shown {shown} vs {}", expected.confidence);
    let reply = text_of(client, "assistant-reply").await;
    assert_eq!(reply, expected.answer, "the window shows the engine's answer");
    let chip = format!("[data-testid=assistant-citation][data-id='{}']", source.id);
    wait_for(client, &chip, 10, "the citation is shown").await.click().await.unwrap();
    let panel = format!("[data-testid=assistant-source][data-id='{}']", source.id);
    wait_for(client, &panel, 10, "the citation opens its source").await;
    let body = text_of(client, "assistant-source").await;
    let first_words: String = source.body.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    assert!(body.split_whitespace().collect::<Vec<_>>().join(" ").contains(&first_words), "{body:?}");
    let shots = repo_root().join("target").join("e2e");
    std::fs::write(shots.join("assistant.png"), client.screenshot().await.unwrap()).unwrap();

    ask_in_window(client, REFUND_QUESTION).await;
    wait_for(client, "[data-testid=assistant-escalation][data-reason=refund_amount]", 30, "the hand-over banner shows")
        .await;
    let banner = text_of(client, "assistant-escalation").await;
    assert!(banner.to_lowercase().contains("refund amounts are decided by a person"), "{banner:?}");
    std::fs::write(shots.join("assistant-escalation.png"), client.screenshot().await.unwrap()).unwrap();

    // The batch evaluation over last quarter's conversations, with the threshold sweep.
    click(client, "assistant-tab-evaluate").await;
    wait_for(client, "[data-testid=assistant-evaluate]", 10, "the evaluation tab opens").await.click().await.unwrap();
    wait_for(client, "[data-testid=assistant-evaluation]", 120, "the evaluation finishes").await;
    let accuracy = value_of(client, "eval-accuracy").await.expect("accuracy is shown");
    assert!(accuracy >= 0.9, "intent accuracy on the labelled conversations: {accuracy}");
    assert!(client.find(Locator::Css("[data-testid=eval-sweep-chart] svg")).await.is_ok(), "the sweep is drawn");
    std::fs::write(shots.join("assistant-evaluation.png"), client.screenshot().await.unwrap()).unwrap();
}

/// The sample store's experiment with a +10% conversion effect injected
/// (sample-data/README.md), and the one whose treatment lost exposures.
const BANNER: &str = "free-shipping-banner";
const BROKEN_SPLIT: &str = "checkout-redesign";

/// Reads an attribute of the first element matching `css` (None when absent).
async fn attr_of(client: &Client, css: &str, name: &str) -> Option<String> {
    let el = client.find(Locator::Css(css)).await.ok()?;
    el.attr(name).await.ok()?
}

/// Waits until the report shown is `id`'s.
async fn open_experiment(client: &Client, id: &str) {
    let item = format!("[data-testid=experiment-item][data-id='{id}']");
    wait_for(client, &item, 30, "the experiment is listed").await.click().await.unwrap();
    let report = format!("[data-testid=experiment-report][data-id='{id}']");
    wait_for(client, &report, 30, "the experiment's report opens").await;
}

/// A person opens the banner test and sees the injected conversion lift
/// reported as significant and positive, as the engine computes it; then
/// opens the test with the broken split and sees the SRM warning.
async fn experiments_on_the_experiments_screen(client: &Client, banner: &ExperimentReport, broken: &ExperimentReport) {
    let conversion = banner.metrics.iter().find(|m| m.metric == MetricKind::Conversion).unwrap();
    assert!(conversion.significant && conversion.direction == 1, "the engine finds the injected lift: {conversion:?}");
    assert_eq!(broken.status, ExperimentStatus::SrmWarning, "the engine flags the broken split");

    click(client, "nav-experiments").await;
    wait_for(client, "[data-testid=experiment-list]", 60, "the Experiments screen lists the tests").await;
    open_experiment(client, BANNER).await;
    let row = "[data-testid=metric-row][data-metric=conversion]";
    wait_for(client, row, 10, "the conversion row is shown").await;
    assert_eq!(attr_of(client, row, "data-significant").await.as_deref(), Some("true"));
    assert_eq!(attr_of(client, row, "data-direction").await.as_deref(), Some("1"));
    let shown_lift: f64 = attr_of(client, row, "data-lift").await.unwrap().parse().unwrap();
    assert!((shown_lift - conversion.comparison.relative.estimate).abs() < 1e-12, "the window shows the engine's lift");
    let summary = text_of(client, "experiment-summary").await;
    assert!(summary.contains("raised conversion rate"), "the summary says it in words: {summary:?}");
    let status = attr_of(client, "[data-testid=experiment-report]", "data-status").await;
    assert_eq!(status.as_deref(), Some(serde_json::to_value(banner.status).unwrap().as_str().unwrap()));
    assert!(client.find(Locator::Css("[data-testid=chart-lift] svg")).await.is_ok(), "the lift chart is drawn");
    let shots = repo_root().join("target").join("e2e");
    std::fs::write(shots.join("experiment-winner.png"), client.screenshot().await.unwrap()).unwrap();

    open_experiment(client, BROKEN_SPLIT).await;
    let warning =
        wait_for(client, "[data-testid=experiment-warning][data-code=srm]", 10, "the SRM warning shows").await;
    let text = warning.text().await.unwrap_or_default();
    let text = if text.is_empty() { text_of(client, "experiment-warning").await } else { text };
    assert!(text.contains("Sample-ratio mismatch"), "{text:?}");
    let badge =
        attr_of(client, &format!("[data-testid=experiment-item][data-id='{BROKEN_SPLIT}']"), "data-status").await;
    assert_eq!(badge.as_deref(), Some("srm_warning"), "the list badge says so too");
}

/// Product ids of the results the Search screen shows, in order.
async fn shown_hits(client: &Client) -> Vec<String> {
    let script = "return [...document.querySelectorAll('[data-testid=search-hit]')].map(e => e.dataset.productId);";
    match client.execute(script, vec![]).await {
        Ok(serde_json::Value::Array(v)) => v.into_iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// Types `query` into the search box and waits until the first result is `first`.
async fn search_for(client: &Client, query: &str, first: &str) -> Vec<String> {
    let input = wait_for(client, "[data-testid=search-input]", 20, "the Search screen shows its query box").await;
    input.clear().await.unwrap();
    input.send_keys(query).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let hits = shown_hits(client).await;
        if hits.first().map(String::as_str) == Some(first) || Instant::now() > deadline {
            return hits;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// A person searches by description and by SKU; the window shows what the
/// engine ranks first, each with its reasons.
async fn search_on_the_search_screen(client: &Client, expected: &SearchResponse) {
    click(client, "nav-search").await;
    let want: Vec<String> = expected.hits.iter().take(5).map(|h| h.product_id.clone()).collect();
    let hits = search_for(client, SEARCH_QUERY, &want[0]).await;
    assert_eq!(hits.iter().take(5).cloned().collect::<Vec<_>>(), want, "the window ranks as the engine does");
    for h in &expected.hits[..5] {
        assert_eq!(h.category, "Coats & Jackets", "{} is a jacket", h.title);
    }
    let why = text_of(client, "hit-why").await;
    assert!(why.contains("meaning") || why.contains("Keywords"), "the first result says why: {why:?}");
    let latency = text_of(client, "search-latency").await;
    let took: f64 = attr_of(client, "[data-testid=search-latency]", "data-ms")
        .await
        .and_then(|ms| ms.parse().ok())
        .expect("the latency carries its milliseconds");
    let unit = if took < 1000.0 { " ms" } else { " s" };
    assert!(latency.ends_with(unit), "latency of {took} ms is shown in {unit:?}: {latency:?}");
    let shots = repo_root().join("target").join("e2e");
    std::fs::write(shots.join("search-meaning.png"), client.screenshot().await.unwrap()).unwrap();

    let sku = expected.hits[2].skus[0].clone();
    let hits = search_for(client, &sku, &expected.hits[2].product_id).await;
    assert_eq!(hits.first(), Some(&expected.hits[2].product_id), "SKU {sku} finds its product first");
    let why = text_of(client, "hit-why").await;
    assert!(why.contains(&format!("Exact SKU {sku}")), "{why:?}");
}

/// A person adds an orders export on the Import screen, imports it, finds it
/// in the history with its set-aside row, and sees the new order on the
/// Overview.
async fn import_through_the_import_screen(client: &Client, dir: &Path, orders_before: i64) {
    let header = std::fs::read_to_string(repo_root().join("../shared/data/formats/shopify_orders_header.csv")).unwrap();
    let header = header.trim_end();
    let width = header.split(',').count();
    let row = |name: &str, created: &str, qty: &str| {
        let mut cells = vec![String::new(); width];
        cells[0] = name.into();
        cells[1] = "e2e@example.com".into();
        cells[2] = "paid".into();
        cells[7] = "USD".into();
        cells[11] = "42.00".into();
        cells[15] = created.into();
        cells[16] = qty.into();
        cells[17] = "Trail Socks".into();
        cells[18] = "42.00".into();
        cells.join(",")
    };
    let file = dir.join("e2e_orders.csv");
    let rows = [
        row("#E2E-1", "2026-10-30 10:00:00 +0000", "1"),
        row("#E2E-2", "2026-10-30 11:00:00 +0000", "one"), // set aside: not a number
    ];
    std::fs::write(&file, format!("{header}\n{}\n", rows.join("\n"))).unwrap();

    add_on_import_screen(client, &file).await;
    wait_for(
        client,
        "[data-testid=preview-file][data-format=shopify_orders]",
        20,
        "the file is recognised as a Shopify orders export",
    )
    .await;
    let hashing =
        client.find(Locator::Css("[data-testid=import-hash-pii]")).await.expect("the privacy option is shown");
    assert_eq!(hashing.prop("checked").await.unwrap().as_deref(), Some("true"), "personal data is hashed by default");
    click(client, "import-start").await;
    wait_for(client, "[data-testid=import-result]", 60, "the import finishes and shows its result").await;

    let history_row = wait_for(
        client,
        "[data-testid=history-row][data-file-name='e2e_orders.csv']",
        20,
        "the import is in the history",
    )
    .await;
    assert_eq!(history_row.attr("data-rows-read").await.unwrap().as_deref(), Some("2"));
    assert_eq!(history_row.attr("data-rejected").await.unwrap().as_deref(), Some("1"));

    click(client, "nav-overview").await;
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut shown = None;
    while shown != Some((orders_before + 1) as f64) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(250)).await;
        shown = value_of(client, "kpi-orders").await;
    }
    assert_eq!(shown, Some((orders_before + 1) as f64), "the Overview counts the one good imported order");
    click(client, "nav-import").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
}

/// The same export added again is skipped as unchanged, saying when it was
/// imported; "Import again anyway" reads it again.
async fn import_the_same_file_again(client: &Client, dir: &Path) {
    add_on_import_screen(client, &dir.join("e2e_orders.csv")).await;
    wait_for(client, "[data-testid=preview-file][data-format=shopify_orders]", 20, "the file is recognised again")
        .await;
    click(client, "import-start").await;
    let row = wait_for(
        client,
        "[data-testid=result-row][data-file-name='e2e_orders.csv'][data-unchanged=true]",
        60,
        "the file is skipped as unchanged",
    )
    .await;
    let text = row.text().await.unwrap();
    assert!(text.contains("Unchanged since") && text.contains("skipped"), "{text}");
    let result = client.find(Locator::Css("[data-testid=import-result]")).await.unwrap().text().await.unwrap();
    assert!(result.contains("Nothing new"), "{result}");
    let history = client.find_all(Locator::Css("[data-testid=history-row][data-file-name='e2e_orders.csv']")).await;
    assert_eq!(history.unwrap().len(), 1, "a skipped file adds nothing to the history");
    std::fs::write(repo_root().join("target/e2e/import-unchanged.png"), client.screenshot().await.unwrap()).unwrap();

    click(client, "import-again").await;
    let row = wait_for(
        client,
        "[data-testid=result-row][data-file-name='e2e_orders.csv'][data-unchanged=false]",
        60,
        "the file is read again",
    )
    .await;
    let text = row.text().await.unwrap();
    assert!(text.contains('2'), "two rows read: {text}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        let n = client.find_all(Locator::Css("[data-testid=history-row][data-file-name='e2e_orders.csv']")).await;
        if n.map(|v| v.len()).unwrap_or(0) == 2 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the import read again is not in the history");
}

/// A title with a right-to-left override, zero-width spaces and 5,000
/// characters: search shows it without the controls and cut short.
async fn a_spoofing_title_is_shown_plainly(client: &Client, dir: &Path) {
    let fixture = repo_root().join("crates/import/tests/fixtures/shopify-shared-skus/products_export.csv");
    let text = std::fs::read_to_string(&fixture).unwrap();
    let header = text.lines().next().unwrap();
    let width = header.split(',').count();
    let title = format!("Kettle \u{202E}evas\u{202C} 50%\u{200B} {}", "long ".repeat(1000));
    let mut cells = vec![String::new(); width];
    cells[0] = title;
    cells[1] = "spoof-kettle".into();
    cells[8] = "Active".into();
    cells[9] = "SPOOF-1".into();
    cells[20] = "30.00".into();
    let file = dir.join("spoof").join("products_export.csv");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, format!("{header}\n{}\n", cells.join(","))).unwrap();
    add_on_import_screen(client, &file).await;
    wait_for(client, "[data-testid=preview-file][data-format=shopify_products]", 20, "a Shopify products export").await;
    click(client, "import-start").await;
    wait_for(
        client,
        "[data-testid=result-row][data-file-name='products_export.csv'][data-unchanged=false]",
        60,
        "imported",
    )
    .await;

    click(client, "nav-search").await;
    let hits = search_for(client, "spoof-kettle", "spoof-kettle").await;
    assert_eq!(hits.first().map(String::as_str), Some("spoof-kettle"));
    let shown = text_of(client, "hit-title").await;
    assert!(shown.starts_with("Kettle evas 50% long"), "no override or zero-width space: {shown:?}");
    assert!(!shown.contains(['\u{202E}', '\u{202C}', '\u{200B}']), "{shown:?}");
    assert!(shown.chars().count() <= 201 && shown.ends_with('…'), "cut short: {} characters", shown.chars().count());
    let height = client
        .execute("return document.querySelector('[data-testid=hit-title]').getBoundingClientRect().height;", vec![])
        .await
        .unwrap();
    assert!(height.as_f64().unwrap() < 200.0, "the title takes a few lines, not a page: {height}");
}

/// A products export whose variants share SKUs: the import says so, keeps
/// every variant, and search shows each with its price, as in the file.
async fn import_a_store_with_shared_skus(client: &Client) {
    let file = repo_root().join("crates/import/tests/fixtures/shopify-shared-skus/products_export.csv");
    add_on_import_screen(client, &file).await;
    wait_for(client, "[data-testid=preview-file][data-format=shopify_products]", 20, "a Shopify products export").await;
    click(client, "import-start").await;
    let warning =
        wait_for(client, "[data-testid=import-warning][data-code=shared_sku]", 60, "the import names the shared SKUs")
            .await;
    let text = warning.text().await.unwrap();
    assert!(text.contains("3 SKUs are each used by more than one variant"), "{text}");
    std::fs::write(repo_root().join("target/e2e/import-shared-skus.png"), client.screenshot().await.unwrap()).unwrap();

    // The jacket's variants as the file lists them: option values and price.
    let mut rdr = csv::Reader::from_path(&file).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let expected: Vec<String> = rdr
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[at("URL handle")] == "trail-jacket" && !r[at("Price")].is_empty())
        .map(|r| {
            let options: Vec<&str> =
                ["Option1 value", "Option2 value"].iter().map(|o| &r[at(o)]).filter(|v| !v.is_empty()).collect();
            format!("{} {} {}", options.join(" / "), &r[at("SKU")], r[at("Price")].parse::<f64>().unwrap())
        })
        .collect();
    assert_eq!(expected.len(), 3);

    click(client, "nav-search").await;
    let hits = search_for(client, "trail-jacket", "trail-jacket").await;
    assert_eq!(hits.first().map(String::as_str), Some("trail-jacket"), "the handle finds its product first");
    let hit = "[data-testid=search-hit][data-product-id='trail-jacket']";
    client
        .find(Locator::Css(&format!("{hit} [data-testid=hit-variants] summary")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let script = format!(
        "return [...document.querySelectorAll(\"{hit} [data-testid=hit-variant]\")]
                 .map(e => e.dataset.options + ' ' + e.dataset.sku + ' ' + e.dataset.price);"
    );
    let shown: Vec<String> = match client.execute(&script, vec![]).await.unwrap() {
        serde_json::Value::Array(v) => v.into_iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        other => panic!("no variants listed: {other:?}"),
    };
    assert_eq!(shown, expected, "every variant with its SKU and price, two of them sharing one SKU");
    tokio::time::sleep(Duration::from_millis(300)).await;
    std::fs::write(repo_root().join("target/e2e/search-variants.png"), client.screenshot().await.unwrap()).unwrap();
}

/// A file that is no known export: the screen offers a mapping, the person
/// confirms the suggestion, and the file imports as transaction lines.
async fn import_through_a_column_mapping(client: &Client, dir: &Path) {
    let file = dir.join("till_export.csv");
    std::fs::write(
        &file,
        "Order ID,Item Code,Product Name,Qty,Order Date,Price Each\n\
         T-1,MUG-1,Camp Mug,2,2026-10-30 09:00:00,7.50\n\
         T-2,MUG-1,Camp Mug,1,2026-10-30 15:30:00,7.50\n",
    )
    .unwrap();
    add_on_import_screen(client, &file).await;
    wait_for(client, "[data-testid=mapping-editor]", 20, "an unknown file offers a column mapping").await;
    let shot = repo_root().join("target/e2e/mapping.png");
    std::fs::write(shot, client.screenshot().await.unwrap()).unwrap();
    let invoice = client.find(Locator::Css("[data-testid=mapping-select][data-field=invoice]")).await.unwrap();
    assert_eq!(invoice.prop("value").await.unwrap().as_deref(), Some("Order ID"), "the suggestion is preselected");
    // The button can sit under the options bar pinned at the bottom: scroll it to the middle, as a person would.
    client
        .execute("document.querySelector('[data-testid=mapping-confirm]').scrollIntoView({ block: 'center' });", vec![])
        .await
        .unwrap();
    click(client, "mapping-confirm").await;
    wait_for(
        client,
        "[data-testid=preview-file][data-format=mapped_transactions]",
        10,
        "the confirmed file is ready to import",
    )
    .await;
    click(client, "import-start").await;
    let row = wait_for(
        client,
        "[data-testid=history-row][data-file-name='till_export.csv']",
        60,
        "the mapped import is in the history",
    )
    .await;
    assert_eq!(row.attr("data-format").await.unwrap().as_deref(), Some("mapped_transactions"));
    assert_eq!(row.attr("data-rows-read").await.unwrap().as_deref(), Some("2"));
}
