//! `tianbiao check FILE...`: check received drafts and submissions against their forms, in batch.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{INVALID, OK, UNREADABLE, load_form_arg};
use crate::lang::Lang;
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
    /// Drafts (.ron) or submissions (.json) to check; a directory means the *.ron and *.json
    /// files directly inside it. The kind is told by the content, not the name.
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
        let report = review::check_path(path, &forms, &opts);
        if let Err(e) = &report.result {
            let _ = writeln!(err, "{}", msg::unreadable_line(lang, path, e));
        }
        let v = report.verdict();
        worst = worst.max(v);
        verdicts.push(v);
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
