use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// A file input that also takes a file dropped on it. The file's size is checked before it is
/// read, and its text handed on once the browser has it.
#[component]
pub fn FilePicker(
    id: &'static str,
    label: &'static str,
    /// The `accept` attribute: ".csv,text/csv".
    accept: &'static str,
    /// The id of the text that says what the file must hold.
    described_by: &'static str,
    max_bytes: f64,
    /// The file's name and text.
    on_file: Callback<(String, String)>,
    on_problem: Callback<String>,
) -> impl IntoView {
    let load = move |file: Option<web_sys::File>| {
        let Some(file) = file else {
            return;
        };
        if file.size() > max_bytes {
            let megabytes = |bytes: f64| (bytes / 1_048_576.0).ceil() as u64;
            on_problem.run(format!(
                "{} is {} MB; a file may have {} MB at most.",
                file.name(),
                megabytes(file.size()),
                megabytes(max_bytes)
            ));
            return;
        }
        let name = file.name();
        if let Err(why) = read_file(&file, move |text| on_file.run((name, text))) {
            on_problem.run(why);
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        load(ev.data_transfer().and_then(|data| data.files()).and_then(|files| files.get(0)));
    };
    view! {
        <div class="dropzone" on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
            <label for=id>{label}</label>
            <input
                id=id
                type="file"
                accept=accept
                aria-describedby=described_by
                on:change:target=move |ev| load(ev.target().files().and_then(|files| files.get(0)))
            />
            <p class="help">"or drop the file here"</p>
        </div>
    }
}

/// Reads `file` as text and hands it to `done` once the browser has it.
fn read_file(file: &web_sys::File, done: impl FnOnce(String) + 'static) -> Result<(), String> {
    let fail = |_| "The browser could not read the file.".to_owned();
    let reader = web_sys::FileReader::new().map_err(fail)?;
    let loaded = reader.clone();
    let on_load = Closure::once_into_js(move || {
        done(loaded.result().ok().and_then(|text| text.as_string()).unwrap_or_default());
    });
    reader.set_onload(Some(on_load.unchecked_ref()));
    reader.read_as_text(file).map_err(fail)
}
