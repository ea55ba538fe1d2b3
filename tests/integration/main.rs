//! Integration tests: the binary on the bundled examples, bad inputs, and (when ../shared is
//! present) the real articles with their gold annotations.
//!
//! A custom harness (libtest-mimic) so that tests which cannot run here (no ../shared, no Python
//! analysis environment) are counted as skipped in the summary line, with the reason, instead of
//! passing silently.

mod bad_input;
mod common;
mod examples;
mod fuzz;
mod interop;
mod python_package;
mod shared_corpus;
mod versions;

use libtest_mimic::{Arguments, Trial};

/// One trial per test function; `$missing` is why the group cannot run here (None: it can).
macro_rules! trials {
    ($missing:expr; $($module:ident :: $test:ident),+ $(,)?) => {{
        let missing: Option<&'static str> = $missing;
        vec![$(
            Trial::test(concat!(stringify!($module), "::", stringify!($test)), || {
                $module::$test();
                Ok(())
            })
            .with_ignored_flag(missing.is_some())
        ),+]
    }};
}

fn main() {
    let args = Arguments::from_args();
    let no_shared = common::shared_missing();
    let no_python = interop::python_missing();
    let no_package = python_package::package_missing();
    let no_spark = no_package.or_else(python_package::spark_missing);
    let groups = [
        (None, trials![None;
            bad_input::every_kind_of_bad_input_is_counted_once_as_a_document_or_a_reject,
            bad_input::one_run_over_many_bad_inputs_writes_a_version_and_names_the_reused_id,
            bad_input::the_size_budget_is_a_setting,
            bad_input::the_time_budget_is_a_setting_and_a_unit_over_it_is_a_reject,
            examples::tables_and_columns_match_the_schema_files,
            examples::csv_lists_are_json_arrays,
            examples::unchanged_second_run_writes_no_new_version,
            examples::jobs_do_not_change_the_bytes,
            examples::killed_run_leaves_latest_complete_and_next_run_succeeds,
            examples::concurrent_runs_corrupt_nothing,
            examples::bare_run_uses_the_repository_config,
            examples::inputs_named_by_flags_do_not_take_the_config_files_metadata_and_the_log_says_where_settings_came_from,
            examples::no_input_is_a_usage_error,
            examples::schema_command_prints_the_contract,
            examples::validate_detects_a_changed_file,
            examples::every_offset_slices_to_its_text,
            examples::data_dictionary_is_current,
            examples::inspect_shows_events_actors_and_figures,
            examples::inspect_reads_every_line_of_a_jsonl_file_or_the_one_named_by_id,
            examples::a_reprint_is_kept_and_names_its_original,
            fuzz::fuzz_prepare_extract_and_jsonl_without_a_panic,
            versions::validate_catches_a_bad_datapackage_edited_counts_and_stray_files,
            versions::a_kill_while_pruning_leaves_whole_versions_and_the_next_run_finishes_it,
            versions::metadata_problems_are_warnings_with_line_numbers_or_a_usage_error,
            versions::current_links_the_latest_version_for_readers_that_take_a_path,
            versions::csv_bom_opens_every_csv_with_a_byte_order_mark_and_the_version_stays_valid,
        ]),
        (no_shared, trials![no_shared;
            shared_corpus::seeds_documents_dates_and_boilerplate,
            shared_corpus::gold_scores_meet_the_bars,
            shared_corpus::publication_dates_read_from_the_text,
            shared_corpus::stories_link_the_reports_of_one_occurrence,
            shared_corpus::stories_do_not_depend_on_input_order_or_threads,
        ]),
        (no_python, trials![no_python;
            interop::tables_load_in_duckdb_polars_pandas_and_validate_as_a_data_package,
            interop::notebooks_run_against_the_latest_version,
            interop::every_format_validates_as_a_data_package,
        ]),
        (no_package, trials![no_package;
            python_package::extract_arrow_gives_the_clis_rows_and_schemas_match_the_files,
        ]),
        (no_spark, trials![no_spark;
            python_package::spark_job_gives_the_clis_tables,
        ]),
    ];
    let mut skipped = Vec::new();
    let mut trials = Vec::new();
    for (missing, group) in groups {
        if let Some(why) = missing {
            skipped.push(format!("{} tests need what is missing here: {why}", group.len()));
        }
        trials.extend(group);
    }
    let conclusion = libtest_mimic::run(&args, trials);
    if !args.list {
        let c = &conclusion;
        println!("integration: {} passed, {} failed, {} skipped", c.num_passed, c.num_failed, c.num_ignored);
        // The reasons only when something was skipped (a name filter may leave those tests out).
        for line in skipped.iter().filter(|_| c.num_ignored > 0) {
            println!("  {line}");
        }
    }
    conclusion.exit();
}
