//! A folder of stories given where one story's folder was meant: a clear error that names the
//! subfolders, not "empty input". Folders made here, in a fresh temporary directory.

use triangulate_readers::{fs::read_inputs, Format, ReadError};

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("triangulate-folders-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn a_folder_of_story_folders_names_them() {
    let root = scratch("tree");
    for s in ["storm", "bridge"] {
        std::fs::create_dir_all(root.join(s)).unwrap();
        std::fs::write(root.join(s).join("a.txt"), "The council met on Monday.").unwrap();
    }
    std::fs::create_dir_all(root.join(".hidden")).unwrap();
    std::fs::write(root.join("README.md"), "not an article").unwrap();
    let arg = root.to_string_lossy().into_owned();
    let err = read_inputs(std::slice::from_ref(&arg), Format::Auto).unwrap_err();
    match &err {
        ReadError::OnlySubfolders { name, subfolders } => {
            assert_eq!(name, &arg);
            let names: Vec<&str> = subfolders
                .iter()
                .map(|s| s.rsplit('/').next().unwrap())
                .collect();
            assert_eq!(names, ["bridge", "storm"], "sorted, hidden left out");
        }
        other => panic!("expected OnlySubfolders, got {other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.contains("ingest") && msg.contains("bridge"), "{msg}");
    // The story's own folder reads.
    let one = root.join("storm").to_string_lossy().into_owned();
    assert_eq!(read_inputs(&[one], Format::Auto).unwrap().docs.len(), 1);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn an_empty_folder_is_still_empty_input() {
    let root = scratch("empty");
    let arg = root.to_string_lossy().into_owned();
    let err = read_inputs(&[arg], Format::Auto).unwrap_err();
    assert!(matches!(err, ReadError::Empty { .. }), "{err:?}");
    let _ = std::fs::remove_dir_all(&root);
}
