//! The command line: argument parsing and the subcommands. Commands end in an exit code: 0
//! success, 1 the input is invalid or fails a check, 2 it cannot be read or used (lower layers'
//! errors say which class they fall in, through their `exit_code`).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::Receiver;

use clap::{Args, Parser, Subcommand};

use crate::count::Mode;
use crate::form::{self, Form, FormError};
use crate::fsio::{self, ReadError};
use crate::lang::Lang;
use crate::sanitize::for_terminal;
use crate::tui::terminal::{AmbiguousSetting, Setup};

pub mod check;
mod count;
mod docx_in;
mod draft_form;
mod drafts;
pub mod export;
mod fill;
mod forms;
mod help;
pub mod msg;
mod review;
pub mod set;
pub mod summary;

pub use drafts::{DraftsCommand, resolve_draft_arg};
pub use forms::outline;

/// Exit codes.
pub const OK: u8 = 0;
pub const INVALID: u8 = 1;
pub const UNREADABLE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "tianbiao",
    version,
    about = "填表 tianbiao: fill long Chinese application forms in a terminal",
    long_about = "填表 tianbiao：在终端里填写长篇中文申报表。\n\
                  A keyboard-driven terminal form filler for long Chinese application forms.\n\
                  Without a command it opens the built-in 附件1 form."
)]
pub struct Cli {
    /// Interface language: zh (default) or en. Without it an English LANG gives English.
    #[arg(long, global = true, value_name = "zh|en", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Colour theme: dark (default), light, high-contrast, mono, or a theme file. Without it
    /// the terminal's background picks dark or light; NO_COLOR gives mono.
    #[arg(long, global = true, value_name = "NAME|FILE")]
    pub theme: Option<String>,
    /// How wide the terminal draws ambiguous-width characters (“ ” — … ─): auto asks the
    /// terminal at start-up; also TIANBIAO_AMBIGUOUS.
    #[arg(long, global = true, value_name = "auto|narrow|wide")]
    pub ambiguous: Option<String>,
    /// Editor and review: click a field or a section in the overview to go there, the wheel
    /// scrolls. Off by default, so selecting text with the mouse keeps working (most terminals
    /// still select with Shift held when it is on).
    #[arg(long, global = true)]
    pub mouse: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language '{s}' (use zh or en)"))
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Fill a form in the editor (what a bare `tianbiao` does with the 附件1 form).
    Fill(FillArgs),
    /// List the built-in forms (id, title, version).
    Forms,
    /// Work with form description files.
    #[command(subcommand)]
    Form(FormCommand),
    /// Count 字 the way Word does (and characters), for a file or standard input.
    Count(CountArgs),
    /// Export a draft: submission JSON/RON, Markdown, plain text, Word (.docx), or a bundle folder.
    Export(export::ExportArgs),
    /// Turn a submission (JSON from `export`) back into a draft.
    Import(export::ImportArgs),
    /// List, show and remove drafts; `drafts path` prints where they live.
    Drafts {
        #[command(subcommand)]
        command: Option<DraftsCommand>,
    },
    /// Check received drafts and submissions in batch: counts, missing fields, every finding
    /// and a verdict per file. Exit 0 all pass, 1 any fails, 2 any cannot be read.
    Check(check::CheckArgs),
    /// Build the 附件2 summary table (推荐汇总表) from received applications: xlsx, csv, md, json.
    Summary(summary::SummaryArgs),
    /// Review received drafts/submissions read-only, with notes per field; `--notes` writes the
    /// notes as a document to send back.
    Review(review::ReviewArgs),
}

#[derive(Args, Debug, Default)]
pub struct FillArgs {
    /// The form: a built-in id (ai-scenario, ai-scenario-summary) or a form file.
    #[arg(long, value_name = "ID|FILE")]
    pub form: Option<String>,
    /// The draft: a name in the drafts folder or a path. A path that does not exist yet starts
    /// a new draft there.
    #[arg(long, value_name = "NAME|PATH")]
    pub draft: Option<std::ffi::OsString>,
    /// Open without changing anything (no lock, no saves).
    #[arg(long)]
    pub read_only: bool,
    /// Walk the form line by line with plain prompts (screen readers, dumb terminals, scripts).
    /// Chosen by itself when TERM=dumb or standard input or output is not a terminal.
    #[arg(long)]
    pub plain: bool,
    /// Answer a field before editing: FIELD=TEXT, or FIELD=@FILE for a text file in UTF-8,
    /// UTF-16 or GB18030/GBK. FIELD is a field id or label. Repeatable.
    #[arg(long = "set", value_name = "FIELD=TEXT|@FILE", value_parser = set::parse_set)]
    pub set: Vec<set::SetArg>,
    /// With --set: write the draft and exit without opening the editor.
    #[arg(long, requires = "set")]
    pub no_edit: bool,
    /// With --set: replace answers that are already there.
    #[arg(long, requires = "set", conflicts_with = "append")]
    pub force: bool,
    /// With --set: add to answers that are already there (a new paragraph, more items).
    #[arg(long, requires = "set")]
    pub append: bool,
}

#[derive(Subcommand, Debug)]
pub enum FormCommand {
    /// Check form files: exit 0 when all are valid, 1 listing every error, 2 when one can't be read.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print the outline of a form (a built-in id or a file): sections, fields, limits.
    Show {
        #[arg(value_name = "ID|FILE", default_value = form::FLAGSHIP)]
        form: String,
    },
}

#[derive(Args, Debug)]
pub struct CountArgs {
    /// The text file to count; standard input when absent.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Print exactly {"zishu":N,"chars":N,"chars_with_spaces":N} (plus the limit state with --limit).
    #[arg(long)]
    pub json: bool,
    /// Check the text against a limit and say how much is left or over.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Counting mode the limit is in.
    #[arg(long, value_enum, default_value = "zishu")]
    pub mode: ModeArg,
    /// Count Chinese-style ambiguous punctuation (“” —— ……) as ordinary characters, not 字.
    #[arg(long)]
    pub no_zh_punct: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum ModeArg {
    Zishu,
    Chars,
    CharsWithSpaces,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Zishu => Mode::Zishu,
            ModeArg::Chars => Mode::Chars,
            ModeArg::CharsWithSpaces => Mode::CharsWithSpaces,
        }
    }
}

/// Runs the command line and returns the exit code.
/// Parses the process's arguments and runs. clap's own messages (usage errors, help, version)
/// go through the sanitiser like every other output: clap quotes a bad argument verbatim, and
/// an argument can be a received file's name holding escape sequences (`tianbiao check *`).
pub fn main() -> u8 {
    // A panic message can quote received text: print it through the sanitiser too. The editor
    // installs its own hook (restore the terminal, then the same message) on top of this one.
    std::panic::set_hook(Box::new(|info| {
        use std::io::Write as _;
        let text =
            crate::sanitize::for_terminal_with(&crate::tui::terminal::panic_text(info), true);
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    }));
    // One malloc arena for every thread: the helper threads (form parsing, saving, signals)
    // allocate little, and an arena each costs pages of its own.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if opens_flagship(&args) {
        parse_flagship_ahead();
    }
    // A bare `tianbiao`, most starts, has nothing for the argument parser to read, and building
    // its command runs about a million instructions (0.3–0.6 ms here) before the first screen.
    if args.len() <= 1 {
        return run(bare());
    }
    let lang = help::lang_from_args(&args);
    // Parsed with the command as declared; the localized one (a rewrite of every help text,
    // a millisecond of start-up) is built only to word an error, a usage or `--help`. The
    // rewrite changes texts only, so both parse alike.
    let parse = |cmd: clap::Command| {
        cmd.try_get_matches_from(&args)
            .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m))
    };
    if let Ok(cli) = parse(<Cli as clap::CommandFactory>::command()) {
        return run(cli);
    }
    let cmd = help::localize(<Cli as clap::CommandFactory>::command(), lang);
    match parse(cmd.clone()) {
        Ok(cli) => run(cli),
        Err(e) => report_clap_error(&e, lang, &cmd),
    }
}

/// What the argument parser makes of a command line with no arguments (a test holds them equal).
fn bare() -> Cli {
    Cli {
        lang: None,
        theme: None,
        ambiguous: None,
        mouse: false,
        command: None,
    }
}

/// The flagship form being parsed on another thread, for the first caller to take.
static FLAGSHIP_AHEAD: Mutex<Option<Receiver<Builtin>>> = Mutex::new(None);

/// What looking a built-in form up gives: `None` for an unknown id.
type Builtin = Option<Result<Form, Vec<FormError>>>;

/// Most starts open the flagship form in the editor: parse it on the second core while the
/// command line is read. The form is handed over as soon as it is parsed; the same thread then
/// works out the hash its new draft records (the copy handed over shares it, and waits for it
/// only if it is asked first), while the editor sets up the terminal.
fn parse_flagship_ahead() {
    let (give, take) = std::sync::mpsc::sync_channel(1);
    let parse = move || {
        let parsed = form::builtin(form::FLAGSHIP);
        match parsed {
            Some(Ok(f)) => {
                f.promise_hash();
                let _ = give.send(Some(Ok(f.clone())));
                f.prime_hash();
            }
            other => {
                let _ = give.send(other);
            }
        }
    };
    if std::thread::Builder::new().spawn(parse).is_ok()
        && let Ok(mut slot) = FLAGSHIP_AHEAD.lock()
    {
        *slot = Some(take);
    }
}

/// A built-in form: the one parsed ahead if it is that one (taken, so it is never held twice),
/// else parsed now.
pub fn builtin_form(id: &str) -> Builtin {
    if id == form::FLAGSHIP {
        let ahead = FLAGSHIP_AHEAD.lock().ok().and_then(|mut slot| slot.take());
        if let Some(Ok(parsed)) = ahead.map(|r| r.recv()) {
            return parsed;
        }
    }
    form::builtin(id)
}

/// Whether the command line looks like the editor on the flagship form: a bare `tianbiao`, or
/// `fill` without `--form` (a guess: a wrong one only costs the second core some work).
fn opens_flagship(args: &[std::ffi::OsString]) -> bool {
    let rest: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    // The first word that is not an option nor the value of a global one.
    let mut words = rest.iter().enumerate().filter(|(i, a)| {
        let value_of_global = *i > 0 && matches!(rest[i - 1], "--lang" | "--theme" | "--ambiguous");
        !a.starts_with('-') && !value_of_global
    });
    let editor = match words.next() {
        None => true,
        Some((_, first)) => *first == "fill",
    };
    editor && !rest.iter().any(|a| a.starts_with("--form"))
}

/// Prints a clap message made safe, on stderr for errors and stdout for help and version, and
/// returns clap's usual exit code (2 for errors, 0 otherwise).
fn report_clap_error(e: &clap::Error, lang: Lang, cmd: &clap::Command) -> u8 {
    use std::io::Write as _;
    let worded = help::usage_error(e, cmd, lang);
    let text = worded.unwrap_or_else(|| e.render().to_string());
    let text = crate::sanitize::for_terminal_with(&text, true);
    if e.use_stderr() {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
        UNREADABLE
    } else {
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
        OK
    }
}

pub fn run(cli: Cli) -> u8 {
    let lang = cli
        .lang
        .unwrap_or_else(|| Lang::detect(None, |v| std::env::var(v).ok()));
    let command = cli.command.unwrap_or(Command::Fill(FillArgs::default()));
    let amb_arg = cli.ambiguous.clone().or_else(|| {
        std::env::var("TIANBIAO_AMBIGUOUS")
            .ok()
            .filter(|v| !v.is_empty())
    });
    let ambiguous = match amb_arg.as_deref().map(AmbiguousSetting::parse) {
        None => AmbiguousSetting::Auto,
        Some(Some(a)) => a,
        Some(None) => {
            eprintln!(
                "{}",
                crate::tui::msg::bad_ambiguous(lang, amb_arg.as_deref().unwrap_or(""))
            );
            return UNREADABLE;
        }
    };
    crate::tui::terminal::configure(Setup {
        ambiguous,
        auto_theme: cli.theme.is_none() && !no_color(),
        mouse: cli.mouse,
    });
    // Locks on stdout/stderr are taken per command: the editor must not run while this thread
    // holds them (its signal thread restores the terminal through stdout).
    let out = || std::io::stdout().lock();
    let err = || std::io::stderr().lock();
    // Every command but the editor is kept out of line (`#[inline(never)]`): inlined here, the
    // code of all of them would sit inside the one function every start runs, and the release
    // build's layout (src/link/hot.ld) could not keep it away from the editor's pages.
    match command {
        Command::Fill(args) => fill::cmd_fill(lang, args, cli.theme.as_deref()),
        Command::Forms => forms::cmd_forms(&mut out()),
        Command::Form(FormCommand::Check { files }) => {
            forms::cmd_form_check(lang, &files, &mut out(), &mut err())
        }
        Command::Form(FormCommand::Show { form }) => {
            forms::cmd_outline(lang, &form, &mut out(), &mut err())
        }
        Command::Count(args) => count::cmd_count(lang, &args, &mut out(), &mut err()),
        Command::Export(args) => export::cmd_export(lang, &args, &mut out(), &mut err()),
        Command::Import(args) => export::cmd_import(lang, &args, &mut err()),
        Command::Drafts { command } => drafts::cmd_drafts(lang, command, &mut out(), &mut err()),
        Command::Check(args) => check::cmd_check(lang, &args, &mut out(), &mut err()),
        Command::Summary(args) => summary::cmd_summary(lang, &args, &mut out(), &mut err()),
        Command::Review(args) => review::cmd_review(lang, &args, cli.theme.as_deref()),
    }
}

/// Where a form came from, for messages.
#[derive(Debug)]
pub enum FormSource {
    Builtin(&'static str),
    File(PathBuf),
}

impl FormSource {
    pub fn display(&self) -> String {
        match self {
            FormSource::Builtin(name) => format!("forms/{name}"),
            FormSource::File(p) => for_terminal(&p.display().to_string()),
        }
    }
}

/// Why a form could not be opened.
#[derive(Debug)]
pub enum FormLoadError {
    Unreadable(PathBuf, ReadError),
    Invalid(FormSource, Vec<FormError>),
}

impl FormLoadError {
    pub fn exit_code(&self) -> u8 {
        match self {
            FormLoadError::Unreadable(..) => UNREADABLE,
            FormLoadError::Invalid(..) => INVALID,
        }
    }

    /// One line per problem, `FILE:LINE:COL: message`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        match self {
            FormLoadError::Unreadable(p, e) => vec![format!(
                "{}: {}",
                for_terminal(&p.display().to_string()),
                e.describe(lang)
            )],
            FormLoadError::Invalid(src, errors) => errors
                .iter()
                .map(|e| {
                    format!(
                        "{}:{}:{}: {}",
                        src.display(),
                        e.line,
                        e.col,
                        form::msg::form_error(lang, &e.kind)
                    )
                })
                .collect(),
        }
    }
}

/// A built-in form id, or else a path to a form file.
pub fn resolve_form(arg: &str) -> Result<(Form, FormSource), FormLoadError> {
    if let Some((id, file, _)) = form::BUILTIN.iter().find(|(id, _, _)| *id == arg) {
        return builtin_form(id)
            .unwrap_or_else(|| Err(Vec::new()))
            .map(|f| (f, FormSource::Builtin(file)))
            .map_err(|e| FormLoadError::Invalid(FormSource::Builtin(file), e));
    }
    let path = PathBuf::from(arg);
    load_form_file(&path).map(|f| (f, FormSource::File(path)))
}

/// `NO_COLOR` is set (to anything but nothing).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The styles for `--theme` (or mono under `NO_COLOR`); on error the message is printed and the
/// exit code returned.
pub fn styles_for(lang: Lang, theme: Option<&str>) -> Result<crate::theme::Styles, u8> {
    crate::theme::choose(theme, no_color()).map_err(|e| {
        eprintln!("{}", msg::theme_unusable(lang, &e));
        UNREADABLE
    })
}

/// A `--form` argument: a built-in id or a form file.
pub fn load_form_arg(arg: &Path) -> Result<Form, FormLoadError> {
    match arg.to_str() {
        Some(id) if form::BUILTIN.iter().any(|(b, _, _)| *b == id) => {
            resolve_form(id).map(|(f, _)| f)
        }
        _ => load_form_file(arg),
    }
}

/// Reads and loads one form file.
pub fn load_form_file(path: &Path) -> Result<Form, FormLoadError> {
    let bytes = fsio::read_capped(path, fsio::FILE_CAP)
        .map_err(|e| FormLoadError::Unreadable(path.to_path_buf(), e))?;
    let invalid = |e| FormLoadError::Invalid(FormSource::File(path.to_path_buf()), e);
    let text = form::decode(&bytes).map_err(|e| invalid(vec![e]))?;
    let mut form = form::load_str(&text).map_err(invalid)?;
    // Drafts remember the file by a path that works from any directory.
    form.file = std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.to_str().map(str::to_string));
    Ok(form)
}

#[cfg(test)]
mod tests {
    use super::{Cli, bare, opens_flagship};
    use clap::Parser as _;

    #[test]
    fn a_bare_start_is_what_the_parser_makes_of_no_arguments() {
        let parsed = Cli::try_parse_from(["tianbiao"]).expect("parses");
        assert_eq!(format!("{:?}", bare()), format!("{parsed:?}"));
    }

    fn args(line: &str) -> Vec<std::ffi::OsString> {
        line.split_whitespace().map(Into::into).collect()
    }

    /// The flagship is parsed ahead only for the starts that open it in the editor.
    #[test]
    fn the_flagship_is_parsed_ahead_only_for_the_editor_on_it() {
        for yes in [
            "tianbiao",
            "tianbiao fill",
            "tianbiao --lang en",
            "tianbiao --theme mono fill --draft d.ron",
            "tianbiao fill --draft x",
        ] {
            assert!(opens_flagship(&args(yes)), "{yes}");
        }
        for no in [
            "tianbiao check a.docx",
            "tianbiao --lang en count",
            "tianbiao fill --form other.ron",
            "tianbiao fill --form=other.ron",
        ] {
            assert!(!opens_flagship(&args(no)), "{no}");
        }
    }
}
