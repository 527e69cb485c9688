//! `tianbiao review FILE...`: the read-only review screen, and `--notes` to turn the reviewer's
//! notes into a document to send back.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::check::form_set;
use super::{OK, UNREADABLE};
use crate::draft::store;
use crate::lang::Lang;
use crate::review::msg as rmsg;
use crate::review::{self as rv, CheckOptions, notes};
use crate::sanitize::for_terminal;
use crate::tui::review::{self as screen, ReviewOptions};

#[derive(Args, Debug)]
pub struct ReviewArgs {
    /// Received drafts (.ron), submissions (.json) or Word documents (.docx); a directory means
    /// the files inside it.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Do not open the screen: write the notes (with every problem found) as a Markdown
    /// document to send back.
    #[arg(long)]
    pub notes: bool,
    /// Where `--notes` writes (standard output when absent or `-`).
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace an existing different output file.
    #[arg(long)]
    pub force: bool,
    /// A form description file for files whose form is not built in (may be repeated).
    #[arg(long, value_name = "FILE")]
    pub form: Vec<PathBuf>,
    /// With --notes: the reviewing office, printed at the top of the document (评审单位).
    #[arg(long, value_name = "NAME", requires = "notes")]
    pub reviewer: Option<String>,
}

#[inline(never)] // out of the editor's start-up code: see `run` in cli/mod.rs
pub(super) fn cmd_review(lang: Lang, args: &ReviewArgs, theme: Option<&str>) -> u8 {
    let err = &mut std::io::stderr();
    let Some(data_dir) = store::data_dir() else {
        let _ = writeln!(err, "{}", crate::tui::msg::review_no_data_dir(lang));
        return UNREADABLE;
    };
    let forms = match form_set(lang, &args.form, err) {
        Ok(f) => f,
        Err(code) => return code,
    };
    if args.notes {
        return notes_document(lang, args, &forms, &data_dir);
    }
    let styles = match super::styles_for(lang, theme) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let exit = screen::run(ReviewOptions {
        files: args.files.clone(),
        forms,
        lang,
        styles,
        data_dir,
    });
    for line in &exit.lines {
        let _ = writeln!(err, "{}", for_terminal(line));
    }
    exit.code
}

fn notes_document(
    lang: Lang,
    args: &ReviewArgs,
    forms: &rv::FormSet,
    data_dir: &std::path::Path,
) -> u8 {
    let err = &mut std::io::stderr();
    let opts = CheckOptions {
        skip_attachments: false,
        hash_documents: true,
    };
    let mut body = String::new();
    let mut code = OK;
    let inputs = rv::expand_inputs(&args.files);
    let mut unreadable = 0;
    for (i, path) in inputs.iter().enumerate() {
        if !body.is_empty() {
            body.push_str("\n---\n\n");
        }
        match rv::load_file(path, forms) {
            Ok(file) => {
                let checked = rv::check_received(&file, &opts);
                let n = match notes::load(data_dir, &file.file_hash) {
                    Ok(n) => n,
                    Err(e) => {
                        let _ = writeln!(err, "{}", for_terminal(&e.to_string()));
                        code = UNREADABLE;
                        continue;
                    }
                };
                body.push_str(&notes::file_block(lang, i + 1, &file, &checked, &n));
            }
            Err(e) => {
                let _ = writeln!(err, "{}", rmsg::unreadable_line(lang, path, &e));
                body.push_str(&notes::unreadable_block(
                    lang,
                    i + 1,
                    path,
                    &e.describe(lang),
                ));
                unreadable += 1;
                code = UNREADABLE;
            }
        }
    }
    let date = crate::export::now()
        .get(..10)
        .map(str::to_string)
        .unwrap_or_default();
    let mut doc = notes::document_head(
        lang,
        args.reviewer.as_deref(),
        &date,
        inputs.len(),
        unreadable,
    );
    doc.push('\n');
    doc.push_str(&body);
    match args.output.as_deref() {
        None => {
            let _ = std::io::stdout().lock().write_all(doc.as_bytes());
        }
        Some(p) if p.as_os_str() == "-" => {
            let _ = std::io::stdout().lock().write_all(doc.as_bytes());
        }
        Some(p) => {
            if let Err(e) = crate::export::write_file(p, doc.as_bytes(), args.force) {
                for line in e.lines(lang, None) {
                    let _ = writeln!(err, "{line}");
                }
                return UNREADABLE;
            }
        }
    }
    code
}
