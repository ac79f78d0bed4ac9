use crate::components::confirm::ConfirmDialog;
use crate::components::download::download;
use crate::components::page_header::PageHeader;
use crate::store::use_store;
use leptos::prelude::*;
use org_rules::demo::demo_workspace;
use org_rules::snapshot::to_json;

/// The workspace as data: export it to a file, or reset it to the demo scenario.
#[component]
pub fn Data() -> impl IntoView {
    let store = use_store();
    let confirm_reset = RwSignal::new(false);
    let export_problem = RwSignal::new(None::<String>);
    let size = move || store.workspace.with(|ws| to_json(ws).len());
    let export = move |_| {
        let text = store.workspace.with_untracked(to_json);
        let file_name =
            store.workspace.with_untracked(|ws| format!("org-console-{}.json", ws.now().date()));
        export_problem.set(download(&file_name, "application/json", &text).err());
    };
    let reset = move || store.replace(demo_workspace(), "Reset to the demo scenario");
    view! {
        <PageHeader title="Data" />
        <section class="card" aria-labelledby="export-heading">
            <h2 id="export-heading">"Export"</h2>
            <p>
                "Everything lives in this browser's storage only ("
                {move || format!("{} characters", size())}
                " of about 5,000,000). Export a JSON file to keep a copy or move it to another browser."
            </p>
            <button class="button button-primary" on:click=export>"Export workspace"</button>
            {move || export_problem.get().map(|why| view! { <p class="alert alert-error" role="alert">{why}</p> })}
        </section>
        <section class="card danger-zone" aria-labelledby="reset-heading">
            <h2 id="reset-heading">"Reset to the demo scenario"</h2>
            <p>"Replaces this workspace with Owl Corp and Owl Labs as they ship. The current workspace is kept as the previous copy in this browser until the next change."</p>
            <button class="button button-destructive" on:click=move |_| confirm_reset.set(true)>"Reset to demo"</button>
            <ConfirmDialog open=confirm_reset question="Reset to the demo scenario?" verb="Reset to demo" on_confirm=reset>
                <p>"Every organization, user and domain you changed is replaced. Export first if you want to keep them."</p>
            </ConfirmDialog>
        </section>
    }
}
