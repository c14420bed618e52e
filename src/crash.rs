//! A panic stops the console (the release build aborts on it). Instead of a page that silently
//! stops answering, the panic hook hands the message to `index.html`'s crash screen: what
//! happened, Reload, and a report to copy.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Defined by `index.html`; absent where the console is mounted without it (component tests).
    #[wasm_bindgen(js_namespace = window, js_name = ecCrash, catch)]
    fn show_crash(message: &str) -> Result<(), JsValue>;
}

pub fn report_panics() {
    std::panic::set_hook(Box::new(|info| {
        let _ = show_crash(&info.to_string());
    }));
}
