//! `tianbiao summary FILE... --zone NAME`: the 附件2 summary table from received 附件1 files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use clap::Args;

use super::check::form_set;
use super::export::{create_private_dir, write_private};
use super::msg::{export as xmsg, summary as msg};
use super::{INVALID, OK, UNREADABLE};
use crate::draft::store;
use crate::export::{self, ExportError};
use crate::form::Kind;
use crate::lang::Lang;
use crate::review::msg as rmsg;
use crate::review::summary::{self, Duplicate, SummaryOptions};
use crate::review::{self, CheckOptions, xlsx};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryFormat {
    Xlsx,
    Docx,
    Csv,
    Md,
    Json,
}

impl SummaryFormat {
    fn name(self) -> &'static str {
        match self {
            SummaryFormat::Xlsx => "xlsx",
            SummaryFormat::Docx => "docx",
            SummaryFormat::Csv => "csv",
            SummaryFormat::Md => "md",
            SummaryFormat::Json => "json",
        }
    }

    /// The format an output file's extension names.
    fn from_path(p: &Path) -> Option<SummaryFormat> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(SummaryFormat::Xlsx),
            "docx" => Some(SummaryFormat::Docx),
            "csv" => Some(SummaryFormat::Csv),
            "md" | "markdown" => Some(SummaryFormat::Md),
            "json" => Some(SummaryFormat::Json),
            _ => None,
        }
    }
}

#[derive(Args, Debug)]
pub struct SummaryArgs {
    /// The applications (附件1 drafts or submissions), at most 20; a directory means the *.ron
    /// and *.json files directly inside it. Rows follow this order.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// 先导区名称: the pilot zone's name.
    #[arg(long, value_name = "NAME")]
    pub zone: String,
    /// 填报日期 (default: today; SOURCE_DATE_EPOCH when set).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Output format (default: from the -o extension, else md).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<SummaryFormat>,
    /// Output file; standard output when absent or `-` (not for xlsx or docx).
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The zone's key application domains, e.g. 交通运输,物流 (the review sheet gets a 重点领域
    /// column and the "at least 10" rule is checked, over accepted rows only).
    #[arg(long, value_name = "DOMAIN,...")]
    pub key_domains: Option<String>,
    /// Also write the table as a draft of the summary form (a name in the drafts directory or a
    /// path), to finish in the editor.
    #[arg(long, value_name = "PATH|NAME")]
    pub draft: Option<String>,
    /// Refuse (exit 1, nothing written) when a file fails the check or is a duplicate, or
    /// fewer key-domain scenarios than the notice asks for are accepted.
    #[arg(long)]
    pub strict: bool,
    /// Leave rows that fail the check or are duplicates out of the table sent on (they stay
    /// in the review sheet and on standard error).
    #[arg(long)]
    pub exclude_failing: bool,
    /// Replace an existing output file or draft.
    #[arg(long)]
    pub force: bool,
    /// A form description file for files whose form is not built in (may be repeated).
    #[arg(long, value_name = "FILE")]
    pub form: Vec<PathBuf>,
    /// Do not look for attachment files beside the received files.
    #[arg(long)]
    pub skip_attachments: bool,
}

struct Fail(u8, Vec<String>);

impl Fail {
    fn one(code: u8, line: String) -> Fail {
        Fail(code, vec![line])
    }
}

#[inline(never)] // out of the editor's start-up code: see `run` in cli/mod.rs
pub(super) fn cmd_summary(
    lang: Lang,
    args: &SummaryArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    match inner(lang, args, out, err) {
        Ok(code) => code,
        Err(Fail(code, lines)) => {
            for l in lines {
                let _ = writeln!(err, "{l}");
            }
            code
        }
    }
}

/// Today for the 填报日期: the date of SOURCE_DATE_EPOCH (UTC) when set, else the local date.
fn today() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

fn source_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
}

/// `交通运输,物流` / `交通运输，物流` / `交通运输、物流`.
fn split_domains(s: &str) -> Vec<String> {
    s.split([',', '，', '、'])
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

/// Where `--draft` writes and the draft's name.
fn draft_target(lang: Lang, arg: &str) -> Result<(PathBuf, String), Fail> {
    let p = Path::new(arg);
    if p.exists() || arg.contains('/') || arg.ends_with(".ron") {
        let name = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| arg.to_string());
        return Ok((p.to_path_buf(), name));
    }
    let dir = store::drafts_dir().ok_or_else(|| Fail::one(UNREADABLE, xmsg::no_data_dir(lang)))?;
    Ok((dir.join(store::file_name_for(arg)), arg.to_string()))
}

fn inner(
    lang: Lang,
    args: &SummaryArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<u8, Fail> {
    // Everything that can be refused without reading the files comes first.
    let zone = args.zone.trim();
    if zone.is_empty() {
        return Err(Fail::one(UNREADABLE, msg::empty_zone(lang)));
    }
    let date = match &args.date {
        Some(d) => crate::form::validate::parse_date(d)
            .ok_or_else(|| Fail::one(UNREADABLE, msg::bad_date(lang, d)))?,
        None => today(),
    };
    let to_stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(SummaryFormat::from_path))
        .unwrap_or(SummaryFormat::Md);
    if to_stdout && matches!(format, SummaryFormat::Xlsx | SummaryFormat::Docx) {
        return Err(Fail::one(UNREADABLE, msg::xlsx_needs_path(lang)));
    }
    let draft_target = match &args.draft {
        Some(a) => {
            let (path, name) = draft_target(lang, a)?;
            if std::fs::symlink_metadata(&path).is_ok() && !args.force {
                return Err(Fail::one(UNREADABLE, xmsg::draft_exists(lang, &path)));
            }
            Some((path, name))
        }
        None => None,
    };
    let forms = form_set(lang, &args.form, err).map_err(|code| Fail(code, Vec::new()))?;
    let summary_form = forms
        .get(summary::SUMMARY_FORM)
        .map(|f| Arc::clone(&f.form))
        .ok_or_else(|| Fail::one(UNREADABLE, xmsg::unknown_form(lang, summary::SUMMARY_FORM)))?;
    let files = review::expand_inputs(&args.files);
    let max = summary::max_rows(&summary_form);
    if files.len() > max {
        return Err(Fail::one(INVALID, msg::too_many(lang, files.len(), max)));
    }

    // Read and check every file; any that cannot be a row stops the table.
    let opts = CheckOptions {
        skip_attachments: args.skip_attachments,
        hash_documents: true,
    };
    let mut entries = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    let mut domain_options: Vec<String> = Vec::new();
    for path in &files {
        let rf = match review::load_file(path, &forms) {
            Ok(rf) => rf,
            Err(e) => {
                problems.push(rmsg::unreadable_line(lang, path, &e));
                continue;
            }
        };
        let checked = review::check_received(&rf, &opts);
        match summary::entry(lang, &rf, &checked) {
            Ok(e) => entries.push(e),
            Err(n) => problems.push(msg::not_application(lang, path, &n.form_id)),
        }
        if domain_options.is_empty()
            && let Some(Kind::Choice { options, .. }) =
                rf.form.field(summary::DOMAINS_FIELD).map(|f| &f.kind)
        {
            domain_options = options.clone();
        }
    }
    if !problems.is_empty() {
        let n = problems.len();
        problems.push(msg::inputs_unreadable(lang, n));
        return Err(Fail(UNREADABLE, problems));
    }

    let key_domains = args.key_domains.as_deref().map(split_domains);
    if let Some(keys) = &key_domains {
        for k in keys {
            let known = domain_options.iter().any(|o| o == k)
                || entries.iter().any(|e| e.other.trim() == k);
            if !known {
                let _ = writeln!(err, "{}", msg::unknown_key_domain(lang, k, &domain_options));
            }
        }
    }
    let s = summary::build(
        Arc::clone(&summary_form),
        entries,
        &SummaryOptions {
            zone: zone.to_string(),
            date,
            key_domains,
            exclude_failing: args.exclude_failing,
        },
    )
    .map_err(|t| Fail::one(INVALID, msg::too_many(lang, t.count, t.max)))?;

    // Flags: stderr lines, and the 核查 column in the table.
    let mut flagged = 0;
    for r in &s.rows {
        if r.flagged() {
            flagged += 1;
        }
        if !r.passes() {
            let _ = writeln!(
                err,
                "{}",
                msg::row_fails(lang, r.seq, &r.source.path, r.findings.len())
            );
            for f in &r.findings {
                let _ = writeln!(err, "  {}", review::render::clip(f, 240));
            }
        }
        match r.duplicate {
            Some(Duplicate::SameFile { of }) => {
                let _ = writeln!(
                    err,
                    "{}",
                    msg::row_same_file(lang, r.seq, &r.source.path, of)
                );
            }
            Some(Duplicate::SameName { of }) => {
                let _ = writeln!(
                    err,
                    "{}",
                    msg::row_same_name(lang, r.seq, &r.source.path, of, &r.name)
                );
            }
            None => {}
        }
    }
    let mut key_short = None;
    match (s.key_count(), summary::key_rule(&s.form)) {
        (Some(got), Some((need, _))) if got < need => {
            key_short = Some((got, need));
            let _ = writeln!(err, "{}", msg::key_domains_short(lang, got, need));
        }
        (Some(got), Some((need, _))) => {
            let _ = writeln!(err, "{}", msg::key_domains_count(lang, got, need));
        }
        (None, Some(_)) => {
            let _ = writeln!(err, "{}", msg::key_domains_missing(lang));
        }
        _ => {}
    }
    if args.strict && flagged > 0 {
        return Err(Fail::one(INVALID, msg::strict_refused(lang, flagged)));
    }
    if args.strict
        && let Some((got, need)) = key_short
    {
        return Err(Fail::one(
            INVALID,
            msg::strict_refused_key_domains(lang, got, need),
        ));
    }
    if args.exclude_failing && flagged > 0 {
        let _ = writeln!(err, "{}", msg::rows_excluded(lang, flagged));
    }

    let bytes = match format {
        SummaryFormat::Csv => summary::to_csv(&s).into_bytes(),
        SummaryFormat::Md => summary::to_markdown(&s).into_bytes(),
        // The same document a draft of the summary form exports as.
        SummaryFormat::Docx => crate::export::docx::render_summary(&s.doc(), &export::now()),
        SummaryFormat::Json => summary::to_json(&s).into_bytes(),
        SummaryFormat::Xlsx => xlsx::to_xlsx(&s, source_epoch()),
    };
    let write_err =
        |e: ExportError| Fail(UNREADABLE, crate::export::msg::error_lines(lang, None, &e));
    if to_stdout {
        if out.write_all(&bytes).and_then(|_| out.flush()).is_err() {
            return Ok(UNREADABLE);
        }
    } else {
        let path = args.output.as_deref().unwrap_or(Path::new("-"));
        let unchanged = export::write_file(path, &bytes, args.force).map_err(write_err)?;
        let line = if unchanged {
            msg::unchanged(lang, path)
        } else {
            msg::written(lang, path, s.rows.len(), format.name(), bytes.len())
        };
        let _ = writeln!(err, "{line}");
    }

    if let Some((path, name)) = draft_target {
        let draft = summary::to_draft(&s, &name, &export::now());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && store::drafts_dir().is_some_and(|d| d == dir)
        {
            create_private_dir(dir)
                .map_err(|e| write_err(ExportError::Write(dir.to_path_buf(), e)))?;
        }
        write_private(&path, draft.to_ron().as_bytes())
            .map_err(|e| write_err(ExportError::Write(path.clone(), e)))?;
        let _ = writeln!(err, "{}", msg::draft_written(lang, &path));
    }
    Ok(OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_domains_split_on_chinese_and_ascii_commas() {
        assert_eq!(
            split_domains("交通运输, 物流，制造、 港航服务,,"),
            ["交通运输", "物流", "制造", "港航服务"]
        );
    }

    #[test]
    fn format_from_the_output_name() {
        assert_eq!(
            SummaryFormat::from_path(Path::new("汇总表.XLSX")),
            Some(SummaryFormat::Xlsx)
        );
        assert_eq!(SummaryFormat::from_path(Path::new("a.txt")), None);
    }
}
