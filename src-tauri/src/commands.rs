// The app's commands, written once. `build.rs` declares them to Tauri
// (which makes one `allow-<command>` permission each) and writes the
// `app-commands` permission set that `capabilities/default.json` grants;
// `main.rs` registers them; `tests/lockdown.rs` generates
// `ui/src/lib/commands.ts` from them, so `ui/src/lib/backend.ts` can only
// call a command that exists. To add a command, add its name here.
//
// `app_commands!(then)` calls the macro `then!` with the list;
// `app_commands!(command_names)` is the list as `&[&str]`.
macro_rules! app_commands {
    ($then:ident) => {
        $then! {
            app_info,
            list_workspaces,
            current_workspace,
            create_workspace,
            open_workspace,
            rename_workspace,
            delete_workspace,
            overview,
            kpis,
            recommend_for_product,
            recommend_for_customer,
            recommend_customers,
            recommend_for_preferences,
            recommend_evaluate,
            recommend_settings,
            set_recommend_settings,
            assistant_ask,
            assistant_evaluate,
            export_assistant_evaluation,
            assistant_settings,
            set_assistant_settings,
            assistant_intents,
            set_assistant_intents,
            assistant_labels,
            set_assistant_label,
            preview_import,
            import_files,
            cancel_import,
            import_history,
            import_rejects,
            privacy_settings,
            set_privacy_settings,
            mapping_fields,
            model_status,
            embedding_status,
            embed_workspace,
            cancel_embedding,
            search,
            search_settings,
            set_search_settings,
            experiments,
            experiment,
            experiment_settings,
            set_experiment_settings,
            export_experiment_chart,
            plan_experiment,
            personal_data_report,
            export_workspace,
            erase_customer,
        }
    };
}

/// The commands' names as `&[&str]`, for `app_commands!(command_names)`
/// in build.rs and the tests (`main.rs` registers the commands instead).
#[allow(unused_macros)]
macro_rules! command_names {
    ($($command:ident),* $(,)?) => {
        &[$(stringify!($command)),*]
    };
}
