//! One module per subcommand.

pub mod eval_attribution;
pub mod eval_cluster;
pub mod eval_conflicts;
pub mod eval_summary;
pub mod eval_timex;
pub mod ingest;
pub mod report;
pub mod report_db;
pub mod serve;
pub mod stories;
pub mod worker;

use clap::Subcommand;
use triangulate_readers::ReadError;

/// `triangulate eval ...`
#[derive(Subcommand)]
pub enum EvalCommand {
    /// ROUGE of summaries against reference summaries (Multi-News format).
    Summary(eval_summary::Args),
    /// Attribution spans against PolNeAR-style BRAT annotations.
    Attribution(eval_attribution::Args),
    /// Time expressions against TimeML (TempEval-3 Task A scoring).
    Timex(eval_timex::Args),
    /// Injected contradictions found, and false alarms on untouched stories.
    Conflicts(eval_conflicts::Args),
    /// Stories found by the ingest path's clustering against gold stories (B-cubed, pairwise).
    Cluster(eval_cluster::Args),
}

/// Dispatch an eval subcommand.
pub fn run_eval(e: EvalCommand) -> anyhow::Result<()> {
    match e {
        EvalCommand::Summary(a) => eval_summary::run(a),
        EvalCommand::Attribution(a) => eval_attribution::run(a),
        EvalCommand::Timex(a) => eval_timex::run(a),
        EvalCommand::Conflicts(a) => eval_conflicts::run(a),
        EvalCommand::Cluster(a) => eval_cluster::run(a),
    }
}

/// Exit codes: 1 other failure, 2 usage (clap), 3 unreadable path, 4 empty input, 5 input
/// too large, 6 binary input, 7 input not usable in its format. Documented in the README.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    for e in err.chain() {
        if let Some(r) = e.downcast_ref::<ReadError>() {
            return match r {
                ReadError::Io { .. } => 3,
                ReadError::Empty { .. } | ReadError::OnlySubfolders { .. } => 4,
                ReadError::TooLarge { .. } => 5,
                ReadError::Binary { .. } => 6,
                ReadError::Unusable { .. } => 7,
            };
        }
    }
    1
}
