//! Writing files where hostile or odd things sit: `-o` onto a symbolic link, a FIFO or a device
//! with `--force`, bundles under umask 000 and with attachments that point out of the draft's
//! folder, a notes file this version cannot read, drafts over the size cap, file names that are
//! not UTF-8.

mod support;
use support::export as common;
use support::pty as pty_common;

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;
use std::time::Duration;

use common::*;
use predicates::prelude::*;
use tianbiao::form::{Attachment, Value};

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o7777
}

fn uid() -> u32 {
    // SAFETY: getuid only reads the process's user id.
    unsafe { libc::getuid() }
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// A submission file to import.
fn submission(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("sub.json");
    tb(dir)
        .args(["export"])
        .arg(example_path())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    out
}

/// Each command that writes `-o FILE`, with the mode its new file must have.
fn writers(dir: &Path) -> Vec<(&'static str, Vec<std::ffi::OsString>, u32)> {
    let sub = submission(dir);
    vec![
        (
            "export",
            vec!["export".into(), example_path().into(), "-o".into()],
            0o644,
        ),
        (
            "export md",
            vec![
                "export".into(),
                example_path().into(),
                "-f".into(),
                "md".into(),
                "-o".into(),
            ],
            0o644,
        ),
        (
            "review --notes",
            vec![
                "review".into(),
                "--notes".into(),
                example_path().into(),
                "-o".into(),
            ],
            0o644,
        ),
        (
            "summary",
            vec![
                "summary".into(),
                "--zone".into(),
                "天津".into(),
                "--format".into(),
                "csv".into(),
                example_path().into(),
                "-o".into(),
            ],
            0o644,
        ),
        (
            "import",
            vec!["import".into(), sub.into(), "-o".into()],
            0o600,
        ),
    ]
}

#[test]
fn force_onto_a_symlink_replaces_the_link_never_the_target() {
    let data = tempfile::tempdir().unwrap();
    for (what, args, want) in writers(data.path()) {
        let target = data.path().join(format!("{what}-secret"));
        std::fs::write(&target, "别人的文件").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = data.path().join(format!("{what}-out"));
        std::os::unix::fs::symlink(&target, &link).unwrap();
        tb(data.path())
            .args(&args)
            .arg(&link)
            .arg("--force")
            .assert()
            .code(0);
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "别人的文件",
            "{what}: target written through the link"
        );
        assert_eq!(mode(&target), 0o600, "{what}: target's mode changed");
        let m = std::fs::symlink_metadata(&link).unwrap();
        assert!(m.is_file(), "{what}: the link is not replaced by a file");
        assert_eq!(mode(&link), want, "{what}: mode");
        assert_eq!(m.uid(), uid(), "{what}: owner");
    }
}

#[test]
fn force_onto_a_fifo_refuses_and_leaves_it() {
    let data = tempfile::tempdir().unwrap();
    for (what, args, _) in writers(data.path()) {
        let fifo = data.path().join(format!("{what}-fifo"));
        mkfifo(&fifo);
        tb(data.path())
            .args(&args)
            .arg(&fifo)
            .arg("--force")
            .assert()
            .code(predicate::ne(0))
            .stderr(predicate::str::contains("不是普通文件"));
        let m = std::fs::symlink_metadata(&fifo).unwrap();
        assert!(m.file_type().is_fifo(), "{what}: the FIFO was replaced");
    }
}

#[test]
fn force_onto_a_device_refuses_and_leaves_it() {
    let data = tempfile::tempdir().unwrap();
    let dev = data.path().join("null");
    let c = std::ffi::CString::new(dev.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid path; mknod of a character device (the null device's numbers).
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if made != 0 {
        eprintln!(
            "skipped: cannot make a device node here ({})",
            std::io::Error::last_os_error()
        );
        return;
    }
    for (what, args, _) in writers(data.path()) {
        tb(data.path())
            .args(&args)
            .arg(&dev)
            .arg("--force")
            .assert()
            .code(predicate::ne(0))
            .stderr(predicate::str::contains("不是普通文件"));
        let m = std::fs::symlink_metadata(&dev).unwrap();
        assert!(
            m.file_type().is_char_device(),
            "{what}: the device was replaced"
        );
    }
    // A symlink to a device: the link goes, the device stays.
    let link = data.path().join("to-null");
    std::os::unix::fs::symlink(&dev, &link).unwrap();
    tb(data.path())
        .arg("export")
        .arg(example_path())
        .arg("-o")
        .arg(&link)
        .arg("--force")
        .assert()
        .code(0);
    assert!(
        std::fs::symlink_metadata(&dev)
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(std::fs::symlink_metadata(&link).unwrap().is_file());
}

#[test]
fn bundle_files_do_not_follow_the_umask() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("bundle");
    let script = format!(
        "umask 000; exec \"$0\" export '{}' --bundle '{}'",
        example_path().display(),
        dir.display()
    );
    let bin = assert_cmd::cargo::cargo_bin("tianbiao");
    let out = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(&script)
        .arg(&bin)
        .env_remove("LANG")
        .env("TIANBIAO_DATA_DIR", data.path())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&dir), 0o755);
    assert_eq!(mode(&dir.join("submission.json")), 0o644);
    assert_eq!(mode(&dir.join("attachments")), 0o755);
    for e in std::fs::read_dir(dir.join("attachments")).unwrap() {
        assert_eq!(mode(&e.unwrap().path()), 0o644);
    }
}

/// A draft in its own folder with one attachment written as `path`.
fn draft_with_attachment(dir: &Path, path: &str) -> std::path::PathBuf {
    let mut d = example();
    d.answers.set(
        "figures",
        Value::Attachments(vec![Attachment {
            path: path.into(),
            ..Default::default()
        }]),
    );
    d.answers.set("materials", Value::Attachments(vec![]));
    write_draft(dir, "d.ron", &d)
}

#[test]
fn bundles_refuse_attachments_outside_the_drafts_folder() {
    let data = tempfile::tempdir().unwrap();
    let outside = data.path().join("secret.png");
    std::fs::write(&outside, "机密").unwrap();
    let folder = data.path().join("申报");
    std::fs::create_dir(&folder).unwrap();
    std::os::unix::fs::symlink(&outside, folder.join("link.png")).unwrap();
    let abs = outside.display().to_string();
    for (path, why) in [
        ("../secret.png", ".."),
        (abs.as_str(), "绝对路径"),
        ("link.png", "符号链接"),
    ] {
        let draft = draft_with_attachment(&folder, path);
        let dir = data.path().join("bundle");
        tb(data.path())
            .arg("export")
            .arg(&draft)
            .arg("--bundle")
            .arg(&dir)
            .arg("--force")
            .assert()
            .code(predicate::ne(0))
            .stderr(predicate::str::contains(why));
        assert!(!dir.exists(), "{path}: a bundle was written");
    }
    // Inside the folder it is copied.
    std::fs::write(folder.join("图.png"), "图").unwrap();
    let draft = draft_with_attachment(&folder, "图.png");
    tb(data.path())
        .arg("export")
        .arg(&draft)
        .arg("--bundle")
        .arg(data.path().join("ok"))
        .arg("--force")
        .assert()
        .code(0);
}

#[test]
fn bundles_take_absolute_paths_the_author_picked_below_the_start_directory() {
    let data = tempfile::tempdir().unwrap();
    let start = tempfile::tempdir().unwrap();
    // The editor stores the path the author picked, resolved against where tianbiao started;
    // the draft itself lives elsewhere (here: its own folder, usually the drafts folder).
    let folder = data.path().join("申报");
    std::fs::create_dir(&folder).unwrap();
    // Bundles a draft holding the file at `rel` below the start directory into `dir`.
    let bundle = |rel: &str, dir: &Path| {
        let file = start.path().join(rel);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "图").unwrap();
        let draft = draft_with_attachment(&folder, &file.display().to_string());
        tb(data.path())
            .current_dir(start.path())
            .arg("export")
            .arg(&draft)
            .arg("--bundle")
            .arg(dir)
            .arg("--force")
            .assert()
    };
    let dir = data.path().join("bundle");
    bundle("材料/架构图.png", &dir).code(0);
    let copied: Vec<String> = std::fs::read_dir(dir.join("attachments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        copied.iter().any(|n| n.ends_with("架构图.png")),
        "{copied:?}"
    );
    // A hidden folder below the start directory (a home's .ssh) is still refused.
    let dir = data.path().join("bundle2");
    bundle(".ssh/id.png", &dir)
        .code(predicate::ne(0))
        .stderr(predicate::str::contains("隐藏文件夹"));
    assert!(!dir.exists());
}

#[test]
fn a_notes_file_this_version_cannot_read_is_kept_not_replaced() {
    use tianbiao::review::notes;
    let data = tempfile::tempdir().unwrap();
    let hash = format!("sha256:{}", "ab".repeat(32));
    let path = notes::notes_path(data.path(), &hash);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let newer = format!("(file_hash: \"{hash}\", notes: {{}}, priority: 3)");
    std::fs::write(&path, &newer).unwrap();
    assert!(notes::load(data.path(), &hash).is_err());
    let mut n = notes::Notes {
        file_hash: hash.clone(),
        ..Default::default()
    };
    n.notes.insert("intro".into(), "新批注".into());
    notes::save(data.path(), &n).unwrap();
    assert_eq!(
        notes::load(data.path(), &hash).unwrap().notes["intro"],
        "新批注"
    );
    let kept: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("damaged"))
        .collect();
    assert_eq!(kept.len(), 1, "the unreadable file is kept");
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), newer);
}

#[test]
fn a_draft_over_the_size_cap_is_not_saved_so_every_saved_draft_opens() {
    use tianbiao::draft::{self, OpenMode, SaveError};
    let data = tempfile::tempdir().unwrap();
    let p = data.path().join("big.ron");
    let form = flagship();
    let mut o = draft::open_or_create(&p, &form, "big", OpenMode::Normal).unwrap();
    o.draft.answers.set("intro", Value::Text("字".repeat(10)));
    o.session.save(&o.draft).unwrap();
    let before = std::fs::read(&p).unwrap();
    // Over 8 MiB once written.
    o.draft
        .answers
        .set("intro", Value::Text("字".repeat(3 * 1024 * 1024)));
    let e = o.session.save(&o.draft).unwrap_err();
    assert!(matches!(e, SaveError::TooLarge { .. }), "{e:?}");
    let words = e.describe(tianbiao::lang::Lang::Zh);
    assert!(words.contains("上限") && words.contains("内存"), "{words}");
    assert_eq!(std::fs::read(&p).unwrap(), before, "the draft is untouched");
    drop(o);
    draft::open(&p, &form, OpenMode::Normal).unwrap();
}

#[test]
fn the_editor_warns_while_a_draft_nears_the_size_cap() {
    use tianbiao::draft::{self, OpenMode};
    let data = tempfile::tempdir().unwrap();
    let p = data.path().join("big.ron");
    let form = flagship();
    let mut o = draft::open_or_create(&p, &form, "big", OpenMode::Normal).unwrap();
    // About 7.6 MiB once written: past the warning mark (90 % of 8 MiB), under the cap.
    for id in ["effect", "prospect", "needs"] {
        o.draft.answers.set(id, Value::Text("字".repeat(880_000)));
    }
    o.session.save(&o.draft).unwrap();
    drop(o);
    let mut t = pty_common::Pty::spawn(
        &["fill", "--draft", p.to_str().unwrap()],
        data.path(),
        80,
        24,
    );
    // Megabytes parsed, counted and saved by a debug build on a busy machine: be patient.
    t.wait_text_within(Duration::from_secs(60), "申报单位");
    t.type_str("甲");
    t.wait_text_within(Duration::from_secs(60), "接近草稿文件 8 MiB 的上限");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(60)), 0);
    assert_eq!(
        draft::read_draft(&p)
            .unwrap()
            .answers
            .text("applicant_unit"),
        "甲"
    );
}

#[test]
fn import_reads_at_most_8_mib() {
    let data = tempfile::tempdir().unwrap();
    let big = data.path().join("big.json");
    std::fs::write(&big, vec![b' '; 8 * 1024 * 1024 + 1]).unwrap();
    tb(data.path())
        .arg("import")
        .arg(&big)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("过大"));
}

#[test]
fn file_names_that_are_not_utf8_are_accepted() {
    let data = tempfile::tempdir().unwrap();
    // 港口 in GBK, as a Windows zip names it.
    let name = std::ffi::OsStr::from_bytes(b"\xb8\xdb\xbf\xda.ron");
    let p = data.path().join(name);
    std::fs::copy(example_path(), &p).unwrap();
    std::fs::copy(
        root().join("docs/examples/smart-port-fig1.png"),
        data.path().join("smart-port-fig1.png"),
    )
    .unwrap();
    tb(data.path())
        .args(["drafts", "show"])
        .arg(&p)
        .assert()
        .code(predicate::in_iter([0, 1]))
        .stdout(predicate::str::contains("智慧港口"));
    tb(data.path())
        .arg("export")
        .arg(&p)
        .arg("-o")
        .arg(data.path().join("out.json"))
        .assert()
        .code(0);
    tb(data.path())
        .args([
            "fill",
            "--no-edit",
            "--force",
            "--set",
            "intro=非UTF-8文件名里的草稿",
        ])
        .arg("--draft")
        .arg(&p)
        .assert()
        .code(0);
    let d = tianbiao::draft::read_draft(&p).unwrap();
    assert_eq!(d.answers.text("intro"), "非UTF-8文件名里的草稿");
}
