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

#[tauri::command]
async fn app_info(engine: State<'_, Shared>) -> Result<AppInfo, ApiError> {
    blocking(&engine, |e| Ok(e.app_info())).await
}

#[tauri::command]
async fn list_workspaces(engine: State<'_, Shared>) -> Result<Vec<WorkspaceInfo>, ApiError> {
    blocking(&engine, |e| Ok(e.list_workspaces())).await
}

#[tauri::command]
async fn current_workspace(engine: State<'_, Shared>) -> Result<Option<WorkspaceInfo>, ApiError> {
    blocking(&engine, |e| e.current_workspace()).await
}

#[tauri::command]
async fn create_workspace(
    engine: State<'_, Shared>,
    name: String,
    path: Option<String>,
) -> Result<WorkspaceInfo, ApiError> {
    blocking(&engine, move |e| e.create_workspace(&name, path.map(PathBuf::from).as_deref())).await
}

#[tauri::command]
async fn open_workspace(engine: State<'_, Shared>, path: String) -> Result<WorkspaceInfo, ApiError> {
    blocking(&engine, move |e| e.open_workspace(&PathBuf::from(path))).await
}

#[tauri::command]
async fn rename_workspace(
    engine: State<'_, Shared>,
    path: String,
    new_name: String,
) -> Result<WorkspaceInfo, ApiError> {
    blocking(&engine, move |e| e.rename_workspace(&PathBuf::from(path), &new_name)).await
}

#[tauri::command]
async fn delete_workspace(engine: State<'_, Shared>, path: String) -> Result<(), ApiError> {
    blocking(&engine, move |e| e.delete_workspace(&PathBuf::from(path))).await
}

#[tauri::command]
async fn overview(engine: State<'_, Shared>, request: OverviewRequest) -> Result<Overview, ApiError> {
    blocking(&engine, move |e| e.overview(&request)).await
}

#[tauri::command]
async fn preview_import(engine: State<'_, Shared>, paths: Vec<String>) -> Result<Vec<FilePreview>, ApiError> {
    blocking(&engine, move |e| e.preview_files(&paths.iter().map(PathBuf::from).collect::<Vec<_>>())).await
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
async fn import_history(engine: State<'_, Shared>) -> Result<Vec<ImportedFile>, ApiError> {
    blocking(&engine, |e| e.import_history()).await
}

#[tauri::command]
async fn import_rejects(engine: State<'_, Shared>, import_id: String) -> Result<Vec<RejectedRow>, ApiError> {
    blocking(&engine, move |e| e.import_rejects(&import_id, Some(500))).await
}

#[tauri::command]
fn mapping_fields(engine: State<'_, Shared>) -> Vec<MappingField> {
    engine.mapping_fields()
}

#[tauri::command]
async fn privacy_settings(engine: State<'_, Shared>) -> Result<PrivacySettings, ApiError> {
    blocking(&engine, |e| e.privacy_settings()).await
}

#[tauri::command]
async fn set_privacy_settings(
    engine: State<'_, Shared>,
    settings: PrivacySettings,
) -> Result<PrivacySettings, ApiError> {
    blocking(&engine, move |e| e.set_privacy_settings(&settings)).await
}

#[tauri::command]
async fn model_status(engine: State<'_, Shared>) -> Result<ModelInfo, ApiError> {
    blocking(&engine, |e| Ok(e.model_status())).await
}

#[tauri::command]
async fn embedding_status(engine: State<'_, Shared>) -> Result<EmbeddingStatus, ApiError> {
    blocking(&engine, |e| e.embedding_status()).await
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

#[tauri::command]
async fn search(engine: State<'_, Shared>, request: SearchRequest) -> Result<SearchResponse, ApiError> {
    blocking(&engine, move |e| e.search(&request)).await
}

#[tauri::command]
async fn search_settings(engine: State<'_, Shared>) -> Result<SearchSettings, ApiError> {
    blocking(&engine, |e| e.search_settings()).await
}

#[tauri::command]
async fn set_search_settings(engine: State<'_, Shared>, settings: SearchSettings) -> Result<SearchSettings, ApiError> {
    blocking(&engine, move |e| e.set_search_settings(&settings)).await
}

#[tauri::command]
async fn assistant_ask(engine: State<'_, Shared>, request: AskRequest) -> Result<AssistantAnswer, ApiError> {
    blocking(&engine, move |e| e.assistant_ask(&request)).await
}

#[tauri::command]
async fn assistant_evaluate(engine: State<'_, Shared>) -> Result<AssistantEvaluation, ApiError> {
    blocking(&engine, |e| e.assistant_evaluate()).await
}

#[tauri::command]
async fn export_assistant_evaluation(engine: State<'_, Shared>) -> Result<String, ApiError> {
    blocking(&engine, |e| e.export_assistant_evaluation_to_reports().map(|p| p.display().to_string())).await
}

#[tauri::command]
async fn assistant_settings(engine: State<'_, Shared>) -> Result<AssistantSettings, ApiError> {
    blocking(&engine, |e| e.assistant_settings()).await
}

#[tauri::command]
async fn set_assistant_settings(
    engine: State<'_, Shared>,
    settings: AssistantSettings,
) -> Result<AssistantSettings, ApiError> {
    blocking(&engine, move |e| e.set_assistant_settings(&settings)).await
}

#[tauri::command]
async fn assistant_intents(engine: State<'_, Shared>) -> Result<Vec<IntentDef>, ApiError> {
    blocking(&engine, |e| e.assistant_intents()).await
}

#[tauri::command]
async fn set_assistant_intents(engine: State<'_, Shared>, intents: Vec<IntentDef>) -> Result<Vec<IntentDef>, ApiError> {
    blocking(&engine, move |e| e.set_assistant_intents(&intents)).await
}

#[tauri::command]
async fn assistant_labels(engine: State<'_, Shared>) -> Result<Vec<ImportedLabel>, ApiError> {
    blocking(&engine, |e| e.assistant_labels()).await
}

#[tauri::command]
async fn set_assistant_label(
    engine: State<'_, Shared>,
    label: String,
    choice: LabelChoice,
) -> Result<Vec<ImportedLabel>, ApiError> {
    blocking(&engine, move |e| e.set_assistant_label(&label, &choice)).await
}

#[tauri::command]
async fn recommend_for_product(
    engine: State<'_, Shared>,
    product_id: String,
) -> Result<ProductRecommendations, ApiError> {
    blocking(&engine, move |e| e.recommend_for_product(&product_id)).await
}

#[tauri::command]
async fn recommend_for_customer(
    engine: State<'_, Shared>,
    customer_id: String,
) -> Result<CustomerRecommendations, ApiError> {
    blocking(&engine, move |e| e.recommend_for_customer(&customer_id)).await
}

#[tauri::command]
async fn recommend_evaluate(
    engine: State<'_, Shared>,
    request: RecommendEvalRequest,
) -> Result<RecommendEvalReport, ApiError> {
    blocking(&engine, move |e| e.recommend_evaluate_report(&request)).await
}

#[tauri::command]
async fn recommend_for_preferences(engine: State<'_, Shared>, quiz: PreferenceQuiz) -> Result<QuizPicks, ApiError> {
    blocking(&engine, move |e| e.recommend_for_preferences(&quiz)).await
}

#[tauri::command]
async fn recommend_customers(engine: State<'_, Shared>, query: String) -> Result<Vec<CustomerSummary>, ApiError> {
    blocking(&engine, move |e| e.recommend_customers(&query)).await
}

#[tauri::command]
async fn recommend_settings(engine: State<'_, Shared>) -> Result<RecommendSettings, ApiError> {
    blocking(&engine, |e| e.recommend_settings()).await
}

#[tauri::command]
async fn set_recommend_settings(
    engine: State<'_, Shared>,
    settings: RecommendSettings,
) -> Result<RecommendSettings, ApiError> {
    blocking(&engine, move |e| e.set_recommend_settings(&settings)).await
}

#[tauri::command]
async fn kpis(engine: State<'_, Shared>, request: OverviewRequest) -> Result<KpiReport, ApiError> {
    blocking(&engine, move |e| e.kpis(&request)).await
}

#[tauri::command]
async fn experiments(engine: State<'_, Shared>) -> Result<Vec<ExperimentItem>, ApiError> {
    blocking(&engine, |e| e.experiments()).await
}

#[tauri::command]
async fn experiment(
    engine: State<'_, Shared>,
    id: String,
    settings: Option<ExperimentSettings>,
) -> Result<ExperimentReport, ApiError> {
    blocking(&engine, move |e| e.experiment(&id, settings.as_ref())).await
}

#[tauri::command]
async fn experiment_settings(engine: State<'_, Shared>) -> Result<ExperimentSettings, ApiError> {
    blocking(&engine, |e| e.experiment_settings()).await
}

#[tauri::command]
async fn set_experiment_settings(
    engine: State<'_, Shared>,
    settings: ExperimentSettings,
) -> Result<ExperimentSettings, ApiError> {
    blocking(&engine, move |e| e.set_experiment_settings(&settings)).await
}

#[tauri::command]
async fn export_experiment_chart(
    engine: State<'_, Shared>,
    id: String,
    chart: ExperimentChart,
    format: String,
) -> Result<String, ApiError> {
    blocking(&engine, move |e| {
        let out = e.experiment_chart_path(&id, chart, &format)?;
        e.export_experiment_chart(&id, chart, &out).map(|p| p.display().to_string())
    })
    .await
}

#[tauri::command]
async fn plan_experiment(engine: State<'_, Shared>, input: PlanInput) -> Result<PlanReport, ApiError> {
    blocking(&engine, move |e| e.plan_experiment(&input)).await
}

#[tauri::command]
async fn personal_data_report(engine: State<'_, Shared>) -> Result<PersonalDataReport, ApiError> {
    blocking(&engine, |e| e.personal_data_report()).await
}

/// Writes the workspace as Parquet files into a new folder in the reports folder.
#[tauri::command]
async fn export_workspace(engine: State<'_, Shared>) -> Result<WorkspaceExport, ApiError> {
    blocking(&engine, |e| e.export_workspace(None)).await
}

#[tauri::command]
async fn erase_customer(engine: State<'_, Shared>, request: ErasureRequest) -> Result<ErasureReport, ApiError> {
    blocking(&engine, move |e| e.erase_customer(&request)).await
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
