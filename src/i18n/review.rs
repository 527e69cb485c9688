//! Strings of `check` and `summary` (T5): messages in Chinese (default) and English. Every piece
//! of text from a file passes through `for_terminal` here or before it gets here.

use super::Lang;
use crate::draft::Draft;
use crate::export::submission::ImportError;
use crate::form::Form;
use crate::review::load::{FileKind, LoadError};
use crate::sanitize::for_terminal;

use super::q;

/// Widest a piece of a file's text is shown in a message (a hostile file can make a parser quote
/// megabytes).
const QUOTE_WIDTH: usize = 200;

/// Untrusted text for a message: sanitised and cut to [`QUOTE_WIDTH`] columns.
fn short(s: &str) -> String {
    crate::review::render::clip(&for_terminal(s), QUOTE_WIDTH)
}

fn qs(s: &str) -> String {
    format!("'{}'", short(s))
}

fn path(p: &std::path::Path) -> String {
    for_terminal(&p.display().to_string())
}

/// serde_json ends its messages with ` at line L column C`; we say where ourselves.
fn strip_position(m: &str) -> &str {
    match m.rfind(" at line ") {
        Some(i)
            if m[i + 9..]
                .split(" column ")
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            &m[..i]
        }
        _ => m,
    }
}

/// Why a received file cannot be checked, on one line.
pub fn load_error(lang: Lang, e: &LoadError) -> String {
    let zh = lang == Lang::Zh;
    match e {
        LoadError::Read(r) => r.describe(lang),
        LoadError::NotUtf8 { offset } => {
            if zh {
                format!("不是 UTF-8 文本（第 {offset} 字节处编码无效）")
            } else {
                format!("not UTF-8 text (invalid at byte {offset})")
            }
        }
        LoadError::Empty => lang.pick("文件是空的", "the file is empty").into(),
        LoadError::Draft(p) => {
            let m = short(&p.message.describe(lang));
            if zh {
                format!("不是有效的草稿：第 {} 行第 {} 列：{m}", p.line, p.col)
            } else {
                format!("not a valid draft: line {}, column {}: {m}", p.line, p.col)
            }
        }
        LoadError::Submission(ImportError::Parse { line, col, message }) => {
            let m = short(strip_position(message));
            if zh {
                format!("不是有效的提交文件：第 {line} 行第 {col} 列：{m}")
            } else {
                format!("not a valid submission: line {line}, column {col}: {m}")
            }
        }
        LoadError::Submission(ImportError::Format(f)) if f.is_empty() => lang
            .pick(
                "不是 tianbiao 的草稿或提交文件（JSON 中没有 \"format\": \"tianbiao.submission/1\"）",
                "not a tianbiao draft or submission (the JSON has no \"format\": \"tianbiao.submission/1\")",
            )
            .into(),
        LoadError::Submission(ImportError::Format(f)) => {
            if zh {
                format!(
                    "提交文件格式 {} 不受支持（应为 {}）",
                    qs(f),
                    crate::export::FORMAT
                )
            } else {
                format!(
                    "submission format {} is not supported (expected {})",
                    qs(f),
                    crate::export::FORMAT
                )
            }
        }
        LoadError::Submission(ImportError::Value { field, message }) => {
            if zh {
                format!(
                    "不是有效的提交文件：字段 {}：{}",
                    qs(field),
                    short(message)
                )
            } else {
                format!(
                    "not a valid submission: field {}: {}",
                    qs(field),
                    short(message)
                )
            }
        }
        LoadError::Docx(e) => e.describe(lang),
        LoadError::NoForm => crate::review::docx_match::msg::no_form(lang),
        LoadError::UnknownForm(id) => {
            if zh {
                format!(
                    "未知的表单 {}：不是内置表单（可用 --form 文件 指定表单描述文件）",
                    qs(id)
                )
            } else {
                format!(
                    "unknown form {}: not a built-in form (name a form file with --form FILE)",
                    qs(id)
                )
            }
        }
    }
}

/// `FILE: why`, the line printed on standard error for a file that cannot be checked.
pub fn unreadable_line(lang: Lang, p: &std::path::Path, e: &LoadError) -> String {
    format!("{}: {}", path(p), load_error(lang, e))
}

pub fn verdict_pass(lang: Lang) -> String {
    lang.pick("✓ 通过", "✓ pass").into()
}

pub fn verdict_fail(lang: Lang, n: usize) -> String {
    if lang == Lang::Zh {
        format!("✗ 不通过（{n} 个问题）")
    } else {
        format!("✗ fail ({n} problem{})", if n == 1 { "" } else { "s" })
    }
}

pub fn verdict_unreadable(lang: Lang, why: &str) -> String {
    if lang == Lang::Zh {
        format!("✗ 无法读取：{why}")
    } else {
        format!("✗ cannot read: {why}")
    }
}

/// `smart-port.ron（草稿，ai-scenario 1.0）`; `path`, `id` and `version` already sanitised.
pub fn file_heading(lang: Lang, path: &str, kind: FileKind, id: &str, version: &str) -> String {
    match (lang, kind) {
        (Lang::Zh, FileKind::Draft) => format!("{path}（草稿，{id} {version}）"),
        (Lang::Zh, FileKind::Submission) => format!("{path}（提交文件，{id} {version}）"),
        (Lang::En, FileKind::Draft) => format!("{path} (draft, {id} {version})"),
        (Lang::En, FileKind::Submission) => format!("{path} (submission, {id} {version})"),
        (_, FileKind::Docx) => {
            crate::review::docx_match::msg::file_heading(lang, path, id, version)
        }
    }
}

pub fn scenario_label(lang: Lang) -> &'static str {
    lang.pick("场景名称：", "Scenario: ")
}

pub fn name_label(lang: Lang) -> &'static str {
    lang.pick("名称：", "Name: ")
}

pub fn applicant_label(lang: Lang) -> &'static str {
    lang.pick("申报单位：", "Applicant: ")
}

pub fn missing_label(lang: Lang) -> &'static str {
    lang.pick("缺少必填：", "Missing required: ")
}

pub fn findings_label(lang: Lang) -> &'static str {
    lang.pick("问题：", "Problems:")
}

pub fn not_filled(lang: Lang) -> &'static str {
    lang.pick("（未填写）", "(not filled in)")
}

pub fn none(lang: Lang) -> &'static str {
    lang.pick("无", "none")
}

pub fn list_sep(lang: Lang) -> &'static str {
    lang.pick("、", ", ")
}

/// `✗ 超出 23 字`.
pub fn over_by(lang: Lang, n: usize, unit: &str) -> String {
    if lang == Lang::Zh {
        format!("✗ 超出 {n} {unit}")
    } else {
        format!("✗ {n} over")
    }
}

/// `共 5 个文件：2 个通过，2 个不通过，1 个无法读取`.
pub fn total(lang: Lang, pass: usize, fail: usize, unreadable: usize) -> String {
    let n = pass + fail + unreadable;
    if lang == Lang::Zh {
        format!("共 {n} 个文件：{pass} 个通过，{fail} 个不通过，{unreadable} 个无法读取")
    } else {
        format!("{n} files: {pass} pass, {fail} fail, {unreadable} cannot be read")
    }
}

/// The note when a file was made from another version of its form.
pub fn form_changed(lang: Lang, draft: &Draft, form: &Form, hash: &str) -> String {
    super::form_version_note(lang, draft, form, hash, super::VersionNote::Checked)
}

/// The note for hidden characters in a field; `place` already sanitised; counts of control,
/// bidi and invisible characters.
pub fn hidden_note(lang: Lang, place: &str, counts: [usize; 3]) -> String {
    let zh = lang == Lang::Zh;
    let names = if zh {
        ["控制字符", "双向控制符", "不可见字符"]
    } else {
        ["control", "bidi control", "invisible"]
    };
    let parts: Vec<String> = counts
        .iter()
        .zip(names)
        .filter(|(n, _)| **n > 0)
        .map(|(n, name)| {
            if zh {
                format!("{n} 个{name}")
            } else {
                format!("{n} {name}")
            }
        })
        .collect();
    if zh {
        format!("{place}：含 {}（显示为 ⟨…⟩ 标记）", parts.join("、"))
    } else {
        format!(
            "{place}: contains {} character(s) (shown as ⟨…⟩ markers)",
            parts.join(", ")
        )
    }
}

/// The note when a submission's own verdict differs from the check's.
pub fn claim_differs(lang: Lang, claimed_valid: bool, found: usize) -> String {
    match (lang, claimed_valid) {
        (Lang::Zh, true) => format!("提交文件自称 \"valid\": true，但复核发现 {found} 个问题"),
        (Lang::Zh, false) => "提交文件自称 \"valid\": false，但复核未发现问题".into(),
        (Lang::En, true) => {
            format!("the submission says \"valid\": true, but the check finds {found} problem(s)")
        }
        (Lang::En, false) => {
            "the submission says \"valid\": false, but the check finds no problem".into()
        }
    }
}

/// The note for attachments not looked up (absolute, outside the file's folder, Windows paths).
pub fn attachments_not_checked(lang: Lang, paths: &[String]) -> String {
    let list = paths.iter().map(|p| q(p)).collect::<Vec<_>>().join(", ");
    if lang == Lang::Zh {
        format!("附件路径指向发送方的电脑或本文件夹之外，未核对：{list}")
    } else {
        format!(
            "attachments outside the file's folder (the sender's paths) were not looked up: {list}"
        )
    }
}

// ---- summary ----

/// More files than the table allows.
pub fn too_many(lang: Lang, count: usize, max: usize) -> String {
    if lang == Lang::Zh {
        format!(
            "给出了 {count} 个文件，但汇总表最多 {max} 行（每个先导区推荐不超过 {max} 个场景）；请挑选后再生成，未写入任何文件"
        )
    } else {
        format!(
            "{count} files given, but the summary table has at most {max} rows (a zone recommends at most {max} scenarios); choose, then run again; nothing written"
        )
    }
}

/// Some inputs could not be read: no table.
pub fn inputs_unreadable(lang: Lang, n: usize) -> String {
    if lang == Lang::Zh {
        format!("{n} 个文件无法读取，未生成汇总表（去掉或修好这些文件后再试）")
    } else {
        format!("{n} file(s) cannot be read; no summary written (remove or fix them, then retry)")
    }
}

/// A file whose form is not 附件1.
pub fn not_application(lang: Lang, p: &std::path::Path, form_id: &str) -> String {
    if lang == Lang::Zh {
        format!(
            "{}: 不是申报表（附件1），而是表单 {}，不能列入汇总表",
            path(p),
            q(form_id)
        )
    } else {
        format!(
            "{}: not an application (附件1) but form {}; it cannot be a row",
            path(p),
            q(form_id)
        )
    }
}

/// A row whose file fails the check.
pub fn row_fails(lang: Lang, seq: usize, p: &std::path::Path, n: usize) -> String {
    if lang == Lang::Zh {
        format!(
            "注意：第 {seq} 行（{}）未通过检查（{n} 个问题），已列入并在“核查”列标明",
            path(p)
        )
    } else {
        format!(
            "note: row {seq} ({}) fails the check ({n} problem(s)); listed, marked in the 核查 column",
            path(p)
        )
    }
}

pub fn row_same_file(lang: Lang, seq: usize, p: &std::path::Path, of: usize) -> String {
    if lang == Lang::Zh {
        format!(
            "注意：第 {seq} 行（{}）与第 {of} 行是同一个文件（内容完全相同）",
            path(p)
        )
    } else {
        format!(
            "note: row {seq} ({}) is the same file as row {of} (identical bytes)",
            path(p)
        )
    }
}

pub fn row_same_name(lang: Lang, seq: usize, p: &std::path::Path, of: usize, name: &str) -> String {
    if lang == Lang::Zh {
        format!(
            "注意：第 {seq} 行（{}）与第 {of} 行的场景名称相同：{}",
            path(p),
            qs(name)
        )
    } else {
        format!(
            "note: row {seq} ({}) has the same scenario name as row {of}: {}",
            path(p),
            qs(name)
        )
    }
}

/// The key-domain count against the form's rule.
pub fn key_domains_short(lang: Lang, got: usize, need: usize) -> String {
    if lang == Lang::Zh {
        format!("注意：与重点应用领域相关的场景 {got} 个，少于通知要求的 {need} 个（仍已生成）")
    } else {
        format!(
            "note: {got} scenario(s) in the key domains, fewer than the {need} the notice asks for (written anyway)"
        )
    }
}

pub fn key_domains_missing(lang: Lang) -> String {
    lang.pick(
        "提示：未给出 --key-domains，没有“重点领域”列，也无法核对“重点领域相关场景不少于 10 个”",
        "hint: without --key-domains there is no 重点领域 column and the \"at least 10 in key domains\" rule is not checked",
    )
    .into()
}

pub fn unknown_key_domain(lang: Lang, d: &str, options: &[String]) -> String {
    if lang == Lang::Zh {
        format!(
            "注意：重点领域 {} 不是“所属行业领域”的选项，也不是任何一行“其他”注明的领域（选项：{}）",
            q(d),
            options.join("、")
        )
    } else {
        format!(
            "note: key domain {} is neither a 所属行业领域 option nor any row's \"other\" domain (options: {})",
            q(d),
            options.join(", ")
        )
    }
}

/// `--strict` refused a flagged table.
pub fn strict_refused(lang: Lang, n: usize) -> String {
    if lang == Lang::Zh {
        format!("--strict：{n} 行未通过检查或重复，未写入任何文件")
    } else {
        format!("--strict: {n} row(s) fail the check or are duplicates; nothing written")
    }
}

pub fn xlsx_needs_path(lang: Lang) -> String {
    lang.pick(
        "xlsx 是二进制格式，请用 -o 文件名.xlsx 指定输出文件",
        "xlsx is binary: name an output file with -o FILE.xlsx",
    )
    .into()
}

pub fn bad_date(lang: Lang, s: &str) -> String {
    if lang == Lang::Zh {
        format!("--date {} 不是有效日期（如 2022-08-15）", q(s))
    } else {
        format!("--date {} is not a valid date (e.g. 2022-08-15)", q(s))
    }
}

pub fn empty_zone(lang: Lang) -> String {
    lang.pick(
        "--zone 不能为空（先导区名称）",
        "--zone must not be empty (the pilot zone's name)",
    )
    .into()
}

/// `已写入 汇总表.xlsx（12 行，xlsx，8123 字节）`.
pub fn written(lang: Lang, p: &std::path::Path, rows: usize, format: &str, bytes: usize) -> String {
    if lang == Lang::Zh {
        format!("已写入 {}（{rows} 行，{format}，{bytes} 字节）", path(p))
    } else {
        format!("wrote {} ({rows} rows, {format}, {bytes} bytes)", path(p))
    }
}

pub fn unchanged(lang: Lang, p: &std::path::Path) -> String {
    if lang == Lang::Zh {
        format!("{} 内容相同，未改动", path(p))
    } else {
        format!("{} is already identical; left as is", path(p))
    }
}

pub fn draft_written(lang: Lang, p: &std::path::Path) -> String {
    if lang == Lang::Zh {
        format!("已写入汇总表草稿 {}（可用编辑器继续填写）", path(p))
    } else {
        format!(
            "wrote the summary draft {} (finish it in the editor)",
            path(p)
        )
    }
}

pub fn xlsx_failed(lang: Lang, why: &str) -> String {
    if lang == Lang::Zh {
        format!("无法生成 xlsx：{}", for_terminal(why))
    } else {
        format!("cannot build the xlsx: {}", for_terminal(why))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_json_positions_are_stripped() {
        assert_eq!(
            strip_position("unknown field `x`, expected `a` at line 3 column 20"),
            "unknown field `x`, expected `a`"
        );
        assert_eq!(strip_position("EOF while parsing"), "EOF while parsing");
        assert_eq!(strip_position("at line x"), "at line x");
    }
}
