//! The Tauri commands, declared once in `list.rs`: each is one line onto [`crate::handlers`].
//! Async, so long operations (AWS calls) run on the runtime and the window never freezes; every
//! error leaves with its headline in the reader's language ([`UiError::in_lang`]).
//!
//! From the same declaration come the invoke handler ([`invoke_handler`]), the command names
//! Tauri's permission manifest needs (`build.rs` includes `list.rs` too), and, in tests, the
//! window's typed bindings and the capability file, which are checked to be current
//! (`contract.rs`; `make bindings` regenerates them).

use sandpit_core::budget::GuardStatus;
use sandpit_core::cost::CostReport;
use sandpit_lessons::Hit;
use std::collections::BTreeMap;

use crate::error::UiError;
use crate::handlers::{self as h, AppState};
use crate::progress::StoreStatus;
use crate::settings::Settings;

/// One command's signature, for the generated bindings: TypeScript types from `ts-rs`.
#[cfg(test)]
pub(crate) struct Signature {
    pub(crate) name: &'static str,
    pub(crate) doc: String,
    /// `(name, TypeScript type)` of each argument, in order.
    pub(crate) args: Vec<(&'static str, String)>,
    /// The argument that takes a `Channel` of progress messages, and their TypeScript type.
    pub(crate) channel: Option<(&'static str, String)>,
    /// The TypeScript type of the answer.
    pub(crate) answer: String,
    /// Declarations of every named type the command uses (`type X = …;`), by name.
    pub(crate) declarations: std::collections::BTreeMap<String, String>,
}

/// Every named type `T` uses, declared (`ts-rs`).
#[cfg(test)]
fn declare<T: ts_rs::TS + 'static + ?Sized>(
    cfg: &ts_rs::Config,
    out: &mut std::collections::BTreeMap<String, String>,
) {
    struct Visit<'a>(&'a ts_rs::Config, &'a mut std::collections::BTreeMap<String, String>);
    impl ts_rs::TypeVisitor for Visit<'_> {
        fn visit<U: ts_rs::TS + 'static + ?Sized>(&mut self) {
            declare::<U>(self.0, self.1);
        }
    }
    // Types with a file of their own are the named ones (structs, enums), not `Vec` or `string`.
    if T::output_path().is_some() {
        let name = T::ident(cfg);
        if out.contains_key(&name) {
            return;
        }
        out.insert(name, T::decl(cfg));
    }
    T::visit_dependencies(&mut Visit(cfg, out));
    T::visit_generics(&mut Visit(cfg, out));
}

macro_rules! desktop_commands {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident ($state:ident $(, $arg:ident : $ty:ty)* $(; $chan:ident : $item:ty)? $(,)?) -> $ret:ty $body:block
    )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub(crate) async fn $name(
                state: tauri::State<'_, AppState>,
                $($arg: $ty,)*
                $($chan: tauri::ipc::Channel<$item>,)?
            ) -> Result<$ret, UiError> {
                let lang = state.lang();
                let $state: &AppState = &state;
                let answer: Result<$ret, UiError> = async move $body.await;
                answer.map_err(|e| e.in_lang(lang))
            }
        )*

        /// The command names, as the window calls them.
        #[cfg_attr(not(test), allow(dead_code))]
        pub(crate) const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// What `tauri::Builder::invoke_handler` takes: every command above.
        pub(crate) fn invoke_handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// Every command's signature with TypeScript types.
        #[cfg(test)]
        pub(crate) fn signatures() -> Vec<Signature> {
            let cfg = ts_rs::Config::new().with_large_int("number");
            vec![$({
                let mut declarations = std::collections::BTreeMap::new();
                $(declare::<$ty>(&cfg, &mut declarations);)*
                $(declare::<$item>(&cfg, &mut declarations);)?
                declare::<$ret>(&cfg, &mut declarations);
                declare::<UiError>(&cfg, &mut declarations);
                Signature {
                    name: stringify!($name),
                    doc: [$($doc),*].iter().map(|d| d.trim()).collect::<Vec<_>>().join(" "),
                    args: vec![$((stringify!($arg), <$ty as ts_rs::TS>::name(&cfg))),*],
                    channel: None$(.or(Some((stringify!($chan), <$item as ts_rs::TS>::name(&cfg)))))?,
                    answer: <$ret as ts_rs::TS>::name(&cfg),
                    declarations,
                }
            }),*]
        }
    };
}

include!("list.rs");

#[cfg(test)]
mod contract;
