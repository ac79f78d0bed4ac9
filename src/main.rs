use org_console::early_read;

fn main() {
    console_error_panic_hook::set_once();
    // The stored workspace is read while the wasm loads; the console starts once it is.
    wasm_bindgen_futures::spawn_local(async {
        early_read::wait_for(early_read::started_snapshot_read()).await;
        leptos::mount::mount_to_body(org_console::App);
    });
}
