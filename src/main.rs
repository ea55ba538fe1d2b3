use clap::Parser;
use relations_export::cli::{self, Cli, Command, UsageError};

// Records are many small strings: mimalloc allocates and frees them faster than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = Cli::parse();
    let level = if args.logging.quiet { 0 } else { 2 + args.logging.verbose };
    relations_export::log::init(level, args.logging.log_format.into());
    let result = match args.command {
        Some(Command::Inspect(a)) => cli::inspect::execute(a),
        Some(Command::Schema(a)) => cli::schema::execute(a),
        Some(Command::Validate(a)) => cli::validate::execute(a),
        None => cli::run::execute(args.run, args.logging.quiet),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) if e.downcast_ref::<UsageError>().is_some() => {
            relations_export::log::error(&format!("{e:#}"));
            cli::EXIT_USAGE
        }
        Err(e) => {
            relations_export::log::error(&format!("{e:#}; no version was written"));
            cli::EXIT_FAILED
        }
    };
    std::process::exit(code);
}
