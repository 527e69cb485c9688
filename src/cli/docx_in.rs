//! Received Word documents on the command line: telling them by content, `import FILE.docx`
//! (the form named or guessed), and `--convert`, which turns a .doc/.wps into a .docx with
//! LibreOffice when `soffice` is on the PATH (in a private temporary directory; a .docx is never
//! converted: LibreOffice damages content controls).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{UNREADABLE, load_form_arg};
use crate::docx::{self, Sniffed};
use crate::draft::Draft;
use crate::form::Form;
use crate::fsio;
use crate::lang::Lang;
use crate::review::docx_match::msg;
use crate::review::{FormSet, Hashing, LoadError, load_file_with};

/// Whether the file starts like a zip or an OLE file (a .docx, .doc, .wps, .xlsx…).
pub fn is_word_file(path: &Path) -> bool {
    let Ok((mut f, _)) = fsio::open_regular(path) else {
        return false;
    };
    let mut head = [0u8; 8];
    let n = f.read(&mut head).unwrap_or(0);
    docx::sniff(&head[..n]) != Sniffed::Other
}

/// `import FILE.docx`: the form, the draft, and the line saying which form was used.
pub fn import(
    lang: Lang,
    path: &Path,
    form_arg: Option<&Path>,
) -> Result<(Form, Draft, String), (u8, Vec<String>)> {
    let mut forms = FormSet::builtin();
    if let Some(arg) = form_arg {
        let form = load_form_arg(arg).map_err(|e| (e.exit_code(), e.lines(lang)))?;
        let id = form.id.clone();
        forms.add(form);
        forms.pin(&id);
    }
    let unreadable = |e: &LoadError| {
        (
            UNREADABLE,
            vec![msg::file_error(lang, path, &e.describe(lang))],
        )
    };
    let rf = load_file_with(path, &forms, Hashing::Skip).map_err(|e| unreadable(&e))?;
    let (guessed, score) = rf
        .docx
        .as_ref()
        .map_or((false, 0), |d| (d.form_guessed, d.score));
    let line = msg::import_form_line(lang, &rf.form, guessed, score);
    Ok(((*rf.form).clone(), rf.draft, line))
}

/// Where `soffice` is, if on the PATH.
pub fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("soffice"))
        .find(|p| p.is_file())
}

/// A .doc/.wps converted into a private temporary directory (removed when dropped).
pub struct Converted {
    dir: PathBuf,
    pub docx: PathBuf,
}

impl Drop for Converted {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Why a conversion did not give a .docx.
#[derive(Debug)]
pub enum ConvertError {
    NoSoffice,
    Failed(String),
    TimedOut,
}

/// Converts `path` with LibreOffice: a private profile (a running office is not disturbed) and
/// a private output directory, at most two minutes.
pub fn convert(path: &Path) -> Result<Converted, ConvertError> {
    let soffice = soffice().ok_or(ConvertError::NoSoffice)?;
    let dir = std::env::temp_dir().join(format!(
        "tianbiao-convert-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    fsio::create_private_dir(&dir).map_err(|e| ConvertError::Failed(e.to_string()))?;
    let out = dir.join("out");
    let guard = Converted {
        dir: dir.clone(),
        docx: PathBuf::new(),
    };
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let mut child = Command::new(soffice)
        .arg(profile)
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(&out)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| ConvertError::Failed(e.to_string()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if started.elapsed() > Duration::from_secs(120) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ConvertError::TimedOut);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(ConvertError::Failed(e.to_string())),
        }
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let docx = out.join(format!("{stem}.docx"));
    if !status.success() || !docx.is_file() {
        return Err(ConvertError::Failed(format!("soffice: {status}")));
    }
    let mut guard = guard;
    guard.docx = docx;
    Ok(guard)
}
