//! `tianbiao export` and `tianbiao import`: a draft to a submission or a document, and a
//! submission back to a draft.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::msg::export as msg;
use super::{INVALID, OK, UNREADABLE, load_form_arg};
use crate::draft::{Draft, store};
use crate::export::msg::Context;
use crate::export::{self, Format, Options};
use crate::form::{self, Form};
use crate::fsio;
use crate::lang::Lang;

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum FormatArg {
    Json,
    Ron,
    Md,
    Txt,
    Docx,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Json => Format::Json,
            FormatArg::Ron => Format::Ron,
            FormatArg::Md => Format::Markdown,
            FormatArg::Txt => Format::Text,
            FormatArg::Docx => Format::Docx,
        }
    }
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The draft: a name in the drafts directory or a path to a draft file. Without it, the
    /// most recently changed draft.
    #[arg(value_name = "DRAFT")]
    pub draft: Option<std::ffi::OsString>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "json")]
    pub format: FormatArg,
    /// Output file; standard output when absent or `-` (not for docx).
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Write a submission folder: submission.json, the .docx and the attachments.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "format"])]
    pub bundle: Option<PathBuf>,
    /// Export even with problems (the file says "valid": false), and replace an existing file.
    #[arg(long)]
    pub force: bool,
    /// The form description file to use instead of the built-in form with the draft's form id.
    #[arg(long, value_name = "FILE")]
    pub form: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// A submission file (JSON) made by `tianbiao export`, or a Word document (.docx) filled in
    /// from the form's template (told by the content).
    #[arg(value_name = "FILE.json|FILE.docx")]
    pub file: PathBuf,
    /// Name of the new draft (default: the draft name in the submission).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Write the draft to this path instead of the drafts directory.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace an existing draft.
    #[arg(long)]
    pub force: bool,
    /// The form: a built-in id or a form description file. For a Word document it is guessed
    /// from the content when not given (the choice is printed).
    #[arg(long, value_name = "ID|FILE")]
    pub form: Option<PathBuf>,
}

/// A message and the exit code it ends with.
struct Fail(u8, Vec<String>);

impl Fail {
    fn one(code: u8, line: String) -> Fail {
        Fail(code, vec![line])
    }
}

fn report(err: &mut impl Write, fail: Fail) -> u8 {
    for line in fail.1 {
        let _ = writeln!(err, "{line}");
    }
    fail.0
}

/// The draft file a `[DRAFT]` argument names.
fn draft_path(
    lang: Lang,
    arg: Option<&std::ffi::OsStr>,
    err: &mut impl Write,
) -> Result<PathBuf, Fail> {
    let dir = store::drafts_dir();
    match arg {
        Some(a) => {
            let p = Path::new(a);
            let b = std::os::unix::ffi::OsStrExt::as_bytes(a);
            if p.exists() || b.contains(&b'/') || b.ends_with(b".ron") {
                return Ok(p.to_path_buf());
            }
            match dir {
                Some(d) => Ok(store::resolve(a, &d)),
                None => Err(Fail::one(UNREADABLE, msg::no_data_dir(lang))),
            }
        }
        None => {
            let d = dir.ok_or_else(|| Fail::one(UNREADABLE, msg::no_data_dir(lang)))?;
            let latest = std::fs::read_dir(&d)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
                .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
                .max();
            match latest {
                Some((_, p)) => {
                    let _ = writeln!(err, "{}", msg::using_latest(lang, &p));
                    Ok(p)
                }
                None => Err(Fail::one(UNREADABLE, msg::no_drafts(lang, &d))),
            }
        }
    }
}

/// Reads and parses a draft file.
pub fn load_draft(lang: Lang, path: &Path) -> Result<Draft, Vec<String>> {
    let bytes = fsio::read_capped(path, fsio::FILE_CAP)
        .map_err(|e| vec![msg::draft_unreadable(lang, path, &e.describe(lang))])?;
    let text = crate::decode::text(&bytes)
        .map_err(|e| vec![msg::draft_unreadable(lang, path, &e.describe(lang))])?;
    Draft::from_ron(&text).map_err(|e| {
        vec![msg::draft_invalid(
            lang,
            path,
            e.line,
            e.col,
            &e.message.describe(lang),
        )]
    })
}

/// The form for a form id: the given form file (which must have that id) or the built-in one.
fn form_for(lang: Lang, id: &str, file: Option<&Path>) -> Result<Form, Fail> {
    if let Some(f) = file {
        let form = load_form_arg(f).map_err(|e| Fail(e.exit_code(), e.lines(lang)))?;
        if form.id != id {
            return Err(Fail::one(
                UNREADABLE,
                msg::form_mismatch(lang, &form.id, id),
            ));
        }
        return Ok(form);
    }
    match form::builtin(id) {
        Some(Ok(f)) => Ok(f),
        Some(Err(errors)) => Err(Fail(
            UNREADABLE,
            errors
                .iter()
                .map(|e| format!("{id}: {}", crate::form::msg::form_error(lang, &e.kind)))
                .collect(),
        )),
        None => Err(Fail::one(UNREADABLE, msg::unknown_form(lang, id))),
    }
}

#[inline(never)] // out of the editor's start-up code: see `run` in cli/mod.rs
pub(super) fn cmd_export(
    lang: Lang,
    args: &ExportArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    match export_inner(lang, args, out, err) {
        Ok(code) => code,
        Err(fail) => report(err, fail),
    }
}

fn export_inner(
    lang: Lang,
    args: &ExportArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<u8, Fail> {
    let format: Format = args.format.into();
    let to_stdout =
        args.bundle.is_none() && args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    if to_stdout && !format.is_text() {
        return Err(Fail::one(UNREADABLE, msg::docx_needs_path(lang)));
    }
    let path = draft_path(lang, args.draft.as_deref(), err)?;
    let draft = load_draft(lang, &path).map_err(|l| Fail(UNREADABLE, l))?;
    let form = super::draft_form::form_of_draft(&draft, args.form.as_deref())
        .map_err(|e| Fail(e.exit_code(), e.lines(lang)))?;
    let base = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let opts = Options {
        force: args.force,
        lang,
        base_dir: Some(base),
    };
    let now = export::now();
    let exp_err = |e: export::ExportError| Fail(e.exit_code(), e.lines(lang, Some(&form)));
    let (findings, notes) = if to_stdout {
        let files = export::check_files(&form, &draft.answers, opts.base_dir.as_deref());
        let p = export::prepare(&form, &draft, &now, files);
        export::gate(&p, args.force).map_err(exp_err)?;
        let bytes = export::render(&p, format, lang);
        if out.write_all(&bytes).and_then(|_| out.flush()).is_err() {
            return Ok(UNREADABLE);
        }
        (p.findings, p.notes)
    } else {
        let report = match &args.bundle {
            Some(dir) => export::bundle::write_bundle(&form, &draft, dir, &opts, &now),
            None => {
                let o = args.output.as_deref().unwrap_or(Path::new("-"));
                export::write(&form, &draft, format, o, &opts, &now)
            }
        }
        .map_err(exp_err)?;
        let what = if args.bundle.is_some() {
            "bundle"
        } else {
            format.extension()
        };
        let _ = writeln!(
            err,
            "{}",
            msg::exported(
                lang,
                &report.path.display().to_string(),
                what,
                report.bytes,
                report.unchanged
            )
        );
        (report.findings, report.notes)
    };
    for n in &notes {
        let line = n.describe(lang, &form, Context::Export);
        let _ = writeln!(err, "{}", crate::export::msg::note(lang, &line));
    }
    if !findings.is_empty() {
        let _ = writeln!(err, "{}", msg::forced(lang, findings.len()));
        for f in crate::form::msg::finding_lines(lang, &form, &findings) {
            let _ = writeln!(err, "  {f}");
        }
    }
    Ok(OK)
}

#[inline(never)] // out of the editor's start-up code: see `run` in cli/mod.rs
pub(super) fn cmd_import(lang: Lang, args: &ImportArgs, err: &mut impl Write) -> u8 {
    match import_inner(lang, args, err) {
        Ok(code) => code,
        Err(fail) => report(err, fail),
    }
}

/// Largest submission file read: the draft cap (the README's 8 MiB; a bigger submission could
/// not become a draft that opens again anyway).
const IMPORT_CAP: u64 = fsio::FILE_CAP;

fn import_inner(lang: Lang, args: &ImportArgs, err: &mut impl Write) -> Result<u8, Fail> {
    let (form, draft, name) = if super::docx_in::is_word_file(&args.file) {
        let (form, mut draft, line) =
            super::docx_in::import(lang, &args.file, args.form.as_deref())
                .map_err(|(code, lines)| Fail(code, lines))?;
        let _ = writeln!(err, "{line}");
        let name = args.name.clone().unwrap_or_else(|| draft.name.clone());
        draft.name = name.clone();
        (form, draft, name)
    } else {
        import_submission(lang, args)?
    };
    write_imported(lang, args, err, &form, &draft, &name)
}

fn import_submission(
    lang: Lang,
    args: &ImportArgs,
) -> Result<(Form, crate::draft::Draft, String), Fail> {
    use export::submission::{ImportError, parse_json, to_draft};
    let bytes = fsio::read_capped(&args.file, IMPORT_CAP).map_err(|e| {
        Fail::one(
            UNREADABLE,
            msg::draft_unreadable(lang, &args.file, &e.describe(lang)),
        )
    })?;
    let text = crate::decode::text(&bytes).map_err(|e| {
        Fail::one(
            INVALID,
            msg::submission_invalid(lang, &args.file, &e.describe(lang)),
        )
    })?;
    let sub = parse_json(&text).map_err(|e| match e {
        ImportError::Format(f) => {
            Fail::one(UNREADABLE, msg::submission_format(lang, &args.file, &f))
        }
        other => Fail::one(
            INVALID,
            msg::submission_invalid(lang, &args.file, &other.to_string()),
        ),
    })?;
    let form = form_for(lang, &sub.form.id, args.form.as_deref())?;
    let name = args.name.clone().unwrap_or_else(|| sub.draft.name.clone());
    let draft = to_draft(&sub, &form, &name).map_err(|e| {
        Fail::one(
            INVALID,
            msg::submission_invalid(lang, &args.file, &e.to_string()),
        )
    })?;
    Ok((form, draft, name))
}

fn write_imported(
    lang: Lang,
    args: &ImportArgs,
    err: &mut impl Write,
    form: &Form,
    draft: &crate::draft::Draft,
    name: &str,
) -> Result<u8, Fail> {
    let target = match &args.output {
        Some(p) => p.clone(),
        None => {
            let dir =
                store::drafts_dir().ok_or_else(|| Fail::one(UNREADABLE, msg::no_data_dir(lang)))?;
            create_private_dir(&dir).map_err(|e| {
                Fail::one(
                    UNREADABLE,
                    crate::export::msg::error_lines(
                        lang,
                        None,
                        &export::ExportError::Write(dir.clone(), e),
                    )
                    .concat(),
                )
            })?;
            dir.join(store::file_name_for(name))
        }
    };
    if target.exists() && !args.force {
        return Err(Fail::one(UNREADABLE, msg::draft_exists(lang, &target)));
    }
    let ron = draft.to_ron();
    if ron.len() as u64 > fsio::FILE_CAP {
        return Err(Fail::one(
            INVALID,
            msg::draft_too_large(lang, &args.file, ron.len(), fsio::FILE_CAP),
        ));
    }
    write_private(&target, ron.as_bytes()).map_err(|e| {
        Fail(
            UNREADABLE,
            crate::export::msg::error_lines(
                lang,
                None,
                &export::ExportError::Write(target.clone(), e),
            ),
        )
    })?;
    let findings = form::validate(form, &draft.answers).len();
    let _ = writeln!(err, "{}", msg::imported(lang, &target, findings));
    Ok(OK)
}

pub(super) use crate::fsio::{create_private_dir, write_private};
