//! Words of the command line that describe a form to its author (`form show`), each in Chinese
//! and English.

use crate::count::Mode;
use crate::form::{ColumnKind, Field, Form, Kind, TableRule};
use crate::i18n::{self, Lang};
use crate::sanitize::for_terminal;

fn join(lang: Lang, items: impl IntoIterator<Item = String>) -> String {
    items
        .into_iter()
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

fn quoted(lang: Lang, s: &str) -> String {
    match lang {
        Lang::Zh => format!("“{}”", for_terminal(s)),
        Lang::En => format!("'{}'", for_terminal(s)),
    }
}

fn mode_name(lang: Lang, m: Mode) -> String {
    i18n::mode_name(lang, m).to_string()
}

/// How many: `1–20`, `≥1`, `≤3`; `None` when unbounded.
fn range(min: Option<usize>, max: Option<usize>) -> Option<String> {
    match (min, max) {
        (Some(a), Some(b)) if a == b => Some(format!("{a}")),
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(format!("≥{a}")),
        (None, Some(b)) => Some(format!("≤{b}")),
        (None, None) => None,
    }
}

/// The form's counting rule: `计数方式：字数（中文标点计为字）`.
pub fn counting_rule(lang: Lang, form: &Form) -> String {
    let mode = mode_name(lang, form.counting);
    match (lang, form.zh_punct) {
        (Lang::Zh, true) => format!("计数方式：{mode}（中文的宽度不定标点也计为字）"),
        (Lang::Zh, false) => format!("计数方式：{mode}（中文的宽度不定标点不计为字）"),
        (Lang::En, true) => format!("Counting: {mode} (Chinese ambiguous punctuation counts)"),
        (Lang::En, false) => {
            format!("Counting: {mode} (Chinese ambiguous punctuation does not count)")
        }
    }
}

fn column_kind(lang: Lang, k: &ColumnKind) -> String {
    match k {
        ColumnKind::Serial => lang
            .pick("序号，自动编号", "serial, numbered by itself")
            .into(),
        ColumnKind::Text { limit: Some(l) } => match lang {
            Lang::Zh => format!("文字，≤{l} 字"),
            Lang::En => format!("text, ≤{l}"),
        },
        ColumnKind::Text { limit: None } => lang.pick("文字", "text").into(),
        ColumnKind::Choice { options, other } => {
            let opts = join(lang, options.iter().map(|o| for_terminal(o)));
            let other = other
                .as_ref()
                .map(|o| match lang {
                    Lang::Zh => format!("；选“{}”须注明", for_terminal(o)),
                    Lang::En => format!("; '{}' needs details", for_terminal(o)),
                })
                .unwrap_or_default();
            match lang {
                Lang::Zh => format!("选项：{opts}{other}"),
                Lang::En => format!("one of: {opts}{other}"),
            }
        }
        ColumnKind::Bool => lang.pick("是/否", "yes/no").into(),
        ColumnKind::Date => lang
            .pick("日期，如 2022-08-10", "date, e.g. 2022-08-10")
            .into(),
        ColumnKind::Number => lang.pick("数字", "number").into(),
    }
}

/// Detail lines under a field in `form show`: its id, options, columns, counts, formats and the
/// condition it is shown on.
pub fn field_details(lang: Lang, form: &Form, field: &Field) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = vec![match lang {
        Lang::Zh => format!("编号：{}", for_terminal(&field.id)),
        Lang::En => format!("id: {}", for_terminal(&field.id)),
    }];
    match &field.kind {
        Kind::Text { limit: Some(_), .. } | Kind::LongText { limit: Some(_), .. } => {
            if let Some((_, mode)) = form.limit_of(field) {
                out.push(match lang {
                    Lang::Zh => format!("上限按{}计", mode_name(lang, mode)),
                    Lang::En => format!("limit counted in {}", mode_name(lang, mode)),
                });
            }
            if let Kind::LongText {
                warn_ratio: Some(r),
                ..
            } = &field.kind
            {
                let pct = (r * 100.0).round();
                out.push(match lang {
                    Lang::Zh => format!("达到上限的 {pct}% 时提示"),
                    Lang::En => format!("warns at {pct}% of the limit"),
                });
            }
        }
        Kind::Choice {
            options,
            multiple,
            other,
            min,
            max,
        } => {
            out.push(match lang {
                Lang::Zh => format!(
                    "选项（{}）：{}",
                    if *multiple { "可多选" } else { "单选" },
                    join(lang, options.iter().map(|o| for_terminal(o)))
                ),
                Lang::En => format!(
                    "options ({}): {}",
                    if *multiple { "several" } else { "one" },
                    join(lang, options.iter().map(|o| for_terminal(o)))
                ),
            });
            if let Some(o) = other {
                out.push(match lang {
                    Lang::Zh => format!("选“{}”时须注明", for_terminal(o)),
                    Lang::En => format!("'{}' needs details", for_terminal(o)),
                });
            }
            if let Some(r) = range(*min, *max) {
                out.push(if zh {
                    format!("选择数：{r}")
                } else {
                    format!("how many: {r}")
                });
            }
        }
        Kind::Date => out.push(lang.pick("格式：2022-08-10", "format: 2022-08-10").into()),
        Kind::Email => out.push(
            lang.pick("格式：name@example.cn", "format: name@example.cn")
                .into(),
        ),
        Kind::Phone => out.push(
            lang.pick(
                "格式：手机 138 0000 0000，或座机 027-8655 1234",
                "format: a mobile 138 0000 0000 or a landline 027-8655 1234",
            )
            .into(),
        ),
        Kind::Pattern { regex, message } => out.push(match lang {
            Lang::Zh => format!("格式：{}（{}）", for_terminal(regex), for_terminal(message)),
            Lang::En => format!(
                "format: {} ({})",
                for_terminal(regex),
                for_terminal(message)
            ),
        }),
        Kind::List {
            min,
            max,
            item_label,
        } => {
            if let Some(r) = range(*min, *max) {
                out.push(if zh {
                    format!("条目数：{r}")
                } else {
                    format!("items: {r}")
                });
            }
            if let Some(l) = item_label {
                out.push(if zh {
                    format!("每条：{}", for_terminal(l))
                } else {
                    format!("each item: {}", for_terminal(l))
                });
            }
        }
        Kind::Table {
            columns,
            min_rows,
            max_rows,
            rules,
        } => {
            out.push(lang.pick("列：", "columns:").into());
            for c in columns {
                let req = if c.required { " *" } else { "" };
                out.push(format!(
                    "  {}{req} ({})  {}",
                    for_terminal(&c.label),
                    for_terminal(&c.id),
                    column_kind(lang, &c.kind)
                ));
            }
            if let Some(r) = range(*min_rows, *max_rows) {
                out.push(if zh {
                    format!("行数：{r}")
                } else {
                    format!("rows: {r}")
                });
            }
            for rule in rules {
                let TableRule::AtLeast { count, column, .. } = rule;
                let label = columns
                    .iter()
                    .find(|c| &c.id == column)
                    .map_or(column.as_str(), |c| c.label.as_str());
                out.push(match lang {
                    Lang::Zh => format!("规则：至少 {count} 行勾选{}", quoted(lang, label)),
                    Lang::En => format!("rule: at least {count} rows tick {}", quoted(lang, label)),
                });
            }
        }
        Kind::Attachments {
            extensions,
            caption,
            min,
            max,
        } => {
            if !extensions.is_empty() {
                out.push(if zh {
                    format!(
                        "文件类型：{}",
                        join(lang, extensions.iter().map(|e| for_terminal(e)))
                    )
                } else {
                    format!(
                        "file types: {}",
                        join(lang, extensions.iter().map(|e| for_terminal(e)))
                    )
                });
            }
            if let Some(r) = range(*min, *max) {
                out.push(if zh {
                    format!("文件数：{r}")
                } else {
                    format!("files: {r}")
                });
            }
            if *caption {
                out.push(
                    lang.pick("每个文件有图题", "each file has a caption")
                        .into(),
                );
            }
        }
        Kind::Confirm { statement } => out.push(match lang {
            Lang::Zh => format!("承诺内容：{}", for_terminal(statement)),
            Lang::En => format!("statement: {}", for_terminal(statement)),
        }),
        Kind::Note { .. } | Kind::Text { .. } | Kind::LongText { .. } => {}
    }
    if let Some(cond) = &field.visible_when {
        let on = form
            .field(&cond.field)
            .map_or(cond.field.as_str(), |f| f.label.as_str());
        out.push(match lang {
            Lang::Zh => format!(
                "仅当{}为{}时显示",
                quoted(lang, on),
                quoted(lang, &cond.equals)
            ),
            Lang::En => format!(
                "shown only when {} is {}",
                quoted(lang, on),
                quoted(lang, &cond.equals)
            ),
        });
    }
    out
}
