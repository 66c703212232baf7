//! The desktop shell: registers one Tauri command per engine function and
//! nothing else. Every command runs the engine off the UI thread and returns
//! errors as `{code, message, details}` (`ApiError`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::Arc;

use insights_engine::{
    ApiError, AppDirs, AppInfo, AskRequest, AssistantAnswer, AssistantEvaluation, AssistantSettings,
    CustomerRecommendations, CustomerSummary, EmbedReport, EmbeddingStatus, Engine, EngineError, ErasureReport,
    ErasureRequest, ExperimentChart, ExperimentItem, ExperimentReport, ExperimentSettings, FilePreview, ImportRequest,
    ImportedFile, ImportedLabel, IntentDef, KpiReport, LabelChoice, MappingField, ModelInfo, Overview, OverviewRequest,
    PersonalDataReport, PlanInput, PlanReport, PreferenceQuiz, PrivacySettings, ProductRecommendations, QuizPicks,
    RecommendEvalReport, RecommendEvalRequest, RecommendSettings, RejectedRow, SearchRequest, SearchResponse,
    SearchSettings, WorkspaceExport, WorkspaceInfo,
};
use tauri::{AppHandle, Emitter, Manager, State};

#[macro_use]
mod commands;

/// Registers every command of `commands.rs`.
macro_rules! handler {
    ($($command:ident),* $(,)?) => {
        tauri::generate_handler![$($command),*]
    };
}

type Shared = Arc<Engine>;

/// Runs blocking engine work on Tauri's thread pool.
async fn blocking<T: Send + 'static>(
    engine: &State<'_, Shared>,
    work: impl FnOnce(&Engine) -> Result<T, EngineError> + Send + 'static,
) -> Result<T, ApiError> {
    let engine = Arc::clone(engine.inner());
    tauri::async_runtime::spawn_blocking(move || work(&engine))
        .await
        .map_err(|e| ApiError { code: "internal".into(), message: format!("the task failed: {e}"), details: None })?
        .map_err(ApiError::from)
}

/// Declares commands that make one engine call off the UI thread, each as
/// `name(argument: Type, …) -> Answer = |e| call;`.
macro_rules! engine_commands {
    ($($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) -> $answer:ty = |$e:ident| $call:expr;)*) => {$(
        $(#[$doc])*
        #[tauri::command]
        async fn $name(engine: State<'_, Shared>, $($arg: $ty),*) -> Result<$answer, ApiError> {
            blocking(&engine, move |$e| $call).await
        }
    )*};
}

engine_commands! {
    app_info() -> AppInfo = |e| Ok(e.app_info());
    list_workspaces() -> Vec<WorkspaceInfo> = |e| Ok(e.list_workspaces());
    current_workspace() -> Option<WorkspaceInfo> = |e| e.current_workspace();
    create_workspace(name: String, path: Option<String>) -> WorkspaceInfo =
        |e| e.create_workspace(&name, path.map(PathBuf::from).as_deref());
    open_workspace(path: String) -> WorkspaceInfo = |e| e.open_workspace(&PathBuf::from(path));
    rename_workspace(path: String, new_name: String) -> WorkspaceInfo =
        |e| e.rename_workspace(&PathBuf::from(path), &new_name);
    delete_workspace(path: String) -> () = |e| e.delete_workspace(&PathBuf::from(path));
    overview(request: OverviewRequest) -> Overview = |e| e.overview(&request);
    preview_import(paths: Vec<String>) -> Vec<FilePreview> =
        |e| e.preview_files(&paths.iter().map(PathBuf::from).collect::<Vec<_>>());
    import_history() -> Vec<ImportedFile> = |e| e.import_history();
    import_rejects(import_id: String) -> Vec<RejectedRow> = |e| e.import_rejects(&import_id, Some(500));
    privacy_settings() -> PrivacySettings = |e| e.privacy_settings();
    set_privacy_settings(settings: PrivacySettings) -> PrivacySettings = |e| e.set_privacy_settings(&settings);
    model_status() -> ModelInfo = |e| Ok(e.model_status());
    embedding_status() -> EmbeddingStatus = |e| e.embedding_status();
    search(request: SearchRequest) -> SearchResponse = |e| e.search(&request);
    search_settings() -> SearchSettings = |e| e.search_settings();
    set_search_settings(settings: SearchSettings) -> SearchSettings = |e| e.set_search_settings(&settings);
    assistant_ask(request: AskRequest) -> AssistantAnswer = |e| e.assistant_ask(&request);
    assistant_evaluate() -> AssistantEvaluation = |e| e.assistant_evaluate();
    export_assistant_evaluation() -> String =
        |e| e.export_assistant_evaluation_to_reports().map(|p| p.display().to_string());
    assistant_settings() -> AssistantSettings = |e| e.assistant_settings();
    set_assistant_settings(settings: AssistantSettings) -> AssistantSettings = |e| e.set_assistant_settings(&settings);
    assistant_intents() -> Vec<IntentDef> = |e| e.assistant_intents();
    set_assistant_intents(intents: Vec<IntentDef>) -> Vec<IntentDef> = |e| e.set_assistant_intents(&intents);
    assistant_labels() -> Vec<ImportedLabel> = |e| e.assistant_labels();
    set_assistant_label(label: String, choice: LabelChoice) -> Vec<ImportedLabel> =
        |e| e.set_assistant_label(&label, &choice);
    recommend_for_product(product_id: String) -> ProductRecommendations = |e| e.recommend_for_product(&product_id);
    recommend_for_customer(customer_id: String) -> CustomerRecommendations = |e| e.recommend_for_customer(&customer_id);
    recommend_evaluate(request: RecommendEvalRequest) -> RecommendEvalReport =
        |e| e.recommend_evaluate_report(&request);
    recommend_for_preferences(quiz: PreferenceQuiz) -> QuizPicks = |e| e.recommend_for_preferences(&quiz);
    recommend_customers(query: String) -> Vec<CustomerSummary> = |e| e.recommend_customers(&query);
    recommend_settings() -> RecommendSettings = |e| e.recommend_settings();
    set_recommend_settings(settings: RecommendSettings) -> RecommendSettings = |e| e.set_recommend_settings(&settings);
    kpis(request: OverviewRequest) -> KpiReport = |e| e.kpis(&request);
    experiments() -> Vec<ExperimentItem> = |e| e.experiments();
    experiment(id: String, settings: Option<ExperimentSettings>) -> ExperimentReport =
        |e| e.experiment(&id, settings.as_ref());
    experiment_settings() -> ExperimentSettings = |e| e.experiment_settings();
    set_experiment_settings(settings: ExperimentSettings) -> ExperimentSettings =
        |e| e.set_experiment_settings(&settings);
    export_experiment_chart(id: String, chart: ExperimentChart, format: String) -> String = |e| {
        let out = e.experiment_chart_path(&id, chart, &format)?;
        e.export_experiment_chart(&id, chart, &out).map(|p| p.display().to_string())
    };
    plan_experiment(input: PlanInput) -> PlanReport = |e| e.plan_experiment(&input);
    personal_data_report() -> PersonalDataReport = |e| e.personal_data_report();
    /// Writes the workspace as Parquet files into a new folder in the reports folder.
    export_workspace() -> WorkspaceExport = |e| e.export_workspace(None);
    erase_customer(request: ErasureRequest) -> ErasureReport = |e| e.erase_customer(&request);
}

/// Imports with progress sent as `import-progress` events.
#[tauri::command]
async fn import_files(
    app: AppHandle,
    engine: State<'_, Shared>,
    request: ImportRequest,
) -> Result<Vec<ImportedFile>, ApiError> {
    blocking(&engine, move |e| {
        e.import(&request, &mut |p| {
            let _ = app.emit("import-progress", p);
        })
    })
    .await
}

#[tauri::command]
fn cancel_import(engine: State<'_, Shared>) {
    engine.cancel_import();
}

#[tauri::command]
fn mapping_fields(engine: State<'_, Shared>) -> Vec<MappingField> {
    engine.mapping_fields()
}

/// Embeds what has no current vector, with progress sent as
/// `embed-progress` events.
#[tauri::command]
async fn embed_workspace(app: AppHandle, engine: State<'_, Shared>) -> Result<EmbedReport, ApiError> {
    blocking(&engine, move |e| {
        e.embed_workspace(&mut |p| {
            let _ = app.emit("embed-progress", p);
        })
    })
    .await
}

#[tauri::command]
fn cancel_embedding(engine: State<'_, Shared>) {
    engine.cancel_embedding();
}

fn main() {
    insights_engine::disable_runtime_telemetry();
    let engine = Engine::new(AppDirs::from_env());
    if let Err(e) = engine.open_at_start(std::env::var_os("INSIGHTS_OPEN").map(PathBuf::from).as_deref()) {
        // The UI shows the empty state with what to do; the reason goes to the log.
        eprintln!("merchant-insights: no workspace opened at start: {e}");
    }
    tauri::Builder::default()
        .manage(Arc::new(engine))
        .setup(|app| {
            // Bundled builds carry the model as a resource.
            if let Ok(dir) = app.path().resource_dir() {
                app.state::<Shared>().add_model_dir(dir.join("models"));
            }
            Ok(())
        })
        .invoke_handler(app_commands!(handler))
        .run(tauri::generate_context!())
        .expect("the desktop window could not start");
}
