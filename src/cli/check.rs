//! `tianbiao check FILE...`: check received drafts and submissions against their forms, in batch.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{INVALID, OK, UNREADABLE, load_form_arg};
use crate::lang::Lang;
use crate::review::docx_match::msg as docx_msg;
use crate::review::msg;
use crate::review::{self, CheckOptions, FormSet, Verdict, render};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    /// A block per file and a verdict line, readable at 80 columns.
    Table,
    /// An array with one object per file.
    Json,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Drafts (.ron), submissions (.json) or Word documents (.docx) to check; a directory means
    /// the *.ron, *.json, *.docx, *.doc and *.wps files directly inside it. The kind is told by
    /// the content, not the name.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: CheckFormat,
    /// A form description file for files whose form is not built in (may be repeated).
    #[arg(long, value_name = "FILE")]
    pub form: Vec<PathBuf>,
    /// Do not look for attachment files beside the received files.
    #[arg(long)]
    pub skip_attachments: bool,
    /// For Word documents: print what was detected (each field and section with paragraph
    /// numbers, ticked options, text measured apart) instead of the report.
    #[arg(long)]
    pub structure: bool,
    /// Convert .doc/.wps files to .docx with LibreOffice (soffice on the PATH) and check them.
    #[arg(long)]
    pub convert: bool,
}

/// The forms received files may use: the built-in ones and `--form` files. Err: the exit code
/// after the form errors were printed.
pub(super) fn form_set(lang: Lang, files: &[PathBuf], err: &mut impl Write) -> Result<FormSet, u8> {
    let mut set = FormSet::builtin();
    for f in files {
        match load_form_arg(f) {
            Ok(form) => set.add(form),
            Err(e) => {
                for line in e.lines(lang) {
                    let _ = writeln!(err, "{line}");
                }
                return Err(UNREADABLE);
            }
        }
    }
    Ok(set)
}

fn exit_code(worst: Verdict) -> u8 {
    match worst {
        Verdict::Pass => OK,
        Verdict::Fail(_) => INVALID,
        Verdict::Unreadable => UNREADABLE,
    }
}

#[inline(never)] // out of the editor's start-up code: see `run` in cli/mod.rs
pub(super) fn cmd_check(
    lang: Lang,
    args: &CheckArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let forms = match form_set(lang, &args.form, err) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let opts = CheckOptions {
        skip_attachments: args.skip_attachments,
        hash_documents: matches!(args.format, CheckFormat::Json),
    };
    let files = review::expand_inputs(&args.files);
    if files.is_empty() {
        let _ = writeln!(err, "{}", super::msg::check::no_files(lang));
        return UNREADABLE;
    }
    let mut worst = Verdict::Pass;
    let mut verdicts = Vec::with_capacity(files.len());
    let mut reports = Vec::new();
    for path in &files {
        let mut report = review::check_path(path, &forms, &opts);
        if args.convert
            && let Err(e) = &report.result
            && e.convertible()
        {
            match super::docx_in::convert(path) {
                Ok(conv) => {
                    let _ = writeln!(err, "{}", docx_msg::converted(lang, path));
                    report = review::check_path(&conv.docx, &forms, &opts);
                    report.path = path.clone();
                }
                Err(super::docx_in::ConvertError::NoSoffice) => {
                    let _ = writeln!(err, "{}", docx_msg::no_soffice(lang));
                }
                Err(super::docx_in::ConvertError::TimedOut) => {
                    let _ = writeln!(err, "{}", docx_msg::convert_failed(lang, "timeout"));
                }
                Err(super::docx_in::ConvertError::Failed(why)) => {
                    let _ = writeln!(err, "{}", docx_msg::convert_failed(lang, &why));
                }
            }
        }
        if let Err(e) = &report.result {
            let _ = writeln!(err, "{}", msg::unreadable_line(lang, path, e));
        }
        let v = report.verdict();
        worst = worst.max(v);
        verdicts.push(v);
        if args.structure
            && let Ok(c) = &report.result
            && let Some(d) = &c.docx
            && let Some(form) = forms.get(&c.form_id)
        {
            let counts: Vec<(String, usize)> = c
                .counts
                .iter()
                .map(|f| (f.field.clone(), f.count))
                .collect();
            let text = format!(
                "{}\n{}",
                render::path_display(&report.path),
                docx_msg::structure(lang, &form.form, d, &counts)
            );
            if writeln!(out, "{text}").is_err() {
                return UNREADABLE;
            }
            continue;
        }
        match args.format {
            CheckFormat::Table => {
                let block = render::text_block(lang, &report);
                if writeln!(out, "{block}").is_err() {
                    return UNREADABLE;
                }
            }
            CheckFormat::Json => reports.push(report),
        }
    }
    let written = match args.format {
        CheckFormat::Table => {
            let (p, f, u) = render::tally(&verdicts);
            writeln!(out, "{}", render::total_line(lang, p, f, u))
        }
        CheckFormat::Json => out.write_all(render::json(lang, &reports).as_bytes()),
    };
    if written.and_then(|_| out.flush()).is_err() {
        return UNREADABLE;
    }
    exit_code(worst)
}
